package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"talkbot/corpus/text"
)

// Boilerplate is recognised by its form, never by listing known lines:
// page furniture (captions, widgets, prompts, bios) looks the same on every
// site, and an article's own headline and names are known from its
// metadata. Headings are left out too: they are not quotable answers.

// meta is what boilerplate detection knows about the article.
type meta struct {
	title, publisher, author, source string
	keys                             *metaKeys // their text.Key, made once by classify
}

type metaKeys struct{ title, publisher, author, source string }

func (m meta) withKeys() meta {
	if m.keys == nil {
		m.keys = &metaKeys{text.Key(m.title), text.Key(m.publisher), text.Key(m.author), text.Key(m.source)}
	}
	return m
}

// The kinds of boilerplate, named for tests and debugging.
const (
	kindHeadline = "repeated headline"
	kindRepeat   = "repeated line"
	kindImage    = "image credit or caption"
	kindWidget   = "related-content widget"
	kindList     = "list widget"
	kindComments = "comment widget"
	kindReadMore = "read-more marker"
	kindRelated  = "link to another article"
	kindConsent  = "cookie or consent notice"
	kindShare    = "share or follow prompt"
	kindBio      = "author or publisher bio"
	kindName     = "author or publisher name"
	kindSource   = "source line"
	kindHeading  = "heading"
	kindSubhead  = "subhead" // kept in the text, never a passage
)

var (
	// "Images source: © x", "Photo: ...", "Photo credit: ..."
	imageLabelRe = regexp.MustCompile(`(?i)^(main |top |featured |lead )?(images?|photos?|pictures?|photographs?|photo credits?|image credits?|credits?|illustrations?|videos?)( source| credits?| by)?\s*:`)
	// a caption ending in a picture agency credit: "[Name via AP]", "(Reuters)"
	captionCreditRe = regexp.MustCompile(`(?i)[\[(]([^\[\]()]{0,80}\b(via|by|/)\s*)?[^\[\]()]{0,40}\b(AP|AFP|Reuters|Getty Images|Getty|EPA(-EFE)?|EFE|Anadolu( Agency)?|Xinhua|Shutterstock|Alamy|TASS|Sputnik|Pool|Handout|Bloomberg|UNIAN|Ukrinform|ANP|dpa|PA|Photo|Image|Picture|File photo)[\])]\s*$`)
	widgetRe        = regexp.MustCompile(`(?i)^(related( content| articles?| stories| news| posts?| coverage| reading| topics)?|recommended( stories| articles| reading| for you| videos?)?|read also|see also|also read|also see|more on this( story| topic)?|more stories|more from [\pL\pN .-]{1,30}|most (read|popular|viewed|shared)|trending( now| stories)?|you (may|might) also like|editor'?s picks?|top stories|latest( news| stories)?|advertisement|sponsored( content)?|continue reading|skip to content|table of contents)\s*:?$`)
	listRe          = regexp.MustCompile(`(?i)^list of \d+ items?|\bend of list$`)
	commentsRe      = regexp.MustCompile(`(?i)^((no|\d+) comments?\s*:?|comments?( \(\d+\))?\s*:?|(post|leave|add|write|submit) a (comment|reply)|leave a reply\s*(cancel reply)?|subscribe to\s*:?\s*post comments( \(atom\))?|newer post( older post)?( home)?|older post( home)?|show comments|load comments|view comments|\d+ responses?)$`)
	// "READ MORE HERE", "--->Read more", a line opening with "Read more"
	readMoreRe = regexp.MustCompile(`READ MORE|(?i)(?:-+>|=+>|>{1,3}|→|»)\s*read more\b|^read more\b|\bread more here\b|\bread more\s*:|\[read more\]`)
	// "Read also: <another article's headline>", "See also: ..."
	relatedRe = regexp.MustCompile(`(?i)^(read also|see also|also read|also see|read next|related( content| articles?| stories| news| coverage)?|recommended( stories| reading)?|more on this( story| topic)?)\s*:\s*\S`)
	// "We use cookies to improve your experience ..."
	consentRe = regexp.MustCompile(`(?i)\b(we use cookies|use of cookies|uses cookies|accept (all )?cookies|cookie (policy|settings|preferences|notice))\b`)
	shareRe   = regexp.MustCompile(`(?i)\b(follow|like|join|find) us (on|at)\b|\bfollow us\b|\bshare (this|on)\b|\bsubscribe to our\b|\bif you (like|liked|enjoy|enjoyed) (what you see|this|our)|\bsign up (for|to) our\b|\bclick here\b|\bjoin our (telegram|whatsapp|channel|newsletter|community)\b|\bdownload our app\b`)
	// first-person bio: "I bring...", "I work as a freelance writer"
	firstPersonRe = regexp.MustCompile(`\b(I|I'm|I've|I am|my|me|My)\b`)
	professionRe  = regexp.MustCompile(`(?i)\b(journalis\w*|writer|editor|reporter|correspondent|columnist|blogger|freelanc\w*)\b`)
	// "<Name> is Africa's Premium Internet Radio that seeks to..."
	orgBioRe   = regexp.MustCompile(`(?i)^[\pL\pN][\pL\pN&.'-]*(\s+[\pL\pN&.'-]+){0,3} (is|was) (a|an|the|[\pL\pN-]+'s)\b.{0,120}\b(radio|station|newspaper|news\w*|website|site|portal|agency|outlet|magazine|network|blog|media|platform|publication|channel|broadcaster|podcast)\b.{0,80}\b(that|which|whose|and) (seeks|aims|strives|works|exists|is dedicated|is committed|brings|delivers|provides)\b`)
	bioWordsRe = regexp.MustCompile(`(?i)\b(seeks to|aims to|strives to|dedicated to|committed to|premium|leading|founded|mission|platform|independent|online|award-winning)\b`)
	aboutRe    = regexp.MustCompile(`(?i)^about (the )?(author|us|the publisher)\s*:?`)
	bylineRe   = regexp.MustCompile(`^(By|BY|Written by|Edited by|Reporting by|Words by)\s+\p{Lu}[\pL'.-]*(\s+(and\s+)?\p{Lu}[\pL'.-]*){0,4}$`)
	sourceRe   = regexp.MustCompile(`(?i)^(sources?|via|credits?|original( article)?|source link)\s*:\s*\S`)
)

// shareCues are words every match of shareRe contains: a cheap test that
// spares the regexp on ordinary prose (the regexps were most of the time
// spent loading a 10,000-article corpus).
var shareCues = []string{" us on", " us at", "follow us", "share this", "share on", "subscribe to our",
	"if you", "sign up", "click here", "join our", "download our app"}

// professionCues and orgBioVerbs are, likewise, the words professionRe
// and orgBioRe require, in lower case: most prose has none of them.
var (
	professionCues = []string{"journalis", "writer", "editor", "reporter", "correspondent", "columnist", "blogger", "freelanc"}
	orgBioVerbs    = []string{"seeks", "aims", "strives", "works", "exists", "dedicated", "committed", "brings", "delivers", "provides"}
)

// isOrWasEarly reports whether the second to fifth word of a key is "is"
// or "was", as orgBioRe requires: a name of at most four words, then the
// verb. Most prose fails here without the verb scan or the regexp.
func isOrWasEarly(k string) bool {
	for i, rest := 0, k; i < 5; i++ {
		w, after, found := strings.Cut(rest, " ")
		if i > 0 && (w == "is" || w == "was") {
			return true
		}
		if !found {
			return false
		}
		rest = after
	}
	return false
}

// hasProfessionCue is containsAny(k, professionCues...) in one pass over
// k: only a cue's first letter starts a comparison.
func hasProfessionCue(k string) bool {
	for i := 0; i < len(k); i++ {
		switch k[i] {
		case 'j', 'w', 'e', 'r', 'c', 'b', 'f':
			for _, c := range professionCues {
				if c[0] == k[i] && strings.HasPrefix(k[i:], c) {
					return true
				}
			}
		}
	}
	return false
}

// cueText is a key as the case-insensitive regexps read it: they also
// take the long s (ſ) for s and the Kelvin sign for k.
func cueText(k string) string {
	if !strings.ContainsAny(k, "\u017f\u212a") {
		return k
	}
	return strings.NewReplacer("\u017f", "s", "\u212a", "k").Replace(k)
}

// endsBracketed reports whether s ends in ")" or "]" before trailing
// space, as every caption credit captionCreditRe matches does.
func endsBracketed(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	return strings.HasSuffix(s, ")") || strings.HasSuffix(s, "]")
}

// containsAny reports whether s contains one of subs.
func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// maxFurniture is longer, in bytes, than any caption, prompt or bio.
const maxFurniture = 2000

// boilerplateKind says which kind of boilerplate paragraph s is, or "" for
// article prose.
func boilerplateKind(s string, m meta) string {
	f := strings.TrimSpace(text.Fold(s))
	return kindOf(s, f, foldedKey(f), m.withKeys())
}

// foldedKey is text.Key of a string already folded.
func foldedKey(f string) string { return strings.Join(strings.Fields(strings.ToLower(f)), " ") }

// kindOf is boilerplateKind with s folded and trimmed (f), its key (k),
// and m.withKeys(), which classify has already.
func kindOf(s, f, k string, m meta) string {
	if len(s) > maxFurniture {
		return "" // page furniture is short; skip the regexps on long prose
	}
	runes := utf8.RuneCountInString(f)
	words := countFields(f)
	switch {
	case isHeadline(k, m.keys.title):
		return kindHeadline
	case imageLabelRe.MatchString(f), runes <= 120 && strings.Contains(f, "©"),
		runes <= 300 && endsBracketed(f) && captionCreditRe.MatchString(f):
		return kindImage
	case widgetRe.MatchString(f):
		return kindWidget
	case containsAny(k, "list of", "end of list") && listRe.MatchString(f):
		return kindList
	case commentsRe.MatchString(f):
		return kindComments
	case strings.Contains(k, "read more") && readMoreRe.MatchString(s) && readMoreRe.FindStringIndex(s)[0] == 0:
		return kindReadMore
	case runes <= 300 && strings.Contains(k, ":") && relatedRe.MatchString(f):
		return kindRelated
	case runes <= 400 && strings.Contains(k, "cookie") && consentRe.MatchString(f):
		return kindConsent
	case runes <= 400 && containsAny(k, shareCues...) && shareRe.MatchString(f):
		return kindShare
	case isBio(f, k, m):
		return kindBio
	case k != "" && (k == m.keys.author || k == m.keys.publisher || k == m.keys.source),
		bylineRe.MatchString(f):
		return kindName
	case runes <= 100 && sourceRe.MatchString(f):
		return kindSource
	case isHeading(f, words, runes):
		return kindSubhead
	}
	return ""
}

// isHeadline: the title again, or the title glued to a short section label
// or site name ("NewsUS backs ...", "US backs ... | Site"). kt is the
// title's key.
func isHeadline(k, kt string) bool {
	if len(kt) < 10 || k == "" {
		return false
	}
	if k == kt {
		return true
	}
	short := func(extra string) bool {
		extra = strings.Trim(extra, " -|:–—•·")
		return len(strings.Fields(extra)) <= 3 && utf8.RuneCountInString(extra) <= 30 && !strings.ContainsAny(extra, ".!?")
	}
	if rest, ok := strings.CutSuffix(k, kt); ok && short(rest) {
		return true
	}
	if rest, ok := strings.CutPrefix(k, kt); ok && short(rest) {
		return true
	}
	return false
}

// isBio: a first-person note about a writer's career, or the publisher
// describing itself.
func isBio(f, k string, m meta) bool {
	if aboutRe.MatchString(f) {
		return true
	}
	if !strings.ContainsAny(f, "\"") && hasProfessionCue(cueText(k)) && professionRe.MatchString(f) &&
		len(firstPersonRe.FindAllString(f, -1)) >= 2 {
		return true
	}
	if isOrWasEarly(cueText(k)) && containsAny(cueText(k), orgBioVerbs...) && orgBioRe.MatchString(f) {
		return true
	}
	for _, kn := range []string{m.keys.publisher, m.keys.source} {
		if kn != "" && strings.HasPrefix(k, kn) && strings.HasPrefix(k[len(kn):], " is ") && bioWordsRe.MatchString(f) {
			return true
		}
	}
	return false
}

// isHeading: a short line without sentence punctuation, or a short
// question standing alone as a subhead ("What do you need to know?").
func isHeading(f string, words, runes int) bool {
	if words == 0 {
		return true
	}
	if !endsSentence(f) {
		return words <= 15 && runes <= 120
	}
	body := strings.TrimRightFunc(f, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`"')]`, r) })
	return strings.HasSuffix(body, "?") && words <= 12 && len(text.Sentences(f)) == 1 && !attributionRe.MatchString(f)
}

// attributionRe marks a question someone asked in the text, not a subhead.
var attributionRe = regexp.MustCompile(`(?i)\b(said|says|asked|asks|told|added|wondered|wrote)\b`)

// readMoreCut returns where the prose of s ends when a read-more marker
// interrupts it ("...of the group. --->READ MORE HEREWSJ: headline"), or
// len(s) when there is none. What follows the marker is another article's
// headline, so it goes too.
func readMoreCut(s string) int {
	if !containsFoldASCII(s, "read more") {
		return len(s)
	}
	loc := readMoreRe.FindStringIndex(s)
	if loc == nil {
		return len(s)
	}
	return len(strings.TrimRightFunc(s[:loc[0]], isSpaceLike))
}

// removeBoilerplate keeps the paragraphs that are article prose, cut short
// where a read-more marker ends the prose, and the subheads and repeated
// lines among them (aside true), which are text but never passages.
func removeBoilerplate(src string, paras []span, m meta) (kept []span, aside []bool) {
	for i, kind := range classify(src, paras, m) {
		if kind == "" || kind == kindSubhead || kind == kindRepeat {
			kept = append(kept, paras[i])
			aside = append(aside, kind != "")
		}
	}
	return kept, aside
}

// classify names the boilerplate kind of each paragraph ("" for prose),
// cutting paras in place where a read-more marker ends the prose. A line
// already seen (after folding) is a repeat.
func classify(src string, paras []span, m meta) []string {
	m = m.withKeys()
	seen := map[string]string{} // the kind of the line's first time
	kinds := make([]string, len(paras))
	for i := range paras {
		p := &paras[i]
		if cut := readMoreCut(p.text(src)); cut < p.end-p.start {
			p.end = p.start + cut
			if !hasWord(p.text(src)) {
				kinds[i] = kindReadMore
				continue
			}
		}
		s := p.text(src)
		if !hasWord(s) {
			kinds[i] = kindHeading // a line of punctuation or symbols only
			continue
		}
		f := strings.TrimSpace(text.Fold(s))
		k := foldedKey(f)
		if first, ok := seen[k]; ok {
			// a repeat of text is an aside; of furniture, furniture
			kinds[i] = first
			if first == "" || first == kindSubhead {
				kinds[i] = kindRepeat
			}
			continue
		}
		kinds[i] = kindOf(s, f, k, m)
		seen[k] = kinds[i]
	}
	return kinds
}

// containsFoldASCII reports whether s contains sub, a lower-case ASCII
// string, in any case: what strings.Contains(strings.ToLower(s), sub)
// says, without lower-casing a copy of every paragraph. (Case-insensitive
// matching maps no other letter to r, e, a, d, m or o.)
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// countFields is len(strings.Fields(s)) without making the slice.
func countFields(s string) int {
	n, inField := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inField {
			n++
		}
		inField = !space
	}
	return n
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
