//go:build !unix

package loadtest

import "time"

// processCPU is unknown here: the report leaves CPU out.
func processCPU() time.Duration { return 0 }
