package main

import (
	"math"
	"testing"
	"time"
)

func TestRankOfFoldsCaseQuotesAndSpace(t *testing.T) {
	ps := []string{"Nothing here.", "The Kremlin  rejected Trump’s proposal for a meeting."}
	if r := rankOf(ps, []string{"kremlin rejected trump's proposal"}); r != 2 {
		t.Fatalf("rank %d, want 2", r)
	}
	if r := rankOf(ps, []string{"absent"}); r != 0 {
		t.Fatalf("rank %d, want 0", r)
	}
}

func TestScore(t *testing.T) {
	cases := make([]searchCase, 4)
	for i := range cases {
		cases[i].Q = string(rune('a' + i))
	}
	q := score(cases, []int{1, 3, 0, 11})
	if q.Success1 != 0.25 || q.Success3 != 0.5 || math.Abs(q.MRR10-(1+1.0/3)/4) > 1e-9 {
		t.Fatalf("got %+v", q)
	}
	if len(q.Misses) != 2 || q.Misses[0] != "c" || q.Misses[1] != "d" {
		t.Fatalf("misses %v", q.Misses)
	}
}

func TestPercentile(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- {
		ds = append(ds, time.Duration(i))
	}
	if p := percentile(ds, 50); p != 50 {
		t.Errorf("p50 %v", p)
	}
	if p := percentile(ds, 99); p != 99 {
		t.Errorf("p99 %v", p)
	}
	if p := percentile(ds[:1], 99); p != 100 {
		t.Errorf("p99 of one %v", p)
	}
}

func TestStatusField(t *testing.T) {
	st := []byte("Name:\tbench\nVmPeak:\t  9000 kB\nVmHWM:\t    4242 kB\n")
	if n := statusField(st, "VmHWM:"); n != 4242 {
		t.Fatalf("VmHWM %d", n)
	}
	if peakRSSKiB() <= 0 {
		t.Fatal("no VmHWM for this process")
	}
}

func TestFTSMatchQuotesEveryWord(t *testing.T) {
	got := ftsMatch(`Who "pledged" troops: NEAR(x) AND -y* troops?`)
	want := `"pledged" OR "troops" OR "near" OR "x" OR "y"` // who, and: stop words
	if got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
	if ftsMatch(`"*:()`) != "" {
		t.Fatal("punctuation only should give no query")
	}
}
