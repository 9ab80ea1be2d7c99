package config

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestEverySettingDocumented: every Env* variable of config.go is in
// .env.example and in the README's settings table.
func TestEverySettingDocumented(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "config.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		for i, id := range vs.Names {
			if strings.HasPrefix(id.Name, "Env") && i < len(vs.Values) {
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					v, _ := strconv.Unquote(lit.Value)
					names = append(names, v)
				}
			}
		}
		return true
	})
	if len(names) < 10 {
		t.Fatalf("found only %d settings in config.go: %v", len(names), names)
	}
	example, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if !strings.Contains(string(example), n+"=") {
			t.Errorf(".env.example does not list %s", n)
		}
		if !strings.Contains(string(readme), "| `"+n+"` |") {
			t.Errorf("the README's settings table does not list %s", n)
		}
	}
}
