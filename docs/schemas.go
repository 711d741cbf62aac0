// Package docs holds the JSON Schemas of the formats obiettivi writes
// (obiettivi.plan/v1, obiettivi.diff/v1, and the JSON of list and
// search), for programs and tests that check documents against them.
package docs

import (
	"bytes"
	"embed"
	"fmt"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

//go:embed *.schema.json
var schemaFiles embed.FS

// Schema files.
const (
	PlanSchema        = "plan.schema.json"
	DiffSchema        = "diff.schema.json"
	StoreOutputSchema = "store-output.schema.json"
)

// Schema compiles the schema at ref: a schema file, with a fragment
// naming a part of it where one is wanted
// ("plan.schema.json#/$defs/findings"). Formats (date-time) are
// asserted.
func Schema(ref string) (*jsonschema.Schema, error) {
	file, _, _ := strings.Cut(ref, "#")
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	entries, err := schemaFiles.ReadDir(".")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		b, err := schemaFiles.ReadFile(e.Name())
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		if err := c.AddResource(e.Name(), doc); err != nil {
			return nil, err
		}
		// A schema is also found by its $id, so that one file's $ref can
		// name another's definitions.
		if m, ok := doc.(map[string]any); ok {
			if id, ok := m["$id"].(string); ok && id != "" {
				if err := c.AddResource(id, doc); err != nil {
					return nil, err
				}
			}
		}
	}
	if _, err := schemaFiles.ReadFile(file); err != nil {
		return nil, fmt.Errorf("no schema %s", file)
	}
	return c.Compile(ref)
}

// Validate checks the JSON text data against the schema at ref.
func Validate(ref string, data []byte) error {
	s, err := Schema(ref)
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	return s.Validate(v)
}
