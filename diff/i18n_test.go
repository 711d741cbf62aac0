package diff

import (
	"testing"

	"github.com/obiettivi/obiettivi/internal/i18n/i18ntest"
)

// TestCatalogues checks that every sentence of the reports is in every
// language's catalogue.
func TestCatalogues(t *testing.T) {
	keys := i18ntest.Keys(t, ".", nil)
	if len(keys) < 40 {
		t.Fatalf("found %d sentences only", len(keys))
	}
	i18ntest.CheckCatalogues(t, keys)
}
