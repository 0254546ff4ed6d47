package annotate

import (
	"strings"
)

// Kind is the stance an actor takes on a topic.
type Kind int

const (
	// Pledged: commits, offers, promises, sends, provides, is ready to.
	Pledged Kind = iota + 1
	// Declined: would not, refused, opposed, ruled out, rejected.
	Declined
	// Unclear: conditional, under consideration, may or might.
	Unclear
)

func (k Kind) String() string {
	switch k {
	case Pledged:
		return "pledged"
	case Declined:
		return "declined"
	case Unclear:
		return "unclear"
	}
	return "none"
}

// Stance is what one actor does about the topic in a sentence, with the
// word that shows it ("promising", "would not deploy").
type Stance struct {
	Actor string
	Kind  Kind
	Cue   string
}

type cueKind int

const (
	cuePledge  cueKind = iota + 1
	cueSupport         // support, back, help: the topic must be the means ("via its air force")
	cueModal           // ready, willing, agreed: takes its meaning from the verb after "to"
	cueDecline
)

// cue classifies a word as a commitment, a refusal or neither.
func cue(w string) cueKind {
	for _, p := range []string{"commit", "offer", "pledg", "promis", "contribut", "deploy", "provid",
		"supplie", "supply", "supplying", "establish", "station", "dispatch", "fund", "participat"} {
		if strings.HasPrefix(w, p) {
			if p == "fund" && w != "fund" && w != "funds" && w != "funded" && w != "funding" {
				return 0
			}
			return cuePledge
		}
	}
	switch w {
	case "send", "sends", "sending", "sent", "lead", "leads", "leading", "led", "give", "gives", "giving",
		"pledge", "contribution", "contributions":
		return cuePledge
	case "support", "supports", "supported", "supporting", "back", "backs", "backed", "backing",
		"help", "helps", "helped", "helping", "assist", "assists", "assisted", "assisting", "protect", "protecting":
		return cueSupport
	case "ready", "willing", "prepared", "willingness", "readiness", "openness", "open", "agreed", "agree",
		"plan", "plans", "planned", "planning", "intends", "intend", "decided", "wants", "want", "vowed", "aims":
		return cueModal
	case "refuse", "refused", "refuses", "refusing", "oppose", "opposed", "opposes", "opposing",
		"reject", "rejected", "rejects", "rejecting", "abandon", "abandoned", "abandons", "abandoning",
		"drop", "dropped", "dropping", "withdraw", "withdrawing", "withdrew", "declined", "declines",
		"dismissed", "dismisses", "excluded", "unwilling", "reluctant":
		return cueDecline
	}
	return 0
}

// ruled out, rule out: a two-word refusal.
func declineAt(toks []token, i int) bool {
	if i+1 < len(toks) && toks[i+1].Lower == "out" {
		switch toks[i].Lower {
		case "rule", "ruled", "rules", "ruling":
			return true
		}
	}
	return false
}

var (
	negations = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "nor": true}
	hedges    = map[string]bool{"may": true, "might": true, "considering": true, "consider": true,
		"considers": true, "considered": true, "if": true, "unless": true, "whether": true, "possibly": true,
		"potentially": true, "perhaps": true, "expected": true, "mulling": true, "weighing": true,
		"requires": true, "require": true, "required": true, "conditional": true, "only": true, "unclear": true,
		"discussing": true, "discussed": true, "could potentially": true, "likely": true, "probably": true}
	// skippable words between a subject and its verb
	skippable = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true,
		"her": true, "our": true, "will": true, "would": true, "shall": true, "could": true, "can": true,
		"should": true, "must": true, "has": true, "have": true, "had": true, "is": true, "are": true,
		"was": true, "were": true, "be": true, "been": true, "being": true, "do": true, "does": true,
		"did": true, "also": true, "already": true, "now": true, "still": true, "both": true, "all": true,
		"each": true, "jointly": true, "together": true, "officially": true, "reportedly": true,
		"even": true, "firmly": true, "formally": true, "publicly": true, "privately": true, "again": true,
		"in": true, "principle": true, "and": true, "'s": true, "'": true, "\"": true, "so": true,
		"too": true, "fully": true, "clearly": true, "adamantly": true, "previously": true, "since": true,
		"repeatedly": true, "strongly": true, "today": true, "then": true, "indeed": true, "definitely": true,
		"willing": true, "ready": true, "prepared": true, "to": true, "said": true, "says": true,
		"officials": true, "representatives": true, "leaders": true, "government": true, "governments": true,
		"administration": true, "envoys": true, "envoy": true, "president": true, "prime": true,
		"minister": true, "chancellor": true, "senior": true, "top": true, "military": true, "ministry": true,
		"of": true, "defence": true, "defense": true, "spokesman": true, "spokeswoman": true, "more": true,
		"than": true, "hitherto": true, "yet": true, "just": true, "largely": true, "indicated": true,
		"signaled": true, "signalled": true, "expressed": true, "showed": true, "shown": true,
		"take": true, "takes": true, "took": true, "taking": true}
	subjectPronouns = map[string]bool{"it": true, "they": true, "we": true, "he": true, "she": true}
	// a topic right after "support" that belongs to someone else
	othersMarks = map[string]bool{"european": true, "western": true, "foreign": true, "allied": true,
		"multinational": true, "ukrainian": true, "ukraine's": true, "partner": true, "their": true}
	meansMarks = map[string]bool{"with": true, "via": true, "through": true, "by": true, "including": true,
		"such": true}
	// "provide support to X": the commitment is support, not X
	supportNouns = map[string]bool{"support": true, "backing": true, "help": true, "assistance": true,
		"protection": true, "cover": true, "backstop": true}
)

// Stances returns the stance each actor takes on the topic (any of
// topicTerms) in sentence. context is the text before it (earlier
// sentences and passages), used for pronouns: "they" and "it" are the
// last actor named, "he" and "she" the last person's country, "we" the
// quoted speaker's. The actor is the subject of the commitment clause,
// coordinated subjects included ("France and the UK will"), people and
// capitals standing for their government.
func Stances(sentence, context string, topicTerms []string) []Stance {
	return NewTopic(topicTerms).Stances(sentence, context)
}

// Stances is the package's Stances for a prepared topic.
func (tp *Topic) Stances(sentence, context string) []Stance {
	return tp.StancesIn(sentence, context, nil)
}

// StancesIn is Stances when the caller already holds the sentence's Words
// (nil: computed here). Sentences without the topic cost one tokenising
// of the sentence, never of its context.
func (tp *Topic) StancesIn(sentence, context string, words Words) []Stance {
	tm := tp.m
	if len(tm) == 0 || strings.TrimSpace(sentence) == "" || strings.HasSuffix(strings.TrimSpace(sentence), "?") {
		return nil // a question states no stance
	}
	if words == nil {
		words = WordsOf(sentence)
	}
	if !tp.In(words) {
		return nil
	}
	return tp.scan(sentence, context, words)
}

// scan is the full reading of a sentence that holds the topic, with its
// context tokenised for pronouns and speakers.
func (tp *Topic) scan(sentence, context string, words Words) []Stance {
	tm := tp.m
	base := 0
	full := sentence
	if context != "" {
		full = context + "\n\n" + sentence
		base = len(context) + 2
	}
	d := newDoc(full)
	first := 0
	for first < len(d.toks) && d.toks[first].Start < base {
		first++
	}
	// The sentence's tokens are those of the sentence alone (the blank
	// line before it ends any word), so its word tokens are words, in order.
	topics := map[int]bool{}
	any := false
	for i, wi := first, 0; i < len(d.toks); i++ {
		if !d.toks[i].Word {
			continue
		}
		if tp.matchAt(words, wi) && !tm.airForce(d.toks, i) {
			topics[i] = true
			any = true
		}
		wi++
	}
	if !any {
		return nil
	}
	s := &stanceScan{d: d, first: first, topics: topics, base: base, sentence: sentence, context: context}
	return s.run()
}

type stanceScan struct {
	d                 *doc
	first             int
	topics            map[int]bool
	base              int
	sentence, context string
	lastSubject       []string
	out               []Stance
}

func (s *stanceScan) run() []Stance {
	toks := s.d.toks
	clauseStart := s.first
	for i := s.first; i < len(toks); i++ {
		t := toks[i]
		if s.clauseBreak(i) {
			clauseStart = i + 1
			continue
		}
		k := cue(t.Lower)
		decl := declineAt(toks, i)
		if k == 0 && !decl {
			continue
		}
		if s.d.byTok[i] >= 0 { // "Pledge" inside a name
			continue
		}
		// A chain "ready to send", "refused to deploy": the first word sets
		// refusal, the last one sets the kind of commitment.
		last := i
		if decl {
			last = i + 1
		}
		for last+2 < len(toks) && toks[last+1].Lower == "to" && (cue(toks[last+2].Lower) != 0 || declineAt(toks, last+2)) {
			last += 2
		}
		if k == cueModal && last == i && !(i+1 < len(toks) && toks[i+1].Lower == "to") {
			continue // "open" or "plan" without a verb after it
		}
		lk := cue(toks[last].Lower)
		support := lk == cueSupport || last+1 < len(toks) && supportNouns[toks[last+1].Lower]
		end := s.clauseEnd(last)
		subj, neg, hedge := s.subject(i, clauseStart)
		if len(subj) > 0 {
			s.lastSubject = subj
		}
		refusal := decl || k == cueDecline
		if !s.topicAfter(last, end, support, subj) && !s.passiveTopic(i, clauseStart) &&
			!(refusal && clauseStart > s.first && s.elliptical(last, end)) {
			i = last
			continue
		}
		if s.conditional(clauseStart, i) || s.conditional(last+1, end) {
			hedge = true
		}
		if len(subj) == 0 {
			i = last
			continue
		}
		kind := Pledged
		switch {
		case decl || k == cueDecline:
			kind = Declined
			if hedge || neg {
				kind = Unclear
			}
		case neg:
			kind = Declined
		case hedge:
			kind = Unclear
		}
		cueText := strings.TrimSpace(s.d.src[toks[i].Start:toks[last].End])
		for _, a := range subj {
			s.add(Stance{Actor: a, Kind: kind, Cue: cueText})
		}
		i = last
	}
	return s.out
}

// conditional reports an "if", "unless" or "whether" in the clause
// before the cue: "If Washington agrees, Denmark could send troops".
func (s *stanceScan) conditional(start, c int) bool {
	for j := start; j < c; j++ {
		switch s.d.toks[j].Lower {
		case "if", "unless", "whether", "provided":
			return true
		}
	}
	return false
}

func (s *stanceScan) add(st Stance) {
	for _, o := range s.out {
		if o.Actor == st.Actor && o.Kind == st.Kind {
			return
		}
	}
	s.out = append(s.out, st)
}

// clauseBreak reports whether token i separates clauses that may have
// different subjects: ";", "while", "whereas", "but", "although", or ", and".
func (s *stanceScan) clauseBreak(i int) bool {
	t := s.d.toks[i]
	switch t.Lower {
	case ";", ".", "!", "?", "while", "whereas", "but", "although", "though", "however", "meanwhile":
		return true
	case "and":
		return i > 0 && s.d.toks[i-1].Norm == ","
	}
	return false
}

func (s *stanceScan) clauseEnd(i int) int {
	for j := i + 1; j < len(s.d.toks); j++ {
		if s.clauseBreak(j) {
			return j
		}
	}
	return len(s.d.toks)
}

// topicAfter looks for the topic after the cue: within a dozen words, or
// further along a list ("such as", "including"). After "support" the topic
// must be the means ("with logistical help", "via its air force"), not
// the thing supported ("support European forces").
func (s *stanceScan) topicAfter(c, end int, support bool, subj []string) bool {
	window := 12
	means := false
	for j := c + 1; j < end && j <= c+window; j++ {
		t := s.d.toks[j]
		if j > c+1 && (cue(t.Lower) == cuePledge || cue(t.Lower) == cueDecline) && s.d.toks[j-1].Lower != "to" {
			return false // the topic belongs to the next commitment
		}
		if meansMarks[t.Lower] {
			means = true
			window = 28
		}
		if !s.topics[j] {
			continue
		}
		if othersMarks[s.d.toks[j-1].Lower] && s.d.toks[j-1].Lower != "multinational" {
			continue // "guarantees for European forces": someone else's troops
		}
		if m := s.d.byTok[j-1]; m >= 0 && s.d.mentions[m].Actor != "" && !hasString(subj, s.d.mentions[m].Actor) {
			continue // "ruled out NATO troops": not the subject's own
		}
		if !support || means {
			return true
		}
		if j-c <= 4 && !othersMarks[s.d.toks[j-1].Lower] && s.d.byTok[j-1] < 0 {
			return true // "supported security guarantees"
		}
	}
	return false
}

// elliptical reports a refusal with nothing after it ("but Germany
// refused.") in a sentence that names the topic before it.
func (s *stanceScan) elliptical(c, end int) bool {
	for j := c + 1; j < end; j++ {
		if s.d.toks[j].Word {
			return false
		}
	}
	for j := s.first; j < c; j++ {
		if s.topics[j] {
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

// passiveTopic handles "German forces would be stationed": the topic is
// the grammatical subject, the actor its modifier.
func (s *stanceScan) passiveTopic(c, start int) bool {
	toks := s.d.toks
	if c < 1 || (toks[c-1].Lower != "be" && toks[c-1].Lower != "been") {
		return false
	}
	for j := c - 2; j >= start && j >= c-6; j-- {
		if s.topics[j] {
			return true
		}
	}
	return false
}

// subject reads back from the cue to its subject: the actors named there
// (coordinated ones included), whether a negation or a hedge stands
// between, and pronouns resolved when no actor is named.
func (s *stanceScan) subject(c, start int) (actors []string, neg, hedge bool) {
	toks := s.d.toks
	pronoun := ""
	passive := c > 0 && (toks[c-1].Lower == "be" || toks[c-1].Lower == "been")
	if c > start && strings.HasSuffix(toks[c].Lower, "ing") && toks[c-1].Norm == "," && len(s.lastSubject) > 0 {
		return s.lastSubject, false, false // "…, offering guarantees"
	}
	j := c - 1
	for ; j >= start; j-- {
		t := toks[j]
		if m := s.d.byTok[j]; m >= 0 {
			if a := s.d.mentions[m].Actor; a != "" {
				actors = prependOnce(actors, a)
			}
			j = s.d.mentions[m].T0
			continue
		}
		switch {
		case negations[t.Lower]:
			neg = true
		case hedges[t.Lower]:
			hedge = true
		case subjectPronouns[t.Lower]:
			if len(actors) > 0 {
				break
			}
			if pronoun == "" {
				pronoun = t.Lower
			}
			if pronoun == "he" || pronoun == "she" {
				goto done // the last person named, not whoever he spoke to
			}
		case t.Lower == "that" || speechVerbs[t.Lower] || t.Lower == "according":
			if len(actors) > 0 {
				goto done
			}
		case t.Norm == ",":
			if len(actors) > 0 {
				if j > 0 && s.d.byTok[j-1] >= 0 && !s.accordingBefore(j-1) {
					continue // a list: "France, Germany and Italy"
				}
				goto done
			}
			if k := s.parenthetical(j, start); k >= 0 {
				j = k + 1
				continue
			}
		case skippable[t.Lower] || s.topics[j] && passive:
		case passive && (t.Lower == "from" || othersMarks[t.Lower] || t.Lower == "thousands" || t.Lower == "that"):
		default:
			goto done
		}
	}
done:
	if len(actors) > 0 {
		return actors, neg, hedge
	}
	switch pronoun {
	case "we":
		if a := s.speakerActor(c); a != "" {
			return []string{a}, neg, hedge
		}
	case "he", "she":
		if p := s.d.lastPerson(j); p != "" && ActorOf(p) != "" {
			return []string{ActorOf(p)}, neg, hedge
		}
	case "it", "they":
		if a := s.lastActor(j + 1); a != "" {
			return []string{a}, neg, hedge
		}
	}
	// "…, offering guarantees" or "but didn't commit": the clause's
	// subject carries over.
	if pronoun == "" && len(s.lastSubject) > 0 && (j < start || toks[j].Norm == "," || toks[j].Lower == "including") {
		return s.lastSubject, neg, hedge
	}
	return nil, neg, hedge
}

func (s *stanceScan) accordingBefore(j int) bool {
	m := s.d.byTok[j]
	t0 := s.d.mentions[m].T0
	return t0 >= 2 && s.d.toks[t0-1].Lower == "to" && s.d.toks[t0-2].Lower == "according"
}

// parenthetical finds the comma that opens ", in informal discussions,"
// when an actor stands before it; -1 otherwise.
func (s *stanceScan) parenthetical(j, start int) int {
	for k := j - 1; k >= start && k >= j-7; k-- {
		if s.d.toks[k].Norm == "," {
			if k > 0 && s.d.byTok[k-1] >= 0 && s.d.mentions[s.d.byTok[k-1]].Actor != "" {
				return k
			}
			return -1
		}
	}
	return -1
}

func (s *stanceScan) lastActor(i int) string {
	for n := len(s.d.mentions) - 1; n >= 0; n-- {
		if m := s.d.mentions[n]; m.T1 <= i && m.Actor != "" {
			return m.Actor
		}
	}
	return ""
}

// speakerActor is the country of whoever says "we" at token c.
func (s *stanceScan) speakerActor(c int) string {
	off := s.d.toks[c].Start - s.base
	if off < 0 {
		return ""
	}
	for _, q := range Quotations(s.sentence, s.context) {
		if q.Start <= off && off < q.End && q.Speaker != "" {
			if a := ActorOf(q.Speaker); a != "" {
				return a
			}
			return s.titleActor(q.Speaker)
		}
	}
	return ""
}

// titleActor finds the country in a speaker's title: "Dutch Prime
// Minister Dick Schoof" speaks for the Netherlands.
func (s *stanceScan) titleActor(person string) string {
	for _, m := range s.d.mentions {
		if m.Person != person && !(m.Person == "" && s.d.join(m.T0, m.T1) == person) {
			continue
		}
		for j := m.T0 - 1; j >= 0 && j >= m.T0-5; j-- {
			if n := s.d.byTok[j]; n >= 0 && s.d.mentions[n].Actor != "" {
				return s.d.mentions[n].Actor
			}
			if !gaz().titles[s.d.toks[j].Lower] && !skippable[s.d.toks[j].Lower] {
				break
			}
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
