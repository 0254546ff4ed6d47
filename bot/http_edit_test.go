package bot

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestEditRetriesALostConnection: an edit whose connection is closed
// under it (a server hanging up a kept-alive connection as it is reused)
// is sent again and lands; an edit Discord refuses is not retried.
func TestEditRetriesALostConnection(t *testing.T) {
	var patches atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if patches.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close() // no reply at all
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"1","channel_id":"2","type":0,"content":"ok"}`)
	}))
	defer srv.Close()
	if err := editThrough(t, srv.URL); err != nil {
		t.Fatalf("edit after a lost connection: %v", err)
	}
	if n := patches.Load(); n != 2 {
		t.Errorf("%d PATCHes, want 2 (the lost one and its retry)", n)
	}
}

// TestEditNotRetriedWhenRefused: Discord's own refusal is final.
func TestEditNotRetriedWhenRefused(t *testing.T) {
	var patches atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		patches.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"message": "Invalid Form Body", "code": 50035}`)
	}))
	defer srv.Close()
	if err := editThrough(t, srv.URL); err == nil {
		t.Fatal("a refused edit reported no error")
	}
	if n := patches.Load(); n != 1 {
		t.Errorf("%d PATCHes, want 1", n)
	}
}

// editThrough edits an interaction's reply through serve mode's REST
// client against base.
func editThrough(t *testing.T, base string) error {
	t.Helper()
	wh, err := newWebhooks(base, "22")
	if err != nil {
		t.Fatal(err)
	}
	tr := wh.transport(&discordgo.Interaction{ID: "1", AppID: "22", Token: "tok"}, func(firstReply) error { return nil })
	content := "the answer"
	return tr.Edit(context.Background(), &discordgo.WebhookEdit{Content: &content})
}
