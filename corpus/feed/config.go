// Package feed follows news feeds (RSS, Atom, JSON Feed, through gofeed)
// into a corpus directory: each new item's page is fetched and added as
// talkbot corpus add does (corpus/ingest). Polls are conditional GETs
// (ETag, Last-Modified), honour 429 and 503 Retry-After, back off per
// host on errors, and a feed's state (what was seen, when it was last
// polled, its health) survives restarts in a state file written
// atomically.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Intervals between polls of one feed.
const (
	DefaultInterval = 15 * time.Minute
	MinInterval     = 5 * time.Minute
	maxFeeds        = 500
	maxWords        = 100 // include or exclude entries per feed
)

// Config is a feeds file.
type Config struct {
	Feeds []Feed
}

// Feed is one followed feed.
type Feed struct {
	URL  string
	Name string // for logs and status ("" shows the URL)
	// Include keeps only items whose title or text holds one of these
	// words or phrases (any case); empty keeps every item. Exclude drops
	// items holding any of its words or phrases.
	Include, Exclude []string
	Interval         time.Duration
}

// Label names the feed in logs, status lines and metrics.
func (f Feed) Label() string {
	if f.Name != "" {
		return f.Name
	}
	return f.URL
}

type fileFeed struct {
	URL      string   `yaml:"url"`
	Name     string   `yaml:"name"`
	Include  []string `yaml:"include"`
	Exclude  []string `yaml:"exclude"`
	Interval string   `yaml:"interval"`
}

// ParseConfig reads a feeds file:
//
//	feeds:
//	  - url: https://example.org/world/rss.xml
//	    name: Example world news        # optional
//	    include: [Ukraine, "security guarantees"]   # optional
//	    exclude: [football]             # optional
//	    interval: 30m                   # optional: default 15m, at least 5m
//
// Errors name the feed and the field.
func ParseConfig(data []byte) (Config, error) {
	var doc struct {
		Feeds []fileFeed `yaml:"feeds"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, errEOF) || strings.Contains(err.Error(), "EOF") {
			return Config{}, errors.New("the feeds file is empty; it lists feeds: [{url: ...}, ...]")
		}
		return Config{}, fmt.Errorf("the feeds file is not valid: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Feeds) == 0 {
		return Config{}, errors.New("the feeds file lists no feed (feeds: [{url: ...}, ...])")
	}
	if len(doc.Feeds) > maxFeeds {
		return Config{}, fmt.Errorf("the feeds file lists %d feeds; at most %d", len(doc.Feeds), maxFeeds)
	}
	var cfg Config
	seen := map[string]int{}
	for i, ff := range doc.Feeds {
		where := fmt.Sprintf("feed %d", i+1)
		f := Feed{URL: strings.TrimSpace(ff.URL), Name: strings.TrimSpace(ff.Name), Interval: DefaultInterval}
		u, err := url.Parse(f.URL)
		if f.URL == "" {
			return Config{}, fmt.Errorf("%s: url is missing", where)
		}
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Config{}, fmt.Errorf("%s: url %q is not an http(s) address", where, f.URL)
		}
		if prev, dup := seen[f.URL]; dup {
			return Config{}, fmt.Errorf("%s: %s is listed already as feed %d", where, f.URL, prev)
		}
		seen[f.URL] = i + 1
		if ff.Interval != "" {
			d, err := time.ParseDuration(strings.TrimSpace(ff.Interval))
			if err != nil {
				return Config{}, fmt.Errorf("%s: interval %q is not a duration such as 15m or 1h", where, ff.Interval)
			}
			if d < MinInterval {
				return Config{}, fmt.Errorf("%s: interval %s is shorter than the least, %s", where, d, MinInterval)
			}
			f.Interval = d
		}
		for _, list := range []struct {
			name string
			in   []string
			out  *[]string
		}{{"include", ff.Include, &f.Include}, {"exclude", ff.Exclude, &f.Exclude}} {
			if len(list.in) > maxWords {
				return Config{}, fmt.Errorf("%s: %s lists %d entries; at most %d", where, list.name, len(list.in), maxWords)
			}
			for _, w := range list.in {
				if w = strings.TrimSpace(w); w == "" {
					return Config{}, fmt.Errorf("%s: %s has an empty entry", where, list.name)
				}
				*list.out = append(*list.out, w)
			}
		}
		cfg.Feeds = append(cfg.Feeds, f)
	}
	return cfg, nil
}

var errEOF = errors.New("EOF")
