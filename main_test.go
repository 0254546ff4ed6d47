package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs one command line in-process, as a pipe would see it.
func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &cliEnv{stdout: &out, stderr: &errOut, getenv: func(k string) string { return env[k] }}
	code = run(context.Background(), e, args)
	return code, out.String(), errOut.String()
}

func TestAskPrintsQuotesWithSources(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "ask", "who pledged troops?")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "1. \"") || !strings.Contains(out, "https://") {
		t.Errorf("want a numbered quote and a link, got:\n%s", out)
	}
	if strings.Contains(out, "**") || strings.Contains(out, "\x1b[") {
		t.Errorf("piped output must be plain, got:\n%s", out)
	}
}

func TestAskJSONContract(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "ask", "--json", "who will lead the ceasefire monitoring")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Query      string  `json:"query"`
		Total      *int    `json:"total"`
		Suggestion *string `json:"suggestion"`
		Results    []struct {
			Passage     string   `json:"passage"`
			Highlighted string   `json:"highlighted"`
			Score       *float64 `json:"score"`
			Article     map[string]any
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got.Query != "who will lead the ceasefire monitoring" || got.Total == nil || got.Suggestion == nil {
		t.Errorf("query/total/suggestion missing: %+v", got)
	}
	if len(got.Results) == 0 || len(got.Results) > 3 {
		t.Fatalf("ask gives 1 to 3 results, got %d", len(got.Results))
	}
	perArticle := map[any]int{}
	for _, r := range got.Results {
		if r.Passage == "" || !strings.Contains(r.Highlighted, "**") || r.Score == nil {
			t.Errorf("incomplete result: %+v", r)
		}
		for _, k := range []string{"id", "title", "publisher", "original_source", "url", "published", "published_approximate"} {
			if _, ok := r.Article[k]; !ok {
				t.Errorf("article lacks %q: %v", k, r.Article)
			}
		}
		perArticle[r.Article["id"]]++
		if perArticle[r.Article["id"]] > 2 {
			t.Errorf("more than two results from %v", r.Article["id"])
		}
	}
}

func TestSearchFiltersAndLimit(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "search", "--json", "troops", "--limit", "2", "--publisher", "234radio", "--from", "2026-01-01")
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Results []struct {
			Article struct {
				Publisher string `json:"publisher"`
				Published string `json:"published"`
			} `json:"article"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Results) == 0 || len(got.Results) > 2 {
		t.Fatalf("want 1-2 results, got %d", len(got.Results))
	}
	for _, r := range got.Results {
		if r.Article.Publisher != "234Radio" || r.Article.Published < "2026-01-01" {
			t.Errorf("filter not applied: %+v", r.Article)
		}
	}
}

func TestBadInputIsOneLineAndExit2(t *testing.T) {
	cases := [][]string{
		{"search", "--limit", "0", "troops"},
		{"search", "--from", "2025-13-40", "troops"},
		{"search", "--from", "2026-01-01", "--to", "2025-01-01", "troops"},
		{"search", "--bogus", "troops"},
		{"search"},
		{"ask", "   "},
		{"ask", "?!*"},
		{"ask", strings.Repeat("troops ", 200)},
		{"frobnicate"},
		{"corpus", "inspect"},
		{"index"},
		{"ask", "--corpus", "/nonexistent/dir", "troops"},
	}
	for _, args := range cases {
		code, _, errOut := runCLI(t, nil, args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		if strings.Count(strings.TrimRight(errOut, "\n"), "\n") != 0 || errOut == "" {
			t.Errorf("%q: want one line on stderr, got %q", args, errOut)
		}
	}
}

func TestNoMatchPrintsSuggestionAndExits0(t *testing.T) {
	code, out, _ := runCLI(t, nil, "search", "Starmr")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(out, "1. \"") && !strings.Contains(strings.ToLower(out), "did you mean") {
		t.Errorf("a misspelt name should be found or corrected, got:\n%s", out)
	}
	code, out, _ = runCLI(t, nil, "search", "xqzvwk")
	if code != exitOK || !strings.Contains(out, "No passage matches") {
		t.Errorf("exit %d, out %q", code, out)
	}
}

// A corrected query says so on the line before the results, and its JSON
// carries the corrected words as suggestion; words found as typed leave
// suggestion empty.
func TestCorrectedQuerySaysSo(t *testing.T) {
	code, out, _ := runCLI(t, nil, "ask", "guarentees for Ukraine")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if first, _, _ := strings.Cut(out, "\n"); first != "Showing results for guarantees for Ukraine" {
		t.Errorf("first line %q; want the corrected words\n%s", first, out)
	}
	if !strings.Contains(out, "1. \"") {
		t.Errorf("no results after the line:\n%s", out)
	}
	code, out, _ = runCLI(t, nil, "search", "guarantees for Ukraine")
	if code != exitOK || strings.Contains(out, "Showing results for") {
		t.Errorf("words found as typed: exit %d, out:\n%s", code, out)
	}
	for _, c := range []struct{ q, want string }{
		{"guarentees for Ukraine", "guarantees for Ukraine"},
		{"guarantees for Ukraine", ""},
	} {
		code, out, _ := runCLI(t, nil, "search", "--json", c.q)
		var got struct {
			Suggestion string            `json:"suggestion"`
			Results    []json.RawMessage `json:"results"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil || code != exitOK {
			t.Fatalf("%q: exit %d, %v\n%s", c.q, code, err, out)
		}
		if got.Suggestion != c.want || len(got.Results) == 0 {
			t.Errorf("%q: suggestion %q with %d results; want %q", c.q, got.Suggestion, len(got.Results), c.want)
		}
	}
}

func TestHelpExits0(t *testing.T) {
	for _, cmd := range []string{"ask", "search", "sources", "who-pledged", "quote", "index", "corpus", "bot", "serve"} {
		code, out, _ := runCLI(t, nil, cmd, "--help")
		if code != exitOK || !strings.Contains(out, "Usage: talkbot "+cmd) {
			t.Errorf("%s --help: exit %d, out %q", cmd, code, out)
		}
	}
}

func TestSourcesKeepEveryFact(t *testing.T) {
	code, out, _ := runCLI(t, nil, "sources")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		"234Radio (original: Al Jazeera) · 2026-01-06 (approx.)",
		"RBC-Ukraine (original: Bloomberg) · 2025-12-18\n",
		"https://newsbulletin247.com/world/719423.html",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("sources lacks %q:\n%s", want, out)
		}
	}
}

func TestCorpusCheckNamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	good := "---\ntitle: A\npublisher: P\noriginal_source: O\nurl: https://example.com/a\npublished: 2025-01-02\npublished_approximate: false\n---\nTroops were pledged by France.\n"
	bad := "---\ntitle: B\npublisher: P\nurl: https://example.com/b\npublished: 2025-02-31\n---\nBody.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, nil, "corpus", "check", "--corpus", dir)
	if code != exitProblems {
		t.Fatalf("exit %d, want 1; out %q", code, out)
	}
	if !strings.Contains(out, filepath.Join(dir, "b.md")+":5:") {
		t.Errorf("want the bad date reported at b.md:5, got:\n%s", out)
	}
	// The good article still answers.
	code, out, _ = runCLI(t, map[string]string{"TALKBOT_CORPUS": dir}, "ask", "troops pledged")
	if code != exitOK || !strings.Contains(out, "Troops were pledged by France.") {
		t.Errorf("exit %d, out %q", code, out)
	}
}

func TestUnknownPublisherSaysSo(t *testing.T) {
	code, _, errOut := runCLI(t, nil, "search", "--publisher", "nosuch", "troops")
	if code != exitUsage || !strings.Contains(errOut, `publisher or source matching "nosuch"`) || !strings.Contains(errOut, "234Radio") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestConfigurationIsCheckedBeforeTheIndex: a bad REST URL, token or
// address is reported as such even when the corpus could not be read: the
// configuration is checked before the corpus is indexed.
func TestConfigurationIsCheckedBeforeTheIndex(t *testing.T) {
	key := strings.Repeat("ab", 32)
	missing := filepath.Join(t.TempDir(), "no-such-corpus")
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	refused := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"message": "401: Unauthorized", "code": 0}`))
	}))
	defer refused.Close()
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"DISCORD_PUBLIC_KEY": key, "DISCORD_REST_URL": "ftp://x"}, []string{"serve", "--corpus", missing}, "DISCORD_REST_URL"},
		{map[string]string{"DISCORD_PUBLIC_KEY": key}, []string{"serve", "--corpus", missing, "--addr", "nonsense"}, `--addr: "nonsense" is not a listen address`},
		{map[string]string{"DISCORD_PUBLIC_KEY": key}, []string{"serve", "--corpus", missing, "--addr", busy.Addr().String()}, "cannot listen on"},
		{map[string]string{"DISCORD_TOKEN": "wrong", "DISCORD_REST_URL": refused.URL}, []string{"bot", "--corpus", missing}, "token was rejected"},
		{map[string]string{"DISCORD_TOKEN": "x", "DISCORD_REST_URL": "http://127.0.0.1:1"}, []string{"bot", "--corpus", missing}, "127.0.0.1:1"},
		{map[string]string{"DISCORD_TOKEN": "x", "DISCORD_REST_URL": refused.URL}, []string{"bot", "--corpus", missing, "--admin-addr", "nonsense"}, "--admin-addr"},
	} {
		code, _, errOut := runCLI(t, c.env, c.args...)
		if code != exitUsage || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "no-such-corpus") {
			t.Errorf("%v: exit %d, stderr %q; want the configuration error %q, not the corpus's", c.args, code, errOut, c.want)
		}
		if strings.Count(errOut, "serve:") > 1 || strings.Contains(errOut, "serve: serve") {
			t.Errorf("%v: doubled prefix in %q", c.args, errOut)
		}
	}
}

func TestFlagErrorsUseTheDocumentedSpelling(t *testing.T) {
	for args, want := range map[string]string{
		"search --bogus troops":   "unknown flag: --bogus",
		"search --limit x troops": `invalid value "x" for flag --limit`,
		"ask --json=maybe troops": `invalid boolean value "maybe" for --json`,
	} {
		_, _, errOut := runCLI(t, nil, strings.Fields(args)...)
		if !strings.Contains(errOut, want) || strings.Contains(errOut, " -bogus") || strings.Contains(errOut, "parse error") {
			t.Errorf("%s: %q, want %q", args, errOut, want)
		}
	}
}

func TestHelpCommandAndVersion(t *testing.T) {
	code, out, _ := runCLI(t, nil, "help", "ask")
	if code != 0 || !strings.HasPrefix(out, "Usage: talkbot ask") {
		t.Errorf("help ask: %d %q", code, out)
	}
	code, out, _ = runCLI(t, nil, "--version")
	if code != 0 || !strings.HasPrefix(out, "talkbot ") || !strings.Contains(out, "go1.") {
		t.Errorf("--version: %d %q", code, out)
	}
}

func TestIndexSaysBuiltOrReusedAndSourcesReadIt(t *testing.T) {
	dir := t.TempDir()
	if _, out, _ := runCLI(t, nil, "index", "--index", dir); !strings.Contains(out, " built: 5 articles") {
		t.Errorf("first index: %q", out)
	}
	if _, out, _ := runCLI(t, nil, "index", "--index", dir); !strings.Contains(out, " reused") {
		t.Errorf("second index: %q", out)
	}
	code, fromIndex, errOut := runCLI(t, nil, "sources", "--index", dir)
	_, fromCorpus, _ := runCLI(t, nil, "sources")
	if code != 0 || fromIndex != fromCorpus {
		t.Errorf("sources --index: %d %s\n%q\nwant %q", code, errOut, fromIndex, fromCorpus)
	}
}

func TestCorpusCheckWarnings(t *testing.T) {
	empty := t.TempDir()
	if err := os.Mkdir(filepath.Join(empty, "drafts"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, nil, "corpus", "check", "--corpus", empty)
	if code != exitProblems || !strings.Contains(out, "no article files") || !strings.Contains(out, "drafts: warning: subdirectory skipped") {
		t.Errorf("empty corpus: exit %d\n%s", code, out)
	}
	txt := t.TempDir()
	if err := os.WriteFile(filepath.Join(txt, "note.txt"), []byte("Talks resumed in Geneva\n\nThe delegations met on Monday to discuss guarantees.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, nil, "corpus", "check", "--corpus", txt)
	if code != exitOK || !strings.Contains(out, "note.txt: warning: a .txt article has no publisher or URL") {
		t.Errorf(".txt corpus: exit %d\n%s", code, out)
	}
}

func TestNoMatchNamesTheFilters(t *testing.T) {
	code, out, _ := runCLI(t, nil, "search", "--from", "2030-01-01", "troops")
	if code != 0 || !strings.Contains(out, `No passage published from 2030-01-01 on matches "troops".`) {
		t.Errorf("exit %d: %q", code, out)
	}
	_, out, _ = runCLI(t, nil, "search", "--publisher", "RBC", "--to", "2025-01-01", "troops")
	if !strings.Contains(out, `from publishers matching “RBC”, published up to 2025-01-01`) {
		t.Errorf("%q", out)
	}
}

// TestQuoteShowsEachPassageOnce: no one-word scare quotes, and quotations
// from one passage share one "in:" line.
func TestQuoteShowsEachPassageOnce(t *testing.T) {
	_, out, _ := runCLI(t, nil, "quote", "Zelensky")
	seen := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		if p, ok := strings.CutPrefix(l, "   in: "); ok {
			if seen[p] {
				t.Errorf("passage shown twice: %.80s", p)
			}
			seen[p] = true
		}
		if strings.Contains(l, `. "determined"`) {
			t.Errorf("one-word quote listed: %s", l)
		}
	}
	if len(seen) == 0 {
		t.Fatalf("no quotes:\n%s", out)
	}
}

// TestWhoPledgedTerminal: the text lists countries, groups and
// opposition apart, a passage naming several actors once, and --png
// writes the timeline; an unknown topic says so with the known ones.
func TestWhoPledgedTerminal(t *testing.T) {
	png := filepath.Join(t.TempDir(), "troops.png")
	code, out, errOut := runCLI(t, nil, "who-pledged", "--png", png, "troops")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Pledged (troops):", "Declined (troops):", "Groups (troops):", "- United Kingdom, France\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	// the passage naming France and the UK is printed once
	if n := strings.Count(out, "In response to France and the United Kingdom promising"); n != 1 {
		t.Errorf("the shared passage printed %d times:\n%s", n, out)
	}
	b, err := os.ReadFile(png)
	if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Fatalf("--png wrote no PNG: %v", err)
	}
	code, out, _ = runCLI(t, nil, "who-pledged", "sanctions")
	if code != exitOK || !strings.Contains(out, `Unknown topic "sanctions"`) || !strings.Contains(out, "Known topics: troops") {
		t.Fatalf("unknown topic: exit %d, %q", code, out)
	}
}

// TestWhoPledgedJSONContract: the keys other tools read stay, the added
// ones are there.
func TestWhoPledgedJSONContract(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "who-pledged", "--json", "troops")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var p map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"topic", "pledged", "declined", "unclear", "contested", "opposes", "groups", "label"} {
		if _, ok := p[k]; !ok {
			t.Errorf("no %q in %s", k, out[:min(len(out), 300)])
		}
	}
	var pledged []map[string]json.RawMessage
	if err := json.Unmarshal(p["pledged"], &pledged); err != nil || len(pledged) == 0 {
		t.Fatalf("pledged: %v", err)
	}
	for _, k := range []string{"actor", "quotes", "stance", "since", "timeline"} {
		if _, ok := pledged[0][k]; !ok {
			t.Errorf("no %q in a pledged actor", k)
		}
	}
	var quotes []map[string]json.RawMessage
	if err := json.Unmarshal(pledged[0]["quotes"], &quotes); err != nil || len(quotes) == 0 {
		t.Fatalf("quotes: %v", err)
	}
	for _, k := range []string{"passage", "article", "stance", "sentence"} {
		if _, ok := quotes[0][k]; !ok {
			t.Errorf("no %q in a quote", k)
		}
	}
}

// TestAskAnswersByKind: "who pledged troops?" leads with the stance
// ledger's answer (the same as who-pledged), "what did Macron say about
// troops" with his quotations, and any other question with passages; the
// JSON says which.
func TestAskAnswersByKind(t *testing.T) {
	_, whoPledged, _ := runCLI(t, nil, "who-pledged", "--json", "troops")
	for _, c := range []struct {
		q, kind, lead string
	}{
		{"who pledged troops?", "who-pledged", "Who pledged or refused troops"},
		{"which countries refused to send soldiers", "who-pledged", "Who pledged or refused soldiers"},
		{"what did Macron say about troops?", "quote", "What Emmanuel Macron is quoted as saying"},
		{"how big is Ukraine's army", "passages", "1. \""},
	} {
		_, out, _ := runCLI(t, nil, "ask", c.q)
		if !strings.HasPrefix(out, c.lead) {
			t.Errorf("%q: the answer does not lead with %q:\n%.300s", c.q, c.lead, out)
		}
		_, js, _ := runCLI(t, nil, "ask", "--json", c.q)
		var got struct {
			Kind    string          `json:"kind"`
			Pledges json.RawMessage `json:"pledges"`
			Results []any           `json:"results"`
		}
		if err := json.Unmarshal([]byte(js), &got); err != nil || got.Kind != c.kind || len(got.Results) == 0 {
			t.Errorf("%q: kind %q (%v), %d results; want %q with passages", c.q, got.Kind, err, len(got.Results), c.kind)
		}
		if c.q == "who pledged troops?" && compactJSON(t, string(got.Pledges)) != compactJSON(t, whoPledged) {
			t.Errorf("ask and who-pledged disagree:\n%s\n%s", got.Pledges, compactJSON(t, whoPledged))
		}
	}
}

func compactJSON(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
