package bot

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// RESTClient returns the HTTP client for a discordgo session. With a base
// URL (DISCORD_REST_URL: a rate-limit proxy, or the fake Discord in tests)
// every request discordgo makes to https://discord.com goes there instead,
// keeping its path under the base's path prefix; discordgo computes its
// endpoints once at start-up, so rewriting requests is the only way to
// move them. The gateway address is still looked up through the base.
func RESTClient(baseURL string) (*http.Client, error) {
	var rt http.RoundTripper = restTransport()
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
			return nil, fmt.Errorf("the REST base URL %q is not an http(s) URL like https://proxy.example:8080 (check DISCORD_REST_URL)", baseURL)
		}
		rt = &restBase{base: u, next: rt}
	}
	return &http.Client{Timeout: 20 * time.Second, Transport: rt}, nil
}

// restIdleConns is how many idle connections the REST client keeps per
// host. discord.com speaks HTTP/2, one connection for everything; a
// rate-limit proxy (or the fake Discord) at an http:// base speaks
// HTTP/1.1, one request a connection, and with Go's default of 2 idle
// ones every deferred reply beyond two at once dialled a new connection
// and left it in TIME_WAIT.
const restIdleConns = 64

func restTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = restIdleConns
	return t
}

// restBase rewrites discord.com requests onto base.
type restBase struct {
	base *url.URL
	next http.RoundTripper
}

func (r *restBase) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != "discord.com" {
		return r.next.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	out.URL.Scheme = r.base.Scheme
	out.URL.Host = r.base.Host
	out.URL.Path = strings.TrimSuffix(r.base.Path, "/") + req.URL.Path
	// Keep escapes (webhook paths carry "@original", tokens carry "-").
	if req.URL.RawPath != "" {
		out.URL.RawPath = strings.TrimSuffix(r.base.EscapedPath(), "/") + req.URL.RawPath
	}
	out.Host = r.base.Host
	return r.next.RoundTrip(out)
}
