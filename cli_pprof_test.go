package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestPprofAddrIsLoopbackOnly: --pprof-addr refuses any address but
// loopback before listening, and serves the profiler's index on one.
func TestPprofAddrIsLoopbackOnly(t *testing.T) {
	for _, bad := range []string{":6060", "0.0.0.0:6060", "192.168.1.2:6060", "example.com:6060", "nonsense"} {
		if ln, err := listenPprof(bad); err == nil {
			ln.Close()
			t.Errorf("--pprof-addr %s accepted", bad)
		}
	}
	if ln, err := listenPprof(""); ln != nil || err != nil {
		t.Fatalf("no --pprof-addr: %v %v, want off", ln, err)
	}
	ln, err := listenPprof("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- servePprof(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/debug/pprof/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "goroutine") {
		t.Errorf("/debug/pprof/: %d %.100q", resp.StatusCode, body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Error(err)
	}
}
