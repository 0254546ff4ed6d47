package answer

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"talkbot/corpus"
	"talkbot/corpus/text"
	"talkbot/index"
)

// evalCases is the who_pledged and quotes part of an eval file.
type evalCases struct {
	WhoPledged []struct {
		Topic      string   `json:"topic"`
		Pledged    []string `json:"pledged"`
		Declined   []string `json:"declined"`
		NotPledged []string `json:"not_pledged"`
	} `json:"who_pledged"`
	Quotes []struct {
		Speaker string   `json:"speaker"`
		About   string   `json:"about"`
		Keys    []string `json:"keys"`
		Unknown bool     `json:"unknown"`
	} `json:"quotes"`
}

var annotateBundled = sync.OnceValues(func() (*index.Index, error) {
	arts, probs := corpus.Load(corpus.Bundled())
	if len(probs) > 0 {
		return nil, probs[0]
	}
	ps := corpus.AllPassages(arts)
	return index.Open(context.Background(), arts, ps, index.Options{})
})

func annotateIndex(t testing.TB) *index.Index {
	t.Helper()
	ix, err := annotateBundled()
	if err != nil {
		t.Fatalf("bundled index: %v", err)
	}
	return ix
}

// sharedEngine answers from the bundled index for every test that only
// reads: its caches warm up across tests, as a serving engine's do.
var sharedEngine = sync.OnceValue(func() *Engine {
	ix, err := annotateBundled()
	if err != nil {
		return nil
	}
	return NewEngine(ix)
})

func bundledEngine(t testing.TB) *Engine {
	t.Helper()
	annotateIndex(t) // fails the test when the index did not build
	return sharedEngine()
}

// in is typed input the test knows to be valid.
func in(t testing.TB, s string) Input {
	t.Helper()
	v, err := CheckOptionalInput(s)
	if err != nil {
		t.Fatalf("input %q: %v", s, err)
	}
	return v
}

func loadEval(t *testing.T, path string) evalCases {
	t.Helper()
	return loadJSON[evalCases](t, path)
}

// loadJSON decodes the JSON file at path, failing the test on any error.
func loadJSON[T any](t testing.TB, path string) T {
	t.Helper()
	var v T
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

func actorNames(as []Actor) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Actor)
	}
	return out
}

func TestAnnotateEval(t *testing.T) {
	e := bundledEngine(t)
	ctx := context.Background()
	passed, total := 0, 0
	for _, file := range []string{"../testdata/eval/dev.json", "../testdata/eval/annotate_extra.json"} {
		ev := loadEval(t, file)
		for _, c := range ev.WhoPledged {
			total++
			res, err := e.WhoPledged(ctx, in(t, c.Topic))
			if err != nil {
				t.Errorf("%s: who-pledged %q: %v", file, c.Topic, err)
				continue
			}
			pledged, declined := actorNames(res.Pledged), actorNames(res.Declined)
			ok := true
			for _, a := range c.Pledged {
				if !hasName(pledged, a) {
					t.Errorf("%s: who-pledged %q: %s not pledged (pledged %q, declined %q, unclear %q)",
						file, c.Topic, a, pledged, declined, actorNames(res.Unclear))
					ok = false
				}
			}
			for _, a := range c.Declined {
				if !hasName(declined, a) {
					t.Errorf("%s: who-pledged %q: %s not declined (declined %q)", file, c.Topic, a, declined)
					ok = false
				}
			}
			for _, a := range append(append([]string(nil), c.Declined...), c.NotPledged...) {
				if hasName(pledged, a) {
					t.Errorf("%s: who-pledged %q: %s listed as pledged", file, c.Topic, a)
					ok = false
				}
			}
			if !checkPledges(t, res) {
				ok = false
			}
			if ok {
				passed++
			}
		}
		for _, c := range ev.Quotes {
			total++
			res, err := e.QuotesBy(ctx, in(t, c.Speaker), in(t, c.About))
			if err != nil {
				t.Errorf("%s: quote %q: %v", file, c.Speaker, err)
				continue
			}
			if c.Unknown {
				if len(res.Quotes) != 0 || len(res.Closest) == 0 {
					t.Errorf("%s: quote %q: want no quotes and closest speakers, got %d quotes, closest %q",
						file, c.Speaker, len(res.Quotes), res.Closest)
					continue
				}
				passed++
				continue
			}
			if quoteFound(res, c.Keys) {
				passed++
			} else {
				var got []string
				for _, q := range res.Quotes {
					got = append(got, q.Text)
				}
				t.Errorf("%s: quote %q about %q: no quotation holds %q; speaker %q, got %q",
					file, c.Speaker, c.About, c.Keys, res.Speaker, got)
			}
			for _, q := range res.Quotes {
				if !strings.Contains(q.Passage, q.Text) || q.Article.URL == "" {
					t.Errorf("%s: quote %q: %q is not the exact words of its passage, or has no source", file, c.Speaker, q.Text)
				}
			}
		}
	}
	t.Logf("who-pledged and quote cases passed: %d/%d", passed, total)
}

// checkPledges checks the answer's shape: every actor once, with a quote
// and its source.
func checkPledges(t *testing.T, res Pledges) bool {
	t.Helper()
	ok := true
	seen := map[string]bool{}
	for _, list := range [][]Actor{res.Pledged, res.Declined, res.Unclear} {
		for _, a := range list {
			if seen[a.Actor] {
				t.Errorf("who-pledged %q: %s listed twice", res.Topic, a.Actor)
				ok = false
			}
			seen[a.Actor] = true
			if len(a.Quotes) == 0 || a.Quotes[0].Article.URL == "" || a.Quotes[0].Passage == "" {
				t.Errorf("who-pledged %q: %s has no quote with a source", res.Topic, a.Actor)
				ok = false
			}
		}
	}
	return ok
}

func quoteFound(res Quotes, keys []string) bool {
	for _, q := range res.Quotes {
		for _, k := range keys {
			if strings.Contains(text.Key(q.Text), text.Key(k)) {
				return true
			}
		}
	}
	return false
}
