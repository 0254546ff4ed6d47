//go:build linux

package serving

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"talkbot/index"
	"talkbot/internal/testfs"
)

// TestReloadOnFullDiskKeepsServing: a reload whose build fills the disk
// fails within seconds, the previous index keeps answering, and the
// half-built reload directory is gone.
func TestReloadOnFullDiskKeepsServing(t *testing.T) {
	base := testfs.Small(t, 160<<10)
	cur := NewCurrent(build(t, ""), nil)
	t.Cleanup(cur.Close)
	r, err := NewReloader(ReloadConfig{Build: BuildConfig{NewRouter: realRouter, Index: index.Options{Dir: base}}, Current: cur})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	err = r.Reload(ctx)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("reload on a full disk: %v", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %s to fail", took)
	}
	if search(t, cur, "security guarantees") == 0 {
		t.Error("the previous index stopped answering")
	}
	if left, _ := filepath.Glob(filepath.Join(base, "reload-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
