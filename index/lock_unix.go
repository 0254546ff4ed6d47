//go:build unix

package index

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// dirLock is an advisory lock on an index directory, held while the
// index is open so that two processes never build or use it at once.
type dirLock struct{ f *os.File }

// lockDir takes the lock, waiting at most wait; a held lock is ErrLocked.
func lockDir(dir string, wait time.Duration) (*dirLock, error) {
	f, err := os.OpenFile(filepath.Join(dir, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("index %s: %w", dir, err)
	}
	deadline := time.Now().Add(wait)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return &dirLock{f}, nil
		}
		if err != syscall.EWOULDBLOCK || time.Now().After(deadline) {
			_ = f.Close()
			if err == syscall.EWOULDBLOCK {
				return nil, fmt.Errorf("%w: %s (is another talkbot running with --index %s?)", ErrLocked, dir, dir)
			}
			return nil, fmt.Errorf("lock index %s: %w", dir, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (l *dirLock) release() {
	_ = syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	_ = l.f.Close()
}
