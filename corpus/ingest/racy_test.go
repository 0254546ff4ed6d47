package ingest

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A file read as it was written is read again at the next refresh: an
// edit in the same clock tick, keeping its size and time, is still seen.
func TestRefreshRereadsAFileReadAsItWasWritten(t *testing.T) {
	dir := t.TempDir()
	article := func(url string) []byte {
		return []byte("---\ntitle: Ports reopen\npublisher: Harbour Times\nurl: " + url + "\npublished: 2025-08-17\n---\nThe ports of the Black Sea reopened on Monday.\n")
	}
	p := filepath.Join(dir, "2025-08-17-harbour-times-ports.md")
	if err := os.WriteFile(p, article("https://harbour.example/one"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.refresh(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, article("https://harbour.example/two"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, time.Now(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := c.refresh(); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.byURL[URLKey("https://harbour.example/two")]; !ok {
		t.Fatal("an edit keeping the file's size and time went unseen")
	}
}
