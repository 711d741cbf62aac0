// Reads an obiettivi Parquet export with DuckDB and prints, as one JSON
// object, the rows of each table (read_parquet over the whole dataset
// with hive_partitioning), the rows per entity and year of objectives and
// staff, the columns and types of some tables, and from the lineage table
// the objectives new in each plan and the links of each kind.
//
//	node scripts/duckdb/count.mjs DIR
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node count.mjs DIR');
  process.exit(2);
}
const tables = ['documents', 'objectives', 'occurrences', 'staff', 'phases', 'phase_months',
  'indicator_targets', 'units', 'findings', 'lineage'];
const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
const source = (t) => `read_parquet('${dir.replaceAll("'", "''")}/${t}/**/*.parquet', hive_partitioning = true)`;
const out = { rows: {}, by_partition: {}, columns: {} };
for (const t of tables) {
  const r = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${source(t)}`);
  out.rows[t] = r.getRowObjects()[0].n;
}
for (const t of ['objectives', 'staff']) {
  const r = await conn.runAndReadAll(
    `SELECT entity, year::INTEGER AS year, count(*)::INTEGER AS n FROM ${source(t)} GROUP BY ALL ORDER BY ALL`);
  out.by_partition[t] = r.getRowObjects();
}
for (const t of ['objectives', 'phases', 'documents', 'lineage']) {
  const r = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source(t)}`);
  out.columns[t] = Object.fromEntries(r.getRowObjects().map((c) => [c.column_name, c.column_type]));
}
const latest = await conn.runAndReadAll(
  `SELECT count(*)::INTEGER AS n FROM ${source('objectives')} WHERE is_latest AND title ILIKE '%tempo medio ponderato%'`);
out.latest_payment_objectives = latest.getRowObjects()[0].n;
const fresh = await conn.runAndReadAll(
  `SELECT entity, year::INTEGER AS year, count(*)::INTEGER AS n FROM ${source('lineage')}
    WHERE is_latest AND new GROUP BY ALL ORDER BY ALL`);
out.new_per_year = fresh.getRowObjects();
const kinds = await conn.runAndReadAll(
  `SELECT year::INTEGER AS year, kind, count(*)::INTEGER AS n FROM ${source('lineage')}
    WHERE is_latest AND kind IS NOT NULL GROUP BY ALL ORDER BY ALL`);
out.kinds = kinds.getRowObjects();
console.log(JSON.stringify(out));
