package bot

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"strconv"
	"time"
)

// MaxClockSkew is how far a request's X-Signature-Timestamp may be from
// our clock, either way, before it is refused as a replay.
const MaxClockSkew = 5 * time.Minute

// Signature failure reasons, also the values of the metric's label.
var (
	errNoSignature  = errors.New("missing X-Signature-Ed25519 or X-Signature-Timestamp")
	errBadHex       = errors.New("X-Signature-Ed25519 is not 64 bytes of hex")
	errBadTimestamp = errors.New("X-Signature-Timestamp is not Unix seconds")
	errStale        = errors.New("X-Signature-Timestamp more than 5 minutes off")
	errBadSignature = errors.New("signature does not match")
)

// signatureReason is the metric label for a verification error.
func signatureReason(err error) string {
	switch err {
	case errNoSignature:
		return "missing"
	case errBadHex:
		return "bad_hex"
	case errBadTimestamp, errStale:
		return "stale"
	default:
		return "mismatch"
	}
}

// checkHeaders validates the signature headers before the body is read,
// so a request without them costs nothing.
func checkHeaders(sigHex, ts string, now time.Time) ([]byte, error) {
	if sigHex == "" || ts == "" {
		return nil, errNoSignature
	}
	if len(sigHex) != 2*ed25519.SignatureSize {
		return nil, errBadHex
	}
	sig, err := hex.DecodeString(sigHex)
	if err != nil {
		return nil, errBadHex
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, errBadTimestamp
	}
	// Compare bounds, not a difference: sec may be near MinInt64.
	n, max := now.Unix(), int64(MaxClockSkew/time.Second)
	if sec < n-max || sec > n+max {
		return nil, errStale
	}
	return sig, nil
}

// verify checks Discord's signature: ed25519 over msg, which is the
// timestamp header followed by the body.
func verify(key ed25519.PublicKey, sig, msg []byte) error {
	if !ed25519.Verify(key, msg, sig) {
		return errBadSignature
	}
	return nil
}

// Sign signs an interaction body as Discord does, for the load generator,
// the nginx check and tests: it returns the two header values.
func Sign(key ed25519.PrivateKey, ts time.Time, body []byte) (sigHex, timestamp string) {
	timestamp = strconv.FormatInt(ts.Unix(), 10)
	msg := make([]byte, 0, len(timestamp)+len(body))
	msg = append(msg, timestamp...)
	msg = append(msg, body...)
	return hex.EncodeToString(ed25519.Sign(key, msg)), timestamp
}
