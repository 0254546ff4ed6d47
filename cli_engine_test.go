package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An on-disk index is reused without reading the corpus again, and the
// files skipped when it was built are still reported, by file and line.
func TestIndexReuseReportsSkippedFiles(t *testing.T) {
	dir, idx := t.TempDir(), t.TempDir()
	good := "---\ntitle: A\npublisher: P\noriginal_source: O\nurl: https://example.com/a\npublished: 2025-01-02\npublished_approximate: false\n---\nTroops were pledged by France.\n"
	bad := "---\ntitle: B\npublisher: P\nurl: https://example.com/b\npublished: 2025-02-31\n---\nBody.\n"
	for name, src := range map[string]string{"a.md": good, "b.md": bad} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"TALKBOT_CORPUS": dir, "TALKBOT_INDEX": idx}
	for i, want := range []string{"built", "reused"} {
		code, out, errOut := runCLI(t, env, "ask", "troops pledged")
		if code != exitOK || !strings.Contains(out, "Troops were pledged by France.") {
			t.Fatalf("%s: exit %d, out %q, stderr %q", want, code, out, errOut)
		}
		if !strings.Contains(errOut, "skipped "+filepath.Join(dir, "b.md")+":5:") {
			t.Errorf("%s (run %d): want b.md:5 reported as skipped, stderr %q", want, i+1, errOut)
		}
	}
	// An edited file is seen: the index is rebuilt from it.
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(strings.Replace(good, "France", "Norway", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, env, "ask", "troops pledged")
	if code != exitOK || !strings.Contains(out, "Troops were pledged by Norway.") {
		t.Fatalf("after edit: exit %d, out %q, stderr %q", code, out, errOut)
	}
}

// TestDamagedIndexIsRebuilt: a byte flipped in a segment of the on-disk
// index is found when ask opens it; ask warns, rebuilds and answers.
func TestDamagedIndexIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, nil, "index", "--index", dir); code != 0 {
		t.Fatalf("index: %d %s", code, errOut)
	}
	zaps, _ := filepath.Glob(filepath.Join(dir, "current", "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no segment")
	}
	b, err := os.ReadFile(zaps[0])
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0xff
	if err := os.WriteFile(zaps[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, nil, "ask", "--index", dir, "who pledged troops?")
	if code != 0 || !strings.Contains(out, "1. \"") || !strings.Contains(errOut, "damaged") {
		t.Fatalf("ask over a damaged index: exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
}
