package testnet

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestLoopbackOnly(t *testing.T) {
	dial := loopbackOnly(func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, errors.New("dialled " + addr)
	})
	for addr, allowed := range map[string]bool{
		"127.0.0.1:80": true, "[::1]:443": true, "localhost:8080": true,
		"discord.com:443": false, "93.184.216.34:80": false, "10.0.0.1:80": false, "nonsense": false,
	} {
		_, err := dial(context.Background(), "tcp", addr)
		if got := !errors.Is(err, ErrOutside); got != allowed {
			t.Errorf("%s: allowed %v, want %v (%v)", addr, got, allowed, err)
		}
	}
	mu.Lock()
	attempts = nil // these were on purpose
	mu.Unlock()
}

func TestGuardedClientReachesLoopback(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer s.Close()
	resp, err := http.Get(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func TestMain(m *testing.M) { Guard(m) }
