// Command loadgen signs interactions as Discord does and drives a talkbot
// serve endpoint (directly or through a proxy), then prints p50/p99/max
// and the count of every status. It exits 1 when a request got a status
// it should not have.
//
//	loadgen keygen                       print "PRIVATE_HEX PUBLIC_HEX"
//	loadgen run --url U --key PRIVATE_HEX [--requests N] [--concurrency C] [--duration D] [--faults] [--net-http]
//
// Its questions fit the bundled corpus; bench/run.sh drives a serve of
// larger corpora with questions that fit them (loadtest.Mix), and times
// deferred replies to their edits through a stand-in for Discord's REST
// API (loadtest.Webhooks).
package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"time"

	"talkbot/loadtest"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "keygen":
		pub, priv, err := ed25519.GenerateKey(nil)
		if err != nil {
			fail(err)
		}
		fmt.Println(hex.EncodeToString(priv), hex.EncodeToString(pub))
	case "run":
		fs := flag.NewFlagSet("run", flag.ExitOnError)
		url := fs.String("url", "http://127.0.0.1:8080/interactions", "interactions endpoint")
		keyHex := fs.String("key", "", "ed25519 private key, hex (64 bytes), as printed by keygen")
		n := fs.Int("requests", 20000, "requests in all")
		c := fs.Int("concurrency", 64, "requests in flight at once")
		d := fs.Duration("duration", 0, "stop sending after this, even short of --requests (0: no limit)")
		faults := fs.Bool("faults", false, "interleave forged, stale, malformed and oversized requests")
		netHTTP := fs.Bool("net-http", false, "send through net/http's client instead of one direct connection per worker")
		_ = fs.Parse(os.Args[2:])
		key, err := hex.DecodeString(*keyHex)
		if err != nil || len(key) != ed25519.PrivateKeySize {
			fail(fmt.Errorf("--key must be %d bytes of hex (run loadgen keygen)", ed25519.PrivateKeySize))
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		cfg := loadtest.Config{URL: *url, Key: ed25519.PrivateKey(key), Requests: *n, Concurrency: *c, Duration: *d, Faults: *faults}
		if *netHTTP {
			cfg.Client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
				MaxIdleConns: *c, MaxIdleConnsPerHost: *c, IdleConnTimeout: 30 * time.Second}}
		}
		rep, err := loadtest.Run(ctx, cfg)
		fmt.Print(rep)
		if err != nil {
			fail(err)
		}
		if !rep.OK() {
			os.Exit(1)
		}
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: loadgen keygen | loadgen run --url URL --key PRIVATE_HEX [--requests N] [--concurrency C] [--duration D] [--faults] [--net-http]")
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "loadgen:", err)
	os.Exit(2)
}
