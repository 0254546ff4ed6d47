package annotate

import (
	"strings"
	"sync"

	"talkbot/corpus/text"
)

// Kind is the stance an actor takes on a topic.
type Kind int

const (
	// Pledged: commits, offers, promises, sends, provides, is ready to,
	// conditions included ("would deploy forces if a ceasefire holds").
	Pledged Kind = iota + 1
	// Declined: would not, refused, ruled out, has no plans to, is not
	// considering.
	Declined
	// Unclear: could, may consider, did not rule out, too early.
	Unclear
	// Opposes: an adversary's line against others' troops ("legitimate
	// targets", "will not accept").
	Opposes
)

func (k Kind) String() string {
	switch k {
	case Pledged:
		return "pledged"
	case Declined:
		return "declined"
	case Unclear:
		return "unclear"
	case Opposes:
		return "opposes"
	}
	return "none"
}

// ParseKind is the Kind named s ("pledged", ...), 0 when none.
func ParseKind(s string) Kind {
	for k := Pledged; k <= Opposes; k++ {
		if k.String() == s {
			return k
		}
	}
	return 0
}

// Stance is what one actor does about the topic in a sentence, with the
// word that shows it ("promising", "would not deploy").
type Stance struct {
	Actor string
	Kind  Kind
	Cue   string
	// Condition is the clause a pledge depends on ("if a ceasefire is
	// established"), "" for none.
	Condition string
}

// Observation is a stance found in a passage: who, on which topic, what,
// on which condition, and the sentence that shows it (byte offsets into
// the passage text).
type Observation struct {
	Actor      string
	Topic      string
	Kind       Kind
	Condition  string
	Cue        string
	Start, End int
	topic      int // index in the topic set
}

// Stances returns the stance each actor takes on the topic (any of
// topicTerms) in sentence. context is the text before it (earlier
// sentences and passages), used for pronouns: "they" and "it" are the
// last actors named, "he" and "she" the last person's country, "we" the
// quoted speaker's.
func Stances(sentence, context string, topicTerms []string) []Stance {
	return NewTopic(topicTerms).Stances(sentence, context)
}

// Stances is the package's Stances for a prepared topic.
func (tp *Topic) Stances(sentence, context string) []Stance {
	return tp.StancesIn(sentence, context, Words{})
}

// StancesIn is Stances when the caller already holds the sentence's Words
// (zero: computed here).
func (tp *Topic) StancesIn(sentence, context string, words Words) []Stance {
	if strings.TrimSpace(sentence) == "" {
		return nil
	}
	if words.stems == nil {
		words = WordsOf(sentence)
	}
	if !tp.In(words) {
		return nil
	}
	return tp.scan(sentence, context)
}

// scan is StancesIn without the check that the topic occurs; a stance
// read off the context alone ("would consider a contribution", of the
// topic before) counts only where the sentence names the topic, so that
// In stays exact for Stances.
func (tp *Topic) scan(sentence, context string) []Stance {
	if !tp.In(WordsOf(sentence)) {
		return nil
	}
	all, only := tp.all, tp.only
	var prev *Text
	if context != "" {
		prev = NewText(context)
	}
	var out []Stance
	for _, o := range all.observe(NewText(sentence), prev, only) {
		out = append(out, Stance{Actor: o.Actor, Kind: o.Kind, Cue: o.Cue, Condition: o.Condition})
	}
	return out
}

// withKnown is the topic followed by the known topics, so that a term of
// another topic ("air force" for troops) is that topic's, and the topics
// that count as the topic: itself and the known ones sharing a term with
// it (troops is troops, "ground troops" included).
func (tp *Topic) withKnown() (*TopicSet, map[int]bool) {
	defs := append(append([]TopicDef(nil), tp.ts.defs...), Topics().defs...)
	only := map[int]bool{0: true}
	mine := map[string]bool{}
	for _, t := range append([]string{tp.ts.defs[0].Name}, tp.ts.defs[0].Terms...) {
		mine[strings.ToLower(strings.TrimSpace(t))] = true
	}
	for n, d := range Topics().defs {
		for _, t := range append([]string{d.Name}, d.Terms...) {
			if mine[strings.ToLower(t)] {
				only[n+1] = true
			}
		}
	}
	return NewTopicSet(defs), only
}

// Observe returns the stances of passage t on every known topic; prev is
// the passage before it in its article (nil for none), for pronouns.
func Observe(t, prev *Text) []Observation {
	return Topics().observe(t, prev, nil)
}

// Observe is the package's Observe over the topics of ts.
func (ts *TopicSet) Observe(t, prev *Text) []Observation { return ts.observe(t, prev, nil) }

// observe finds the stances in t on the topics in only (nil: every
// topic).
func (ts *TopicSet) observe(t, prev *Text, only map[int]bool) []Observation {
	// A stance needs an actor named here or in the passage before (for
	// pronouns, "we" and owners alike): most passages name none.
	if !t.doc().hasActor() && (prev == nil || !prev.doc().hasActor()) {
		return nil
	}
	// Most of the rest name no topic: find that out from the words alone.
	stems := make([]string, len(t.toks))
	any := false
	for i, tok := range t.toks {
		if tok.Word {
			stems[i] = stemLower(tok.Lower)
		}
	}
	words := make([]string, 0, len(t.toks))
	lower := make([]string, 0, len(t.toks))
	wordTok := make([]int, 0, len(t.toks))
	for i, tok := range t.toks {
		if tok.Word {
			words = append(words, stems[i])
			lower = append(lower, tok.Lower)
			wordTok = append(wordTok, i)
		}
	}
	topicAt := make([]int, len(t.toks)) // topic+1 at a term's first token
	termEnd := make([]int, len(t.toks))
	for wi := 0; wi < len(words); wi++ {
		tp, n := ts.termAt(lower, words, wi)
		if n == 0 {
			continue
		}
		i := wordTok[wi]
		topicAt[i] = tp + 1
		termEnd[i] = wordTok[wi+n-1] + 1
		wi += n - 1
		any = true
	}
	// "would consider a contribution", "Spain says yes", "they had no
	// such intention": about what the text was about.
	generic := false
	td := t.doc()
	for i, tok := range t.toks {
		if tok.Word && maybeGeneric(tok.Lower) && (genericNouns[tok.Lower] || cues().elliptic.at(t.toks, i) > 0 || presenceAt(td, i)) {
			generic = true
			break
		}
	}
	if !any && !generic {
		return nil
	}
	d, base := t.joined(prev)
	off := len(d.toks) - len(t.toks)
	s := &scanner{d: d, ts: ts, base: base, src: t.s, off: off,
		topicAt: make([]int, len(d.toks)), termEnd: make([]int, len(d.toks)), termOf: make([]int, len(d.toks))}
	for i := range s.termOf {
		s.termOf[i] = -1
	}
	for i := range t.toks {
		if topicAt[i] > 0 && termEnd[i] < len(t.toks) && t.toks[i].capitalised() && gaz().titles[t.toks[termEnd[i]].Lower] {
			continue // "US Army Secretary Dan Driscoll": a title, not troops
		}
		if topicAt[i] > 0 && i >= 2 && t.toks[i-1].Norm == "-" && t.toks[i-2].Lower == "non" {
			continue // "non-military support" is no military support
		}
		if m := d.byTok[i+off]; topicAt[i] > 0 && (m < 0 || !d.mentions[m].known && d.mentions[m].Actor == "") {
			s.topicAt[i+off] = topicAt[i]
			s.termEnd[i+off] = termEnd[i] + off
			for k := i + off; k < termEnd[i]+off; k++ {
				s.termOf[k] = i + off
			}
		}
	}
	spans := text.Sentences(t.s)
	s.heading = headingActor(d, off, spans, base)
	k := off
	for _, sp := range spans {
		first := k
		for first < len(d.toks) && d.toks[first].Start < base+sp.Start {
			first++
		}
		end := first
		for end < len(d.toks) && d.toks[end].Start < base+sp.End {
			end++
		}
		k = end
		has := false
		for j := first; j < end; j++ {
			if s.topicAt[j] > 0 || generic && maybeGeneric(d.toks[j].Lower) && (genericNouns[d.toks[j].Lower] || cues().elliptic.at(d.toks, j) > 0 || presenceAt(d, j)) {
				has = true
				break
			}
		}
		if !has || strings.HasSuffix(strings.TrimSpace(t.s[sp.Start:sp.End]), "?") {
			continue // a question states no stance
		}
		s.sentence(first, end, sp)
	}
	if only == nil {
		return s.out
	}
	var out []Observation
	for _, o := range s.out {
		if only[o.topic] && !hasObs(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// scanner reads the stances of one passage's sentences.
type scanner struct {
	d       *doc
	ts      *TopicSet
	base    int    // byte offset of the passage in d.src
	off     int    // index of the passage's first token in d.toks
	src     string // the passage
	topicAt []int  // per token: topic+1 where a term starts
	termEnd []int  // per token: the token after that term
	termOf  []int  // per token: where its term starts, -1 outside terms

	first, end  int // the sentence's tokens
	span        text.Span
	lastSubject []string
	clauseSubj  []string // the subject of the clause's last predicate
	// thingSubject: the last predicate's subject was a thing, not an actor
	thingSubject bool
	negAt        []bool // per token: inside a negation
	hedgeAt      []bool // per token: inside a hedge
	// stoppedAtNoun: the last subject() stopped at a word that is no
	// actor (the subject is a thing: "a settlement that puts")
	stoppedAtNoun bool
	quotes        []Quotation
	quotesDone    bool
	out           []Observation
	sentOut       int // index in out of the sentence's first observation
	lastPred      *predRecord
	// objectLimit, when set, ends the object of the predicate being
	// read before its clause does ("make X available to Y": X).
	objectLimit int
	// forceOwner: the actors of the passage's last pledge of troops, whose
	// "the force" is; forceSubject: the last subject was that force
	heading      string // "Poland. No troops, full stop": the actor a list entry is about
	forceOwner   []string
	forceSubject bool
	lastForce    bool // the last subject was a force, "it" stands for it
}

// topicOcc is a topic named at token tok, with the actor whose it is
// ("Polish troops"), if any.
type topicOcc struct {
	topic   int
	tok     int
	owner   string
	negated bool // "not troops but logistics"
}

func (s *scanner) sentence(first, end int, sp text.Span) {
	s.first, s.end, s.span = first, end, sp
	s.sentOut = len(s.out)
	s.clauseSubj = nil
	// Negations and hedges, phrases included, marked on every token they
	// cover: the subject is read backwards, from a phrase's last word.
	if s.negAt == nil {
		s.negAt, s.hedgeAt = make([]bool, len(s.d.toks)), make([]bool, len(s.d.toks))
	}
	for j := first; j < end; j++ {
		if n := cues().negations.at(s.d.toks, j); n > 0 {
			for k := j; k < j+n && k < end; k++ {
				s.negAt[k] = true
			}
		}
		if n := cues().hedges.at(s.d.toks, j); n > 0 {
			for k := j; k < j+n && k < end; k++ {
				s.hedgeAt[k] = true
			}
		}
	}
	toks := s.d.toks
	clauseStart := first
	weighedUpTo := -1 // the end of what a cue of consideration weighs in this clause
	for i := first; i < end; i++ {
		if s.clauseBreak(i) {
			contrast := toks[i].Lower == "but" || toks[i].Lower == "while" || toks[i].Lower == "whereas" || toks[i].Norm == ";"
			clauseStart = i + 1
			weighedUpTo = -1
			s.clauseSubj = nil
			if e := s.ellipticVP(clauseStart, contrast); e > clauseStart {
				i = e - 1
			}
			continue
		}
		if m := s.d.byTok[i]; m >= 0 && s.d.mentions[m].known { // "Pledge" inside a name
			continue
		}
		if n := cues().echo.at(toks, i); n > 0 {
			s.echo(i, i+n-1, clauseStart)
			i += n - 1
			continue
		}
		if av := s.madeAvailable(i); av > 0 && !s.refusedBefore(i, clauseStart) {
			// "will make its navy and air force available to the force":
			// a commitment of what stands between
			s.objectLimit = av
			s.predicate(i, i, cuePledge, cuePledge, clauseStart, false, strings.TrimSpace(s.d.src[toks[i].Start:toks[av].End]))
			s.objectLimit = 0
			i = av
			continue
		}
		k, n := cueAt(toks, i)
		if k == 0 || s.hyphened(i) {
			continue // "a European-led force": an adjective, not a verb
		}
		if i > s.first && k != cueOppose && strings.HasSuffix(toks[i].Lower, "ing") && topicPrepositions[toks[i-1].Lower] {
			continue // "the question of deploying troops": a topic of talk, not a commitment
		}
		if s.alternative(i) {
			continue // "to mediate rather than to send forces": read with the cue before
		}
		last := i + n - 1
		lk := k
		weighed := false // a link of the chain weighs the commitment: "willing to consider sending"
		// A chain "ready to send", "refused to deploy", "considering
		// sending": the first word sets refusal, the last the commitment.
		doubled := false // "refused to rule out": a refusal of a refusal
		for {
			weighed = weighed || last > i+n-1 && lk == cueConsider
			if last+3 < end && reflexives[toks[last+1].Lower] && toks[last+2].Lower == "to" {
				last++ // "committed themselves to deploy"
			}
			if lk == cueModal && strings.HasPrefix(toks[last].Lower, "keep") && last+2 < end && toks[last+1].Lower == "up" && s.givenThingAt(last+2, end) {
				last, lk = last+1, cuePledge // "will keep up its military aid": goes on giving it
				continue
			}
			if last+2 < end && isQuoteMark(toks[last+1]) && toks[last+2].Lower == "to" {
				last++ // had "no plans" to send: the writer's quotation marks around the words
			}
			if to := s.adverbialTo(last, end); to > 0 {
				last = to - 1 // "agreed for the first time to lead", "ready, in principle, to send"
			}
			if lk == cueDecline {
				// "rejected the idea of sending", "ruled out any prospect of deploying"
				if at := s.ideaOf(last+1, end); at > 0 {
					if k2, n2 := cueAt(toks, at); k2 == cuePledge || k2 == cueSupport {
						last, lk = at+n2-1, k2
						continue
					}
				}
			}
			if (lk == cueModal || lk == cueDecline) && last+2 < end && toks[last+1].Lower == "of" && strings.HasSuffix(toks[last+2].Lower, "ing") {
				// "no intention of sending", "plans of deploying"
				if k2, n2 := cueAt(toks, last+2); k2 == cuePledge || k2 == cueSupport {
					last, lk = last+1+n2, k2
					continue
				}
			}
			if last+2 < end && toks[last+1].Lower == "to" {
				at := last + 2
				if at+1 < end && splitInfinitive(toks[at].Lower) {
					at++ // "refuses to even consider", "agreed to formally commit"
				}
				if k2, n2 := cueAt(toks, at); k2 != 0 && k2 != cueOppose {
					// "refused to rule out", "refused to abandon plans to
					// send": a refusal of a refusal leaves the door open;
					// "refused to drop its opposition" is still a refusal
					doubled = doubled || k == cueDecline && k2 == cueDecline &&
						(excludeVerb(toks[at].Lower) || !s.stanceNounAt(at+n2, end))
					last, lk = at+n2-1, k2
					continue
				}
			}
			if (lk == cueConsider || lk == cueModal || lk == cueDecline) && last+1 < end &&
				strings.HasSuffix(toks[last+1].Lower, "ing") {
				if k2, n2 := cueAt(toks, last+1); k2 == cuePledge || k2 == cueSupport {
					last, lk = last+n2, k2
					continue
				}
				if toks[last+1].Lower == "training" && last+2 < end && toks[last+2].Word && !topicPrepositions[toks[last+2].Lower] {
					last, lk = last+1, cuePledge // "will keep training Ukrainian pilots": the verb, not the noun
					continue
				}
			}
			break
		}
		if doubled {
			k = cueConsider // "refused to rule out sending": a door left open, as "did not rule out"
		} else if k == cueModal && (lk == cueDecline || lk == cueConsider) {
			k = lk // "continues to reject", "plans to consider": the verb after "to" says what
		} else if k == cueConsider && toks[i].Lower == "decided" && last > i && s.toWithin(i+1, last) {
			k = lk // "decided to send": decided, not weighed ("had not decided whether to" stays a hedge)
		} else if weighed && (k == cueModal || k == cuePledge) {
			k = cueConsider // "ready to discuss sending", "willing to look at deploying": weighed, not made
		}
		hedge := false
		if k == cueDecline && last+2 < end && toks[last+1].Lower == "to" && cues().sayVerbs.at(toks, last+2) > 0 {
			k, hedge = cueConsider, true // "declined to say whether": no answer, not a no
		}
		if k == cueModal && last == i+n-1 && !(readyWords[toks[i].Lower] && s.ellipticAfter(last, s.clauseEnd(last))) {
			i = last
			continue // "open" or "plan" without a verb after it
		}
		if k == cueConsider && judgeVerbs[toks[i].Lower] && s.verdictAhead(last) {
			i = last
			continue // "Moscow considers the deployment unacceptable": a verdict, not a commitment weighed
		}
		if (k == cuePledge || k == cueSupport) && i <= weighedUpTo && strings.HasSuffix(toks[i].Lower, "ing") &&
			toks[i-1].Lower != "without" && !s.joinedAfter(weighedUpTo-weighedReach, i) {
			// "is open to Australian troops joining the force", "weighing
			// sending money or deploying troops": what is weighed
			k, hedge = cueConsider, true
		}
		cueText := strings.TrimSpace(s.d.src[toks[i].Start:toks[last].End])
		s.predicate(i, last, k, lk, clauseStart, hedge, cueText)
		if k == cueConsider {
			weighedUpTo = last + weighedReach
		}
		i = last
	}
	s.nominal()
}

// weighedReach is how many words after a cue of consideration a gerund
// of commitment is still what it weighs ("open to Australian troops
// joining"), not a commitment of its own.
const weighedReach = 6

// joinedAfter reports "and", "or", "but" or a comma between tokens from
// and to that opens a verb phrase of its own ("is considering the
// request and is sending two frigates"); one just before to coordinates
// the gerund at to with what is weighed ("weighing sending funds or
// deploying engineers").
func (s *scanner) joinedAfter(from, to int) bool {
	for j := from + 1; j < to-1; j++ {
		if t := s.d.toks[j]; t.Lower == "and" || t.Lower == "or" || t.Lower == "but" || t.Norm == "," {
			return true
		}
	}
	return false
}

// toWithin reports a "to" among tokens [from, to]: a chain that went on
// through an infinitive ("decided on Monday to send").
func (s *scanner) toWithin(from, to int) bool {
	for j := from; j <= to && j < len(s.d.toks); j++ {
		if s.d.toks[j].Lower == "to" {
			return true
		}
	}
	return false
}

// onlyNameBetween reports tokens [from, to) holding one name and at
// most a determiner before it: "the United States" in "with the United
// States leading".
func (s *scanner) onlyNameBetween(from, to int) bool {
	toks := s.d.toks
	if from < to && toks[from].Lower == "the" {
		from++
	}
	if from >= to {
		return false
	}
	m := s.d.byTok[from]
	if m < 0 {
		return false
	}
	for j := from; j < to; j++ {
		if s.d.byTok[j] != m {
			return false
		}
	}
	return true
}

// ideaNouns name a commitment as a thought: a refusal of "the idea of
// sending troops" refuses the sending.
var ideaNouns = map[string]bool{"idea": true, "notion": true, "prospect": true, "possibility": true, "option": true,
	"suggestion": true}

// ideaOf finds, from token j, "[the|any|a] idea of X-ing" and returns the
// index of the gerund, 0 when the tokens are not so.
func (s *scanner) ideaOf(j, end int) int {
	toks := s.d.toks
	if j < end && determiners[toks[j].Lower] {
		j++
	}
	if j+2 >= end || !ideaNouns[toks[j].Lower] || toks[j+1].Lower != "of" || !strings.HasSuffix(toks[j+2].Lower, "ing") {
		return 0
	}
	return j + 2
}

// refusedPossibility reports that every hedge among tokens [from, to) is
// one of ideaNouns: in the chain "ruled out the possibility of sending
// troops" (ideaOf) the possibility is what is refused, where "the
// possibility of sending troops" alone hedges.
func (s *scanner) refusedPossibility(from, to int) bool {
	toks := s.d.toks
	found := false
	for j := from; j < to; j++ {
		if n := cues().hedges.at(toks, j); n > 0 {
			if n > 1 || !ideaNouns[toks[j].Lower] {
				return false
			}
			found = true
		}
	}
	return found
}

// placementVerbs are the pledge cues that say where forces go.
var placementVerbs = []string{"station", "deploy", "based", "base", "placed", "position", "locate"}

// ukraineWords name Ukraine or its ground as the negated place: not
// being there is a refusal, wherever else the forces go.
var ukraineWords = map[string]bool{"ukraine": true, "ukrainian": true, "ukraine's": true, "kyiv": true,
	"ground": true, "soil": true, "territory": true, "country": true}

// notPlaces follow a locative in phrases that name no place: "but in any
// case", "but in fact".
var notPlaces = map[string]bool{"any": true, "fact": true, "turn": true, "addition": true, "particular": true,
	"short": true, "principle": true, "general": true, "part": true, "end": true, "return": true}

// locatives open the phrase that says where.
var locatives = map[string]bool{"on": true, "at": true, "in": true, "near": true, "along": true, "close": true, "far": true, "inside": true, "within": true}

// placedElsewhere reports a negated placement contrasted with another
// place in the same sentence: "would not be stationed on the front line,
// he said, but at strategic locations" says where the force goes, not
// that it does not go. The contrast must be a place too ("but at",
// "but in", "rather in"), and the negated place must not be Ukraine
// itself: "would not be deployed in Ukraine but in Poland" is a refusal
// for Ukraine (and outside handles the rest).
func (s *scanner) placedElsewhere(c, last int) bool {
	toks := s.d.toks
	placement := false
	for _, v := range placementVerbs {
		placement = placement || strings.HasPrefix(toks[c].Lower, v)
	}
	if !placement || last+1 >= s.end || !locatives[toks[last+1].Lower] {
		return false
	}
	for j := last + 1; j+1 < s.end; j++ {
		switch w := toks[j].Lower; {
		case ukraineWords[w]:
			return false // "not ... on the ground, but in Poland": Ukraine refused
		case w == "but" || w == "rather" || w == "instead":
			k := j + 1
			if k < s.end && toks[k].Lower == "of" {
				k++ // "instead of"
			}
			if k+1 >= s.end || !locatives[toks[k].Lower] {
				return false
			}
			m := k + 1
			if toks[m].Lower == "the" && m+1 < s.end {
				m++ // "but in the cities"; "but in the end" is no place
			}
			return toks[m].Word && !notPlaces[toks[m].Lower]
		case s.clauseBreak(j) && toks[j].Norm != ",":
			return false
		}
	}
	return false
}

// butNot reports "but not" or "but no" at token k: what follows is
// refused ("air defence but not troops").
func (s *scanner) butNot(k int) bool {
	toks := s.d.toks
	return k+1 < len(toks) && toks[k].Lower == "but" && (toks[k+1].Lower == "not" || toks[k+1].Lower == "no")
}

// predicate reads one commitment, refusal or hedge: cue tokens [c, last],
// its first word of kind k, its last of kind lk.
func (s *scanner) predicate(c, last int, k, lk cueKind, clauseStart int, hedge bool, cueText string) {
	toks := s.d.toks
	end := s.clauseEnd(last)
	if s.objectLimit > 0 && s.objectLimit < end {
		end = s.objectLimit // "make its navy available to the force": the object ends at "available"
	}
	if end < s.end && toks[end].Norm == ":" && len(s.topicsIn(last+1, end)) == 0 {
		end = s.clauseEnd(end) // "would go on helping Kyiv: organisationally, and with military aid"
	}
	// "ready to provide air defence but not troops", "intelligence, but
	// no combat troops": the refused thing is the same verb's object
	but := end
	if but+2 < s.end && toks[but].Norm == "," && toks[but+1].Lower == "but" {
		but++
	}
	if but+1 < s.end && s.butNot(but) {
		end = s.clauseEnd(but + 1)
	}
	if but+2 < s.end && toks[but].Lower == "but" && toks[but+1].Lower == "only" && cues().conditions.at(toks, but+2) > 0 {
		end = s.clauseEnd(but + 2) // "could contribute soldiers, but only after a ceasefire": its condition
	}
	if s.memberList(c, clauseStart, cueText) {
		return
	}
	s.forceSubject = false
	subj, explicit, neg, h := s.subject(c, clauseStart)
	neg = neg || s.negatedPlanFor(c, clauseStart)
	if k == cuePledge {
		refuse, possible := s.refusalGoverns(c, clauseStart)
		neg, h = neg || refuse, h || possible
	}
	if neg && k == cuePledge && s.placedElsewhere(c, last) {
		return // "would not be stationed on the front line, but at strategic locations": where, not whether
	}
	if c > s.first && toks[c-1].Lower == "without" && strings.HasSuffix(toks[c].Lower, "ing") {
		// "Finland acts without providing its own forces": a refusal by
		// the clause's actor, whatever verb came before
		neg = true
		if len(subj) == 0 {
			if as := s.firstActorsIn(s.first, c-1); len(as) > 0 {
				subj, explicit = as, true // "Germany will aid Poland without deploying troops": Germany
			}
		}
	}
	nounSubject := s.stoppedAtNoun
	forced := s.forceSubject
	switch {
	case forced:
		s.lastSubject, s.lastForce = subj, true
	case explicit:
		s.lastForce = false
	}
	if kept := withoutHost(subj); len(kept) < len(subj) {
		// The host pledges nothing to itself; an adversary's verdict on
		// troops "that appear in Ukraine" is the adversary's.
		subj = kept
		if len(subj) == 0 {
			explicit, nounSubject = false, true
		}
	}
	if len(subj) == 0 && s.clauseSubj != nil && c > clauseStart && (toks[c-1].Norm == "," || toks[c-1].Lower == "and") {
		subj = s.clauseSubj // "It would help regenerate ..., secure its skies and support safe shipping"
	}
	if len(subj) > 0 {
		s.clauseSubj = subj
	}
	// A thing as subject ("The force would be ready") is what a later
	// "it" stands for; an actor as subject ends that.
	if explicit || len(subj) == 0 && nounSubject {
		s.thingSubject = len(subj) == 0
	}
	// The cue's own words hedge nothing: "never an option" is a refusal.
	_, n0 := cueAt(toks, c)
	inChain := s.hedgedBetween(c+n0, last+1) && !(k == cueDecline && s.refusedPossibility(c+n0, last+1)) // "ruled out the possibility of sending"
	hedge = hedge || h || s.hedgedBetween(clauseStart, c) || inChain
	if len(subj) > 0 && explicit {
		s.lastSubject = subj
	}
	if len(subj) == 0 && c > clauseStart && determiners[toks[c-1].Lower] && k != cueOppose {
		// "the plan to send troops", "any deployment of troops": a noun
		// nobody is committed to here, unless it is the clause's subject
		// with a verdict of its own ("The deployment is not foreseen").
		if _, _, _, ok := s.laterVerdict(last, end); !ok {
			return
		}
	}
	adversary := len(subj) > 0 && ActorKind(subj[0]) == KindAdversary
	var occs []topicOcc
	switch {
	case k == cueOppose:
		occs = s.topicsIn(s.first, s.end)
		// A verdict on troops is its speaker's, never the troops' owner's
		// ("the deployment of NATO troops is unacceptable").
		if len(subj) == 0 || !explicit || ActorKind(subj[0]) != KindAdversary {
			if a := s.opposer(c, last); a != "" {
				subj, explicit = []string{a}, true
			}
		}
		adversary = true
	default:
		support := lk == cueSupport || last+1 < len(toks) && supportNouns[toks[last+1].Lower]
		// "the arrangements Athens is willing to join are not
		// guarantees": a verb whose object came before it.
		gap := false
		if last > c && last+1 < end {
			w := toks[last+1].Lower
			gap = auxiliaries[w] || beForms[w] && w != "be" && w != "been" && w != "being"
		}
		training := -1 // "will train Ukrainian pilots": training, whoever is trained
		if trainVerbs[toks[last].Lower] && last+1 < end && toks[last+1].Word {
			training = s.topicNamed("training")
		}
		if training >= 0 {
			occs = []topicOcc{{topic: training, tok: last}}
		} else if !gap {
			occs = s.objectTopics(last, end, support, subj, adversary, s.joining(c, last))
		}
		if len(occs) == 0 {
			occs = s.passiveTopics(c, clauseStart)
			if len(occs) > 0 && occs[0].owner != "" && ActorKind(occs[0].owner) != KindHost {
				subj, explicit = []string{occs[0].owner}, true
			}
		}
		if len(occs) == 0 && s.intransitiveDeploy(c, last, end) {
			occs = []topicOcc{{topic: s.troopsTopic(), tok: last}}
			if len(s.forceOwner) > 0 && s.pronounBefore(c, clauseStart, "they") {
				// "Soldiers from the coalition will be stationed far from
				// the front. Leaders confirmed that they will be able to
				// operate in Ukraine": they who operate are those troops.
				subj = s.forceOwner
			}
		}
		// "agreed to fund the coordination unit", "will no longer pay
		// for it": funding is money whatever it buys.
		if len(occs) == 0 && last+1 < end && toks[last+1].Word &&
			fundVerb(toks[last].Lower, last > 0 && toks[last].Lower == "for" && strings.HasPrefix(toks[last-1].Lower, "pa")) {
			if tp := s.topicNamed("money"); tp >= 0 {
				occs = []topicOcc{{topic: tp, tok: last}}
			}
		}
		if len(occs) == 0 && (k == cueDecline || neg) && s.elliptical(last, end) {
			if rel := s.relativeBefore(clauseStart, c); rel >= 0 {
				// "admission to the alliance, which Putin opposes": what
				// "which" stands for, just before it
				occs = s.topicsIn(max(s.first, rel-4), rel)
			} else {
				occs = s.topicsIn(s.first, c)
				if len(occs) == 0 {
					occs = s.previousTopics()
				}
			}
		}
		// "Spain says yes if this ceasefire happens", "they had no
		// such intention", "Denmark is, in principle, ready": the topic
		// the text was about.
		if len(occs) == 0 && len(subj) > 0 && s.ellipticCue(c, last) && s.ellipticAfter(last, end) {
			if o, ok := s.contextTopic(c); ok {
				occs = []topicOcc{o}
			}
		}
		// "Canberra would consider a contribution", "any Dutch
		// contribution will be decided by the next cabinet": a
		// contribution of what the text was about.
		if len(occs) == 0 && len(subj) > 0 && (s.genericObject(last, end) || s.genericSubject(c, clauseStart)) {
			if o, ok := s.contextTopic(c); ok {
				occs = []topicOcc{o}
			}
		}
	}
	if len(occs) == 0 {
		return
	}
	// "Sending a Finnish combat unit is not being considered", "Rome
	// said sending soldiers was out of the question": the subject's
	// verdict comes after it.
	gerundSubject := strings.HasSuffix(toks[c].Lower, "ing") &&
		(len(subj) == 0 || c > 0 && (toks[c-1].Lower == "that" || speechVerbs[toks[c-1].Lower]))
	if gerundSubject || c > clauseStart && determiners[toks[c-1].Lower] {
		if vk, vneg, vhedge, ok := s.laterVerdict(last, end); ok {
			k, neg, hedge = vk, vneg, hedge || vhedge
		}
	} else if nominalization(toks[c].Lower) && s.finiteBeAfter(occs[len(occs)-1].tok, end) {
		// "American participation in the guarantees is crucial": a
		// subject, and its verdict no pledge unless it says one
		if vk, vneg, vhedge, ok := s.laterVerdict(occs[len(occs)-1].tok, end); ok {
			k, neg, hedge = vk, vneg, hedge || vhedge
		} else {
			hedge = true
		}
	}
	// "had not decided whether to send soldiers": a hedge between the
	// verb and what it is about
	if !hedge && k != cueOppose && occs[0].tok > last && s.hedgedBetween(last+1, occs[0].tok) {
		hedge = true
	}
	cond := s.condition(clauseStart, end)
	defer func() { s.lastPred = &predRecord{kind: resolveKind(k, neg, hedge), occs: occs, cond: cond} }()
	// "could" hedges a commitment that names no condition; with one
	// ("could be deployed once a ceasefire is signed") it is the
	// condition's modal ("as part of guarantees" is no condition).
	if (cond == "" || !s.firmCondition(clauseStart, end)) && !hedge {
		for j := clauseStart; j <= last; j++ {
			if cues().softHedges.at(toks, j) > 0 {
				hedge = true
				break
			}
		}
	}
	kind := resolveKind(k, neg, hedge)
	if g := s.asGroup(last, end); g != "" && len(subj) > 0 && !hasString(subj, g) {
		subj = append(append([]string(nil), subj...), g) // "ready to deploy as a coalition of the willing"
	}
	outside := kind == Pledged && s.outside(c, end)
	for _, o := range occs {
		actors := subj
		// "sending Norwegian soldiers" with no subject: the soldiers'
		// country is the actor.
		if o.owner != "" && len(actors) == 0 && !nounSubject && ActorKind(o.owner) != KindHost {
			actors = []string{o.owner} // not "a settlement that puts troops from NATO countries"
		}
		ok := kind
		if o.negated && kind == Pledged {
			ok = Declined // "commits not troops but logistical support"
		}
		if outside && s.ts.Name(o.topic) == "troops" {
			ok = Unclear // "forces stationed in a neighbouring nation": not in Ukraine
		}
		for _, a := range actors {
			s.add(Observation{Actor: a, Topic: s.ts.Name(o.topic), topic: o.topic, Kind: ok, Cue: cueText, Condition: cond})
		}
		if ok == Pledged && s.ts.Name(o.topic) == "troops" && len(actors) > 0 && !forced {
			s.forceOwner = actors
		}
	}
}

// joining reports a cue of taking part in what others lead ("take part
// in the coalition's force", "join a European mission"): their troops
// are then the subject's contribution.
func (s *scanner) joining(c, last int) bool {
	toks := s.d.toks
	for j := c; j <= last; j++ {
		w := toks[j].Lower
		if strings.HasPrefix(w, "join") || strings.HasPrefix(w, "participat") ||
			w == "part" && j > c && strings.HasPrefix(toks[j-1].Lower, "t") {
			return true
		}
	}
	return strings.HasPrefix(toks[last].Lower, "contribut") && last+1 < len(toks) && toks[last+1].Lower == "to"
}

// memberNouns stand for the members of the group named last: "the
// members", "the allies".
var memberNouns = map[string]bool{"members": true, "allies": true, "partners": true, "participants": true,
	"signatories": true}

// lastGroup is the last group named before token j ("" for none).
func (s *scanner) lastGroup(j int) string {
	for n := len(s.d.mentions) - 1; n >= 0; n-- {
		m := s.d.mentions[n]
		if m.T1 <= j && m.Person == "" && ActorKind(m.Actor) == KindGroup {
			return m.Actor
		}
	}
	return ""
}

// forceNouns head a force someone pledges: "the force", "the
// multinational force", "the contingent".
var forceNouns = map[string]bool{"force": true, "mission": true, "contingent": true}

// forceOwnerAt is who the force named at token tj (a definite "the
// force") belongs to: the actors of the last pledge of troops in the
// passage, else the last group named before it (the coalition whose
// force it is).
func (s *scanner) forceOwnerAt(tj int) []string {
	toks := s.d.toks
	e := s.termEnd[tj]
	if e <= tj || !forceNouns[toks[e-1].Lower] || tj == 0 || toks[tj-1].Lower != "the" && toks[tj-1].Lower != "this" {
		return nil
	}
	if len(s.forceOwner) > 0 {
		return s.forceOwner
	}
	if g := s.lastGroup(tj); g != "" {
		return []string{g}
	}
	return nil
}

// headingActor is the actor a passage opens with as a sentence of its
// own ("Poland. No troops, full stop, but ..."), as list entries do;
// "" when it opens otherwise.
func headingActor(d *doc, off int, spans []text.Span, base int) string {
	if len(spans) < 2 || off >= len(d.toks) {
		return ""
	}
	m := d.byTok[off]
	if m < 0 || d.mentions[m].Person != "" || d.mentions[m].Actor == "" {
		return ""
	}
	t1 := d.mentions[m].T1
	if t1 >= len(d.toks) || d.toks[t1].Norm != "." || d.toks[t1].End-base != spans[0].End {
		return ""
	}
	return d.mentions[m].Actor
}

// verbless reads a list entry's refusal with no verb: "Poland. No
// troops, full stop", "Italy. A flat no to troops". It reports whether
// it found one.
func (s *scanner) verbless(j, clauseStart int) bool {
	if s.heading == "" || j < 1 {
		return false
	}
	toks := s.d.toks
	no := -1
	switch {
	case toks[j-1].Lower == "no" && j-1 == clauseStart:
		no = j - 1 // "No troops, full stop"
	case toks[j-1].Lower == "to" && j >= 2 && toks[j-2].Lower == "no" && j-2 <= clauseStart+2:
		no = j - 2 // "A flat no to troops"
	}
	if no < 0 {
		return false
	}
	tn := s.topicAt[j] - 1
	s.add(Observation{Actor: s.heading, Topic: s.ts.Name(tn), topic: tn, Kind: Declined,
		Cue: strings.TrimSpace(s.d.src[toks[no].Start:toks[s.termEnd[j]-1].End])})
	return true
}

// copula reads a topic as what an actor will be: "Poland will be the
// logistics hub", "the US is ready to be a backstop", "Turkey would not
// be a troop contributor". It reports whether it found one.
func (s *scanner) copula(j, clauseStart int) bool {
	toks := s.d.toks
	k := j - 1
	for n := 0; k > clauseStart && n < 3 && !beForms[toks[k].Lower]; k, n = k-1, n+1 {
		w := toks[k].Lower
		if !toks[k].Word || s.d.byTok[k] >= 0 || s.termOf[k] >= 0 {
			return false
		}
		if c, _ := cueAt(toks, k); c != 0 || topicPrepositions[w] || w == "to" || w == "that" {
			return false
		}
	}
	if k <= clauseStart || !beForms[toks[k].Lower] || !determiners[toks[k+1].Lower] {
		return false
	}
	// The topic heads the noun phrase: "the logistics hub", "a backstop
	// in all areas", not "a naval power".
	e := s.termEnd[j]
	for e < s.end && s.topicAt[e] > 0 {
		e = s.termEnd[e]
	}
	if e < s.end && toks[e].Word && !topicPrepositions[toks[e].Lower] && !auxiliaries[toks[e].Lower] &&
		toks[e].Lower != "which" && toks[e].Lower != "that" && toks[e].Lower != "and" && toks[e].Lower != "if" {
		return false
	}
	be := k
	if w := toks[be].Lower; w == "being" || w == "been" && toks[be-1].Lower != "have" && toks[be-1].Lower != "has" {
		return false
	}
	if toks[be-1].Lower == "there" || toks[be-1].Lower == "it" && s.expletive(be-1) {
		return false // "there will be no troops": the nominal reading's
	}
	subj, explicit, neg, hedge := s.subject(be, clauseStart)
	if len(subj) == 0 || !explicit && s.stoppedAtNoun {
		return false
	}
	for m := be + 1; m < j; m++ {
		if s.negAt[m] {
			neg = true // "would be no part of"
		}
	}
	hedge = hedge || s.hedgedBetween(clauseStart, be)
	tn := s.topicAt[j] - 1
	cue := strings.TrimSpace(s.d.src[toks[be].Start:toks[e-1].End])
	for _, a := range subj {
		s.add(Observation{Actor: a, Topic: s.ts.Name(tn), topic: tn, Kind: resolveKind(cuePledge, neg, hedge), Cue: cue,
			Condition: s.condition(clauseStart, s.clauseEnd(j))})
	}
	return true
}

// readyWords are the modals that stand alone for a commitment: "Denmark
// is, in principle, ready".
var readyWords = map[string]bool{"ready": true, "prepared": true, "willing": true}

// ellipticCue reports a cue that may stand for a commitment named
// before: its last verb ("would take part", "ready to do its part") or
// the cue alone ("Denmark is ready."), but not a verb whose object came
// before it ("the arrangements Helsinki is willing to join").
func (s *scanner) ellipticCue(c, last int) bool {
	toks := s.d.toks
	if _, n0 := cueAt(toks, c); cues().elliptic.at(toks, c) > 0 && last <= c+max(n0, 1)-1 {
		return true
	}
	for j := last; j > c; j-- {
		if cues().elliptic.at(toks, j) == last-j+1 {
			return true
		}
	}
	return false
}

// ellipticAfter reports a clause that ends after token last, or goes on
// only with a condition or an aside: the commitment's object was named
// before ("Spain says yes if this ceasefire happens").
func (s *scanner) ellipticAfter(last, end int) bool {
	toks := s.d.toks
	for j := last + 1; j < end; j++ {
		if !toks[j].Word {
			continue
		}
		if cues().conditions.at(toks, j) > 0 || toks[j-1].Norm == "," && s.speechTag(j, end) {
			return true // "Luxembourg is prepared to contribute, officials said."
		}
		switch toks[j].Lower {
		case "too", "either", "yet", "now", "already", "again", "as", "well":
			continue
		case "to", "in":
			// "will contribute to it", "take part in it": the thing
			// the text was about, named by a pronoun
			if j+1 < end && (toks[j+1].Lower == "it" || toks[j+1].Lower == "this" || toks[j+1].Lower == "that" || toks[j+1].Lower == "them") {
				j++
				continue
			}
		}
		return false
	}
	return true
}

// speechTag reports a clause's tail from j that only says who said it:
// "officials said", "Fico told reporters on Monday".
func (s *scanner) speechTag(j, end int) bool {
	toks := s.d.toks
	for k := j; k < end && k <= j+6; k++ {
		if speechVerbs[toks[k].Lower] {
			return true
		}
		if c, _ := cueAt(toks, k); c != 0 || s.topicAt[k] > 0 {
			return false
		}
	}
	return false
}

// ellipticVP reads a clause that is only a subject and an auxiliary,
// its verb left out: "but Latvia is not", "France will", "and neither
// will Hungary", "so did Austria". Its subject takes the stance before
// on the same topics: a negative ellipsis refuses, a positive one
// repeats the stance, or after a refusal and a contrast ("Germany will
// not send troops; France will") pledges. It returns the clause's end
// when it read one, else start.
func (s *scanner) ellipticVP(start int, contrast bool) int {
	p := s.lastPred
	if p == nil || len(p.occs) == 0 || p.kind == Unclear || start >= s.end {
		return start
	}
	toks := s.d.toks
	j := start
	neg, same := false, false
	var actors []string
	mentions := func() {
		for j < s.end {
			if m := s.d.byTok[j]; m >= 0 && s.d.mentions[m].Actor != "" && s.d.mentions[m].Person == "" {
				actors = append(actors, s.d.mentions[m].Actor)
				j = s.d.mentions[m].T1
				continue
			}
			if len(actors) > 0 && (toks[j].Lower == "and" || toks[j].Norm == ",") && j+1 < s.end && s.d.byTok[j+1] >= 0 {
				j++
				continue
			}
			return
		}
	}
	aux := func() bool {
		if j < s.end && (auxiliaries[toks[j].Lower] || modalAux[toks[j].Lower] || beForms[toks[j].Lower] ||
			toks[j].Lower == "do" || toks[j].Lower == "wo" || toks[j].Lower == "ca") {
			j++
			return true
		}
		return false
	}
	switch toks[j].Lower {
	case "neither", "nor":
		neg = true
		j++
		if !aux() {
			return start
		}
		mentions()
	case "so":
		same = true
		j++
		if !aux() {
			return start
		}
		mentions()
	default:
		mentions()
		if len(actors) == 0 || !aux() {
			return start
		}
		for j < s.end && (s.negAt[j] || toks[j].Lower == "too" || toks[j].Lower == "either" || toks[j].Lower == "also") {
			neg = neg || s.negAt[j]
			same = same || toks[j].Lower == "too" || toks[j].Lower == "also"
			j++
		}
	}
	if len(actors) == 0 {
		return start
	}
	for j < s.end && !toks[j].Word && !s.clauseBreak(j) {
		j++
	}
	if j < s.end && !s.clauseBreak(j) {
		return start // more follows: not an ellipsis
	}
	kind := p.kind
	switch {
	case neg:
		kind = Declined
	case same:
	case contrast && p.kind == Declined:
		kind = Pledged
	}
	cue := strings.TrimSpace(s.d.src[toks[start].Start:toks[j-1].End])
	for _, o := range p.occs {
		for _, a := range actors {
			s.add(Observation{Actor: a, Topic: s.ts.Name(o.topic), topic: o.topic, Kind: kind, Cue: cue})
		}
	}
	return j
}

// predRecord is the last commitment or refusal read: its stance, topics
// and condition, whoever made it ("no country wants to send troops").
type predRecord struct {
	kind Kind
	occs []topicOcc
	cond string
}

// echo reads a verb phrase that repeats the stance before ("Germany, the
// United States and Italy had made this clear"): its subject takes the
// last predicate's stance on its topics.
func (s *scanner) echo(c, last, clauseStart int) {
	p := s.lastPred
	if p == nil || len(p.occs) == 0 {
		return
	}
	subj, _, neg, _ := s.subject(c, clauseStart)
	if len(subj) == 0 || neg {
		return
	}
	cueText := strings.TrimSpace(s.d.src[s.d.toks[c].Start:s.d.toks[last].End])
	for _, o := range p.occs {
		for _, a := range subj {
			s.add(Observation{Actor: a, Topic: s.ts.Name(o.topic), topic: o.topic, Kind: p.kind, Cue: cueText, Condition: p.cond})
		}
	}
}

// adverbialTo finds the "to" of a chain after a short aside: "agreed
// for the first time to lead", "ready, in principle, to send"; 0 when
// there is none.
func (s *scanner) adverbialTo(last, end int) int {
	toks := s.d.toks
	for j := last + 1; j < end && j <= last+6; j++ {
		w := toks[j].Lower
		if w == "to" {
			if j == last+1 || j+1 >= end {
				return 0
			}
			if k, _ := cueAt(toks, j+1); k != 0 && k != cueOppose {
				return j
			}
			return 0
		}
		if !asideWords[w] && !timeWords[w] { // "agreed for the first time to", "agreed in December to"
			return 0
		}
	}
	return 0
}

// hyphened reports a word joined to the one before by a tight hyphen
// ("US-led", "European-led").
func (s *scanner) hyphened(i int) bool {
	return i >= 2 && s.d.hyphenJoins(i-1)
}

// alternative reports a cue after "rather than" or "instead of".
func (s *scanner) alternative(i int) bool {
	toks := s.d.toks
	j := i - 1
	if j >= s.first && toks[j].Lower == "to" {
		j--
	}
	if j-1 >= s.first && (toks[j-1].Lower == "rather" && toks[j].Lower == "than" || toks[j-1].Lower == "instead" && toks[j].Lower == "of") {
		return true
	}
	if j >= s.first && toks[j].Lower == "than" { // "would rather fund the mission than send troops"
		for k := j - 1; k >= s.first && k >= j-10; k-- {
			if toks[k].Lower == "rather" {
				return true
			}
			if s.clauseBreak(k) {
				break
			}
		}
	}
	return false
}

// memberList reads "the countries prepared to send troops include not
// only EU members but also Norway, Iceland and Turkey": a list after
// "include" of those whom the subject, a commitment, describes. It
// reports whether it found one.
func (s *scanner) memberList(c, clauseStart int, cueText string) bool {
	toks := s.d.toks
	switch toks[c].Lower {
	case "include", "includes", "included", "including":
	default:
		return false
	}
	if toks[c].Lower == "including" && (c == clauseStart || toks[c-1].Norm != ",") {
		return false
	}
	topic := -1
	for j := clauseStart; j < c && topic < 0; j++ {
		k, n := cueAt(toks, j)
		if k != cuePledge && k != cueModal || s.d.byTok[j] >= 0 {
			continue
		}
		for t := j + n; t < c; t++ {
			if s.topicAt[t] > 0 {
				topic = s.topicAt[t] - 1
				break
			}
		}
	}
	if topic < 0 {
		return false
	}
	for j := clauseStart; j < c; j++ {
		if m := s.d.byTok[j]; m >= 0 && s.d.mentions[m].Actor != "" && s.d.mentions[m].Person == "" {
			return false // "Britain's offer includes ...": an actor as subject, read as usual
		}
	}
	found := false
	for j := c + 1; j < s.end; j++ {
		m := s.d.byTok[j]
		if m < 0 {
			continue
		}
		if a := s.d.mentions[m].Actor; a != "" && s.d.mentions[m].Person == "" && ActorKind(a) != KindHost {
			s.add(Observation{Actor: a, Topic: s.ts.Name(topic), topic: topic, Kind: Pledged, Cue: cueText})
			found = true
		}
		j = s.d.mentions[m].T1 - 1
	}
	return found
}

// resolveKind combines a cue's kind with the negations and hedges around
// it: a negated commitment is a refusal, a negated refusal ("did not rule
// out") or a hedged one a hedge, a negated consideration ("is not
// considering") a refusal.
func resolveKind(k cueKind, neg, hedge bool) Kind {
	switch k {
	case cueDecline:
		if neg || hedge {
			return Unclear
		}
		return Declined
	case cueConsider:
		if neg && !hedge {
			return Declined
		}
		return Unclear
	case cueOppose:
		return Declined
	}
	switch {
	case neg && hedge:
		return Unclear
	case neg:
		return Declined
	case hedge:
		return Unclear
	}
	return Pledged
}

// laterVerdict reads the verb phrase after a gerund subject: "is not
// being considered", "was ruled out", "is an option".
func (s *scanner) laterVerdict(last, end int) (cueKind, bool, bool, bool) {
	toks := s.d.toks
	be := -1
	for j := last + 1; j < end; j++ {
		if beForms[toks[j].Lower] && j > last+1 {
			be = j
			break
		}
	}
	if be < 0 {
		return 0, false, false, false
	}
	neg, hedge := false, false
	for j := be; j < end && j < be+8; j++ {
		if k, n := cueAt(toks, j); k != 0 && n > 1 {
			return k, neg, hedge, true // "was never an option": the phrase, its words no hedge
		}
		if cues().negations.at(toks, j) > 0 {
			neg = true
			continue
		}
		if cues().hedges.at(toks, j) > 0 {
			hedge = true
		}
		if k, _ := cueAt(toks, j); k != 0 {
			return k, neg, hedge, true
		}
	}
	if neg || hedge {
		return cuePledge, neg, hedge, true
	}
	return 0, false, false, false
}

// asGroup is the group named right after the verb at last with "as"
// ("deploy as a 'coalition of the willing'"), "" for none.
func (s *scanner) asGroup(last, end int) string {
	toks := s.d.toks
	j := last + 1
	if j >= end || toks[j].Lower != "as" {
		return ""
	}
	for j++; j < end && (toks[j].Lower == "a" || toks[j].Lower == "an" || toks[j].Lower == "the" || !toks[j].Word); j++ {
	}
	if j < end {
		if m := s.d.byTok[j]; m >= 0 && s.d.mentions[m].Person == "" && ActorKind(s.d.mentions[m].Actor) == KindGroup {
			return s.d.mentions[m].Actor
		}
	}
	return ""
}

// nominalization reports a noun made of a verb of commitment:
// "participation", "deployment", "commitment".
func nominalization(w string) bool {
	return strings.HasSuffix(w, "tion") || strings.HasSuffix(w, "ment") || strings.HasSuffix(w, "tions") || strings.HasSuffix(w, "ments")
}

// finiteBeAfter reports "is", "are", "was" or "were" among tokens (j,
// end): the noun phrase before it is a subject.
func (s *scanner) finiteBeAfter(j, end int) bool {
	for k := j + 1; k < end; k++ {
		switch s.d.toks[k].Lower {
		case "is", "are", "was", "were":
			return true
		}
	}
	return false
}

// intransitiveDeploy reports "ready to deploy once a ceasefire holds":
// deploying with no object is deploying troops.
func (s *scanner) intransitiveDeploy(c, last, end int) bool {
	toks := s.d.toks
	if strings.HasPrefix(toks[last].Lower, "operat") || toks[last].Lower == "launch" || toks[last].Lower == "launched" ||
		toks[last].Lower == "launches" || strings.HasPrefix(toks[last].Lower, "begin") {
		// "to begin operating on Ukrainian soil", "launch an operation
		// inside Ukraine": a presence in Ukraine is troops
		j := last + 1
		for j < end && j <= last+3 && (determiners[toks[j].Lower] || toks[j].Lower == "operation" || toks[j].Lower == "operations" ||
			toks[j].Lower == "there" || strings.HasSuffix(toks[j].Lower, "ly")) {
			j++
		}
		return s.inUkraine(j, end)
	}
	if toks[last].Lower == "foot" && last > c {
		return s.inUkraine(last+1, end) // "will not set foot in Ukraine"
	}
	if !strings.HasPrefix(toks[last].Lower, "deploy") || strings.HasPrefix(toks[last].Lower, "deployment") {
		return false
	}
	if last+1 >= end {
		return true
	}
	next := toks[last+1].Lower
	return !toks[last+1].Word || cues().conditions.at(toks, last+1) > 0 || next == "as" || next == "in" ||
		next == "to" || next == "there" || next == "quickly" || next == "immediately" || next == "alongside"
}

// maybeGeneric is a cheap test for the words genericNouns, the elliptic
// cues and presenceAt can start at.
func maybeGeneric(w string) bool {
	if gateWords()[w] {
		return true
	}
	return len(w) > 5 && (w[0] == 'd' && strings.HasPrefix(w, "deploy") || w[0] == 'o' && strings.HasPrefix(w, "operat") ||
		w[0] == 'l' && strings.HasPrefix(w, "launch"))
}

// gateWords are genericNouns, the elliptic cues' first words and "for".
var gateWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{"for": true}
	for w := range genericNouns {
		m[w] = true
	}
	l := cues().elliptic
	for w := range l.exact {
		m[w] = true
	}
	for w := range l.phrases {
		m[w] = true
	}
	if len(l.prefix) > 0 {
		panic("annotate: cues.json: elliptic entries must be words or phrases, not prefixes")
	}
	return m
})

// presenceAt reports a verb of operating or launching followed by a
// place in Ukraine ("operate in Ukraine", "launch an operation on
// Ukrainian soil"), or of paying ("pay for it"): a sentence with one is
// read for troops or money though it names neither.
func presenceAt(d *doc, j int) bool {
	w := d.toks[j].Lower
	if w == "for" && j > 0 && fundVerb("", strings.HasPrefix(d.toks[j-1].Lower, "pa") && (d.toks[j-1].Lower == "pay" ||
		d.toks[j-1].Lower == "pays" || d.toks[j-1].Lower == "paid" || d.toks[j-1].Lower == "paying")) {
		return true // "will no longer pay for it": money
	}
	if strings.HasPrefix(w, "deploy") && !strings.HasPrefix(w, "deployment") {
		return true // "ready to deploy once a ceasefire holds"
	}
	if !strings.HasPrefix(w, "operat") && !strings.HasPrefix(w, "launch") {
		return false
	}
	for k := j + 1; k < len(d.toks) && k <= j+4; k++ {
		switch d.toks[k].Lower {
		case "in", "inside", "on", "within", "across":
			if m := d.byTok[min(k+1, len(d.toks)-1)]; k+1 < len(d.toks) && m >= 0 && ActorKind(d.mentions[m].Actor) == KindHost {
				return true
			}
			return false
		}
	}
	return false
}

// inUkraine reports a place in Ukraine at token j: "in Ukraine", "on
// Ukrainian soil", "inside Ukraine", "on Ukrainian territory".
func (s *scanner) inUkraine(j, end int) bool {
	toks := s.d.toks
	if j+1 >= end {
		return false
	}
	switch toks[j].Lower {
	case "in", "inside", "on", "within", "across":
	default:
		return false
	}
	m := s.d.byTok[j+1]
	return m >= 0 && s.d.mentions[m].Person == "" && ActorKind(s.d.mentions[m].Actor) == KindHost
}

// pronounBefore reports the pronoun p as the subject of the verb at c.
func (s *scanner) pronounBefore(c, start int, p string) bool {
	for j := c - 1; j >= start && j >= c-6; j-- {
		if s.d.toks[j].Lower == p {
			return true
		}
		if s.d.byTok[j] >= 0 {
			return false
		}
	}
	return false
}

// fundVerb reports a verb of paying: "fund", "finance", "pay for".
func fundVerb(w string, payFor bool) bool {
	switch w {
	case "fund", "funds", "funded", "funding", "finance", "finances", "financed", "financing":
		return true
	}
	return payFor
}

// topicNamed is the index of the topic called name, -1 for none.
func (s *scanner) topicNamed(name string) int {
	for n, d := range s.ts.defs {
		if d.Name == name {
			return n
		}
	}
	return -1
}

func (s *scanner) troopsTopic() int {
	for n, d := range s.ts.defs {
		if d.Name == "troops" {
			return n
		}
	}
	return 0
}

// genericNouns stand for a contribution of whatever the text is about.
var genericNouns = map[string]bool{"contribution": true, "contributions": true, "participation": true, "mission": true,
	"involvement": true}

// genericObject reports an object that is a contribution of no named
// kind: "a contribution", "its participation".
func (s *scanner) genericObject(last, end int) bool {
	toks := s.d.toks
	for j := last + 1; j < end && j <= last+3; j++ {
		if genericNouns[toks[j].Lower] {
			return j+1 >= end || toks[j+1].Lower != "to" && toks[j+1].Lower != "of" && toks[j+1].Lower != "in"
		}
		if m := s.d.byTok[j]; m >= 0 && s.d.mentions[m].Person == "" && s.d.mentions[m].Actor != "" {
			continue // "not ruling out Dutch participation"
		}
		if !determiners[toks[j].Lower] {
			return false
		}
	}
	return false
}

// genericSubject reports a subject headed by a contribution noun: "any
// Dutch contribution will be decided".
func (s *scanner) genericSubject(c, start int) bool {
	toks := s.d.toks
	for j := c - 1; j >= start && j >= c-4; j-- {
		if genericNouns[toks[j].Lower] {
			return true
		}
		if !auxiliaries[toks[j].Lower] && !beForms[toks[j].Lower] && toks[j].Lower != "will" && toks[j].Lower != "not" {
			return false
		}
	}
	return false
}

// contextTopic is the topic the text was last about before token c: in
// this sentence, the sentences before it in the passage, or the passage
// before.
func (s *scanner) contextTopic(c int) (topicOcc, bool) {
	for j := c - 1; j >= s.off; j-- {
		if s.topicAt[j] > 0 && !s.inCondition(j) {
			return topicOcc{topic: s.topicAt[j] - 1, tok: j}, true
		}
	}
	var lower, stems []string
	var at []int
	for j := 0; j < s.off; j++ {
		if t := s.d.toks[j]; t.Word {
			lower, stems, at = append(lower, t.Lower), append(stems, stemLower(t.Lower)), append(at, j)
		}
	}
	found, tok := -1, -1
	for w := 0; w < len(stems); w++ {
		if tp, n := s.ts.termAt(lower, stems, w); n > 0 {
			if !s.inCondition(at[w]) {
				found, tok = tp, at[w]
			}
			w += n - 1
		}
	}
	if found < 0 {
		return topicOcc{}, false
	}
	return topicOcc{topic: found, tok: tok}, true
}

// inCondition reports a token inside a condition ("discuss troops once
// a peace agreement and its guarantees are clear": the guarantees are
// the condition, troops what is discussed).
func (s *scanner) inCondition(j int) bool {
	toks := s.d.toks
	for k := j - 1; k >= 0 && k >= j-12; k-- {
		switch toks[k].Norm {
		case ",", ".", ";", ":", "!", "?":
			return false
		}
		if cues().firm.at(toks, k) > 0 {
			return true
		}
	}
	return false
}

// previousTopics are the topics of the sentence before this one in the
// passage: "Bulgaria ... said they had no such intention".
func (s *scanner) previousTopics() []topicOcc {
	var out []topicOcc
	for j := s.first - 1; j >= s.off; j-- {
		if s.d.toks[j].Lower == "." || s.d.toks[j].Lower == "!" {
			if len(out) > 0 || j < s.first-1 {
				break
			}
			continue
		}
		if s.topicAt[j] > 0 {
			out = append(out, topicOcc{topic: s.topicAt[j] - 1, tok: j})
		}
	}
	return out
}

// nominal reads stances with no verb of commitment: "there would be no
// Polish troops", "Canadian troops on the ground were a possibility",
// "American soldiers would not be on the ground".
func (s *scanner) nominal() {
	toks := s.d.toks
	clauseStart := s.first
	for j := s.first; j < s.end; j++ {
		if s.clauseBreak(j) {
			clauseStart = j + 1
			continue
		}
		if s.topicAt[j] == 0 {
			continue
		}
		if s.copula(j, clauseStart) || s.verbless(j, clauseStart) {
			continue
		}
		owner, at := s.ownerBefore(j)
		if owner == "" || ActorKind(owner) == KindHost {
			continue
		}
		tn := s.topicAt[j] - 1
		topic := s.ts.Name(tn)
		if s.has(owner, topic) {
			continue
		}
		b := at - 1
		for b > s.first && beForms[toks[b].Lower] {
			b-- // "there will not be US troops"
		}
		if b >= s.first && (toks[b].Lower == "no" || toks[b].Lower == "not" || toks[b].Lower == "never") {
			s.add(Observation{Actor: owner, Topic: topic, topic: tn, Kind: Declined, Cue: strings.TrimSpace(s.d.src[toks[at-1].Start:toks[s.termEnd[j]-1].End])})
			continue
		}
		// The troops must be the clause's subject: only determiners before,
		// or what reports it ("Vance said American soldiers would not").
		subjectNP := true
		for k := at - 1; k >= clauseStart; k-- {
			w := toks[k].Lower
			if w == "that" || speechVerbs[w] || w == "," {
				break
			}
			if toks[k].Word && !determiners[w] {
				subjectNP = false
			}
		}
		if !subjectNP {
			continue
		}
		end := s.clauseEnd(j)
		be, neg, hedge, part := false, false, false, false
		for k := s.termEnd[j]; k < end && k < s.termEnd[j]+10; k++ {
			w := toks[k].Lower
			switch {
			case beForms[w]:
				be = true
			case cues().negations.at(toks, k) > 0:
				neg = true
			case cues().hedges.at(toks, k) > 0 || !be && cues().softHedges.at(toks, k) > 0:
				hedge = true
			case be && w == "part" && k+1 < end && toks[k+1].Lower == "of":
				part = true // "Swedish troops will be part of the force"
			}
		}
		if !be {
			continue
		}
		kind := Kind(0)
		switch {
		case neg && !hedge:
			kind = Declined
		case hedge:
			kind = Unclear
		case part:
			kind = Pledged
		}
		if kind != 0 {
			s.add(Observation{Actor: owner, Topic: topic, topic: tn, Kind: kind, Cue: strings.TrimSpace(s.d.src[toks[at].Start:toks[min(end, s.termEnd[j]+10)-1].End])})
		}
	}
}

var (
	// prepositions before a gerund that make it a topic of talk
	topicPrepositions = map[string]bool{"about": true, "of": true, "on": true, "over": true, "against": true,
		"regarding": true, "concerning": true, "towards": true, "toward": true, "in": true, "for": true, "by": true}
	reflexives = map[string]bool{"themselves": true, "itself": true, "ourselves": true, "himself": true,
		"herself": true}
	// "the number of troops": the object is the number, not the troops
	metaNouns = map[string]bool{"number": true, "numbers": true, "details": true, "detail": true, "size": true,
		"figure": true, "figures": true, "question": true, "idea": true, "issue": true, "safety": true,
		"composition": true, "makeup": true, "role": true, "debate": true, "discussion": true, "talk": true,
		"talks": true, "list": true, "names": true, "fate": true, "scale": true}
	// verbs of training: what they commit to is training, whoever is
	// trained ("will train soldiers" pledges no troops)
	trainVerbs = map[string]bool{"train": true, "trains": true, "training": true}
	// nouns of talk: what comes after them and a talkPreposition is
	// talked about ("views on", "a speech about"); metaNouns are too
	talkNouns = map[string]bool{"views": true, "view": true, "thoughts": true, "speech": true,
		"remarks": true, "comments": true, "comment": true, "concerns": true, "concern": true,
		"doubts": true, "opinion": true, "opinions": true, "position": true, "update": true,
		"briefing": true, "assessment": true, "clarity": true, "answer": true, "answers": true,
		"explanation": true, "questions": true}
	talkPrepositions = map[string]bool{"about": true, "on": true, "of": true, "over": true,
		"regarding": true, "concerning": true}
	// plural nouns "they" may stand for: "Several countries said they"
	genericPlurals = map[string]bool{"countries": true, "nations": true, "states": true, "allies": true,
		"members": true, "partners": true, "governments": true, "capitals": true, "others": true}
	// nouns that stand for an actor named before: "the Baltic country"
	anaphorNouns = map[string]bool{"country": true, "nation": true, "kingdom": true, "republic": true,
		"alliance": true, "bloc": true, "government": true, "administration": true, "cabinet": true}
	// words of a time adverbial between a subject and its verb
	timeWords = map[string]bool{"on": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true,
		"friday": true, "saturday": true, "sunday": true, "january": true, "february": true, "march": true,
		"april": true, "may": false, "june": true, "july": true, "august": true, "september": true, "october": true,
		"november": true, "december": true, "week": true, "month": true, "year": true, "weekend": true,
		"last": true, "this": true, "earlier": true, "later": true, "yesterday": true, "morning": true,
		"evening": true, "afternoon": true, "night": true, "day": true, "days": true, "weeks": true,
		"months": true, "ago": true, "spring": true, "summer": true, "autumn": true, "winter": true}
	// words of a short aside inside a chain
	asideWords = map[string]bool{"for": true, "the": true, "first": true, "time": true, "in": true, "principle": true,
		",": true, "also": true, "now": true, "still": true, "if": true, "needed": true, "necessary": true,
		"again": true, "finally": true, "too": true, "eventually": true, "ultimately": true, "once": true,
		"formally": true, "publicly": true, "already": true, "fully": true}
	// nouns heading a subject whose owner is the actor: "the Belgian
	// contribution will focus on"
	subjectHeads = map[string]bool{"contribution": true, "contributions": true, "offer": true, "pledge": true,
		"commitment": true, "role": true, "part": true, "share": true, "participation": true, "presence": true,
		"plan": true, "plans": true, "support": true, "help": true, "assistance": true, "force": true,
		"task": true, "job": true}
	auxiliaries = map[string]bool{"is": true, "are": true, "was": true, "were": true, "has": true, "have": true,
		"had": true, "will": true, "would": true, "does": true, "did": true, "can": true, "could": true}
	beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true,
		"being": true}
	determiners = map[string]bool{"the": true, "any": true, "some": true, "a": true, "an": true, "all": true,
		"its": true, "their": true, "our": true, "those": true, "these": true}
	// words between an owner and its troops: "Polish ground troops"
	ownerSkip = map[string]bool{"ground": true, "combat": true, "own": true, "military": true, "peacekeeping": true,
		"special": true, "regular": true, "elite": true, "'s": true, "army": true, "naval": true, "air": true,
		"navy": true, "and": true, ",": true, "land": true, "armed": true}
	// a topic right after "support" that belongs to someone else
	othersMarks = map[string]bool{"european": true, "western": true, "foreign": true, "allied": true,
		"multinational": true, "ukrainian": true, "ukraine's": true, "partner": true, "their": true,
		"international": true}
	meansMarks = map[string]bool{"with": true, "via": true, "through": true, "by": true, "including": true,
		"such": true}
	// "provide support to X": the commitment is support, not X
	supportNouns = map[string]bool{"support": true, "backing": true, "help": true, "assistance": true,
		"protection": true, "cover": true, "backstop": true}
)

func (s *scanner) has(actor, topic string) bool {
	for _, o := range s.out[s.sentOut:] {
		if o.Actor == actor && o.Topic == topic && o.topic >= 0 {
			return true
		}
	}
	return false
}

// add records an observation of the current sentence, once per actor,
// topic and kind: the host pledges nothing to itself, an adversary's
// refusal is its opposition and its acceptance no pledge.
func (s *scanner) add(o Observation) {
	switch ActorKind(o.Actor) {
	case KindHost:
		return
	case KindAdversary:
		switch o.Kind {
		case Declined:
			o.Kind = Opposes
		case Pledged:
			o.Kind = Unclear
		}
	}
	o.Start, o.End = s.span.Start, s.span.End
	for _, x := range s.out[s.sentOut:] {
		if x.Actor == o.Actor && x.topic == o.topic && x.Kind == o.Kind {
			return
		}
	}
	s.out = append(s.out, o)
}

// clauseBreak reports whether token i separates clauses that may have
// different subjects: ";", "while", "whereas", "but", "although", or ", and".
func (s *scanner) clauseBreak(i int) bool {
	t := s.d.toks[i]
	switch t.Lower {
	case ".", ",":
		if i+1 < len(s.d.toks) && s.d.toks[i+1].Start == t.End && i > 0 && s.d.toks[i-1].End == t.Start &&
			isNumber(s.d.toks[i-1].Lower) && isNumber(s.d.toks[i+1].Lower) {
			return false // "£1.6 billion", "5,000": a number, not a clause's end
		}
	}
	switch t.Lower {
	case ":":
		return !s.meansNext(i)
	case ";", ".", "!", "?", "while", "whereas", "but", "although", "though", "however", "meanwhile":
		return true
	case "and":
		return i > 0 && s.d.toks[i-1].Norm == "," && !s.meansNext(i)
	}
	return false
}

// meansNext reports that the mark or "and" at token i goes on with the
// ways the same clause's verb is done (", and with military aid", ":
// organisationally, ..."), not with a clause of its own: ", and with
// Spain it prefers to fund" has a verb and is one.
func (s *scanner) meansNext(i int) bool {
	if i+1 >= len(s.d.toks) {
		return false
	}
	n := s.d.toks[i+1]
	return n.Word && n.Lower == n.Norm && (meansPrepositions[n.Lower] || strings.HasSuffix(n.Lower, "ly")) &&
		!s.verbAhead(i+1)
}

// verbAhead reports a verb of commitment or an auxiliary from token j to
// the next punctuation mark.
func (s *scanner) verbAhead(j int) bool {
	toks := s.d.toks
	for ; j < len(toks) && toks[j].Word; j++ {
		if k, _ := cueAt(toks, j); k != 0 || auxiliaries[toks[j].Lower] {
			return true
		}
	}
	return false
}

// meansPrepositions start a phrase of how something is done ("with
// military aid", "via its air force").
var meansPrepositions = map[string]bool{"with": true, "via": true, "through": true}

func (s *scanner) clauseEnd(i int) int {
	for j := i + 1; j < s.end; j++ {
		if s.clauseBreak(j) {
			return j
		}
	}
	return s.end
}

// hedgedBetween reports a hedge among tokens [from, to), outside a
// relative clause between commas (", who had called it premature,").
func (s *scanner) hedgedBetween(from, to int) bool {
	toks := s.d.toks
	for j := from; j < to; j++ {
		if toks[j].Norm == "," && j+1 < to && (toks[j+1].Lower == "who" || toks[j+1].Lower == "which") {
			k := j + 2
			for k < to && toks[k].Norm != "," {
				k++
			}
			if k < to {
				j = k
				continue
			}
		}
		if cues().hedges.at(toks, j) > 0 {
			return true
		}
	}
	return false
}

// condition is the text of the first condition among tokens [from, to):
// the marker up to the next comma or the clause's end, at most a dozen
// words, naming what a pledge can depend on (a ceasefire, a deal, a
// mandate: cues.json's condition_words).
func (s *scanner) condition(from, to int) string {
	toks := s.d.toks
	for j := from; j < to; j++ {
		n := cues().conditions.at(toks, j)
		if n == 0 {
			continue
		}
		e := j + n
		named := cues().conditionWords.at(toks, j) > 0 || toks[j].Lower == "in" && n == 2 // "in principle"
		for words := 0; e < to && toks[e].Norm != "," && words < 12; e++ {
			if toks[e].Word {
				words++
			}
			if cues().conditionWords.at(toks, e) > 0 {
				named = true
			}
		}
		if !named {
			j = e - 1
			continue
		}
		return strings.TrimSpace(s.d.src[toks[j].Start:toks[e-1].End])
	}
	return ""
}

// firmCondition reports a condition proper (if, once, after a ceasefire)
// among tokens [from, to).
func (s *scanner) firmCondition(from, to int) bool {
	for j := from; j < to; j++ {
		if cues().firm.at(s.d.toks, j) > 0 {
			return true
		}
	}
	return false
}

// outside reports a place outside Ukraine among tokens [from, to): a
// phrase of cues.json's outside list, or "in" or "to" another country
// when Ukraine is not named ("soldiers lead a brigade in Latvia").
func (s *scanner) outside(from, to int) bool {
	toks := s.d.toks
	elsewhere, ukraine := false, false
	for j := from; j < to; j++ {
		if cues().outside.at(toks, j) > 0 {
			return true
		}
		if toks[j].Norm == "," && s.speechTag(j+1, to) {
			break // ", officials in Berlin said": where they spoke, not where troops go
		}
		m := s.d.byTok[j]
		if m < 0 || s.d.mentions[m].Actor == "" || s.d.mentions[m].Person != "" {
			continue
		}
		switch ActorKind(s.d.mentions[m].Actor) {
		case KindHost:
			ukraine = true
		case KindCountry:
			if t0 := s.d.mentions[m].T0; t0 > from && (toks[t0-1].Lower == "in" || toks[t0-1].Lower == "to") {
				elsewhere = true
			}
		}
		j = s.d.mentions[m].T1 - 1
	}
	return elsewhere && !ukraine
}

// topicsIn lists the topics named among tokens [from, to).
func (s *scanner) topicsIn(from, to int) []topicOcc {
	var out []topicOcc
	for j := from; j < to; j++ {
		if s.topicAt[j] > 0 {
			owner, _ := s.ownerBefore(j)
			out = append(out, topicOcc{topic: s.topicAt[j] - 1, tok: j, owner: owner})
		}
	}
	return out
}

// objectTopics finds the topics of the pledged thing after the cue:
// within a dozen words, or further along a list ("such as", "including").
// After "support" the topic must be the means ("with logistical help",
// "via its air force"), never troops being supported ("support the
// multinational forces"). Others' troops ("ruled out NATO troops") are
// not the subject's, but an adversary's verdict covers anyone's; the
// troops in "the number of troops" are no object.
func (s *scanner) objectTopics(c, end int, support bool, subj []string, adversary, joining bool) []topicOcc {
	toks := s.d.toks
	window := 12
	if support {
		window = 24 // the means may come late: "helping Kyiv as it has since 2022: ..., and with military aid"
	}
	means := false
	negated := false
	if c+1 < end && toks[c+1].Lower == "not" {
		negated = true // "commits not troops but logistical support": the "but" stays inside
		for e := end; e < s.end; e++ {
			if toks[e].Lower == "but" || toks[e].Lower == "," {
				continue
			}
			if s.clauseBreak(e) {
				end = e
				break
			}
			end = e + 1
		}
	}
	var out []topicOcc
	beneficiary := false // after "support for", "help to": whom it helps
	purpose := 0         // 1 after "for" past the object, 2 past a noun of that phrase
	rather := c > 0 && toks[c-1].Lower == "rather"
	for j := c + 1; j < end && j <= c+window; j++ {
		t := toks[j]
		if negated && t.Lower == "but" {
			negated = false
		}
		if j > c+1 && s.butNot(j-1) {
			negated = true // "ready to provide air defence but not troops", "but no combat troops"
		}
		if t.Lower == "than" && rather {
			negated = true // "would rather fund the mission than send troops"
		}
		if j+1 < end && (t.Lower == "rather" && toks[j+1].Lower == "than" || t.Lower == "instead" && toks[j+1].Lower == "of") {
			negated = true // "offered to mediate rather than to send forces"
		}
		if (t.Lower == "for" || t.Lower == "to") && j > c+1 && supportNouns[toks[j-1].Lower] {
			beneficiary = true
		}
		// "a hub for the transfer of weapons": what the pledged thing
		// is for is not pledged.
		switch {
		case t.Lower == "and" && j+1 < end && toks[j+1].Lower == "to":
			purpose = 0 // "support for an army of 800,000 and to a multinational force"
		case t.Lower == "for" && len(out) > 0 && purpose == 0:
			purpose = 1
		case purpose == 1 && t.Word && !determiners[t.Lower] && s.topicAt[j] == 0 && s.termOf[j] < 0 && t.Lower != "and":
			purpose = 2
		}
		if j > c+1 && (toks[j-1].Lower != "to" || j > c+2 && toks[j-2].Lower == "and") && !determiners[toks[j-1].Lower] && s.d.byTok[j] < 0 && !negated {
			if k, _ := cueAt(toks, j); (k == cuePledge || k == cueDecline) && s.topicAt[j] == 0 && !s.hyphened(j) &&
				!(strings.HasSuffix(t.Lower, "ing") && topicPrepositions[toks[j-1].Lower]) {
				break // the topic belongs to the next commitment ("take part in sending troops" is one)
			}
		}
		if meansMarks[t.Lower] {
			means = true
			window = 28
		}
		if j > c+1 && cues().conditions.at(toks, j) > 0 {
			// "as part of guarantees", "once a ceasefire holds": a
			// condition, not the object; an aside (", if needed, some naval
			// capabilities") lets the object go on after it.
			comma := -1
			for k := j + 1; k < end && k <= j+8; k++ {
				if toks[k].Norm == "," {
					comma = k
					break
				}
			}
			if comma < 0 || toks[j-1].Norm != "," {
				break
			}
			j = comma
			window = max(window, comma-c+8)
			continue
		}
		if s.topicAt[j] == 0 {
			continue
		}
		if j >= c+3 && toks[j-1].Lower == "for" && toks[j-2].Word && s.termOf[j-2] < 0 && !supportNouns[toks[j-2].Lower] &&
			cues().negations.at(toks, j-2) == 0 {
			if k, _ := cueAt(toks, j-2); k == 0 {
				j = s.termEnd[j] - 1
				continue // "protected sites for weapons": what the sites are for
			}
		}
		if purpose == 2 || purpose == 1 && !sameTopicIn(out, s.topicAt[j]-1) {
			// "serve as the logistics hub for the force": whom the
			// pledged thing is for is not pledged with it
			j = s.termEnd[j] - 1
			continue
		}
		tp := s.topicAt[j] - 1
		owner, at := s.ownerBefore(j)
		if owner == "" {
			owner = s.ownerAfter(j)
		}
		if owner != "" && ActorKind(owner) == KindHost && !adversary {
			if s.ts.Name(tp) == "troops" {
				j = s.termEnd[j] - 1
				continue // "regenerate Ukraine's armed forces": the host's own
			}
			owner = "" // "offer Ukraine security guarantees": the host receives them
		}
		prev := ""
		if at > 0 {
			prev = toks[at-1].Lower
		}
		if at >= 2 && prev == "of" && metaNouns[toks[at-2].Lower] || s.talkedAbout(c+1, at) {
			j = s.termEnd[j] - 1
			continue // "an exact number of troops", "offered its views on sending troops"
		}
		if !adversary && !joining {
			if others(prev, support) || others(toks[j-1].Lower, support) {
				continue // "guarantees for European forces": someone else's troops
			}
			if owner != "" && len(subj) > 0 && !hasString(subj, owner) {
				continue // "ruled out NATO troops": not the subject's own
			}
		}
		if beneficiary && s.ts.Name(tp) == "troops" {
			continue // "military support for a European-led security force"
		}
		if support && !means {
			if s.ts.Name(tp) == "troops" {
				continue // troops supported are someone else's
			}
			if j-c > 4 || othersMarks[toks[j-1].Lower] || s.d.byTok[j-1] >= 0 && s.d.mentions[s.d.byTok[j-1]].known {
				continue
			}
		}
		// "would send no troops": the object's own "no"
		out = append(out, topicOcc{topic: tp, tok: j, owner: owner, negated: negated || prev == "no"})
		j = s.termEnd[j] - 1
	}
	return out
}

// talkedAbout reports a noun of talk and its preposition among tokens
// [from, to): what follows is what is talked about, not what is given
// ("offered its views on sending troops", "gave no details of the plan
// to deploy troops").
func (s *scanner) talkedAbout(from, to int) bool {
	toks := s.d.toks
	for k := max(from+1, s.first+1); k < to; k++ {
		if talkPrepositions[toks[k].Lower] && (metaNouns[toks[k-1].Lower] || talkNouns[toks[k-1].Lower]) {
			return true
		}
	}
	return false
}

// others reports a word marking troops as someone else's ("guarantees
// for European forces"); "their" is the subject's own ("will not send
// their soldiers") unless they are being supported.
func others(w string, support bool) bool {
	return othersMarks[w] && w != "multinational" && (w != "their" || support)
}

// ownerBefore is the actor named right before the topic at j ("Polish
// ground troops", "Britain's soldiers", "our troops"), and the token
// where that owner starts (j when none).
func (s *scanner) ownerBefore(j int) (string, int) {
	toks := s.d.toks
	for k := j - 1; k >= s.first && k >= j-4; k-- {
		if m := s.d.byTok[k]; m >= 0 {
			if a := s.d.mentions[m].Actor; a != "" && s.d.mentions[m].Person == "" {
				return a, s.d.mentions[m].T0
			}
			return "", j
		}
		w := toks[k].Lower
		if w == "our" {
			if a := s.speakerActor(j); a != "" {
				return a, k
			}
			return "", j
		}
		if !ownerSkip[w] && !isQuoteMark(toks[k]) && toks[k].Norm != "-" {
			break
		}
	}
	return "", j
}

// ownerAfter is the actor in "troops from NATO countries", "billion of
// UK export finance".
func (s *scanner) ownerAfter(j int) string {
	e := s.termEnd[j]
	if e+1 < s.end && (s.d.toks[e].Lower == "from" || s.d.toks[e].Lower == "of") { // "£1.6 billion of UK export finance"
		k := e + 1
		if k+1 < s.end && s.d.toks[k].Lower == "the" {
			k++
		}
		if m := s.d.byTok[k]; m >= 0 {
			return s.d.mentions[m].Actor
		}
	}
	return ""
}

// relativeBefore is the "which" or "that" opening a relative clause
// whose verb is at c, -1 for none.
func (s *scanner) relativeBefore(start, c int) int {
	for j := c - 1; j >= start && j >= c-6; j-- {
		if w := s.d.toks[j].Lower; w == "which" || w == "whom" {
			return j
		}
	}
	return -1
}

// elliptical reports a refusal with nothing after it ("but Germany
// refused.") in a sentence that names the topic before it.
func (s *scanner) elliptical(c, end int) bool {
	for j := c + 1; j < end; j++ {
		if s.d.toks[j].Word {
			return false
		}
	}
	for j := s.first; j < c; j++ {
		if s.topicAt[j] > 0 {
			return true
		}
	}
	return false
}

func hasString(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// passiveTopics handles "German forces would be stationed", "Italian
// troops would not be deployed", "sending a combat unit is not being
// considered": the topic is the grammatical subject, the actor its owner.
func (s *scanner) passiveTopics(c, start int) []topicOcc {
	toks := s.d.toks
	if !participle(toks[c].Lower) {
		return nil // "arrangements Helsinki is willing to join": no passive
	}
	j := c - 1
	be := false
	for ; j >= start && j >= c-4; j-- {
		w := toks[j].Lower
		if beForms[w] {
			be = true
			continue
		}
		if w == "not" || w == "n't" || w == "never" || w == "would" || w == "will" || w == "could" || w == "can" ||
			isQuoteMark(toks[j]) {
			continue
		}
		break
	}
	if !be {
		return nil
	}
	for k := j; k >= start && k >= c-12; k-- {
		if s.topicAt[k] > 0 {
			owner, _ := s.ownerBefore(k)
			return []topicOcc{{topic: s.topicAt[k] - 1, tok: k, owner: owner}}
		}
	}
	return nil
}

// madeAvailable is, for a form of "make" at token i whose object is made
// "available" later in its clause (at most eight words on), the token of
// "available"; 0 otherwise.
func (s *scanner) madeAvailable(i int) int {
	toks := s.d.toks
	switch toks[i].Lower {
	case "make", "makes", "made", "making":
	default:
		return 0
	}
	end := s.clauseEnd(i)
	for j := i + 1; j < end && j <= i+8; j++ {
		w := toks[j].Lower
		if w == "available" {
			if j == i+1 {
				return 0
			}
			return j
		}
		if w == "that" || w == "clear" || w == "sure" || beForms[w] || s.negAt[j] || strings.ContainsAny(toks[j].Norm, ",;:.()") {
			return 0 // "made clear that its soldiers are not available": another clause
		}
	}
	return 0
}

// refusalGoverns reads a refusal or a denial that governs the verb at
// token c: "It is out of the question for Belgium to send soldiers",
// "unthinkable for Belgian troops to be sent", "Belgium denied (reports
// that) it would send". refuse reports one; hedge reports one negated
// ("not out of the question for Belgium to send": a possibility).
func (s *scanner) refusalGoverns(c, start int) (refuse, hedge bool) {
	toks := s.d.toks
	if j := s.infinitiveTo(c, start); j >= 0 {
		// "... for Belgium to send", "for Belgian troops to be sent": the
		// verdict before "for"
		f := -1
		for k := j - 1; k > start && k >= j-5; k-- {
			if toks[k].Lower == "for" {
				f = k
				break
			}
			if !toks[k].Word && toks[k].Norm != "'" {
				return false, false
			}
		}
		if f <= start {
			return false, false
		}
		v := -1 // where the verdict starts
		if w := toks[f-1].Lower; verdictWords[w] || w == "unacceptable" {
			v = f - 1
		}
		for k := f - 1; v < 0 && k >= start && k >= f-4; k-- {
			if kind, n := cueAt(toks, k); kind == cueDecline && k+n == f {
				v = k
			}
		}
		if v < 0 {
			return false, false
		}
		for k := v - 1; k >= start && k >= v-3; k-- {
			if s.negAt[k] {
				return false, true // "not out of the question", "no longer unthinkable"
			}
		}
		return true, false
	}
	for j := s.pastBe(c, start); j >= start && j >= c-8; j-- {
		if denialVerbs[toks[j].Lower] {
			return s.denies(j), false
		}
		switch toks[j].Lower {
		case "it", "they", "that", "would", "will", "could", "had", "has", "have", "was", "were", "ever", "then",
			"reports", "claims", "speculation", "suggestions", "rumours", "rumors":
			continue
		}
		if m := s.d.byTok[j]; m >= 0 {
			j = s.d.mentions[m].T0
			continue
		}
		return false, false
	}
	return false, false
}

// denialVerbs deny what follows them ("Belgium denied it would send");
// verdictWords rule out the verb they govern ("unthinkable for Belgium to
// send"), as the cue "unacceptable" does.
var (
	denialVerbs  = map[string]bool{"denied": true, "denies": true, "deny": true}
	verdictWords = map[string]bool{"unthinkable": true, "impossible": true}
)

// denies reports that the denial or verdict at token j is not itself
// negated: "did not deny" denies nothing.
func (s *scanner) denies(j int) bool { return !(j > s.first && s.negAt[j-1]) }

// pastBe is the token before the verb at token c, past a passive's "be"
// or "been" ("to be sent", "would be sent").
func (s *scanner) pastBe(c, start int) int {
	toks := s.d.toks
	j := c - 1
	for j > start && (toks[j].Lower == "be" || toks[j].Lower == "been") {
		j--
	}
	return j
}

// infinitiveTo is the "to" before the verb at token c (pastBe: "for
// Belgian troops to be sent"), or -1 when there is none.
func (s *scanner) infinitiveTo(c, start int) int {
	if j := s.pastBe(c, start); j > start && s.d.toks[j].Lower == "to" {
		return j
	}
	return -1
}

// refusedBefore reports a refusal or a denial before token i in its
// clause: "It is out of the question for Belgium to make soldiers
// available", "Belgium denied it would make soldiers available". (A
// negation or a hedge the reading of the verb itself takes in: "will not
// make its Patriots available".)
func (s *scanner) refusedBefore(i, clauseStart int) bool {
	toks := s.d.toks
	for j := i - 1; j >= max(clauseStart, s.first) && toks[j].Norm != "," && toks[j].Lower != "and" && toks[j].Lower != "but"; j-- {
		if w := toks[j].Lower; denialVerbs[w] || verdictWords[w] {
			return s.denies(j)
		}
		if k, _ := cueAt(toks, j); k == cueDecline || k == cueOppose {
			return true
		}
	}
	return false
}

// sameTopicIn reports whether one of occs is about topic tp.
func sameTopicIn(occs []topicOcc, tp int) bool {
	for _, o := range occs {
		if o.topic == tp {
			return true
		}
	}
	return false
}

// judgeVerbs pass a verdict on their object ("Moscow considers the
// deployment unacceptable", "Russia would regard them as targets").
var judgeVerbs = map[string]bool{"consider": true, "considers": true, "considered": true, "regard": true,
	"regards": true, "regarded": true, "deem": true, "deems": true, "deemed": true, "view": true, "views": true, "viewed": true,
	"calls": true, "called": true}

// verdictAhead reports a verdict (cueOppose: "unacceptable", "legitimate
// targets") on the object after token i, before a comma, "which" or "who"
// ends it: not "considers sending troops, which Russia calls
// unacceptable".
func (s *scanner) verdictAhead(i int) bool {
	end := s.clauseEnd(i)
	for j := i + 1; j < end; j++ {
		if w := s.d.toks[j].Norm; w == "," || w == "which" || w == "who" {
			return false
		}
		if k, _ := cueAt(s.d.toks, j); k == cueOppose {
			return true
		}
	}
	return false
}

// firstActorsIn are the first actors named in tokens [start, end) after
// the last verb of speech or clause break, with those joined to them by "and" ("Britain
// and France"); the host, the adversary ("Countries bordering Russia, such
// as Finland") and actors after a preposition ("With Britain's backing")
// aside: a clause's subject comes before its objects.
func (s *scanner) firstActorsIn(start, end int) []string {
	toks := s.d.toks
	from := max(start, s.first)
	speech := -1
	for j := end - 1; j > from; j-- {
		if m := s.d.byTok[j]; m >= 0 {
			j = s.d.mentions[m].T0 // "the United States": no "states" of speech
			continue
		}
		if speechVerbs[toks[j].Lower] || s.clauseBreak(j) {
			if speechVerbs[toks[j].Lower] {
				speech = j
			}
			from = j + 1 // "Macron said Germany will help without ...", "Poland refused, but Germany ...": Germany
			break
		}
	}
	if out := s.leadingActors(from, end); len(out) > 0 || speech < 0 {
		return out
	}
	// "Germany said it would help without ...": the speaker
	return s.leadingActors(max(start, s.first), speech)
}

// notSubjectBefore are words after which an actor is no subject:
// "With Britain's backing", "Unlike France", "According to Macron".
var notSubjectBefore = map[string]bool{"with": true, "like": true, "unlike": true, "after": true, "from": true,
	"to": true, "following": true, "alongside": true, "besides": true, "than": true}

// leadingActors are firstActorsIn's reading of tokens [from, end).
func (s *scanner) leadingActors(from, end int) []string {
	toks := s.d.toks
	var out []string
	for j := from; j < end; j++ {
		m := s.d.byTok[j]
		if m < 0 {
			if len(out) > 0 && toks[j].Lower != "and" {
				break
			}
			continue
		}
		t0 := s.d.mentions[m].T0
		a := s.d.mentions[m].Actor
		afterPreposition := t0 > s.first && (topicPrepositions[toks[t0-1].Lower] || notSubjectBefore[toks[t0-1].Lower])
		if a == "" || ActorKind(a) == KindHost || ActorKind(a) == KindAdversary || afterPreposition {
			if len(out) > 0 {
				break
			}
			j = s.d.mentions[m].T1 - 1
			continue
		}
		if !hasString(out, a) {
			out = append(out, a)
		}
		j = s.d.mentions[m].T1 - 1
	}
	return out
}

// excludeVerb reports a verb of ruling out ("rule out", "exclude"): a
// refusal of it leaves the door open.
func excludeVerb(w string) bool {
	return w == "rule" || w == "rules" || w == "ruled" || w == "ruling" || strings.HasPrefix(w, "exclud")
}

// givenThingAt reports whether the words from token j name a thing given:
// past determiners and adjectives, a topic's term or a noun of support
// ("keep up its military aid"), not a stance ("its refusal", "its veto",
// "pressure on allies").
func (s *scanner) givenThingAt(j, end int) bool {
	toks := s.d.toks
	if s.stanceNounAt(j, end) {
		return false
	}
	found := false
	for k := j; k < end && k < j+6; k++ {
		w := toks[k].Lower
		if stanceNouns[w] {
			return false // "its troop drawdown", "its aid freeze"
		}
		if s.topicAt[k] > 0 || supportNouns[w] {
			found = true
			continue
		}
		if found || !determiners[w] && !possessives[w] && !givenAdjectives[w] {
			break
		}
	}
	return found
}

// givenAdjectives may stand before a thing given: "its military aid".
var givenAdjectives = map[string]bool{"military": true, "financial": true, "economic": true, "humanitarian": true,
	"political": true, "logistical": true, "diplomatic": true, "technical": true, "vital": true, "crucial": true,
	"annual": true, "ongoing": true, "current": true, "existing": true, "substantial": true, "strong": true}

// stanceNouns are stances and their ends, not things given: "keep up its
// refusal", "drop its opposition", "its troop drawdown".
var stanceNouns = map[string]bool{"refusal": true, "veto": true, "opposition": true, "objection": true,
	"objections": true, "resistance": true, "pressure": true, "drawdown": true, "withdrawal": true,
	"freeze": true, "ban": true, "boycott": true, "blockade": true, "criticism": true, "demands": true,
	"stance": true, "position": true, "rejection": true, "cuts": true, "cut": true, "reductions": true,
	"reduction": true, "suspension": true}

// stanceNounAt reports whether the noun phrase from token j, up to a
// preposition or a thing named, holds a stance: "its long-standing
// opposition".
func (s *scanner) stanceNounAt(j, end int) bool {
	toks := s.d.toks
	for k := j; k < end && k < j+5; k++ {
		w := toks[k].Lower
		if stanceNouns[w] {
			return true
		}
		if topicPrepositions[w] || !toks[k].Word && toks[k].Norm != "-" || s.topicAt[k] > 0 {
			return false // the phrase ended, or named a thing: "its troops"
		}
	}
	return false
}

// possessives are the pronouns that stand before a noun as its owner.
var possessives = map[string]bool{"its": true, "their": true, "our": true, "his": true, "her": true, "my": true, "your": true}

// splitInfinitive reports an adverb between "to" and its verb.
func splitInfinitive(w string) bool {
	switch w {
	case "even", "ever", "also", "then", "still", "now", "actually", "really", "immediately", "eventually",
		"formally", "fully", "quickly", "directly", "jointly", "ultimately", "seriously", "further":
		return true
	}
	return false
}

// negatedPlanFor reports a verb whose plan is refused before its
// subject: "We do not have plans for Irish soldiers to be deployed",
// "no intention for Dutch troops to take part". The verb's own subject
// ("Irish soldiers") stands between the plan and it.
func (s *scanner) negatedPlanFor(c, start int) bool {
	toks := s.d.toks
	j := s.infinitiveTo(c, start)
	if j < 0 {
		return false
	}
	for k := j - 1; k > start && k >= j-6; k-- {
		if toks[k].Lower != "for" {
			continue
		}
		p := k - 1 // "plans (at present, yet) for"
		for p > start && (toks[p].Lower == "yet" || toks[p].Lower == "now" || toks[p].Lower == "currently" ||
			toks[p].Lower == "present" && toks[p-1].Lower == "at" || toks[p].Lower == "at" && toks[p+1].Lower == "present") {
			p--
		}
		if kind, _ := cueAt(toks, p); kind != cueModal {
			return false
		}
		// the negation governs the plan: "no (immediate) plans", "not have
		// any such plans", not "no doubt about the plans"
		for n := p - 1; n >= start && n >= p-5; n-- {
			if s.negAt[n] {
				return true
			}
			switch toks[n].Lower {
			case "have", "has", "had", "any", "such", "immediate", "concrete", "firm", "current", "specific", "new", "further", "real":
				continue
			}
			return false
		}
		return false
	}
	return false
}

// isNumber reports a word of digits ("11", "2025").
func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// participle reports a past participle, the verb of a passive.
func participle(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") {
		return true
	}
	switch w {
	case "sent", "put", "led", "set", "run", "held", "kept", "made", "done", "given", "seen", "foreseen", "spent", "brought":
		return true
	}
	return false
}

// subject reads back from the cue to its subject: the actors named there
// (coordinated ones included), whether they were named (explicit) or
// guessed from a pronoun or the clause before, and whether a negation or
// a hedge stands between.
func (s *scanner) subject(c, start int) (actors []string, explicit, neg, hedge bool) {
	toks := s.d.toks
	pronoun := ""
	vpAnd := false
	deontic, thing := false, false
	s.stoppedAtNoun = false
	// "would not be sending" is progressive, not passive
	passive := c > 0 && beForms[toks[c-1].Lower] && !readyWords[toks[c].Lower] && !strings.HasSuffix(toks[c].Lower, "ing")
	if c > start && strings.HasSuffix(toks[c].Lower, "ing") && toks[c-1].Norm == "," && len(s.lastSubject) > 0 {
		return s.lastSubject, false, false, false // "…, offering guarantees"
	}
	j := c - 1
	for ; j >= start; j-- {
		t := toks[j]
		if m := s.d.byTok[j]; m >= 0 {
			t0 := s.d.mentions[m].T0
			if a := s.d.mentions[m].Actor; a != "" && !(ActorKind(a) == KindHost && t0 > 0 && s.termOf[t0-1] >= 0 && toks[t0-1].capitalised()) {
				actors = prependOnce(actors, a) // not "Multinational Force Ukraine"
			}
			j = t0
			continue
		}
		if s.negAt[j] {
			neg = true
			continue
		}
		if s.hedgeAt[j] {
			hedge = true
			continue
		}
		if tj := s.termOf[j]; tj >= 0 && !passive {
			// The troops are the subject: "Croatian soldiers would not".
			if owner, at := s.ownerBefore(tj); owner != "" {
				actors = prependOnce(actors, owner)
				j = at
				continue
			}
			if len(actors) == 0 {
				thing = true // "the guarantees should include"
				// "The force would be ready to deploy": the force of
				// whoever pledged it.
				if owner := s.forceOwnerAt(tj); len(owner) > 0 {
					s.forceSubject = true
					return owner, false, neg, hedge
				}
			}
			j = tj
			continue
		}
		if cues().deontic.at(toks, j) > 0 && len(actors) == 0 {
			deontic = true
			continue
		}
		switch {
		case len(actors) > 0 && t.Lower == "with" && j > start && toks[j-1].Norm == "," && strings.HasSuffix(toks[c].Lower, "ing") && s.onlyNameBetween(j+1, c):
			// ", with the United States leading a mechanism": the actor
			// after "with" does the -ing verb
			goto done
		case len(actors) > 0 && (t.Lower == "with" && j > start && (toks[j-1].Lower == "together" || toks[j-1].Lower == "along" || toks[j-1].Norm == ",") ||
			t.Lower == "alongside" || t.Lower == "of" && j-2 >= start && toks[j-1].Lower == "part" && toks[j-2].Lower == "as"):
			// "We are ready, together with Britain and France, to", "as
			// part of the coalition": the company is no subject
			actors = nil
			switch t.Lower {
			case "with":
				if toks[j-1].Norm != "," {
					j--
				}
			case "of":
				j -= 2
			}
		case genericPlurals[t.Lower] && j > start && (toks[j-1].Lower == "european" || j-1 > start && toks[j-2].Lower == "european"):
			// "the European signatory states": Europe
			actors = prependOnce(actors, "Europe")
			for toks[j].Lower != "european" {
				j--
			}
		case len(actors) == 0 && (genericPlurals[t.Lower] || (t.Lower == "that" || t.Lower == "which" || t.Lower == "who") && j > start && genericPlurals[toks[j-1].Lower]):
			// "Norway is among the countries that have offered", "the
			// Czech Republic is not among the countries willing to send"
			pl := j
			if !genericPlurals[t.Lower] {
				pl = j - 1
			}
			if a, ex, n := s.classMember(pl, start); len(a) > 0 {
				return a, ex, neg || n, hedge
			}
			if !genericPlurals[t.Lower] {
				continue
			}
			if pronoun == "they" {
				// "A number of countries had indicated they would": no one
				// in particular.
				return nil, false, neg, hedge
			}
			if memberNouns[t.Lower] && j > start && toks[j-1].Lower == "the" && (j+1 >= c || toks[j+1].Lower != "of") {
				if g := s.lastGroup(j); g != "" {
					return []string{g}, false, neg, hedge // "The members also committed": the group named last
				}
			}
			s.stoppedAtNoun = true
			goto done
		case t.Lower == "there" && len(actors) == 0 && j+1 < c && beForms[toks[j+1].Lower]:
			goto done // "There is no question of sending Hungarian soldiers": no one's, the troops' owner's
		case len(actors) > 0 && (t.Lower == "like" || t.Lower == "unlike") && j > start && toks[j-1].Norm == ",":
			// "Poland, like Italy, will not": both; "unlike Italy": Poland
			if t.Lower == "unlike" {
				actors = nil
			}
		case memberNouns[t.Lower] && len(actors) == 0 && j > start && toks[j-1].Lower == "the" && (j+1 >= c || toks[j+1].Lower != "of"):
			// "The members also committed", "the allies will take part":
			// the group named last
			if g := s.lastGroup(j); g != "" {
				return []string{g}, false, neg, hedge
			}
			s.stoppedAtNoun = true
			goto done
		case anaphorNouns[t.Lower] && len(actors) == 0 && j > start && (toks[j-1].Lower == "his" || toks[j-1].Lower == "her"):
			pronoun = "he" // "Fidan said his country was ready": the speaker's
			goto done
		case anaphorNouns[t.Lower] && len(actors) == 0 && j > start &&
			(toks[j-1].Lower == "the" || toks[j-1].Lower == "this" || j-1 > start && toks[j-2].Lower == "the"):
			pronoun = "it" // "the Baltic country"
			goto done
		case subjectHeads[t.Lower] && len(actors) == 0 && j > start && determiners[toks[j-1].Lower] && len(s.lastSubject) > 0 &&
			(j-1 == start || !(j-2 >= start && s.d.byTok[j-2] >= 0)):
			// "Estonia could provide a unit. The offer also includes a
			// vessel": the offer is the last subject's
			return s.lastSubject, false, neg, hedge
		case subjectPronouns[t.Lower]:
			if len(actors) > 0 {
				goto done
			}
			if t.Lower == "it" && pronoun == "" && s.expletive(j) {
				// "Latvia says it is too early to discuss": the speaker's
				// hedge; otherwise no one's
				if a := s.reportingSubject(j, start); len(a) > 0 && (hedge || s.hedgedBetween(j, c)) {
					return a, false, neg, true
				}
				return nil, false, neg, hedge // "it was too early to": no one's
			}
			if pronoun == "" {
				pronoun = t.Lower
			}
			if pronoun == "he" || pronoun == "she" || pronoun == "we" || pronoun == "i" {
				goto done // the last person named, not whoever he spoke to
			}
		case t.Lower == "that" || speechVerbs[t.Lower] || t.Lower == "according":
			if len(actors) > 0 {
				goto done
			}
		case timeWords[t.Lower] || isNumber(t.Lower):
			// "Trump on Tuesday ruled out", "Norway on 11 April announced"
		case (t.Lower == "which" || t.Lower == "who" || t.Lower == "whose") && len(actors) == 0:
			// "Hungary, which refused to send troops"
			if j > start && toks[j-1].Norm == "," && j-2 >= start && s.d.byTok[j-2] >= 0 {
				continue
			}
			goto done
		case t.Norm == "," && len(actors) == 0 && s.speechAside(j, start) >= 0:
			// "Bulgaria's contribution, he explained, would consist of"
			j = s.speechAside(j, start)
		case t.Norm == ",":
			if len(actors) > 0 {
				if j > 0 && s.d.byTok[j-1] >= 0 && !s.accordingBefore(j-1) {
					if t0 := s.d.mentions[s.d.byTok[j-1]].T0; t0 > 0 && toks[t0-1].Lower == "unlike" {
						goto done // "Unlike France, Germany will not"
					}
					continue // a list: "France, Germany and Italy"
				}
				goto done
			}
			if k := s.parenthetical(j, start); k >= 0 {
				j = k + 1
				continue
			}
		case subjectHeads[t.Lower] && len(actors) == 0 && j+1 < c && (auxiliaries[toks[j+1].Lower] || toks[j+1].Norm == ","):
			// "the Belgian contribution will focus on": its owner is the actor
		case pronoun == "they" && genericPlurals[t.Lower]:
			// "A number of countries had indicated they would": no one
			// in particular.
			return nil, false, neg, hedge
		case t.Lower == "and" && len(actors) == 0 && s.verbPhraseFrom(j+1, c):
			// "Romania had no plans to send troops and would instead
			// offer its bases", "his country was a transit state and was
			// prepared to help": the first verb phrase's subject.
			if a, ex := s.firstVPSubject(j, start); len(a) > 0 {
				return a, ex, neg, hedge
			}
			vpAnd = j+1 < c && auxiliaries[toks[j+1].Lower]
		case skippable[t.Lower] || s.topicAt[j] > 0 && passive:
		case passive && (t.Lower == "from" || othersMarks[t.Lower] || t.Lower == "thousands"):
		case len(actors) == 0 && strings.HasSuffix(t.Lower, "ly") && len(t.Lower) > 4 && !lyNouns[t.Lower]:
			// an adverb: "Germany firmly rejected", "no country actually wants"
		default:
			if len(actors) == 0 && t.Word && !(t.Lower == "that" || t.Lower == "which" || speechVerbs[t.Lower]) {
				s.stoppedAtNoun = true // a subject that is no actor: "a settlement that puts"
				if j > start && toks[j-1].Lower == "no" {
					neg = true // "no country wants to send troops"
				}
			}
			if vpAnd && len(actors) == 0 {
				// The first verb phrase's subject is this one's too: the
				// first actor of the clause (after what reports it).
				first := ""
				for k := j; k >= start; k-- {
					if speechVerbs[toks[k].Lower] || toks[k].Lower == "that" {
						break
					}
					if m := s.d.byTok[k]; m >= 0 && s.d.mentions[m].Actor != "" {
						first = s.d.mentions[m].Actor
						k = s.d.mentions[m].T0
					}
				}
				if first != "" {
					return []string{first}, true, neg, hedge
				}
			}
			goto done
		}
	}
done:
	if deontic && !thing {
		hedge = true // "Europe must supply": a demand of it, not its pledge
	}
	if len(actors) > 0 && j >= 0 && j < c {
		// "let the Europeans pay for it": a demand of them
		k := j
		if k >= start && s.d.byTok[k] >= 0 {
			k = s.d.mentions[s.d.byTok[k]].T0 - 1
		}
		for k >= start && (toks[k].Lower == "the" || isQuoteMark(toks[k])) {
			k--
		}
		if k >= start && (toks[k].Lower == "let" || toks[k].Lower == "make" || demandVerbs[toks[k].Lower]) {
			hedge = true // "Denmark wants the United States to send troops"
		}
	}
	if len(actors) > 0 {
		return actors, true, neg, hedge
	}
	switch pronoun {
	case "we", "i":
		if a := s.speakerActor(c); a != "" {
			return []string{a}, true, neg, hedge
		}
	case "he", "she":
		if a := s.lastPersonActor(j); a != "" {
			return []string{a}, false, neg, hedge
		}
		if a := s.lastTitleActor(j); a != "" {
			return []string{a}, false, neg, hedge // "Lithuania's president said his country"
		}
	case "it":
		if s.lastForce && len(s.lastSubject) > 0 {
			s.forceSubject = true
			return s.lastSubject, false, neg, hedge // "The force would deploy. It would help": the force's owner
		}
		if s.thingSubject {
			break // "The force would be ready to deploy. It would help ...": the force
		}
		if a := s.lastActors(j+1, false); len(a) > 0 {
			return a, false, neg, hedge
		}
	case "they":
		if a := s.lastActors(j+1, true); len(a) > 0 {
			return a, false, neg, hedge
		}
	}
	// "Bulgaria will remain in the coalition but will not deploy": the
	// verb phrase before "but" has the subject.
	if pronoun == "" && j < start && start > s.first && start-1 > s.first && (toks[start-1].Lower == "but" || toks[start-1].Lower == "and") &&
		s.verbPhraseFrom(start, c) {
		prev := s.first
		for k := start - 2; k > s.first; k-- {
			if s.clauseBreak(k) {
				prev = k + 1
				break
			}
		}
		if a, ex := s.firstVPSubject(start-1, prev); len(a) > 0 {
			return a, ex, neg, hedge
		}
	}
	// "…, offering guarantees" or "but didn't commit": the clause's
	// subject carries over.
	if pronoun == "" && len(s.lastSubject) > 0 && (j < start && start > s.first || toks[j].Norm == "," || toks[j].Lower == "including" ||
		start > s.first && (toks[start-1].Lower == "but" || toks[start-1].Lower == "and")) {
		return s.lastSubject, false, neg, hedge
	}
	return nil, false, neg, hedge
}

var (
	// demandVerbs ask someone else to do a thing: "wants the US to send".
	demandVerbs = map[string]bool{"want": true, "wants": true, "wanted": true, "urge": true, "urges": true, "urged": true,
		"ask": true, "asks": true, "asked": true, "press": true, "presses": true, "pressed": true, "expect": true,
		"expects": true, "expected": true, "encourage": true, "encourages": true, "encouraged": true, "invite": true,
		"invites": true, "invited": true, "persuade": true, "persuaded": true, "push": true, "pushes": true, "pushed": true,
		"need": true, "needs": true, "needed": true, "wanting": true, "urging": true, "asking": true, "pressing": true}
	// words in -ly that are no adverbs
	lyNouns         = map[string]bool{"ally": true, "family": true, "rally": true, "assembly": true, "supply": true, "reply": true}
	subjectPronouns = map[string]bool{"it": true, "they": true, "we": true, "he": true, "she": true, "i": true}
	// skippable words between a subject and its verb
	skippable = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true,
		"her": true, "our": true, "will": true, "would": true, "shall": true, "can": true, "could": true,
		"should": true, "must": true, "has": true, "have": true, "had": true, "is": true, "are": true,
		"was": true, "were": true, "be": true, "been": true, "being": true, "do": true, "does": true,
		"did": true, "also": true, "already": true, "now": true, "still": true, "both": true, "all": true,
		"each": true, "jointly": true, "together": true, "officially": true, "reportedly": true,
		"even": true, "firmly": true, "formally": true, "publicly": true, "privately": true, "again": true,
		"in": true, "principle": true, "and": true, "'s": true, "'": true, "\"": true, "so": true,
		"too": true, "fully": true, "clearly": true, "adamantly": true, "previously": true, "since": true,
		"repeatedly": true, "strongly": true, "today": true, "then": true, "indeed": true, "definitely": true,
		"very": true, "quite": true, "only": true, "merely": true,
		"willing": true, "ready": true, "prepared": true, "to": true, "said": true, "says": true,
		"officials": true, "representatives": true, "leaders": true, "government": true, "governments": true,
		"administration": true, "envoys": true, "envoy": true, "president": true, "prime": true,
		"minister": true, "chancellor": true, "senior": true, "top": true, "military": true, "ministry": true,
		"of": true, "defence": true, "defense": true, "spokesman": true, "spokeswoman": true, "more": true,
		"than": true, "hitherto": true, "yet": true, "just": true, "largely": true, "indicated": true,
		"signaled": true, "signalled": true, "expressed": true, "showed": true, "shown": true,
		"take": true, "takes": true, "took": true, "taking": true, "such": true, "made": true, "clear": true,
		"instead": true, "likewise": true, "itself": true, "themselves": true, "first": true, "time": true,
		"for": true, "am": true, "foreign": true, "secretary": true, "instantly": true, "immediately": true,
		"soon": true, "eventually": true, "ultimately": true, "currently": true, "initially": true,
		"once": true, "again,": true, "at": true, "least": true, "some": true, "other": true, "capitals": true,
		// who speaks for a government, and discourse markers
		"negotiators": true, "diplomats": true, "delegation": true, "delegates": true, "aides": true,
		"authorities": true, "lawmakers": true, "cabinet": true, "side": true, "team": true, "course": true,
		"certainly": true, "naturally": true, "obviously": true, "absolutely": true, "surely": true,
		"stands": true, "stand": true, "stood": true, "longer": true,
		"statement": true, "joint": true, "interview": true, "wo": true, "ca": true, "remains": true, "remain": true,
		"remained": true, "stays": true, "stayed": true, "seems": true, "appears": true, "rather": true}
)

// verbPhraseFrom reports that tokens [from, c) only lead up to the verb
// at c: auxiliaries, "to", negations, hedges and adverbs ("and would
// instead offer", "and to run", "and is not considering").
func (s *scanner) verbPhraseFrom(from, c int) bool {
	toks := s.d.toks
	if from >= c {
		return from == c
	}
	for j := from; j < c; j++ {
		w := toks[j].Lower
		if s.d.byTok[j] >= 0 || determiners[w] || !toks[j].Word {
			return false
		}
		if !(auxiliaries[w] || modalAux[w] || beForms[w] || w == "to" || s.negAt[j] || s.hedgeAt[j] ||
			strings.HasSuffix(w, "ly") || asideWords[w] || skippable[w] && !determiners[w]) {
			return false
		}
	}
	return auxiliaries[toks[from].Lower] || modalAux[toks[from].Lower] || beForms[toks[from].Lower] || toks[from].Lower == "to" ||
		s.negAt[from] || strings.HasSuffix(toks[from].Lower, "ly") || asideWords[toks[from].Lower]
}

// modalAux are the modal verbs beside auxiliaries'.
var modalAux = map[string]bool{"should": true, "must": true, "may": true, "might": true, "shall": true}

// firstVPSubject is the subject of the verb phrase before the "and" at
// j: the nearest verb or auxiliary before it whose subject is an actor.
func (s *scanner) firstVPSubject(j, start int) ([]string, bool) {
	toks := s.d.toks
	stopped := s.stoppedAtNoun
	defer func() { s.stoppedAtNoun = stopped }()
	for k := j - 1; k >= start && k >= j-24; k-- {
		if s.d.byTok[k] >= 0 {
			continue
		}
		w := toks[k].Lower
		kind, _ := cueAt(toks, k)
		if !(auxiliaries[w] || modalAux[w] || beForms[w] || kind != 0 && kind != cueOppose) {
			continue
		}
		if a, ex, _, _ := s.subject(k, start); len(a) > 0 {
			return a, ex
		}
	}
	return nil, false
}

// expletive reports an "it" at j that stands for no one: "it was too
// early to", "it is unclear whether", but not "it was ready to".
func (s *scanner) expletive(j int) bool {
	toks := s.d.toks
	k := j + 1
	if k >= len(toks) || !(beForms[toks[k].Lower] || toks[k].Lower == "'s") {
		return false
	}
	for k++; k < len(toks) && (toks[k].Lower == "not" || toks[k].Lower == "n't" || asideWords[toks[k].Lower]); k++ {
	}
	if k >= len(toks) {
		return false
	}
	c, _ := cueAt(toks, k)
	return c == 0 || c == cueOppose
}

func (s *scanner) accordingBefore(j int) bool {
	m := s.d.byTok[j]
	t0 := s.d.mentions[m].T0
	return t0 >= 2 && s.d.toks[t0-1].Lower == "to" && s.d.toks[t0-2].Lower == "according"
}

// speechAside finds the comma opening ", he explained," when token j
// closes it: a pronoun or a name and a speech verb between two commas;
// -1 otherwise.
func (s *scanner) speechAside(j, start int) int {
	toks := s.d.toks
	if j-3 < start || !speechVerbs[toks[j-1].Lower] {
		return -1
	}
	k := j - 2
	if m := s.d.byTok[k]; m >= 0 {
		k = s.d.mentions[m].T0 - 1
	} else if subjectPronouns[toks[k].Lower] {
		k--
	} else {
		return -1
	}
	if k >= start && toks[k].Norm == "," {
		return k
	}
	return -1
}

// parenthetical finds the comma that opens ", in informal discussions,"
// when an actor stands before it; -1 otherwise, and when the aside names
// an actor itself (", including Poland,").
func (s *scanner) parenthetical(j, start int) int {
	if k := s.relativeAside(j, start); k >= 0 {
		return k
	}
	for k := j - 1; k >= start && k >= j-7; k-- {
		if m := s.d.byTok[k]; m >= 0 && s.d.mentions[m].Actor != "" {
			return -1
		}
		if s.d.toks[k].Norm == "," {
			if k > 0 && s.d.byTok[k-1] >= 0 && s.d.mentions[s.d.byTok[k-1]].Actor != "" {
				return k
			}
			if k > 0 && (auxiliaries[s.d.toks[k-1].Lower] || modalAux[s.d.toks[k-1].Lower] || s.negAt[k-1]) {
				return k // "would not, under any circumstances, send"
			}
			return -1
		}
	}
	return -1
}

// relativeAside finds the comma opening a relative clause or an
// apposition that ends at the comma j and follows an actor: "Poland,
// which borders Ukraine, said", "Poland, a neighbour of Ukraine, said".
// Actors named inside it are not the subject; -1 when there is none.
func (s *scanner) relativeAside(j, start int) int {
	toks := s.d.toks
	for k := j - 1; k > start && k >= j-14; k-- {
		if toks[k].Norm != "," {
			if toks[k].Norm == ";" || toks[k].Norm == "." {
				return -1
			}
			continue
		}
		if k+1 >= j || !asideOpeners[toks[k+1].Lower] {
			return -1
		}
		if m := s.d.byTok[k-1]; m >= 0 && s.d.mentions[m].Actor != "" {
			return k
		}
		return -1
	}
	return -1
}

// asideOpeners begin a relative clause or an apposition after a name.
var asideOpeners = map[string]bool{"which": true, "who": true, "whose": true, "a": true, "an": true, "one": true,
	"itself": true, "currently": true, "already": true, "long": true}

// lastActors is the last actor named before token i other than the
// host; with group, the actors coordinated with it ("Britain and France
// ... they").
func (s *scanner) lastActors(i int, group bool) []string {
	ms := s.d.mentions
	for n := len(ms) - 1; n >= 0; n-- {
		m := ms[n]
		if m.T1 > i || m.Actor == "" || ActorKind(m.Actor) == KindHost {
			continue
		}
		out := []string{m.Actor}
		if !group {
			return out
		}
		for p := n - 1; p >= 0; p-- {
			between := strings.TrimSpace(s.d.src[s.d.toks[ms[p].T1-1].End:s.d.toks[ms[p+1].T0].Start])
			between = strings.TrimPrefix(strings.TrimPrefix(between, ","), " ")
			if ms[p].Actor == "" || !(between == "and" || between == "," || between == "" || between == "as well as") {
				break
			}
			out = prependOnce(out, ms[p].Actor)
		}
		return out
	}
	return nil
}

// lastPersonActor is the country of the last person named before token
// i: known people by the gazetteer, others by their title ("Danish Prime
// Minister Mette Frederiksen").
func (s *scanner) lastPersonActor(i int) string {
	for n := len(s.d.mentions) - 1; n >= 0; n-- {
		m := s.d.mentions[n]
		if m.T1 > i || m.Person == "" || s.inRelative(m.T0) {
			continue // "the backstop, which President Donald Trump has not offered": not who "he" is
		}
		if m.Actor != "" {
			return m.Actor
		}
		return s.d.titleActorAt(m.T0)
	}
	return ""
}

// reportingSubject is the subject of the verb of saying just before
// token j ("Latvia says it is too early", "Merz said that it was"), nil
// for none.
func (s *scanner) reportingSubject(j, start int) []string {
	toks := s.d.toks
	k := j - 1
	if k >= start && toks[k].Lower == "that" {
		k--
	}
	if k < start || !speechVerbs[toks[k].Lower] {
		return nil
	}
	for m := k - 1; m >= start && m >= k-3; m-- {
		if n := s.d.byTok[m]; n >= 0 {
			if a := s.d.mentions[n].Actor; a != "" {
				return []string{a}
			}
			if s.d.mentions[n].Person != "" {
				if a := s.d.titleActorAt(s.d.mentions[n].T0); a != "" {
					return []string{a}
				}
			}
			return nil
		}
		if !skippable[toks[m].Lower] && !timeWords[toks[m].Lower] {
			return nil
		}
	}
	return nil
}

// classMember reads the subject of a class named at the plural noun pl:
// "X is (not) among the countries", "X and Y are the only countries",
// "X is one of the nations": X, explicit, and whether "not" stood
// between.
func (s *scanner) classMember(pl, start int) ([]string, bool, bool) {
	toks := s.d.toks
	k := pl - 1
	for n := 0; k > start && n < 3 && toks[k].Lower != "the"; k, n = k-1, n+1 {
		if !toks[k].Word || s.d.byTok[k] >= 0 {
			return nil, false, false
		}
	}
	if k <= start || toks[k].Lower != "the" {
		return nil, false, false
	}
	k--
	switch {
	case toks[k].Lower == "among":
		k--
	case toks[k].Lower == "of" && k > start && toks[k-1].Lower == "one":
		k -= 2
	}
	neg := false
	for k > start && (s.negAt[k] || toks[k].Lower == "also" || toks[k].Lower == "still") {
		neg = neg || s.negAt[k]
		k--
	}
	if k < start || !beForms[toks[k].Lower] {
		return nil, false, false
	}
	a, ex, n, _ := s.subject(k, start)
	return a, ex, neg || n
}

// lastTitleActor is the actor of the last title named before token i
// with no name after it: "Lithuania's president", "the Czech prime
// minister".
func (s *scanner) lastTitleActor(i int) string {
	toks := s.d.toks
	for j := min(i, len(toks)) - 1; j >= 0 && j >= i-30; j-- {
		if !gaz().titles[toks[j].Lower] || toks[j].capitalised() && j+1 < len(toks) && toks[j+1].capitalised() {
			continue
		}
		for k := j - 1; k >= 0 && k >= j-3; k-- {
			if m := s.d.byTok[k]; m >= 0 {
				if s.d.mentions[m].Person == "" {
					return s.d.mentions[m].Actor
				}
				break
			}
			if w := toks[k].Lower; w != "'s" && w != "the" && !gaz().titles[w] {
				break
			}
		}
	}
	return ""
}

// inRelative reports a name that opens a relative clause's subject:
// "which President Donald Trump has not offered".
func (s *scanner) inRelative(t0 int) bool {
	for k := t0 - 1; k >= 0 && k >= t0-4; k-- {
		w := s.d.toks[k].Lower
		if w == "which" || w == "whom" {
			return true
		}
		if !gaz().titles[w] && !determiners[w] && w != "us" && !s.d.toks[k].capitalised() {
			return false
		}
	}
	return false
}

// speakerActor is the country of whoever is quoted at token c ("we").
func (s *scanner) speakerActor(c int) string {
	off := s.d.toks[c].Start - s.base
	if off < 0 {
		return ""
	}
	if !s.quotesDone {
		s.quotesDone = true
		dq := *s.d
		dq.mentions = append([]mention(nil), s.d.mentions...)
		s.quotes = dq.quotations(s.base)
	}
	for _, q := range s.quotes {
		if q.Start > off || off >= q.End {
			continue
		}
		if q.Speaker != "" {
			if a := ActorOf(q.Speaker); a != "" {
				return a
			}
			if a := s.titleActor(q.Speaker); a != "" {
				return a
			}
		}
		if a := s.attributedCountry(q); a != "" {
			return a
		}
		// "the prime minister said": the subject of the sentence before,
		// or the country named last before the quotation.
		if len(s.lastSubject) > 0 {
			return s.lastSubject[0]
		}
		start := c
		for start > 0 && s.d.toks[start].Start > q.Start+s.base {
			start--
		}
		if a := s.lastActors(start, false); len(a) > 0 {
			return a[0]
		}
		return ""
	}
	return ""
}

// attributedCountry is the country in the attribution right after
// quotation q when it names no person: "“...,” the Greek prime minister
// said", "said Poland's foreign minister"; "" when there is none.
func (s *scanner) attributedCountry(q Quotation) string {
	toks := s.d.toks
	k := 0
	for k < len(toks) && (toks[k].Start < q.End+s.base || !toks[k].Word) {
		k++ // and the closing mark and comma
	}
	country, spoke := "", false
	for j := k; j < len(toks) && j < k+8; j++ {
		w := toks[j].Lower
		if !toks[j].Word && w != "'s" && w != "’s" {
			break // the attribution ends: "said on Monday." or another quotation
		}
		spoke = spoke || speechVerbs[w]
		if m := s.d.byTok[j]; m >= 0 && country == "" {
			if s.d.mentions[m].Person != "" {
				return "" // a person is named: the speaker reading has them
			}
			if a := s.d.mentions[m].Actor; a != "" && ActorKind(a) == KindCountry {
				country = a
			}
		}
		if spoke && country != "" {
			return country
		}
	}
	return ""
}

// opposer is who delivers a verdict like "legitimate targets": the
// actor after "unacceptable to", the source of the reported speech, or
// the quoted speaker.
func (s *scanner) opposer(c, last int) string {
	toks := s.d.toks
	if last+2 < s.end && (toks[last+1].Lower == "to" || toks[last+1].Lower == "for") {
		if m := s.d.byTok[last+2]; m >= 0 && s.d.mentions[m].Actor != "" {
			return s.d.mentions[m].Actor
		}
	}
	for j := c - 1; j > s.first && j >= c-5; j-- { // "which for Ukraine is unacceptable"
		if m := s.d.byTok[j]; m >= 0 && s.d.mentions[m].Actor != "" {
			if t0 := s.d.mentions[m].T0; t0 > s.first && (toks[t0-1].Lower == "for" || toks[t0-1].Lower == "to") &&
				(t0 < 2 || !participle(toks[t0-2].Lower)) { // not "troops sent to Ukraine would be"
				return s.d.mentions[m].Actor
			}
			break
		}
	}
	// the verb of judgment nearest before the verdict: "Moscow considers
	// the deployment unacceptable", "France weighs troops, which Russia
	// calls unacceptable"
	for j := c - 1; j > s.first; j-- {
		if s.clauseBreak(j) {
			break
		}
		if !judgeVerbs[toks[j].Lower] || j+1 < s.end && (toks[j+1].Lower == "for" || toks[j+1].Lower == "on" || toks[j+1].Lower == "off") {
			continue // "called for sending troops": a demand, no verdict
		}
		if beForms[toks[j-1].Lower] {
			break // "would be considered legitimate targets": whose verdict, the speaker says
		}
		for k := j - 1; k >= s.first && k >= j-4; k-- {
			if m := s.d.byTok[k]; m >= 0 && s.d.mentions[m].Actor != "" && ActorKind(s.d.mentions[m].Actor) != KindHost {
				return s.d.mentions[m].Actor
			}
		}
		break
	}
	for j := s.first; j < s.end; j++ {
		if m := s.d.byTok[j]; m >= 0 {
			j = s.d.mentions[m].T1 - 1 // "the United States": no "states" of speech
			continue
		}
		if !speechVerbs[toks[j].Lower] && !(toks[j].Lower == "clear" && j > s.first && strings.HasPrefix(toks[j-1].Lower, "ma")) {
			continue // "Moscow has made clear that": speech too
		}
		for k := j - 1; k >= s.first && k >= j-4; k-- {
			if m := s.d.byTok[k]; m >= 0 {
				if a := s.d.mentions[m].Actor; a != "" {
					return a
				}
				if s.d.mentions[m].Person != "" {
					return s.d.titleActorAt(s.d.mentions[m].T0)
				}
			}
		}
		for k := j + 1; k < s.end && k <= j+4; k++ {
			if m := s.d.byTok[k]; m >= 0 && s.d.mentions[m].Actor != "" {
				return s.d.mentions[m].Actor
			}
		}
		if j+1 < s.end && (toks[j-1].Lower == "he" || toks[j-1].Lower == "she") {
			return s.lastPersonActor(j - 1)
		}
	}
	return s.speakerActor(c)
}

// titleActor finds the country in a speaker's title: "Dutch Prime
// Minister Dick Schoof" speaks for the Netherlands.
func (s *scanner) titleActor(person string) string {
	for _, m := range s.d.mentions {
		if m.Person != person && !(m.Person == "" && s.d.join(m.T0, m.T1) == person) {
			continue
		}
		if a := s.d.titleActorAt(m.T0); a != "" {
			return a
		}
	}
	return ""
}

// titleActorAt is the actor in the title before the name starting at
// token t0 ("Spain's Foreign Minister ...").
func (d *doc) titleActorAt(t0 int) string {
	for j := t0 - 1; j >= 0 && j >= t0-6; j-- {
		if n := d.byTok[j]; n >= 0 && d.mentions[n].Actor != "" {
			return d.mentions[n].Actor
		}
		w := d.toks[j].Lower
		if !gaz().titles[w] && !skippable[w] {
			break
		}
	}
	return ""
}

func prependOnce(list []string, a string) []string {
	for _, x := range list {
		if x == a {
			return list
		}
	}
	return append([]string{a}, list...)
}

// withoutHost is actors without the host.
func withoutHost(actors []string) []string {
	out := actors[:0:0]
	for _, a := range actors {
		if ActorKind(a) != KindHost {
			out = append(out, a)
		}
	}
	return out
}

// hasObs reports an observation of the same actor and kind in out.
func hasObs(out []Observation, o Observation) bool {
	for _, x := range out {
		if x.Actor == o.Actor && x.Kind == o.Kind {
			return true
		}
	}
	return false
}

// hasActor reports a mention of an actor (a person's country counts).
func (d *doc) hasActor() bool {
	for _, m := range d.mentions {
		if m.Actor != "" {
			return true
		}
	}
	return false
}
