// Package netguard lets a test binary refuse, in every dialer talkbot
// builds for itself (corpus/fetch), what its own guard refuses in
// http.DefaultTransport: internal/testnet sets Check, nothing else does.
package netguard

import "sync/atomic"

var check atomic.Pointer[func(network, address string) error]

// SetCheck makes every later guarded dial call fn with the resolved
// address first; an error refuses the dial.
func SetCheck(fn func(network, address string) error) { check.Store(&fn) }

// Check refuses address when a check is set and says no.
func Check(network, address string) error {
	if fn := check.Load(); fn != nil {
		return (*fn)(network, address)
	}
	return nil
}
