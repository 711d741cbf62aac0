// Package api is the library's one door: one call per thing the obiettivi
// command does, each with an options struct, usable from Go without the
// command.
//
//   - ExtractFile and Extract read a Stampa Obiettivi PDF into its plan
//     document (plan.Document); Load reads whatever a command line names
//     (a PDF, a plan JSON file, a stored document).
//   - Inspect draws a page as the extractor sees it (SVG).
//   - Ingest writes PDFs and plan JSON files into the SQLite store, with a
//     progress callback, cancellation through its context and each file's
//     outcome as a value; List, Search and Export read the store back
//     (Export as plan JSON, CSV, NDJSON or Parquet).
//   - Audit and Diff write their reports (text, Markdown, HTML, JSON; in
//     Italian or English); Audit also compares a plan with the stored plan
//     of an earlier year of its entity (AuditReport.Previous). History
//     tells a stored objective's story across the prints (text, HTML
//     timeline, JSON).
//
// Errors that concern one input file are, or wrap, an *Error naming the
// file (and the page); the other typed errors (PageRangeError,
// FormatError, NoStoreError, InterruptedError, QueryError, FileError) say
// what a caller may want to act on, and the sentinels (ErrNoDocument,
// ErrNoPDFs, ErrFolder, ErrNotPlan) match with errors.Is.
package api
