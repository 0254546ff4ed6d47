//go:build linux

package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"talkbot/corpus"
	"talkbot/internal/testfs"
)

// TestFullDiskFailsTheBuild: a build on a file system that fills up
// fails within seconds saying "no space left on device" and naming the
// directory, and leaves no half-built index behind.
func TestFullDiskFailsTheBuild(t *testing.T) {
	dir := filepath.Join(testfs.Small(t, 160<<10), "ix")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	ix, err := OpenSource(ctx, corpus.SourceFS(corpus.Bundled()), Options{Dir: dir})
	if err == nil {
		ix.Close()
		t.Fatal("the build fitted in 160 KiB; make the file system smaller")
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the build took %s to fail", took)
	}
	if !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), dir) {
		t.Errorf("error %q does not say the disk is full in %s", err, dir)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "build-*"))
	if cur, err := os.Stat(filepath.Join(dir, currentDir)); err == nil || len(left) > 0 {
		t.Errorf("half-built index left behind: %v %v", cur, left)
	}
}
