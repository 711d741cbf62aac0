package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// exactArgs is cobra.ExactArgs with the usage exit code (2).
func exactArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return withCode(2, fmt.Errorf("%s takes %d argument(s), got %d (see '%s --help')", c.Name(), n, len(args), c.CommandPath()))
		}
		return nil
	}
}

// minArgs is cobra.MinimumNArgs with the usage exit code (2).
func minArgs(n int) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < n {
			return withCode(2, fmt.Errorf("%s takes at least %d argument(s), got %d (see '%s --help')", c.Name(), n, len(args), c.CommandPath()))
		}
		return nil
	}
}

// isUsageError tells the errors cobra itself returns for a wrong command line.
func isUsageError(err error) bool {
	s := err.Error()
	return strings.HasPrefix(s, "unknown command") || strings.HasPrefix(s, "unknown flag") ||
		strings.HasPrefix(s, "unknown shorthand flag") || strings.Contains(s, "flag needs an argument") ||
		strings.HasPrefix(s, "invalid argument")
}
