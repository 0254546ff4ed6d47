package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"talkbot/corpus"
)

// The catalog's articles (without paragraphs) are written in a compact
// binary form of their own: gob's reflection over 100,000 articles was
// most of the time it took to open an index. Repeated names (publishers,
// sources, authors) are decoded once and shared.

// articleRecordsVersion starts the encoding; a catalog with another is
// damaged (and rebuilt), never misread.
const articleRecordsVersion = 2 // 2: each record ends its strings with the title keys

// The fewest bytes a record and an outlet take (an empty string or a
// missing date is one byte): a count that claims more records than the
// bytes left could hold is damage, not a reason to allocate gigabytes.
const (
	minRecordBytes = 8 + 1 + 1 + 1 // strings, date, approximate flag, outlet count
	minOutletBytes = 2 + 1         // strings, date
)

// encodeArticleRecords writes each article's fields in a fixed order:
// length-prefixed strings (the last its title keys, titleKeys[i], "" past
// its end), then dates as seconds and nanoseconds.
func encodeArticleRecords(rs []corpus.Article, titleKeys []string) []byte {
	b := []byte{articleRecordsVersion}
	b = binary.AppendUvarint(b, uint64(len(rs)))
	for i := range rs {
		a := &rs[i]
		keys := ""
		if i < len(titleKeys) {
			keys = titleKeys[i]
		}
		for _, s := range [...]string{a.ID, a.Title, a.Publisher, a.OriginalSource, a.URL, a.Author, a.Path, keys} {
			b = appendString(b, s)
		}
		b = appendDate(b, a.Published)
		approx := byte(0)
		if a.PublishedApproximate {
			approx = 1
		}
		b = append(b, approx)
		b = binary.AppendUvarint(b, uint64(len(a.AlsoPublishedBy)))
		for _, o := range a.AlsoPublishedBy {
			b = appendString(b, o.Publisher)
			b = appendString(b, o.URL)
			b = appendDate(b, o.Published)
		}
	}
	return b
}

// decodeArticleRecords reads what encodeArticleRecords wrote; data it cannot read
// whole is an error, never a panic.
func decodeArticleRecords(data []byte) (_ []corpus.Article, titleKeys []string, _ error) {
	r := recordReader{data: data, names: map[string]string{}}
	if r.byte() != articleRecordsVersion {
		return nil, nil, errors.New("catalog articles: unknown encoding")
	}
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.data)/minRecordBytes) {
		return nil, nil, errors.New("catalog articles: damaged count")
	}
	out := make([]corpus.Article, n)
	titleKeys = make([]string, n)
	for i := range out {
		a := &out[i]
		a.ID, a.Title = r.string(), r.string()
		a.Publisher, a.OriginalSource = r.name(), r.name()
		a.URL, a.Author, a.Path = r.string(), r.name(), r.string()
		titleKeys[i] = r.string()
		a.Published = r.date()
		a.PublishedApproximate = r.flag()
		if k := r.uvarint(); k > 0 {
			if k > uint64(len(r.data)/minOutletBytes) {
				return nil, nil, errors.New("catalog articles: damaged outlet count")
			}
			a.AlsoPublishedBy = make([]corpus.Outlet, k)
			for j := range a.AlsoPublishedBy {
				o := &a.AlsoPublishedBy[j]
				o.Publisher, o.URL, o.Published = r.name(), r.string(), r.date()
			}
		}
		if r.err != nil {
			return nil, nil, fmt.Errorf("catalog articles: article %d of %d: %w", i+1, n, r.err)
		}
	}
	if len(r.data) != 0 {
		return nil, nil, errors.New("catalog articles: trailing bytes")
	}
	return out, titleKeys, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendDate writes a date as seconds and nanoseconds after a flag (0:
// no date); it comes back in UTC, as every article date is read
// (corpus.ParseDate).
func appendDate(b []byte, d corpus.Date) []byte {
	if d.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, d.Unix())
	return binary.AppendUvarint(b, uint64(d.Nanosecond()))
}

// recordReader reads the article records, keeping the first error.
type recordReader struct {
	data  []byte
	err   error
	names map[string]string // names already decoded, shared
}

func (r *recordReader) fail(what string) {
	if r.err == nil {
		r.err = errors.New("truncated or damaged " + what)
	}
	r.data = nil
}

func (r *recordReader) byte() byte {
	if len(r.data) == 0 {
		r.fail("flag")
		return 0
	}
	c := r.data[0]
	r.data = r.data[1:]
	return c
}

func (r *recordReader) flag() bool {
	switch r.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail("flag")
	return false
}

func (r *recordReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.fail("number")
		return 0
	}
	r.data = r.data[n:]
	return v
}

func (r *recordReader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.data)) {
		r.fail("text")
		return nil
	}
	s := r.data[:n]
	r.data = r.data[n:]
	return s
}

func (r *recordReader) string() string { return string(r.bytes()) }

// name is a string many articles repeat, made once.
func (r *recordReader) name() string {
	b := r.bytes()
	if s, ok := r.names[string(b)]; ok {
		return s
	}
	s := string(b)
	r.names[s] = s
	return s
}

func (r *recordReader) date() corpus.Date {
	switch r.byte() {
	case 0:
		return corpus.Date{}
	case 1:
	default:
		r.fail("date")
		return corpus.Date{}
	}
	sec, n := binary.Varint(r.data)
	if n <= 0 {
		r.fail("date")
		return corpus.Date{}
	}
	r.data = r.data[n:]
	nsec := r.uvarint()
	if nsec >= 1e9 {
		r.fail("date")
		return corpus.Date{}
	}
	return corpus.Date{Time: time.Unix(sec, int64(nsec)).UTC()}
}
