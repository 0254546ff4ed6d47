//go:build !unix

package index

import "time"

// dirLock is a no-op where flock is unavailable; Bolt's own lock, opened
// with a timeout, still keeps a second process out.
type dirLock struct{}

func lockDir(string, time.Duration) (*dirLock, error) { return &dirLock{}, nil }

func (*dirLock) release() {}
