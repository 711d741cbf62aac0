package i18n

import (
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/message/catalog"
)

// englishPlurals are the English sentences whose words depend on a count;
// every other sentence is its own key.
var englishPlurals = map[string]catalog.Message{
	// Keys told apart for another language, written alike in English.
	"%d unit(s) added":   catalog.String("%d added"),
	"%d unit(s) removed": catalog.String("%d removed"),
	"%d unit(s) changed": catalog.String("%d changed"),
	"badge: added":       catalog.String("added"),
	"badge: removed":     catalog.String("removed"),
	"badge: changed":     catalog.String("changed"),
	"badge: moved":       catalog.String("moved"),
	"%d objectives linked to those of %s": plural.Selectf(1, "%d",
		plural.One, "1 objective linked to one of %[2]s", plural.Other, "%[1]d objectives linked to those of %[2]s"),
	"%s, %s: first appears in %s; %d prints": plural.Selectf(4, "%d",
		plural.One, "%[1]s, %[2]s: first appears in %[3]s; 1 print",
		plural.Other, "%[1]s, %[2]s: first appears in %[3]s; %[4]d prints"),
	"%s (%d phases, %d with Consuntivo months)": plural.Selectf(2, "%d",
		plural.One, "%[1]s (1 phase, %[3]d with Consuntivo months)",
		plural.Other, "%[1]s (%[2]d phases, %[3]d with Consuntivo months)"),
	"match: moved":        catalog.String("moved"),
	"status: planned":     catalog.String("planned"),
	"status: in progress": catalog.String("in progress"),
	"status: completed":   catalog.String("completed"),
	"%d findings":         plural.Selectf(1, "%d", plural.One, "1 finding", plural.Other, "%d findings"),
	"%d errors":           plural.Selectf(1, "%d", plural.One, "1 error", plural.Other, "%d errors"),
	"%d warnings":         plural.Selectf(1, "%d", plural.One, "1 warning", plural.Other, "%d warnings"),
	" (also printed in %d other places, pages %s)": plural.Selectf(1, "%d",
		plural.One, " (also printed in 1 other place, %[2]s)", plural.Other, " (also printed in %[1]d other places, pages %[2]s)"),
	"%d indicators here vs %d": plural.Selectf(1, "%d", plural.One, "1 indicator here vs %[2]d", plural.Other, "%[1]d indicators here vs %[2]d"),
	"%d phases here vs %d":     plural.Selectf(1, "%d", plural.One, "1 phase here vs %[2]d", plural.Other, "%[1]d phases here vs %[2]d"),
	"%s (%d rows: %s)":         plural.Selectf(2, "%d", plural.One, "%[1]s (1 row: %[3]s)", plural.Other, "%[1]s (%[2]d rows: %[3]s)"),
	"%s %s is titled %s here but %s in %d other objectives (%s): %s": plural.Selectf(5, "%d",
		plural.One, "%[1]s %[2]s is titled %[3]s here but %[4]s in 1 other objective (%[6]s): %[7]s",
		plural.Other, "%[1]s %[2]s is titled %[3]s here but %[4]s in %[5]d other objectives (%[6]s): %[7]s"),
	"%s %s is titled %s here but %s in %d other objectives: %s": plural.Selectf(5, "%d",
		plural.One, "%[1]s %[2]s is titled %[3]s here but %[4]s in 1 other objective: %[6]s",
		plural.Other, "%[1]s %[2]s is titled %[3]s here but %[4]s in %[5]d other objectives: %[6]s"),
	"%s has %s %q here but %q in %d other objectives (%s)": plural.Selectf(5, "%d",
		plural.One, "%[1]s has %[2]s %[3]q here but %[4]q in 1 other objective (%[6]s)",
		plural.Other, "%[1]s has %[2]s %[3]q here but %[4]q in %[5]d other objectives (%[6]s)"),
	"%s has %s %q here but %q in %d other objectives": plural.Selectf(5, "%d",
		plural.One, "%[1]s has %[2]s %[3]q here but %[4]q in 1 other objective",
		plural.Other, "%[1]s has %[2]s %[3]q here but %[4]q in %[5]d other objectives"),
}
