package index

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"talkbot/corpus"
)

// Layout of an index directory:
//
//	DIR/lock                 flock held while a process uses the index
//	DIR/current/             the Bleve index
//	DIR/current/talkbot.json the manifest: what it was built from
//	DIR/build-*, DIR/old-*   left over by an interrupted rebuild; removed
const (
	currentDir   = "current"
	manifestName = "talkbot.json"
	lockWait     = 2 * time.Second
)

type manifest struct {
	Version  string `json:"version"`
	Content  string `json:"content"`
	Passages int    `json:"passages"`
	Built    string `json:"built"`
}

// contentHash identifies the articles and passages an index is built from.
func contentHash(articles []corpus.Article, passages []corpus.Passage) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, a := range articles {
		_ = enc.Encode(a)
	}
	for _, p := range passages {
		_ = enc.Encode(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (ix *Index) openDir(ctx context.Context, dir string, articles []corpus.Article, passages []corpus.Passage, progress func(int, int)) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("index directory %s: %w", dir, err)
	}
	lock, err := lockDir(dir, lockWait)
	if err != nil {
		return err
	}
	want := manifest{Version: versionString(), Content: contentHash(articles, passages), Passages: len(passages)}
	bi, err := ix.reuse(dir, want)
	if err == nil {
		ix.bi, ix.lock, ix.reused = bi, lock, true
		ix.log.Info("index reused", "dir", dir, "passages", len(passages))
		return nil
	}
	if errors.Is(err, ErrLocked) {
		lock.release()
		return err
	}
	ix.log.Info("building index", "dir", dir, "passages", len(passages), "reason", err.Error())
	bi, err = ix.rebuild(ctx, dir, want, articles, passages, progress)
	if err != nil {
		lock.release()
		return err
	}
	ix.bi, ix.lock = bi, lock
	return nil
}

// reuse opens DIR/current when its manifest matches want; the error says
// why it could not.
func (ix *Index) reuse(dir string, want manifest) (bleve.Index, error) {
	path := filepath.Join(dir, currentDir)
	b, err := os.ReadFile(filepath.Join(path, manifestName))
	if err != nil {
		return nil, errors.New("no manifest")
	}
	var got manifest
	if err := json.Unmarshal(b, &got); err != nil {
		return nil, errors.New("unreadable manifest")
	}
	if got.Version != want.Version {
		return nil, fmt.Errorf("mapping changed (%s, now %s)", got.Version, want.Version)
	}
	if got.Content != want.Content || got.Passages != want.Passages {
		return nil, errors.New("corpus changed")
	}
	bi, err := openBleve(path)
	if err != nil {
		return nil, err
	}
	n, err := bi.DocCount()
	if err != nil || n != uint64(want.Passages) {
		_ = bi.Close()
		return nil, fmt.Errorf("index damaged (%d documents, manifest says %d)", n, want.Passages)
	}
	return bi, nil
}

// openBleve opens an on-disk index without ever blocking on another
// holder of its Bolt file.
func openBleve(path string) (bleve.Index, error) {
	bi, err := bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": lockWait.String()})
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("%w: %s", ErrLocked, path)
		}
		return nil, fmt.Errorf("index damaged: %v", err)
	}
	return bi, nil
}

// rebuild builds a fresh index beside the current one and swaps it in
// with renames, so an interrupted build never leaves a half index behind
// as "current".
func (ix *Index) rebuild(ctx context.Context, dir string, want manifest, articles []corpus.Article, passages []corpus.Passage, progress func(int, int)) (bleve.Index, error) {
	clearLeftovers(dir)
	build := filepath.Join(dir, "build-"+randomSuffix())
	bi, err := bleve.NewUsing(build, ix.m, "scorch", "scorch", nil)
	if err != nil {
		return nil, fmt.Errorf("create index in %s: %w", build, err)
	}
	if err := ix.fill(ctx, bi, articles, passages, 2000, progress); err != nil {
		_ = bi.Close()
		_ = os.RemoveAll(build)
		return nil, err
	}
	if err := bi.Close(); err != nil {
		_ = os.RemoveAll(build)
		return nil, fmt.Errorf("write index %s: %w", build, err)
	}
	want.Built = time.Now().UTC().Format(time.RFC3339)
	mb, _ := json.MarshalIndent(want, "", "  ")
	if err := os.WriteFile(filepath.Join(build, manifestName), mb, 0o644); err != nil {
		_ = os.RemoveAll(build)
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	cur := filepath.Join(dir, currentDir)
	old := filepath.Join(dir, "old-"+randomSuffix())
	if _, err := os.Stat(cur); err == nil {
		if err := os.Rename(cur, old); err != nil {
			return nil, fmt.Errorf("replace index %s: %w", cur, err)
		}
	}
	if err := os.Rename(build, cur); err != nil {
		return nil, fmt.Errorf("replace index %s: %w", cur, err)
	}
	_ = os.RemoveAll(old)
	return openBleve(cur)
}

func clearLeftovers(dir string) {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if n := e.Name(); strings.HasPrefix(n, "build-") || strings.HasPrefix(n, "old-") {
			_ = os.RemoveAll(filepath.Join(dir, n))
		}
	}
}

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
