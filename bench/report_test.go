package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func fakeResults() Results {
	tier := func(name string, n, passages int, p99, s3 float64) TierResult {
		return TierResult{Tier: name, Brown: n, Load: LoadResult{Articles: n + 5, Passages: passages},
			Build: map[string]BuildResult{
				engTalkbot: {Articles: n + 5, Passages: passages, IndexSeconds: 2, IndexBytes: 3e6, PeakRSSKiB: 200 << 10},
				engFTS:     {Articles: n + 5, Passages: passages, IndexSeconds: 1, IndexBytes: 1e6, PeakRSSKiB: 50 << 10},
			},
			Serve: map[string]ServeResult{
				engTalkbot: {One: Latency{P50Ms: p99 / 3, P99Ms: p99}, Eight: Latency{P99Ms: p99 * 2}, Quality: Quality{Success3: s3, MRR10: s3}},
				engFTS:     {One: Latency{P50Ms: 1, P99Ms: 2}, Eight: Latency{P99Ms: 4}, Quality: Quality{Success3: 0.7, MRR10: 0.6}, PeakRSSKiB: 30 << 10},
			}}
	}
	return Results{Command: "bench/run.sh", Rounds: 3, Queries: 114, Tiers: []TierResult{
		tier("bundled", 0, 60, 1, 1.0), tier("brown", 500, 16000, 1.5, 0.95), tier("brown-10k", 10000, 320000, 12, 0.9),
	}}
}

func TestReportFlagsMissedTargets(t *testing.T) {
	md := renderReport(fakeResults())
	for _, want := range []string{
		"## Tier brown-10k: 10005 articles, 320000 passages",
		"| ask p99, 1 client (ms) | 12.00 | 2.00 | 6.00 |",
		"| ask p99, one client, under 10 ms | 12.00 ms | **no** |",
		"| indexing at least 10000 passages/s | 160000 passages/s | yes |",
		"talkbot success@3 drop with brown distractors at most 0.03 | 1.00 → 0.95: drop 0.05 | **no** |",
		"![Ask latency and indexing throughput against corpus size](benchmarks.png)",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if ratio(1, 0) != "–" {
		t.Error("ratio over zero")
	}
}

func TestChartIsAPNG(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.png")
	if err := writeChart(fakeResults(), path); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 800 || b.Dy() < 300 {
		t.Fatalf("chart is %v", b)
	}
}
