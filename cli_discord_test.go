package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"talkbot/internal/fakediscord"
)

// lockedBuffer is stderr for a command whose goroutines all log.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestBotWiresMetricsAndOneLogLine: `talkbot bot --admin-addr` counts a
// gateway interaction in its /metrics and logs it in exactly one line.
func TestBotWiresMetricsAndOneLogLine(t *testing.T) {
	f := fakediscord.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	admin := ln.Addr().String()
	ln.Close()
	const guild = "1203945609451032576"
	vars := map[string]string{"DISCORD_TOKEN": f.Token, "DISCORD_REST_URL": f.URL(), "DISCORD_GUILD_ID": guild, "DISCORD_APP_ID": f.AppID}
	stderr := &lockedBuffer{}
	env := &cliEnv{stdout: io.Discard, stderr: stderr, getenv: func(k string) string { return vars[k] }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runBot(ctx, env, []string{"--admin-addr", admin, "--log-json"}) }()
	var once sync.Once
	stop := func() { // the bot finishes the interactions in flight first
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("bot: %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Error("bot did not stop")
			}
		})
	}
	defer stop()
	deadline := time.Now().Add(30 * time.Second)
	for len(f.Commands(guild)) == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("commands never registered; stderr:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	help := map[string]any{"type": 2, "guild_id": guild, "channel_id": "7",
		"member": map[string]any{"user": map[string]any{"id": "9", "username": "ann"}},
		"data":   map[string]any{"id": "1", "name": "help", "type": 1}}
	if r := f.Interact(t, help); r.Callback == nil {
		t.Fatal("no reply to /help")
	}
	want := `talkbot_interactions_total{command="help",outcome="ok"} 1`
	var body string
	for !strings.Contains(body, want) {
		if time.Now().After(deadline) {
			t.Fatalf("/metrics on --admin-addr lacks %s:\n%s", want, body)
		}
		time.Sleep(20 * time.Millisecond)
		resp, err := http.Get("http://" + admin + "/metrics")
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body = string(b)
	}
	stop()
	n := 0
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, `"command":`) || strings.Contains(l, `"outcome":`) {
			n++
			if !strings.Contains(l, `"msg":"interaction"`) || !strings.Contains(l, `"outcome":"ok"`) {
				t.Errorf("log line: %s", l)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d log lines about the one interaction; stderr:\n%s", n, stderr.String())
	}
}

func TestLeaveGCSettingsIfSet(t *testing.T) {
	vars := map[string]string{"GOGC": "100"}
	env := &cliEnv{getenv: func(k string) string { return vars[k] }}
	if got := leaveIfSet(env, "GOGC"); got != -1 {
		t.Errorf("GOGC=100: %d, want -1 (leave the runtime's)", got)
	}
	if got := leaveIfSet(env, "GOMEMLIMIT"); got != 0 {
		t.Errorf("GOMEMLIMIT unset: %d, want 0 (serve's default)", got)
	}
}
