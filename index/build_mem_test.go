package index

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"talkbot/corpus"
)

// TestBuildMemory builds an on-disk index from a large corpus with
// OpenSource, then reopens it, logging peak resident memory and writing
// heap profiles during the build, for work on memory at scale. Skipped
// unless -build.corpus is given:
//
//	go test -run TestBuildMemory -v ./index -args -build.corpus ../bench/.cache/tiers/brown -build.profiles /tmp/prof
var (
	buildCorpus   = flag.String("build.corpus", "", "corpus directory for TestBuildMemory")
	buildProfiles = flag.String("build.profiles", "", "write heap profiles of the build here")
)

func TestBuildMemory(t *testing.T) {
	if *buildCorpus == "" {
		t.Skip("no -build.corpus")
	}
	dir := t.TempDir()
	src := corpus.SourceOf(*buildCorpus)
	var written int
	progress := func(done, total int) {
		if *buildProfiles == "" || total == 0 || written >= 2 || done*10 < total*(5+4*written) {
			return
		}
		written++
		f, err := os.Create(filepath.Join(*buildProfiles, "build-heap-"+string(rune('0'+written))+".pprof"))
		if err != nil {
			t.Error(err)
			return
		}
		defer f.Close()
		_ = pprof.Lookup("heap").WriteTo(f, 0)
	}
	start := time.Now()
	ix, err := OpenSource(context.Background(), src, Options{Dir: dir, Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built %d articles, %d passages in %s; peak RSS %s", len(ix.Articles()), ix.PassageCount(), time.Since(start).Round(time.Millisecond), peakRSS())
	ix.Close()
	start = time.Now()
	ix, err = OpenSource(context.Background(), src, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !ix.Reused() {
		t.Fatal("not reused")
	}
	if _, err := ix.Search(context.Background(), Query{Text: "security guarantees"}); err != nil {
		t.Fatal(err)
	}
	t.Logf("reopened and answered in %s", time.Since(start).Round(time.Millisecond))
}

// peakRSS is the process's VmHWM line from /proc (Linux), or "?".
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return "?"
}
