//go:build !unix

package corpus

import "os"

// openFlags open an article file for reading (named pipes are Unix's).
const openFlags = os.O_RDONLY
