package bot

import (
	"io"
	"sync"
)

// Interaction bodies are a few KiB; reusing their buffers keeps the
// request path from growing a fresh one (512 B, 1 KiB, 2 KiB...) each
// time. Buffers that grew past bufKeep (a rejected oversized body) are
// left to the GC rather than pinned in the pool.
const bufKeep = 16 << 10

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 4<<10); return &b }}

func getBuf() *[]byte { return bufPool.Get().(*[]byte) }

func putBuf(b *[]byte) {
	if cap(*b) > bufKeep {
		return
	}
	*b = (*b)[:0]
	bufPool.Put(b)
}

// readBody appends all of r to dst, growing it once to fit size when the
// request declared its length (size < 0: unknown).
func readBody(dst []byte, r io.Reader, size int64) ([]byte, error) {
	if size > 0 && int64(cap(dst)-len(dst)) < size {
		grown := make([]byte, len(dst), len(dst)+int(size)+1) // +1: room to see EOF
		copy(grown, dst)
		dst = grown
	}
	for {
		if len(dst) == cap(dst) {
			dst = append(dst, 0)[:len(dst)]
		}
		n, err := r.Read(dst[len(dst):cap(dst)])
		dst = dst[:len(dst)+n]
		if err == io.EOF {
			return dst, nil
		}
		if err != nil {
			return dst, err
		}
	}
}
