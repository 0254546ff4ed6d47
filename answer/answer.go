package answer

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"talkbot/corpus"
	"talkbot/corpus/text"
	"talkbot/index"
)

// MaxQueryRunes bounds what a reader may type: longer input is a mistake
// (a pasted article), not a question, and would only slow the search.
const MaxQueryRunes = 500

// AskResults is how many passages an ask answer quotes, and
// AskPerArticle how many of them may come from one article, so an answer
// shows more than one outlet when more than one has something to say.
const (
	AskResults    = 3
	AskPerArticle = 2
)

// InputError is a problem with what the reader typed. Its message is
// meant to be shown to them as it is.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// CheckQuery rejects input no search should run on: nothing to search
// for, or far too much.
func CheckQuery(q string) error {
	if strings.IndexFunc(q, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return &InputError{"Type some words to search for."}
	}
	if n := utf8.RuneCountInString(q); n > MaxQueryRunes {
		return &InputError{fmt.Sprintf("That is %d characters; ask in at most %d.", n, MaxQueryRunes)}
	}
	return nil
}

// Ask answers a question with the best quoted passages: up to AskResults,
// at most AskPerArticle from one article.
func Ask(ctx context.Context, ix *index.Index, question string) (Search, error) {
	return SearchPage(ctx, ix, index.Query{
		Text:          question,
		Limit:         AskResults,
		MaxPerArticle: AskPerArticle,
	})
}

// SearchPage runs a search as the reader asked it, filters and paging
// included.
func SearchPage(ctx context.Context, ix *index.Index, q index.Query) (Search, error) {
	if err := CheckQuery(q.Text); err != nil {
		return Search{}, err
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.From.After(q.To) {
		return Search{}, &InputError{fmt.Sprintf("The start date %s is after the end date %s.",
			q.From.Format(corpus.DateLayout), q.To.Format(corpus.DateLayout))}
	}
	if err := checkPublisher(ix, q.Publisher); err != nil {
		return Search{}, err
	}
	res, err := ix.Search(ctx, q)
	if err != nil {
		return Search{}, err
	}
	out := Search{Query: q.Text, Total: res.Total, Suggestion: res.Suggestion, Results: make([]Result, 0, len(res.Hits))}
	for _, h := range res.Hits {
		out.Results = append(out.Results, Result{
			Passage:     h.Passage.Text,
			Highlighted: h.Highlighted,
			Score:       h.Score,
			Article:     h.Article,
			PassageID:   h.Passage.ID,
		})
	}
	return out, nil
}

// checkPublisher tells the reader when no article comes from the
// publisher they named, rather than letting it look like no passage
// matched their words.
func checkPublisher(ix *index.Index, publisher string) error {
	if text.Key(publisher) == "" || len(ix.MatchingPublishers(publisher)) > 0 {
		return nil
	}
	known := ix.Publishers()
	const shown = 8
	list := strings.Join(known[:min(len(known), shown)], "; ")
	if len(known) > shown {
		list += fmt.Sprintf("; and %d more", len(known)-shown)
	}
	return &InputError{fmt.Sprintf("No article comes from a publisher or source matching %q. Try one of: %s.", publisher, list)}
}

// SourcesOf lists every article in the index, newest first.
func SourcesOf(ix *index.Index) Sources {
	return SourcesFromArticles(ix.Articles())
}

// SourcesFromArticles lists the given articles, newest first, without
// needing an index (the terminal's sources command).
func SourcesFromArticles(arts []corpus.Article) Sources {
	sorted := make([]corpus.Article, len(arts))
	copy(sorted, arts)
	sort.SliceStable(sorted, func(i, j int) bool {
		return sorted[i].Published.After(sorted[j].Published.Time)
	})
	return Sources{Articles: sorted}
}
