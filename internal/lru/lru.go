// Package lru is a small bounded cache, safe for concurrent use, that
// forgets the least recently used entries when full. talkbot's indexes
// are immutable between reloads, so whatever is derived from one can be
// cached for as long as the index lives; the bound is in bytes, so a
// cache of long answers cannot grow past its budget however the corpus
// grows.
package lru

import (
	"container/list"
	"sync"
)

// Cache is a bounded map safe for concurrent use that forgets the least
// recently used entries when its entries' sizes add up to more than its
// budget.
type Cache[K comparable, V any] struct {
	mu     sync.Mutex
	budget int64
	used   int64
	size   func(K, V) int64
	order  *list.List // front: most recently used; values are *lruEntry
	items  map[K]*list.Element
}

type lruEntry[K comparable, V any] struct {
	key  K
	val  V
	size int64
}

// New makes a cache holding at most max entries.
func New[K comparable, V any](max int) *Cache[K, V] {
	return NewSized(int64(max), func(K, V) int64 { return 1 })
}

// NewSized makes a cache whose entries' sizes (in bytes, as size
// estimates them) add up to at most budget. An entry larger than the
// whole budget is not kept.
func NewSized[K comparable, V any](budget int64, size func(K, V) int64) *Cache[K, V] {
	return &Cache[K, V]{budget: budget, size: size, order: list.New(), items: map[K]*list.Element{}}
}

// Get returns the value for k and marks it recently used.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*lruEntry[K, V]).val, true
	}
	var zero V
	return zero, false
}

// Put stores v for k, evicting the least recently used entries while the
// budget is exceeded.
func (c *Cache[K, V]) Put(k K, v V) {
	n := max(c.size(k, v), 1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.remove(e)
	}
	if n > c.budget {
		return
	}
	c.items[k] = c.order.PushFront(&lruEntry[K, V]{k, v, n})
	c.used += n
	for c.used > c.budget {
		c.remove(c.order.Back())
	}
}

func (c *Cache[K, V]) remove(e *list.Element) {
	en := e.Value.(*lruEntry[K, V])
	c.order.Remove(e)
	delete(c.items, en.key)
	c.used -= en.size
}

// Len is the number of entries held.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Used is the sum of the sizes of the entries held.
func (c *Cache[K, V]) Used() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}
