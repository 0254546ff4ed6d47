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

func TestSizedStaysWithinBudget(t *testing.T) {
	c := NewSized[string, string](100, func(k, v string) int64 { return int64(len(k) + len(v)) })
	for i := range 50 {
		k := string(rune('a' + i%26))
		c.Put(k+string(rune('A'+i/26)), string(make([]byte, i%30)))
		if c.Used() > 100 {
			t.Fatalf("used %d over the budget of 100", c.Used())
		}
	}
	c.Put("huge", string(make([]byte, 500)))
	if _, ok := c.Get("huge"); ok || c.Used() > 100 {
		t.Error("an entry over the whole budget was kept")
	}
	c.Put("x", "1234")
	c.Put("x", "12") // replacing an entry counts its new size only
	before := c.Used()
	c.Put("x", "12")
	if c.Used() != before {
		t.Errorf("replacing changed the size used: %d then %d", before, c.Used())
	}
}
