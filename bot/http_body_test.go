package bot

import (
	"bytes"
	"io"
	"net/http"
	"testing"
	"testing/iotest"
	"time"
)

// TestServeBodyWithoutLength: a body sent chunked (no Content-Length) is
// read through the same cap: over 64 KiB is 413, a normal one answered.
func TestServeBodyWithoutLength(t *testing.T) {
	_, url := testServer(t, ServeConfig{})
	for _, c := range []struct {
		name string
		body []byte
		want int
	}{
		{"chunked, over 64 KiB", append(bytes.Repeat([]byte(" "), MaxBody), helpJSON...), 413},
		{"chunked, normal", []byte(helpJSON), 200},
	} {
		sig, ts := Sign(testKey, time.Now(), c.body)
		// io.MultiReader hides the length, so the client sends chunks.
		req, err := http.NewRequest(http.MethodPost, url+"/interactions", io.MultiReader(bytes.NewReader(c.body)))
		if err != nil {
			t.Fatal(err)
		}
		if req.ContentLength != 0 {
			t.Fatalf("%s: the request declares its length", c.name)
		}
		req.Header.Set("X-Signature-Ed25519", sig)
		req.Header.Set("X-Signature-Timestamp", ts)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s: status %d, want %d", c.name, resp.StatusCode, c.want)
		}
	}
}

// TestReadBody: appended after what dst holds, whatever the reader's
// pace and whether the size was declared, wrong or not.
func TestReadBody(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789"), 1000)
	for _, c := range []struct {
		name string
		r    io.Reader
		size int64
	}{
		{"declared", bytes.NewReader(body), int64(len(body))},
		{"unknown", bytes.NewReader(body), -1},
		{"one byte at a time", iotest.OneByteReader(bytes.NewReader(body)), -1},
		{"declared too small", bytes.NewReader(body), 10},
	} {
		dst := append(make([]byte, 0, 8), "1700000000"...)
		got, err := readBody(dst, c.r, c.size)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if string(got[:10]) != "1700000000" || !bytes.Equal(got[10:], body) {
			t.Errorf("%s: read %d bytes, not timestamp + body", c.name, len(got))
		}
	}
	if _, err := readBody(nil, iotest.ErrReader(io.ErrUnexpectedEOF), -1); err == nil {
		t.Error("a failing reader gave no error")
	}
}
