// Package fetch gets web pages and feeds for the corpus, safely: only
// http and https, never an address on this machine's own networks
// (loopback, private, link-local, cloud metadata), checked on the
// address actually dialled and again after every redirect; a bounded
// size, time and number of redirects; conditional GET; and a
// User-Agent that names talkbot. Each refusal is an error that reads as
// one line and wraps one of the Err values.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"talkbot/internal/netguard"
)

// Defaults of Options.
const (
	DefaultMaxBytes     = 5 << 20
	DefaultTimeout      = 20 * time.Second
	DefaultMaxRedirects = 5
	DefaultMaxPerHost   = 2
	// UserAgent names talkbot to the sites it reads.
	UserAgent = "talkbot/1.0 (news corpus for a Discord bot; one request at a time per site)"
)

// The kinds of failure, for errors.Is.
var (
	ErrScheme    = errors.New("only http and https addresses can be fetched")
	ErrBlocked   = errors.New("address refused")
	ErrStatus    = errors.New("the server answered with an error")
	ErrTooLarge  = errors.New("too large")
	ErrTimeout   = errors.New("timed out")
	ErrRedirects = errors.New("too many redirects")
	ErrLoop      = errors.New("redirect loop")
)

// Options configure a Client; zero fields take the defaults.
type Options struct {
	// AllowPrivate lets the client reach loopback, private and
	// link-local addresses (tests, an intranet): --allow-private-addresses.
	AllowPrivate bool
	MaxBytes     int64
	Timeout      time.Duration
	MaxRedirects int
	// MaxPerHost bounds the connections open to one host at once.
	MaxPerHost int
	UserAgent  string
}

// Client fetches; it is safe for concurrent use.
type Client struct {
	hc   *http.Client
	opts Options
}

// New makes a client.
func New(opts Options) *Client {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.MaxPerHost <= 0 {
		opts.MaxPerHost = DefaultMaxPerHost
	}
	if opts.UserAgent == "" {
		opts.UserAgent = UserAgent
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			if err := netguard.Check(network, address); err != nil {
				return err
			}
			if opts.AllowPrivate {
				return nil
			}
			return checkAddress(address)
		}}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would dial for us, past the address check
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		MaxConnsPerHost:       opts.MaxPerHost,
		IdleConnTimeout:       60 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
	}
	c := &Client{opts: opts}
	c.hc = &http.Client{Transport: tr, Timeout: opts.Timeout, CheckRedirect: c.checkRedirect}
	return c
}

// checkAddress refuses an address on this machine's own networks: the
// resolved IP the dialer is about to connect to.
func checkAddress(address string) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		host = address
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: %s is not an IP address", ErrBlocked, host)
	}
	if why := private(ip.Unmap()); why != "" {
		return fmt.Errorf("%w: %s is %s", ErrBlocked, ip, why)
	}
	return nil
}

// nonPublic are ranges no public web server is on, besides what netip
// classifies: carrier-grade NAT, IETF protocol assignments, benchmarking,
// documentation, the reserved 240/4, NAT64's well-known prefix and the
// IPv6 documentation range.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// private says why ip is not a public address ("" when it is).
func private(ip netip.Addr) string {
	switch {
	case ip.IsLoopback():
		return "a loopback address"
	case ip.IsPrivate():
		return "a private address"
	case ip == netip.MustParseAddr("169.254.169.254") || ip == netip.MustParseAddr("fd00:ec2::254"):
		return "a cloud metadata address"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "a link-local address"
	case ip.IsUnspecified():
		return "an unspecified address"
	case ip.IsMulticast(), ip.IsInterfaceLocalMulticast():
		return "a multicast address"
	case ip == netip.MustParseAddr("255.255.255.255"):
		return "the broadcast address"
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return "a reserved address (" + p.String() + ")"
		}
	}
	return ""
}

// checkRedirect allows at most MaxRedirects, each to http or https, and
// no loop; the address each leads to is checked when it is dialled.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if err := checkScheme(req.URL); err != nil {
		return fmt.Errorf("redirected to %s: %w", req.URL.Redacted(), err)
	}
	for _, prev := range via {
		if prev.URL.String() == req.URL.String() {
			return fmt.Errorf("%w: %s redirects back to itself", ErrLoop, req.URL.Redacted())
		}
	}
	if len(via) > c.opts.MaxRedirects {
		return fmt.Errorf("%w: more than %d", ErrRedirects, c.opts.MaxRedirects)
	}
	if ua := via[0].Header.Get("User-Agent"); ua != "" {
		req.Header.Set("User-Agent", ua)
	}
	return nil
}

func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%w (not %q)", ErrScheme, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%w: the address has no host", ErrScheme)
	}
	return nil
}

// Request is one GET.
type Request struct {
	URL string
	// Accept is the Accept header ("" for a browser's HTML preference).
	Accept string
	// ETag and LastModified, from an earlier response, make the GET
	// conditional: an unchanged resource answers NotModified.
	ETag, LastModified string
}

// Response is what a GET brought back.
type Response struct {
	URL         *url.URL // after redirects
	Status      int
	ContentType string
	Body        []byte // nil when NotModified
	// ETag and LastModified are for the next conditional GET.
	ETag, LastModified string
	NotModified        bool
}

// StatusError is an answer that is not a success; RetryAfter is the
// server's Retry-After on a 429 or 503 (0 when none).
type StatusError struct {
	URL        string
	Code       int
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("%s answered %d %s", e.URL, e.Code, http.StatusText(e.Code))
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter.Round(time.Second))
	}
	return s
}

func (e *StatusError) Unwrap() error { return ErrStatus }

// Get fetches r.URL.
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	u, err := url.Parse(strings.TrimSpace(r.URL))
	if err != nil {
		return nil, fmt.Errorf("%q is not a web address: %v", r.URL, err)
	}
	if err := checkScheme(u); err != nil {
		return nil, fmt.Errorf("%s: %w", u.Redacted(), err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", u.Redacted(), err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	accept := r.Accept
	if accept == "" {
		accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
	}
	req.Header.Set("Accept", accept)
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, c.describe(u, err)
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL, Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"),
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &StatusError{URL: out.URL.Redacted(), Code: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	if resp.ContentLength > c.opts.MaxBytes {
		return nil, fmt.Errorf("%s: %w: %d bytes, over the %s limit", out.URL.Redacted(), ErrTooLarge, resp.ContentLength, mb(c.opts.MaxBytes))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return nil, c.describe(u, err)
	}
	if int64(len(body)) > c.opts.MaxBytes {
		return nil, fmt.Errorf("%s: %w: the body is over the %s limit", out.URL.Redacted(), ErrTooLarge, mb(c.opts.MaxBytes))
	}
	out.Body = body
	return out, nil
}

func mb(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// describe turns a transport error into one line naming what happened.
func (c *Client) describe(u *url.URL, err error) error {
	var ne net.Error
	switch {
	case errors.Is(err, ErrBlocked):
		return fmt.Errorf("%s: %w", u.Redacted(), unwrapTo(err, ErrBlocked))
	case errors.Is(err, ErrLoop), errors.Is(err, ErrRedirects), errors.Is(err, ErrScheme):
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("%s: %w", u.Redacted(), err)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("%s: %w after %s", u.Redacted(), ErrTimeout, c.opts.Timeout)
	case errors.Is(err, context.Canceled):
		return err
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Errorf("%s: the host name %s could not be resolved", u.Redacted(), dnsErr.Name)
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return fmt.Errorf("%s: cannot connect: %v", u.Redacted(), oe.Err)
	}
	return fmt.Errorf("%s: %v", u.Redacted(), err)
}

// unwrapTo finds the error in err's chain that wraps target directly,
// so the line says why the address was refused without the transport's
// wording around it.
func unwrapTo(err, target error) error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if w, ok := e.(interface{ Unwrap() error }); ok && w.Unwrap() == target {
			return e
		}
	}
	return err
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
