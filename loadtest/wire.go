package loadtest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"time"
)

// wireConn is one worker's kept-alive HTTP/1.1 connection. The request
// line and headers are rendered before the clock starts (with the
// signature, as Discord prepares its request on its own machines); each
// send writes them and the body in one writev and reads the reply by its
// Content-Length, on the worker's goroutine: no connection pool and no
// reader and writer goroutines per connection, as net/http's client has.
type wireConn struct {
	addr string
	c    net.Conn
	r    *bufio.Reader
	out  net.Buffers
}

// wireTimeout bounds one request, as the net/http client's Timeout did.
const wireTimeout = 30 * time.Second

// head renders the request line and headers of r.
func head(u *url.URL, r request) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n",
		u.RequestURI(), u.Host, len(r.body))
	if !r.noHeaders {
		fmt.Fprintf(&b, "X-Signature-Ed25519: %s\r\nX-Signature-Timestamp: %s\r\n", r.sig, r.ts)
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

func (w *wireConn) send(ctx context.Context, r request, buf *bytes.Buffer) (int, time.Duration, error) {
	start := time.Now()
	if w.c == nil {
		var d net.Dialer
		c, err := d.DialContext(ctx, "tcp", w.addr)
		if err != nil {
			return 0, 0, err
		}
		w.c, w.r = c, bufio.NewReaderSize(c, 16<<10)
	}
	deadline := start.Add(wireTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	_ = w.c.SetDeadline(deadline)
	w.out = append(w.out[:0], r.head, r.body)
	_, werr := w.out.WriteTo(w.c)
	// A server may answer and close before taking the whole body (a
	// refused oversized request): read the reply even after a failed
	// write, as net/http does, and report the write only without one.
	status, err := w.read(buf)
	took := time.Since(start)
	if err != nil || werr != nil {
		w.close()
	}
	if err != nil {
		if werr != nil {
			return 0, 0, werr
		}
		return 0, 0, err
	}
	return checked(status, took, buf.Bytes())
}

func (w *wireConn) close() {
	if w.c != nil {
		w.c.Close()
		w.c, w.r = nil, nil
	}
}

var errNoLength = errors.New("reply without Content-Length (this client reads only those; set Config.Client for net/http)")

// read reads one reply: status line, headers, Content-Length bytes.
func (w *wireConn) read(buf *bytes.Buffer) (int, error) {
	line, err := w.r.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	// "HTTP/1.1 200 OK\r\n"
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) || line[8] != ' ' {
		return 0, fmt.Errorf("bad status line %.40q", line)
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil || status < 100 {
		return 0, fmt.Errorf("bad status line %.40q", line)
	}
	length, closing := -1, false
	for {
		line, err := w.r.ReadSlice('\n')
		if err != nil {
			return 0, err
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return 0, fmt.Errorf("bad header line %.40q", line)
		}
		v = bytes.TrimSpace(v)
		switch {
		case bytes.EqualFold(k, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(v)); err != nil || length < 0 {
				return 0, fmt.Errorf("bad Content-Length %.40q", v)
			}
		case bytes.EqualFold(k, []byte("Transfer-Encoding")):
			return 0, errNoLength
		case bytes.EqualFold(k, []byte("Connection")) && bytes.EqualFold(v, []byte("close")):
			closing = true
		}
	}
	if length < 0 {
		return 0, errNoLength
	}
	buf.Reset()
	buf.Grow(length)
	if _, err := io.CopyN(buf, w.r, int64(length)); err != nil {
		return 0, err
	}
	if closing {
		w.close()
	}
	return status, nil
}
