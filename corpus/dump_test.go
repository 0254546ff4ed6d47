package corpus

import (
	"flag"
	"io/fs"
	"testing"
)

var dump = flag.Bool("dump", false, "print every passage of the bundled corpus")

// TestDump prints what the loader keeps and drops of each bundled article,
// for reading by eye: go test ./corpus -run TestDump -v -args -dump
func TestDump(t *testing.T) {
	if !*dump {
		t.Skip("run with -args -dump")
	}
	articles, problems := Load(Bundled())
	for _, p := range problems {
		t.Log(p)
	}
	for _, a := range articles {
		t.Logf("=== %s | %q", a.ID, a.Title)
		data, _ := fs.ReadFile(Bundled(), a.ID+".md")
		src := string(data)
		fm, _ := parseFrontMatter(src)
		paras := paragraphs(src, splitLines(src, fm.bodyStart, fm.bodyLine))
		m := meta{title: a.Title, publisher: a.Publisher, author: a.Author, source: a.OriginalSource}
		for i, kind := range classify(src, paras, m) {
			if kind != "" {
				t.Logf("   dropped L%d (%s): %q", paras[i].line, kind, paras[i].text(src))
			}
		}
		for _, p := range Passages(a) {
			t.Logf("[%d L%d %d] %s", p.Seq, p.Line, len([]rune(p.Text)), p.Text)
		}
	}
}
