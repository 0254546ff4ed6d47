//go:build unix

package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOddFilesAreProblems: a named pipe, a link to /dev/zero, a link out
// of the corpus directory and a huge file are each one problem naming the
// file, found at once; the good article beside them loads.
func TestOddFilesAreProblems(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "good.md"), []byte(goodFront+goodBody), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "x.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "z.md")); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("The secret paragraph of another directory.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "passwd.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../"+filepath.Base(filepath.Dir(outside))+"/secret.txt", filepath.Join(dir, "relative.txt")); err != nil {
		t.Fatal(err)
	}
	huge, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := huge.Truncate(maxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	huge.Close()
	if err := os.Mkdir(filepath.Join(dir, "drafts"), 0o755); err != nil {
		t.Fatal(err)
	}

	done := make(chan struct{})
	var arts []Article
	var problems []Problem
	go func() {
		arts, problems = LoadDir(dir)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("loading a corpus with a named pipe in it hangs")
	}
	if len(arts) != 1 || arts[0].ID != "good" {
		t.Fatalf("loaded %d articles; want the good one alone", len(arts))
	}
	want := map[string]string{
		"x.md":         "not a regular file",
		"z.md":         "outside the corpus directory",
		"passwd.txt":   "outside the corpus directory",
		"relative.txt": "outside the corpus directory",
		"huge.txt":     "over 10 MB",
	}
	got := map[string]string{}
	for _, p := range problems {
		got[filepath.Base(p.Path)] = p.Msg
	}
	for file, msg := range want {
		if !strings.Contains(got[file], msg) {
			t.Errorf("%s: problem %q, want one saying %q", file, got[file], msg)
		}
	}
	if len(problems) != len(want) {
		t.Errorf("problems %v; want one per odd file", problems)
	}
	if sub := SourceOf(dir).Subdirectories(); len(sub) != 1 || sub[0] != "drafts" {
		t.Errorf("subdirectories %v, want [drafts]", sub)
	}
	// The fingerprint reads the same way and returns too.
	if fp, _ := SourceOf(dir).Fingerprint(nil); fp == "" {
		t.Error("no fingerprint")
	}
}
