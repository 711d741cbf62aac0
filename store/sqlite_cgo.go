//go:build cgo

package store

import (
	"errors"

	"github.com/mattn/go-sqlite3"
)

// driverName is the database/sql driver the store opens files with.
const driverName = "sqlite3"

// available tells why this build cannot open a store; nil when it can.
func available() error { return nil }

// resultCode is the primary SQLite result code of err (SQLITE_FULL,
// SQLITE_CORRUPT, ...), and whether err came from SQLite at all.
func resultCode(err error) (int, bool) {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return 0, false
	}
	return int(se.Code), true
}
