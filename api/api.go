// Package api is the thin facade over the stages of obiettivi: each
// function is one thing a command does (extract a PDF, load a target).
package api

import (
	"context"

	"github.com/obiettivi/obiettivi/plan"
)

// Options tune how a PDF is read.
type Options struct {
	// Password opens a PDF that needs a user password.
	Password string
	// Workers is the number of pages read at once; 0 means all cores.
	Workers int
}

// ExtractFile reads the Stampa Obiettivi PDF at path and returns its plan
// document, findings included.
func ExtractFile(ctx context.Context, path string, opt Options) (*plan.Document, error) {
	panic("not yet written")
}
