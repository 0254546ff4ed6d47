package loadtest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// TestWireConn: the direct client sends exactly the request net/http
// would (method, path, headers, body), reads replies by Content-Length
// over one kept-alive connection, reconnects after Connection: close,
// and refuses a reply it cannot frame.
func TestWireConn(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.URL.Path != "/interactions" || r.Header.Get("X-Signature-Ed25519") != "sig" ||
			r.Header.Get("X-Signature-Timestamp") != "123" || r.Header.Get("Content-Type") != "application/json" || string(body) != `{"x":1}` {
			http.Error(w, "not the request sent", http.StatusTeapot)
			return
		}
		switch r.URL.Query().Get("reply") {
		case "close":
			w.Header().Set("Connection", "close")
		case "chunked":
			w.(http.Flusher).Flush() // no length known: chunked
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"type":4,"data":{"content":"hi"}}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	send := func(w *wireConn, query string) (int, string, error) {
		u, _ := url.Parse(srv.URL + "/interactions" + query)
		r := request{body: []byte(`{"x":1}`), sig: "sig", ts: "123"}
		r.head = head(u, r)
		var buf bytes.Buffer
		status, _, err := w.send(context.Background(), r, &buf)
		return status, buf.String(), err
	}
	w := &wireConn{addr: strings.TrimPrefix(srv.URL, "http://")}
	defer w.close()
	for range 3 {
		if status, body, err := send(w, ""); err != nil || status != 200 || body != `{"type":4,"data":{"content":"hi"}}` {
			t.Fatalf("got %d %q %v", status, body, err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for 3 requests, want 1 (keep-alive)", n)
	}
	if status, _, err := send(w, "?reply=close"); err != nil || status != 200 {
		t.Fatalf("Connection: close reply: %d %v", status, err)
	}
	if status, _, err := send(w, ""); err != nil || status != 200 {
		t.Fatalf("after a close: %d %v", status, err)
	}
	if n := conns.Load(); n != 2 {
		t.Errorf("%d connections, want 2 (a new one after Connection: close)", n)
	}
	if _, _, err := send(w, "?reply=chunked"); !errors.Is(err, errNoLength) {
		t.Errorf("chunked reply: %v, want errNoLength", err)
	}
	if _, _, err := send(w, ""); err != nil {
		t.Errorf("after a refused reply: %v", err)
	}
}
