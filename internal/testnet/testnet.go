// Package testnet keeps a test binary on this machine: tests may only
// reach loopback. Guard, called from a package's TestMain, makes every
// dial through http.DefaultTransport (and so every discordgo session and
// webhook client built on it) refuse any host that is not a loopback
// address, and every DNS lookup fail, and it fails the run if anything
// tried.
package testnet

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"testing"

	"talkbot/internal/netguard"
)

var (
	mu       sync.Mutex
	attempts []string
)

// ErrOutside is the error a guarded dial or lookup returns.
var ErrOutside = errors.New("testnet: tests may only reach loopback")

func record(what string) error {
	mu.Lock()
	attempts = append(attempts, what)
	mu.Unlock()
	return fmt.Errorf("%w (tried %s)", ErrOutside, what)
}

// loopbackOnly dials addr only when its host is a loopback IP or
// "localhost"; it never resolves a name.
func loopbackOnly(next func(ctx context.Context, network, addr string) (net.Conn, error)) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, record(addr)
		}
		if ip := net.ParseIP(host); (ip == nil || !ip.IsLoopback()) && host != "localhost" {
			return nil, record(addr)
		}
		return next(ctx, network, addr)
	}
}

// Guard installs the guard and runs the tests; use it as TestMain:
//
//	func TestMain(m *testing.M) { testnet.Guard(m) }
func Guard(m *testing.M) {
	Install()
	code := m.Run()
	mu.Lock()
	tried := attempts
	mu.Unlock()
	if len(tried) > 0 {
		fmt.Fprintf(os.Stderr, "FAIL: the tests tried to leave this machine %d times, first: %s\n", len(tried), tried[0])
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// Install makes every later dial through http.DefaultTransport, and every
// DNS lookup, stay on loopback (a child process a test starts calls it).
func Install() {
	d := &net.Dialer{}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = loopbackOnly(d.DialContext)
	t.Proxy = nil // an HTTPS_PROXY in the environment must not route around it
	http.DefaultTransport = t
	// talkbot's own dialers (corpus/fetch) check the resolved address too
	netguard.SetCheck(func(network, address string) error {
		host, _, err := net.SplitHostPort(address)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			return record(address)
		}
		return nil
	})
	net.DefaultResolver = &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, record("DNS server " + addr)
	}}
}
