package index

import (
	"unicode/utf8"
)

// osaAutomaton matches the words within k edits of a query, edits counted
// as text.EditDistance counts them (optimal string alignment, in runes:
// insertions, deletions, substitutions, and transpositions of two
// neighbours). It walks the word dictionary's byte trie keeping, for each
// prefix, one row of the edit-distance table, and gives up on a prefix
// as soon as every cell of its row is over k.
//
// Bleve (and vellum) build a Levenshtein DFA for the query first, which
// was most of the time of answering a question with a word the corpus
// lacks; walking only the prefixes within reach costs far less on a small
// corpus and no more than the DFA on a large one (docs/tuning.md).
type osaAutomaton struct {
	query  []rune
	k      uint8
	states []osaState
	rows   []uint8 // every state's row, len(query)+1 cells each
	next   []uint8 // scratch row
}

// osaState is a prefix read so far: its row (at row*width in rows), the
// state before its last rune and that rune (for transpositions), and the
// bytes of a rune not read whole yet.
type osaState struct {
	row     int32
	parent  int32 // -1 for the empty prefix
	r       rune
	base    int32 // for a state in the middle of a rune: the state before it
	depth   int32 // runes read
	pending [utf8.UTFMax]byte
	npend   uint8
}

const (
	osaDead  = 0 // no match can follow
	osaStart = 2 // states start here; vellum reserves 1
)

func newOSAAutomaton(query string, k int) *osaAutomaton {
	a := &osaAutomaton{query: []rune(query), k: uint8(k)}
	w := len(a.query) + 1
	a.next = make([]uint8, w)
	a.states = make([]osaState, osaStart, 64)
	a.rows = make([]uint8, 0, 64*w)
	for j := range w {
		a.rows = append(a.rows, a.cap(j))
	}
	a.states = append(a.states, osaState{row: 0, parent: -1, r: -1, base: -1})
	return a
}

func (a *osaAutomaton) cap(d int) uint8 { return uint8(min(d, int(a.k)+1)) }

func (a *osaAutomaton) row(i int32) []uint8 {
	w := int32(len(a.query) + 1)
	return a.rows[i*w : (i+1)*w]
}

func (a *osaAutomaton) Start() int { return osaStart }

func (a *osaAutomaton) IsMatch(s int) bool {
	if s < osaStart {
		return false
	}
	// A word ending inside a rune ends in bytes that each read as a
	// RuneError, as []rune does.
	if st := a.states[s]; st.npend > 0 {
		s = int(st.base)
		for range st.npend {
			if s = a.step(s, utf8.RuneError); s == osaDead {
				return false
			}
		}
	}
	return a.row(a.states[s].row)[len(a.query)] <= a.k
}

func (a *osaAutomaton) CanMatch(s int) bool { return s >= osaStart }

func (a *osaAutomaton) WillAlwaysMatch(int) bool { return false }

func (a *osaAutomaton) Accept(s int, b byte) int {
	if s < osaStart {
		return osaDead
	}
	st := a.states[s]
	base := s
	var buf [utf8.UTFMax]byte
	n := 0
	if st.npend > 0 {
		base = int(st.base)
		n = copy(buf[:], st.pending[:st.npend])
	}
	buf[n] = b
	n++
	if !utf8.FullRune(buf[:n]) && n < utf8.UTFMax {
		a.states = append(a.states, osaState{base: int32(base), pending: buf, npend: uint8(n)})
		return len(a.states) - 1
	}
	r, size := utf8.DecodeRune(buf[:n])
	next := a.step(base, r)
	// An invalid sequence reads as a RuneError for its first byte, and
	// the bytes after it are read again, as []rune reads them.
	for _, c := range buf[size:n] {
		if next == osaDead {
			break
		}
		next = a.Accept(next, c)
	}
	return next
}

// step is the state after reading rune r in state base (a state between
// runes), or osaDead when no word going on from there can match.
func (a *osaAutomaton) step(base int, r rune) int {
	bs := a.states[base]
	prev := a.row(bs.row)
	var prev2 []uint8
	if bs.parent >= 0 {
		prev2 = a.row(a.states[bs.parent].row)
	}
	// Only the cells within k of the diagonal can be within k: the others
	// stay k+1 (Ukkonen's band), so a step costs 2k+1 cells, not one a
	// rune of the query.
	cur := a.next
	over := a.k + 1
	for j := range cur {
		cur[j] = over
	}
	i := int(bs.depth) + 1 // runes read, this one included
	cur[0] = a.cap(i)
	best := cur[0]
	for j := max(1, i-int(a.k)); j <= min(len(a.query), i+int(a.k)); j++ {
		cost := uint8(1)
		if a.query[j-1] == r {
			cost = 0
		}
		d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		if prev2 != nil && j > 1 && r == a.query[j-2] && bs.r == a.query[j-1] {
			d = min(d, prev2[j-2]+1)
		}
		cur[j] = min(d, over)
		best = min(best, cur[j])
	}
	if best > a.k {
		return osaDead
	}
	w := len(a.query) + 1
	row := int32(len(a.rows) / w)
	a.rows = append(a.rows, cur...)
	a.states = append(a.states, osaState{row: row, parent: int32(base), r: r, base: -1, depth: bs.depth + 1})
	return len(a.states) - 1
}
