// Package i18ntest finds the sentences a package writes through i18n, so
// that a test can check that every one of them is in every catalogue.
package i18ntest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/obiettivi/obiettivi/internal/i18n"
)

// Keys returns the catalogue keys that the Go files of dir (tests left
// out) pass to i18n: the first argument of i18n.T and of a Writer's
// Sprintf, the sentence argument of the methods named in keyArg
// ("c.add" → argument index), string constants whose name begins with "key", and
// strings assigned to a variable named key. A call whose key is neither a
// literal nor one of those is reported as a test error.
func Keys(t *testing.T, dir string, keyArg map[string]int) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var keys []string
	addKey := func(s string) {
		if !seen[s] {
			seen[s] = true
			keys = append(keys, s)
		}
	}
	var parsed []*ast.File
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
	}
	consts := map[string]bool{}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.ValueSpec:
				for i, name := range x.Names {
					if strings.HasPrefix(name.Name, "key") && i < len(x.Values) {
						if s, ok := literal(x.Values[i]); ok {
							consts[name.Name] = true
							addKey(s)
						}
					}
				}
			case *ast.AssignStmt:
				for i, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == "key" && i < len(x.Rhs) {
						if s, ok := literal(x.Rhs[i]); ok {
							addKey(s)
						}
					}
				}
			}
			return true
		})
	}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			idx := -1
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				recv, _ := fn.X.(*ast.Ident)
				switch {
				case recv != nil && recv.Name == "i18n" && fn.Sel.Name == "T":
					idx = 0
				case recv != nil && recv.Name == "fmt":
				case fn.Sel.Name == "Sprintf":
					idx = 0
				case recv != nil:
					if i, ok := keyArg[recv.Name+"."+fn.Sel.Name]; ok {
						idx = i
					}
				}
			case *ast.Ident:
				if i, ok := keyArg[fn.Name]; ok {
					idx = i
				}
			}
			if idx < 0 || idx >= len(call.Args) {
				return true
			}
			arg := call.Args[idx]
			if s, ok := literal(arg); ok {
				addKey(s)
				return true
			}
			if id, ok := arg.(*ast.Ident); ok && (consts[id.Name] || id.Name == "key") {
				return true
			}
			if sel, ok := arg.(*ast.SelectorExpr); ok && (sel.Sel.Name == "key" || sel.Sel.Name == "Key") {
				return true // a key read from a table of key constants
			}
			t.Errorf("%s: the sentence is not a literal nor a key constant", fset.Position(arg.Pos()))
			return true
		})
	}
	return keys
}

func literal(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

// CheckCatalogues fails t for every key that a language's catalogue lacks.
func CheckCatalogues(t *testing.T, keys []string) {
	t.Helper()
	for _, k := range keys {
		if !neutral(k) && !i18n.Has(i18n.Italian, k) {
			t.Errorf("the Italian catalogue lacks %q", k)
		}
	}
}

// neutral reports whether a key has no word to translate ("%s%s", "%s (%s)").
func neutral(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == '%' && i+1 < len(k) {
			i++
			continue
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}
