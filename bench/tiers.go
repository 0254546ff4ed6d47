package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"talkbot/corpus"
	"talkbot/corpus/text"
)

// Tier is one corpus size the benchmark measures. Every tier holds the
// bundled articles, so the development questions can be asked of each and
// the Brown texts act as distractors.
type Tier struct {
	Name  string
	Dir   string // corpus directory written for it
	Brown int    // Brown articles in it, besides the bundled ones
}

// shuffleSeed fixes the 10k and 100k tiers' paragraph order across runs.
const shuffleSeed = 20260106

// genArticle is an article file to write.
type genArticle struct {
	ID, Title, Source, URL string
	Published              time.Time
	Paragraphs             []string
}

// brownArticles turns the corpus into n articles: the texts as they are
// when n is their count, else text i%len with its paragraphs shuffled
// (deterministically) under the id "<text>-v<round>".
func brownArticles(c BrownCorpus, n int) []genArticle {
	out := make([]genArticle, 0, n)
	for i := 0; i < n; i++ {
		t := c.Texts[i%len(c.Texts)]
		paras := t.Paragraphs
		id := "brown-" + t.ID
		if n != len(c.Texts) {
			round := i / len(c.Texts)
			id = fmt.Sprintf("brown-%s-v%02d", t.ID, round)
			paras = append([]string(nil), paras...)
			r := rand.New(rand.NewPCG(shuffleSeed, uint64(i)))
			r.Shuffle(len(paras), func(a, b int) { paras[a], paras[b] = paras[b], paras[a] })
		}
		out = append(out, genArticle{
			ID:         id,
			Title:      titleFrom(paras[0]),
			Source:     fmt.Sprintf("Brown Corpus, %c. %s", t.Category-'a'+'A', brownCategories[t.Category]),
			URL:        brownURL(c.Homepage, t.ID),
			Published:  brownDate(t.Category),
			Paragraphs: paras,
		})
	}
	return out
}

// brownURL links the package's homepage with the text id as fragment: the
// texts have no pages of their own, and no link is made up.
func brownURL(homepage, id string) string {
	if i := strings.IndexByte(homepage, '#'); i >= 0 {
		homepage = homepage[:i]
	}
	return homepage + "#" + id
}

// brownDate is a fixed date per category: the texts were printed in 1961,
// the day only keeps categories apart. Marked approximate.
func brownDate(cat byte) time.Time {
	return time.Date(1961, 1, 1+int(cat-'a'), 0, 0, 0, 0, time.UTC)
}

// titleFrom is the first sentence, cut at a word boundary when long.
func titleFrom(para string) string {
	s := para
	if ss := text.SentenceStrings(para); len(ss) > 0 {
		s = ss[0]
	}
	const max = 100
	if len(s) > max {
		cut := strings.LastIndexByte(s[:max], ' ')
		if cut < max/2 {
			cut = max
		}
		s = strings.TrimRight(s[:cut], " ,;:") + "…"
	}
	return s
}

// tierStamp names, inside a tier directory, what it was written from; the
// corpus loader skips dot files. A tier whose stamp matches is kept as it
// is: rewriting 100,000 files costs a minute and changes nothing.
const tierStamp = ".tier"

// writeTier writes the bundled articles and the generated ones into dir,
// replacing what was there, unless dir already holds exactly that (same
// stamp: the bundled files' bytes, the Brown version, count and seed).
func writeTier(dir, bundledDir string, arts []genArticle) error {
	bundled, err := filepath.Glob(filepath.Join(bundledDir, "*.md"))
	if err != nil {
		return err
	}
	if len(bundled) == 0 {
		return fmt.Errorf("%s: no bundled articles (*.md); run from bench/ or pass -repo", bundledDir)
	}
	h := sha256.New()
	fmt.Fprintf(h, "brown %s, %d articles, seed %d, format 1\n", brownVersion, len(arts), shuffleSeed)
	for _, p := range bundled {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.Base(p), len(b))
		h.Write(b)
	}
	stamp := hex.EncodeToString(h.Sum(nil))
	if old, err := os.ReadFile(filepath.Join(dir, tierStamp)); err == nil && string(old) == stamp {
		return nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, p := range bundled {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644); err != nil {
			return err
		}
	}
	for _, a := range arts {
		b, err := a.markdown()
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, a.ID+".md"), b, 0o644); err != nil {
			return err
		}
	}
	// Last, so a tier cut short by a crash is written again.
	return os.WriteFile(filepath.Join(dir, tierStamp), []byte(stamp), 0o644)
}

// markdown is the article in talkbot's corpus format, written by the
// corpus package's own writer.
func (a genArticle) markdown() ([]byte, error) {
	art := corpus.Article{ID: a.ID, Title: a.Title, Publisher: "Brown Corpus", OriginalSource: a.Source, URL: a.URL,
		Published: corpus.Date{Time: a.Published}, PublishedApproximate: true}
	for _, p := range a.Paragraphs {
		art.Paragraphs = append(art.Paragraphs, corpus.Paragraph{Text: p})
	}
	return corpus.Marshal(art)
}
