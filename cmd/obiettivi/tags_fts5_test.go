//go:build sqlite_fts5

package main

// The command built for the tests gets the tag this test binary has.
func init() { buildTags = "sqlite_fts5" }
