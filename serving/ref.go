package serving

import (
	"sync"
	"sync/atomic"
)

// ref is one value shared by in-flight requests, closed when the last
// of them lets go after it has been replaced. The count starts at 1: the
// holder's own reference, dropped when the value is swapped out.
type ref[T any] struct {
	v     T
	n     atomic.Int64
	close func(T)
	once  sync.Once
}

func (r *ref[T]) release() {
	if r.n.Add(-1) == 0 {
		r.once.Do(func() {
			if r.close != nil {
				r.close(r.v)
			}
		})
	}
}

// holder publishes the current value. Acquire never blocks and never
// waits on a swap: it takes a reference with a compare-and-swap, which
// fails only on a value whose count already reached 0, and such a value
// is no longer published, so the retry reads the new one.
type holder[T any] struct {
	p atomic.Pointer[ref[T]]
}

// acquire returns the current value and the func that gives it back;
// ok is false when nothing was ever stored.
func (h *holder[T]) acquire() (v T, release func(), ok bool) {
	for {
		r := h.p.Load()
		if r == nil {
			return v, func() {}, false
		}
		n := r.n.Load()
		if n > 0 && r.n.CompareAndSwap(n, n+1) {
			return r.v, r.release, true
		}
	}
}

// store publishes v; the value it replaces is closed once the requests
// still using it have finished.
func (h *holder[T]) store(v T, close func(T)) {
	r := &ref[T]{v: v, close: close}
	r.n.Store(1)
	if old := h.p.Swap(r); old != nil {
		old.release()
	}
}

// shutdown unpublishes the value and closes it once it is unused.
func (h *holder[T]) shutdown() {
	if old := h.p.Swap(nil); old != nil {
		old.release()
	}
}
