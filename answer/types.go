// Package answer turns questions into answers: the quoted passages, who
// pledged what, who said what, and the list of sources. Every transport
// (terminal, JSON, Discord gateway, HTTP interactions) renders these same
// values; their JSON form is a contract other tools read, so keep the tags
// stable.
package answer

import "talkbot/corpus"

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
}

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

// Pledges is the answer to `who-pledged`.
type Pledges struct {
	Topic    string  `json:"topic"`
	Pledged  []Actor `json:"pledged"`
	Declined []Actor `json:"declined"`
	Unclear  []Actor `json:"unclear"`
}

// Actor is a country, government or organisation with the quotes that
// show its stance, newest first.
type Actor struct {
	Actor  string  `json:"actor"`
	Quotes []Quote `json:"quotes"`
	// History says how the stance changed over time, oldest first, when
	// older articles disagree with the newest ("pledged (2026-01-06)").
	History []string `json:"history,omitempty"`
}

// Quote is a passage that supports an answer, with its source.
type Quote struct {
	// Text is the words inside the quotation marks (quote answers only).
	Text    string         `json:"text,omitempty"`
	Passage string         `json:"passage"`
	Article corpus.Article `json:"article"`
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
