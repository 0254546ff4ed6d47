package annotate

import (
	"strings"
	"unicode"

	"talkbot/corpus/text"
)

// speechVerbs introduce what someone said.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "saying": true, "told": true, "tells": true, "telling": true,
	"added": true, "adds": true, "adding": true, "stated": true, "states": true, "wrote": true, "writes": true,
	"noted": true, "notes": true, "claimed": true, "claims": true, "claiming": true, "continued": true,
	"declared": true, "declares": true, "explained": true, "emphasized": true, "emphasised": true,
	"emphasizing": true, "emphasising": true, "warned": true, "warns": true, "insisted": true, "insists": true,
	"argued": true, "argues": true, "asked": true, "replied": true, "announced": true, "referred": true,
	"described": true, "stressed": true, "remarked": true, "commented": true, "tweeted": true, "posted": true,
	"confirmed": true, "urged": true, "called": true, "pledged": true, "promised": true, "vowed": true,
	"admitted": true, "acknowledged": true, "believes": true, "believed": true, "suggested": true,
	"recalled": true, "answered": true, "responded": true, "concluded": true, "observed": true,
}

func isQuoteMark(t token) bool { return !t.Word && t.Norm == `"` }

func isPronoun(t token) bool {
	return t.Lower == "he" || t.Lower == "she" || t.Lower == "him" || t.Lower == "her"
}

// quoteMarks open or close a quotation.
const quoteMarks = "\"\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033"

// HasQuoteMark reports whether s holds a quotation mark, without which
// it holds no quotation (Quotations).
func HasQuoteMark(s string) bool { return hasQuoteMark(s) }

// hasQuoteMark is strings.ContainsAny(s, quoteMarks) at the speed of a
// byte search: every mark but '"' is a rune whose UTF-8 form starts with
// 0xC2 or 0xE2, and most passages have neither byte.
func hasQuoteMark(s string) bool {
	if strings.IndexByte(s, '"') >= 0 {
		return true
	}
	if strings.IndexByte(s, 0xC2) < 0 && strings.IndexByte(s, 0xE2) < 0 {
		return false
	}
	return strings.ContainsAny(s, quoteMarks)
}

// Quotations returns the direct quotations in text, in order. prev is the
// text that precedes it in the article: the previous passage, or better
// every earlier paragraph; "he said" resolves to the last person named
// before the quotation, here or in prev.
//
// Quotation marks pair up in order whatever their shape, because sources
// close quotes with an opening mark ("We will help them, “he told
// reporters"); a mark left open runs to the end of the text.
func Quotations(s, prev string) []Quotation {
	if !hasQuoteMark(s) {
		return nil
	}
	base := 0
	full := s
	if prev != "" {
		full = prev + "\n\n" + s
		base = len(prev) + 2
	}
	return newDoc(full).quotations(base)
}

// quotations finds the quotations of a document holding the text before
// a passage, a blank line, and the passage from byte base on.
func (d *doc) quotations(base int) []Quotation {
	full := d.src
	// Sentences of s only: a head never reaches back into prev.
	spans := text.Sentences(full[base:])
	for i := range spans {
		spans[i].Start += base
		spans[i].End += base
	}
	qs := d.quoteSpans(base)
	d.maskQuoted(qs)
	var out []Quotation
	for n, q := range qs {
		start, end := d.toks[q[0]].End, len(full)
		if q[1] < len(d.toks) {
			end = d.toks[q[1]].Start
		}
		inner := strings.TrimSpace(full[start:end])
		if inner == "" {
			continue
		}
		// the same spaces TrimSpace took ("\r", a no-break space), or the
		// range would not be the words
		lead := len(full[start:end]) - len(strings.TrimLeftFunc(full[start:end], unicode.IsSpace))
		start += lead
		end = start + len(inner)
		speaker := d.attribute(q, spans)
		if speaker == "" && n > 0 && len(out) > 0 && d.continues(qs[n-1], q, spans) {
			speaker = out[len(out)-1].Speaker
		}
		if speaker == "" {
			speaker = d.saidBefore(q, spans)
		}
		out = append(out, Quotation{Speaker: speaker, Text: inner, Start: start - base, End: end - base})
	}
	return out
}

// quoteSpans pairs quotation marks from byte offset base on: each pair is
// [open token, close token]; close is len(toks) when the mark stays open.
func (d *doc) quoteSpans(base int) [][2]int {
	var out [][2]int
	open := -1
	for i, t := range d.toks {
		if t.Start < base || !isQuoteMark(t) {
			continue
		}
		if open < 0 {
			open = i
			continue
		}
		out = append(out, [2]int{open, i})
		open = -1
	}
	if open >= 0 {
		out = append(out, [2]int{open, len(d.toks)})
	}
	return out
}

// maskQuoted forgets mentions inside quotations: a name someone says is
// not the speaker.
func (d *doc) maskQuoted(qs [][2]int) {
	for _, q := range qs {
		for k := q[0]; k < q[1] && k < len(d.toks); k++ {
			if m := d.byTok[k]; m >= 0 {
				d.mentions[m].Person = ""
			}
		}
	}
}

// sentenceOf returns the sentence span holding byte offset off.
func sentenceOf(spans []text.Span, off int) text.Span {
	var best text.Span
	for _, sp := range spans {
		if sp.Start <= off {
			best = sp
		}
		if off < sp.End {
			break
		}
	}
	return best
}

// attribute names the speaker of quotation q: first from what follows the
// closing mark ("…,” he told reporters", "…,” said Macron", "…,”
// according to Witkoff"), then from what precedes the opening mark in its
// sentence ("Pinio said Tuesday: “…", "According to him, “…").
func (d *doc) attribute(q [2]int, spans []text.Span) string {
	open := d.toks[q[0]]
	var tailEnd int
	if q[1] < len(d.toks) {
		tailEnd = sentenceOf(spans, d.toks[q[1]].Start).End
	}
	headStart := sentenceOf(spans, open.Start).Start
	if q[1] < len(d.toks) {
		if who := d.tailSpeaker(q[1]+1, tailEnd, q[0]); who != "" {
			return who
		}
	}
	return d.headSpeaker(headStart, q[0])
}

// tailSpeaker reads an attribution right after a closing mark, up to byte
// offset end.
func (d *doc) tailSpeaker(k, end, before int) string {
	last := k
	for last < len(d.toks) && d.toks[last].Start < end {
		last++
	}
	for k < last && !d.toks[k].Word && !isQuoteMark(d.toks[k]) {
		k++
	}
	if k < last {
		t := d.toks[k]
		switch {
		case isPronoun(t) && k+1 < last && speechVerbs[d.toks[k+1].Lower]:
			return d.lastPerson(before)
		case speechVerbs[t.Lower]:
			if who := d.personWithin(k+1, min(last, k+7)); who != "" {
				return who
			}
			if who, _ := d.titledAnaphor(k+1, last); who != "" { // “…,” said the prime minister
				return who
			}
		default:
			if who, at := d.personAt(k, last); who != "" {
				// “…,” Mark Rutte, NATO's secretary general, told reporters
				if v := d.pastAppositive(at, last); d.speechVerbWithin(v, min(last, v+4)) {
					return who
				}
			}
			if who, at := d.titledAnaphor(k, last); who != "" && d.speechVerbWithin(at, min(last, at+4)) {
				return who // “…,” the Prime Minister told the Commons
			}
		}
	}
	return d.accordingTo(k, last, before)
}

// headSpeaker reads an attribution before an opening mark: "according to
// X", or a speech verb with a person (or he/she) just before or after it.
func (d *doc) headSpeaker(startOff, open int) string {
	k := open
	for k > 0 && d.toks[k-1].Start >= startOff {
		k--
	}
	if who := d.accordingTo(k, open, k); who != "" {
		return who
	}
	for v := open - 1; v >= k; v-- {
		if !speechVerbs[d.toks[v].Lower] || d.insideQuote(k, v) {
			continue
		}
		from := d.beforeAside(k, v-1) // "Macron, speaking in Paris on Tuesday, said:"
		for b := from; b >= max(k, from-6); b-- {
			if m := d.byTok[b]; m >= 0 && d.mentions[m].Person != "" {
				return d.mentions[m].Person
			}
			if isPronoun(d.toks[b]) {
				return d.lastPerson(b)
			}
			if who, at := d.titledAnaphor(b, v); who != "" && at == v { // The Prime Minister said: “…”
				return who
			}
			if speechVerbs[d.toks[b].Lower] && b < v-1 {
				break
			}
		}
		if who := d.personWithin(v+1, min(open, v+6)); who != "" {
			return who
		}
	}
	return ""
}

// insideQuote reports whether token v lies between quotation marks that
// open at or after token k.
func (d *doc) insideQuote(k, v int) bool {
	n := 0
	for i := k; i < v; i++ {
		if isQuoteMark(d.toks[i]) {
			n++
		}
	}
	return n%2 == 1
}

// accordingTo finds "according to X" in tokens [k, last) and returns X
// (resolving "him"/"her" to the last person before token before).
func (d *doc) accordingTo(k, last, before int) string {
	for i := k; i+1 < last; i++ {
		if d.toks[i].Lower != "according" || d.toks[i+1].Lower != "to" {
			continue
		}
		if i+2 < last && isPronoun(d.toks[i+2]) {
			return d.lastPerson(min(before, i))
		}
		if who := d.personWithin(i+2, min(last, i+8)); who != "" {
			return who
		}
	}
	return ""
}

// personWithin returns the first person named in tokens [k, end), reading
// over titles, countries and "the" but stopping at any other word.
func (d *doc) personWithin(k, end int) string {
	g := gaz()
	for i := k; i < end && i < len(d.toks); i++ {
		t := d.toks[i]
		if m := d.byTok[i]; m >= 0 {
			if d.mentions[m].Person != "" {
				return d.mentions[m].Person
			}
			i = d.mentions[m].T1 - 1
			continue
		}
		if !t.Word || t.Lower == "the" || t.Lower == "'s" || g.titles[t.Lower] || t.capitalised() ||
			t.Lower == "prime" || t.Lower == "minister" || t.Lower == "spokesman" || t.Lower == "spokeswoman" {
			continue
		}
		return ""
	}
	return ""
}

// personAt is personWithin that also says where the name ends.
func (d *doc) personAt(k, end int) (string, int) {
	for i := k; i < end && i < k+6; i++ {
		if m := d.byTok[i]; m >= 0 && d.mentions[m].Person != "" {
			return d.mentions[m].Person, d.mentions[m].T1
		}
		t := d.toks[i]
		if t.Word && !t.capitalised() && !gaz().titles[t.Lower] && t.Lower != "the" &&
			t.Lower != "spokesman" && t.Lower != "spokeswoman" && t.Lower != "minister" {
			return "", 0
		}
	}
	return "", 0
}

// pastAppositive is the token after an aside set off by commas at token
// k (", NATO's secretary general,"), of at most eight tokens and with no
// verb of speech or quotation mark in it; k when there is none.
func (d *doc) pastAppositive(k, end int) int {
	if k >= end || d.toks[k].Norm != "," {
		return k
	}
	for i := k + 1; i < end && i <= k+9; i++ {
		t := d.toks[i]
		if speechVerbs[t.Lower] || isQuoteMark(t) {
			return k
		}
		if t.Norm == "," {
			return i + 1
		}
	}
	return k
}

// beforeAside is pastAppositive read backwards: the token before an
// aside set off by commas that ends with the comma at token k (",
// speaking in Paris on Tuesday,"), of at most ten tokens and with no
// quotation mark in it, reading no further back than token start; k
// when there is none. A verb of speech may stand inside ("speaking").
func (d *doc) beforeAside(start, k int) int {
	if k <= start || d.toks[k].Norm != "," {
		return k
	}
	for j := k - 1; j > start && j >= k-10; j-- {
		if isQuoteMark(d.toks[j]) {
			return k
		}
		if d.toks[j].Norm == "," {
			return j - 1
		}
	}
	return k
}

func (d *doc) speechVerbWithin(k, end int) bool {
	for i := k; i < end && i < len(d.toks); i++ {
		if speechVerbs[d.toks[i].Lower] {
			return true
		}
	}
	return false
}

// titledAnaphor reads an office standing for a person at token k, "the
// Prime Minister" or "the French president", and returns the last person
// named before it who holds that office (the gazetteer's roles), with the
// token after the office. Only people the text has named are candidates,
// so an office that changed hands never names someone the article does
// not mention.
func (d *doc) titledAnaphor(k, end int) (string, int) {
	g := gaz()
	if k < end && d.toks[k].Lower == "the" {
		k++
	}
	actor := ""
	if m, ok := d.actorMention(k); ok && k < end {
		actor, k = m.Actor, m.T1
	}
	if k >= end || !d.toks[k].Word {
		return "", 0
	}
	if actor != "" && d.toks[k].Lower == "leader" {
		// "the Italian leader": the last person named of that country who
		// holds one of its offices
		if who := d.lastPersonBefore(k, func(m mention) bool { return g.people[m.Person] == actor && g.holdsOffice(m.Person) }); who != "" {
			return who, k + 1
		}
		return "", 0
	}
	for _, words := range g.roleWords[strings.ToLower(d.toks[k].Norm)] {
		j, ok := d.wordsAt(k, words)
		if !ok || j > end {
			continue
		}
		role := strings.Join(words, " ")
		if who := d.lastPersonBefore(k, func(m mention) bool {
			a := g.people[m.Person]
			return (actor == "" || actor == a) && g.roles[roleKey{a, role}] == m.Person
		}); who != "" {
			return who, j
		}
	}
	return "", 0
}

// lastPerson is the last person named before token i (quotations masked):
// what "he" refers to.
func (d *doc) lastPerson(i int) string {
	return d.lastPersonBefore(i, func(mention) bool { return true })
}

// saidBefore is the speaker of a quotation that opens its sentence with
// no attribution of its own, when the sentence before ends with one:
// "…was unacceptable, she said. “We will regard them as targets.”",
// "…, Ryabkov told reporters. “…”". "" when there is none.
func (d *doc) saidBefore(q [2]int, spans []text.Span) string {
	open := d.toks[q[0]].Start
	cur := sentenceOf(spans, open)
	for i := q[0] - 1; i >= 0 && d.toks[i].Start >= cur.Start; i-- {
		if d.toks[i].Word {
			return "" // words before the mark: the head attribution's reading
		}
	}
	if q[1] < len(d.toks) {
		for i := q[1] + 1; i < len(d.toks) && i <= q[1]+6 && d.toks[i].Start < cur.End; i++ {
			if speechVerbs[d.toks[i].Lower] {
				return "" // “…,” Someone Unknown replied: its own attribution, unread
			}
		}
	}
	var prev text.Span
	for _, sp := range spans {
		if sp.End <= cur.Start {
			prev = sp
		}
	}
	if prev.End == 0 {
		return ""
	}
	// the last words of the sentence before: "she said", "Ryabkov told
	// reporters", "said the minister", with no quotation mark among them
	end := q[0]
	for end > 0 && d.toks[end-1].Start >= prev.End {
		end--
	}
	words := 0
	for v := end - 1; v >= 0 && d.toks[v].Start >= prev.Start && words < 5; v-- {
		t := d.toks[v]
		if isQuoteMark(t) {
			return ""
		}
		if !t.Word {
			if t.Norm == "," {
				return "" // "…, she said, adding" reads no further back
			}
			continue
		}
		words++
		if !speechVerbs[t.Lower] {
			continue
		}
		if v > 0 && isPronoun(d.toks[v-1]) {
			return d.lastPerson(v - 1)
		}
		if v > 0 {
			if m := d.byTok[v-1]; m >= 0 && d.mentions[m].Person != "" {
				return d.mentions[m].Person
			}
		}
		return d.personWithin(v+1, end)
	}
	return ""
}

// continues reports whether quotation q goes on from the one before it
// with nothing but a short attribution between: “…,” he said. “…”, or
// one with an aside that names nobody else: “…,” Trump told Fox News,
// referring to European allies. “…”
func (d *doc) continues(prevQ, q [2]int, spans []text.Span) bool {
	if prevQ[1] >= len(d.toks) {
		return false
	}
	words, people := 0, 0
	// A colon, an office or a title in a sentence after the attribution:
	// someone else may speak next ("Tusk said. His German counterpart ...
	// took a different line: ..."). The attribution's own office ("the
	// Prime Minister told the Commons") and its ", adding:" are no other
	// speaker.
	newSpeaker, pastAttribution := false, false
	g := gaz()
	for i := prevQ[1] + 1; i < q[0]; i++ {
		t := d.toks[i]
		if t.Word {
			words++
		}
		if m := d.byTok[i]; m >= 0 && d.mentions[m].T0 == i && d.mentions[m].Person != "" {
			people++
		}
		switch {
		case t.Norm == "." || t.Norm == "!" || t.Norm == "?":
			pastAttribution = true
		case pastAttribution && (t.Norm == ":" || g.titles[t.Lower] || speakerNouns[t.Lower]):
			newSpeaker = true
		}
	}
	return !newSpeaker && (words <= 6 || words <= maxAsideWords && people <= 1)
}

// speakerNouns name someone who may speak without a name: "His German
// counterpart, speaking later in Berlin, took a different line: ..."
var speakerNouns = map[string]bool{"counterpart": true, "counterparts": true, "official": true, "officials": true,
	"aide": true, "aides": true, "diplomat": true, "diplomats": true, "source": true, "sources": true}

// maxAsideWords bounds an attribution with an aside between two parts of
// one quotation.
const maxAsideWords = 14
