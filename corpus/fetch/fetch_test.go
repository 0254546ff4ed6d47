package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"talkbot/internal/testnet"
)

func TestMain(m *testing.M) { testnet.Guard(m) }

func local(opts Options) *Client {
	opts.AllowPrivate = true
	return New(opts)
}

func TestCheckAddress(t *testing.T) {
	for addr, refused := range map[string]bool{
		"127.0.0.1:80": true, "[::1]:443": true, "10.1.2.3:80": true, "172.16.0.1:80": true,
		"192.168.1.1:80": true, "169.254.169.254:80": true, "[fe80::1]:80": true, "0.0.0.0:80": true,
		"[::ffff:127.0.0.1]:80": true, "[fd00:ec2::254]:80": true, "100.64.0.1:80": true, "[::]:80": true,
		"224.0.0.1:80": true, "255.255.255.255:80": true,
		"93.184.215.14:443": false, "[2606:4700::1111]:443": false, "8.8.8.8:53": false,
	} {
		err := checkAddress(addr)
		if (err != nil) != refused {
			t.Errorf("%s: err = %v, want refused %v", addr, err, refused)
		}
		if err != nil && !errors.Is(err, ErrBlocked) {
			t.Errorf("%s: %v is not ErrBlocked", addr, err)
		}
	}
}

func TestRefusesThisMachine(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "secret") }))
	defer srv.Close()
	_, err := New(Options{}).Get(context.Background(), Request{URL: srv.URL})
	if !errors.Is(err, ErrBlocked) || !strings.Contains(err.Error(), "127.0.0.1 is a loopback address") {
		t.Fatalf("err = %v", err)
	}
	t.Log(err)
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/x", "gopher://x", "http://"} {
		if _, err := New(Options{}).Get(context.Background(), Request{URL: u}); !errors.Is(err, ErrScheme) {
			t.Errorf("%s: err = %v", u, err)
		}
	}
}

func TestFaults(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", 500) })
	mux.HandleFunc("/429", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(429)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := strings.Repeat("x", 1<<16)
		for i := 0; i < 100; i++ { // 6.4 MB, chunked
			if _, err := fmt.Fprint(w, chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/biglen", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(6<<20))
		w.WriteHeader(200)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", 302) })
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", 302) })
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		if n == 0 {
			fmt.Fprint(w, "arrived")
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), 301)
	})
	mux.HandleFunc("/ftp", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "ftp://example.org/", 302) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	// Only /slow meets the short timeout: under the race detector on a
	// busy machine, reading /big up to the size limit can take longer.
	c, short := local(Options{Timeout: 20 * time.Second}), local(Options{Timeout: 300 * time.Millisecond})
	ctx := context.Background()
	for path, want := range map[string]error{
		"/404": ErrStatus, "/500": ErrStatus, "/429": ErrStatus, "/slow": ErrTimeout, "/big": ErrTooLarge,
		"/biglen": ErrTooLarge, "/loop": ErrLoop, "/hop/6": ErrRedirects, "/ftp": ErrScheme,
	} {
		get := c
		if path == "/slow" {
			get = short
		}
		_, err := get.Get(ctx, Request{URL: srv.URL + path})
		if !errors.Is(err, want) {
			t.Errorf("%s: err = %v, want %v", path, err, want)
			continue
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: more than one line: %q", path, err)
		}
		t.Logf("%s: %v", path, err)
	}
	var se *StatusError
	if _, err := c.Get(ctx, Request{URL: srv.URL + "/429"}); !errors.As(err, &se) || se.Code != 429 || se.RetryAfter != 2*time.Minute {
		t.Errorf("429: %v", err)
	}
	if r, err := c.Get(ctx, Request{URL: srv.URL + "/hop/5"}); err != nil || string(r.Body) != "arrived" || r.URL.Path != "/hop/0" {
		t.Errorf("five redirects: %v", err)
	}
}

func TestConditionalGetAndUserAgent(t *testing.T) {
	var agents []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agents = append(agents, r.UserAgent())
		if r.Header.Get("If-None-Match") == `"v1"` || r.Header.Get("If-Modified-Since") == "Mon, 05 Jan 2026 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 05 Jan 2026 10:00:00 GMT")
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	c := local(Options{})
	r, err := c.Get(context.Background(), Request{URL: srv.URL})
	if err != nil || r.ETag != `"v1"` || r.NotModified {
		t.Fatalf("first: %+v %v", r, err)
	}
	r2, err := c.Get(context.Background(), Request{URL: srv.URL, ETag: r.ETag})
	if err != nil || !r2.NotModified || r2.Body != nil {
		t.Fatalf("with ETag: %+v %v", r2, err)
	}
	r3, err := c.Get(context.Background(), Request{URL: srv.URL, LastModified: r.LastModified})
	if err != nil || !r3.NotModified {
		t.Fatalf("with Last-Modified: %+v %v", r3, err)
	}
	for _, ua := range agents {
		if !strings.HasPrefix(ua, "talkbot/") {
			t.Errorf("User-Agent %q", ua)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{"": 0, "30": 30 * time.Second, "x": 0,
		"Mon, 05 Jan 2026 10:05:00 GMT": 5 * time.Minute, "Mon, 05 Jan 2026 09:00:00 GMT": 0} {
		if got := retryAfter(v, now); got != want {
			t.Errorf("%q: %v, want %v", v, got, want)
		}
	}
}
