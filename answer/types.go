// Package answer turns questions into answers: the quoted passages, who
// pledged what, who said what, and the list of sources. Every transport
// (terminal, JSON, Discord gateway, HTTP interactions) renders these same
// values; their JSON form is a contract other tools read, so keep the tags
// stable.
package answer

import (
	"talkbot/corpus"
	"talkbot/corpus/annotate"
)

// Search is the answer to `ask` and `search`.
type Search struct {
	Query string `json:"query"`
	Total int    `json:"total"`
	// Suggestion is "" when the results are for the words as typed. When
	// spelling correction changed them it is the corrected words: the
	// results are for those (ShowingFor), or, with no results, it is a
	// "did you mean".
	Suggestion string     `json:"suggestion"`
	Results    []Citation `json:"results"`
	// Kind says what answers the question (ask only): "passages" (the
	// Results), "who-pledged" when it asks who pledged, offered or refused
	// something (Pledges leads the answer, from the stance ledger, as
	// who-pledged gives it) or "quote" when it asks what a person said
	// (Quotes leads). The Results follow either way.
	Kind    string   `json:"kind,omitempty"`
	Pledges *Pledges `json:"pledges,omitempty"`
	Quotes  *Quotes  `json:"quotes,omitempty"`
}

// The kinds of ask answer.
const (
	KindPassages   = "passages"
	KindWhoPledged = "who-pledged"
	KindQuote      = "quote"
)

// ShowingFor is the corrected words the results are for, "" when they are
// for the words as typed (or there are none). Every front end says it
// ("Showing results for ...") so a reader never takes an answer to other
// words for an answer to theirs.
func (s Search) ShowingFor() string {
	if len(s.Results) == 0 {
		return ""
	}
	return s.Suggestion
}

// Citation is one quoted passage with its source.
type Citation struct {
	// Passage is the source's exact text.
	Passage string `json:"passage"`
	// Highlighted is the passage with matched terms in **bold**.
	Highlighted string         `json:"highlighted"`
	Score       float64        `json:"score"`
	Article     corpus.Article `json:"article"`
	// PassageID identifies the passage, for context look-ups.
	PassageID string `json:"-"`
}

// Pledges is the answer to `who-pledged`: countries by their current
// stance (pledged, declined, unclear), those whose newest sources
// disagree (contested), an adversary's opposition (opposes), and groups
// of countries apart (groups, each with its stance).
type Pledges struct {
	Topic     string  `json:"topic"`
	Pledged   []Actor `json:"pledged"`
	Declined  []Actor `json:"declined"`
	Unclear   []Actor `json:"unclear"`
	Contested []Actor `json:"contested"`
	Opposes   []Actor `json:"opposes"`
	Groups    []Actor `json:"groups"`
	// Label is the known topic the answer is about ("air defence and air
	// policing" for "air defense").
	Label string `json:"label,omitempty"`
	// Unknown is set when the topic is none who-pledged knows; Nearest
	// names the closest known topics.
	Unknown bool     `json:"unknown,omitempty"`
	Nearest []string `json:"nearest,omitempty"`
	// RefusalsFirst is set when the question asked who refused ("which
	// countries won't send soldiers?"): the refusals lead the answer.
	RefusalsFirst bool `json:"refusals_first,omitempty"`
	// Among names the group of actors the question narrowed the answer to
	// ("NATO members" for "which NATO members ruled out troops"), "" for
	// every actor.
	Among string `json:"among,omitempty"`
}

// among keeps the actors of the group (annotate.GroupLabel names it).
func (p Pledges) among(group string) Pledges {
	keep := func(as []Actor) []Actor {
		var out []Actor
		for _, a := range as {
			if annotate.InGroup(group, a.Actor) {
				out = append(out, a)
			}
		}
		return out
	}
	p.Pledged, p.Declined, p.Unclear = keep(p.Pledged), keep(p.Declined), keep(p.Unclear)
	p.Contested, p.Opposes, p.Groups = keep(p.Contested), keep(p.Opposes), keep(p.Groups)
	p.Among = annotate.GroupLabel(group)
	return p
}

// PledgeSection is one part of a who-pledged answer: the actors of one
// stance ("group" for groups of countries, whatever their stance).
type PledgeSection struct {
	Stance string
	Actors []Actor
}

// Sections are the answer's parts in the order shown: pledged, declined,
// contested, unclear, the adversary's opposition, then groups; declined
// first when the question asked who refused.
func (p Pledges) Sections() []PledgeSection {
	pledged, declined := PledgeSection{"pledged", p.Pledged}, PledgeSection{"declined", p.Declined}
	if p.RefusalsFirst {
		pledged, declined = declined, pledged
	}
	return []PledgeSection{pledged, declined, {"contested", p.Contested}, {"unclear", p.Unclear},
		{"opposes", p.Opposes}, {"group", p.Groups}}
}

// Stated reports an answer naming at least one actor's stance.
func (p Pledges) Stated() bool {
	return len(p.Pledged)+len(p.Declined)+len(p.Unclear)+len(p.Contested)+len(p.Opposes)+len(p.Groups) > 0
}

// Actor is a country, government or organisation with the quotes that
// show its stance, newest first.
type Actor struct {
	Actor  string  `json:"actor"`
	Quotes []Quote `json:"quotes"`
	// History says how the stance changed over time, oldest first: the
	// older articles whose stance differs from the current one
	// ("unclear (2025-04-25, approx.)").
	History []string `json:"history,omitempty"`
	// Stance is the current stance: pledged, declined, unclear, opposes,
	// or contested (Between then names the stances the newest sources
	// take).
	Stance  string   `json:"stance"`
	Between []string `json:"between,omitempty"`
	// Kind is "group" for Europe, NATO, the EU, the Coalition of the
	// Willing; absent for a country.
	Kind string `json:"kind,omitempty"`
	// Since is the date of the newest observation; Timeline is every
	// observation's date and stance, oldest first.
	Since    string `json:"since,omitempty"`
	Timeline []Mark `json:"timeline,omitempty"`
}

// Mark is one dated observation of an actor's stance.
type Mark struct {
	Date        string `json:"date"`
	Approximate bool   `json:"approximate,omitempty"`
	Stance      string `json:"stance"`
	PassageID   string `json:"-"`
}

// Quote is a passage that supports an answer, with its source.
type Quote struct {
	// Text is the words inside the quotation marks (quote answers only).
	Text    string         `json:"text,omitempty"`
	Passage string         `json:"passage"`
	Article corpus.Article `json:"article"`
	// Stance, Condition and Sentence say what the passage shows in a
	// who-pledged answer: the stance, the condition a pledge depends on
	// ("once a ceasefire is in place") and the sentence stating it.
	Stance    string `json:"stance,omitempty"`
	Condition string `json:"condition,omitempty"`
	Sentence  string `json:"sentence,omitempty"`
	PassageID string `json:"-"`
}

// ByPassage groups quotes that come from the same passage of the same
// article (consecutive, as QuotesBy orders them), so a reply shows that
// passage once under all its quotations.
func ByPassage(qs []Quote) [][]Quote {
	var out [][]Quote
	for _, q := range qs {
		if n := len(out); n > 0 {
			last := out[n-1][0]
			if last.Passage == q.Passage && last.Article.ID == q.Article.ID {
				out[n-1] = append(out[n-1], q)
				continue
			}
		}
		out = append(out, []Quote{q})
	}
	return out
}

// Quotes is the answer to `quote`.
type Quotes struct {
	Speaker string  `json:"speaker"`
	Quotes  []Quote `json:"quotes"`
	// Closest names the speakers the corpus does quote, when Speaker is
	// not one of them.
	Closest []string `json:"closest,omitempty"`
}

// Sources is the answer to `sources`: every article, newest first.
type Sources struct {
	Articles []corpus.Article `json:"articles"`
}
