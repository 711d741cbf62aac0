//go:build !cgo

package store

// driverName is the database/sql driver the store opens files with. In a
// build without cgo it is go-sqlite3's stand-in, which opens nothing.
const driverName = "sqlite3"

// available tells why this build cannot open a store.
func available() error { return ErrNoSQLite }

func resultCode(error) (int, bool) { return 0, false }
