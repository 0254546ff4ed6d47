package feed

import (
	"strings"
	"testing"
	"time"
)

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig([]byte(`
feeds:
  - url: https://example.org/rss.xml
    name: Example
    include: [Ukraine, "security guarantees"]
    exclude: [football]
    interval: 30m
  - url: http://other.example/atom
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Feeds) != 2 || cfg.Feeds[0].Interval != 30*time.Minute || cfg.Feeds[1].Interval != DefaultInterval ||
		len(cfg.Feeds[0].Include) != 2 || cfg.Feeds[0].Exclude[0] != "football" || cfg.Feeds[1].Label() != "http://other.example/atom" {
		t.Errorf("%+v", cfg)
	}
	for src, want := range map[string]string{
		"":                           "empty",
		"feeds: []":                  "lists no feed",
		"feeds:\n  - name: x":        "url is missing",
		"feeds:\n  - url: ftp://x/y": "not an http(s) address",
		"feeds:\n  - url: https://a/b\n    interval: 1m":     "shorter than the least",
		"feeds:\n  - url: https://a/b\n    interval: soon":   "not a duration",
		"feeds:\n  - url: https://a/b\n    every: 5m":        "field every not found",
		"feeds:\n  - url: https://a/b\n  - url: https://a/b": "listed already",
		"feeds:\n  - url: https://a/b\n    include: ['']":    "empty entry",
		"feeds: [": "not valid",
	} {
		if _, err := ParseConfig([]byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", src, err, want)
		}
	}
}

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("feeds:\n  - url: https://example.org/rss\n    include: [a, b]\n    interval: 10m\n"))
	f.Add([]byte("feeds: [{url: 'http://x.org', exclude: [c]}]"))
	f.Add([]byte("feeds: &a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig(data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") && !strings.Contains(err.Error(), "not valid") {
				t.Errorf("a multi-line error: %q", err)
			}
			return
		}
		for _, fd := range cfg.Feeds {
			if fd.Interval < MinInterval || fd.URL == "" {
				t.Errorf("accepted %+v", fd)
			}
		}
	})
}
