package lru

import "testing"

func TestLRUBounded(t *testing.T) {
	c := New[int, int](3)
	for i := range 10 {
		c.Put(i, i)
		c.Get(0) // keep 0 in use: it must survive
	}
	if c.Len() != 3 {
		t.Fatalf("len %d, want 3", c.Len())
	}
	if _, ok := c.Get(0); !ok {
		t.Error("the most used entry was evicted")
	}
	if _, ok := c.Get(1); ok {
		t.Error("an old entry survived")
	}
	if v, ok := c.Get(9); !ok || v != 9 {
		t.Errorf("newest entry: %d %v", v, ok)
	}
}
