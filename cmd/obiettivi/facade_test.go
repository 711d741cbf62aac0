package main

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// module is the path of this module, whose packages the command may use
// only through api (and plan, the model api speaks).
const module = "github.com/obiettivi/obiettivi"

// TestImportsOnlyAPI holds the command to the library's one door: no
// non-test file of the command imports a package of the module but api
// and plan.
func TestImportsOnlyAPI(t *testing.T) {
	allowed := map[string]bool{module + "/api": true, module + "/plan": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				t.Fatal(err)
			}
			if (path == module || strings.HasPrefix(path, module+"/")) && !allowed[path] {
				t.Errorf("%s imports %s: the command reaches the library through api (and plan) only", fset.Position(imp.Pos()), path)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no source files of the command found")
	}
}

// TestLoadHint asks for a stored document where there is no store: the
// library says what is missing, the command adds the flag that helps.
func TestLoadHint(t *testing.T) {
	for _, args := range [][]string{
		{"audit", "Comune di Capannori:2024"},
		{"diff", "Comune di Capannori:2024", "Comune di Capannori:2025"},
	} {
		_, stderr, code := runCLI(t, t.TempDir(), args...)
		want := "obiettivi: Comune di Capannori:2024: no such file, nor a store obiettivi.sqlite here to look it up in (give one with --db)\n"
		if code == 0 || stderr != want {
			t.Errorf("%s: exit %d, stderr %q; want %q", args[0], code, stderr, want)
		}
	}
}
