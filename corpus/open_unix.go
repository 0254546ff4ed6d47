//go:build unix

package corpus

import (
	"os"
	"syscall"
)

// openFlags open an article file without waiting: opening a named pipe
// for reading would otherwise block until something writes to it. On a
// regular file O_NONBLOCK changes nothing.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK
