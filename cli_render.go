package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"talkbot/answer"
	"talkbot/corpus"
)

// writeJSON prints v as the JSON contract: indented, with <, > and &
// left as they are (quotes are the source's text, not HTML).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// textStyle turns the **bold** markers of highlighted passages into what
// the output can show: ANSI bold on a terminal, nothing when piped.
type textStyle struct{ terminal bool }

const (
	ansiBold  = "\x1b[1m"
	ansiReset = "\x1b[0m"
)

// quote renders a highlighted passage; plain is the source text, used
// as is when there is no terminal to show bold on.
func (s textStyle) quote(highlighted, plain string) string {
	if !s.terminal || highlighted == "" {
		return plain
	}
	var b strings.Builder
	for _, sg := range answer.Segments(plain, highlighted) {
		if sg.Bold {
			b.WriteString(ansiBold + sg.Text + ansiReset)
		} else {
			b.WriteString(sg.Text)
		}
	}
	return b.String()
}

// writeCitation prints the lines that say where a quote comes from.
func writeCitation(w io.Writer, indent string, a corpus.Article) {
	fmt.Fprintf(w, "%s%s\n", indent, a.Title)
	fmt.Fprintf(w, "%s%s · %s\n", indent, a.SourceLabel(), a.DateLabel())
	fmt.Fprintf(w, "%s%s\n", indent, a.URL)
}

// writeSearch prints the passages; filters says what the search's filters
// kept ("" for none), so that no match names them.
func writeSearch(w io.Writer, st textStyle, s answer.Search, filters string) {
	if len(s.Results) == 0 {
		writeNoMatch(w, s.Query, s.Suggestion, filters)
		return
	}
	if fixed := s.ShowingFor(); fixed != "" {
		fmt.Fprintf(w, "Showing results for %s\n\n", fixed)
	}
	switch {
	case s.Pledges != nil:
		among := ""
		if s.Pledges.Among != "" {
			among = " among " + s.Pledges.Among
		}
		fmt.Fprintf(w, "Who pledged or refused %s%s, from the stances the articles state (as talkbot who-pledged %q):\n\n",
			s.Pledges.Topic, among, s.Pledges.Topic)
		writePledges(w, *s.Pledges)
		fmt.Fprintln(w, "The passages that best match the question:")
		fmt.Fprintln(w)
	case s.Quotes != nil:
		fmt.Fprintf(w, "What %s is quoted as saying (as talkbot quote):\n\n", s.Quotes.Speaker)
		writeQuotes(w, *s.Quotes)
		fmt.Fprintln(w, "\nThe passages that best match the question:")
		fmt.Fprintln(w)
	}
	for i, r := range s.Results {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%d. \"%s\"\n", i+1, st.quote(r.Highlighted, r.Passage))
		writeCitation(w, "   ", r.Article)
	}
	if s.Total > len(s.Results) {
		fmt.Fprintf(w, "\n(%d of %d matching passages shown)\n", len(s.Results), s.Total)
	}
}

func writeNoMatch(w io.Writer, query, suggestion, filters string) {
	if filters != "" {
		fmt.Fprintf(w, "No passage %s matches %q.\n", filters, query)
	} else {
		fmt.Fprintf(w, "No passage matches %q.\n", query)
	}
	if suggestion != "" {
		fmt.Fprintf(w, "Did you mean: %s\n", suggestion)
	}
}

func writeSources(w io.Writer, s answer.Sources) {
	for i, a := range s.Articles {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%d. ", i+1)
		writeCitation(w, "", a)
	}
}

// sectionLabels head a who-pledged answer's sections in the terminal.
var sectionLabels = map[string]string{"pledged": "Pledged", "declined": "Declined", "contested": "Contested",
	"unclear": "Unclear", "opposes": "Opposes", "group": "Groups"}

func writePledges(w io.Writer, p answer.Pledges) {
	if p.Unknown {
		fmt.Fprintf(w, "Unknown topic %q.", p.Topic)
		if len(p.Nearest) > 0 {
			fmt.Fprintf(w, " Nearest known topics: %s.", strings.Join(p.Nearest, ", "))
		}
		fmt.Fprintf(w, "\nKnown topics: %s.\n", strings.Join(answer.KnownTopics(), ", "))
		return
	}
	topic := p.Topic
	if p.Label != "" && !strings.EqualFold(p.Label, p.Topic) {
		topic += ", " + p.Label
	}
	any := false
	for _, g := range p.Sections() {
		if len(g.Actors) == 0 {
			continue
		}
		any = true
		fmt.Fprintf(w, "%s (%s):\n", sectionLabels[g.Stance], topic)
		// Actors whose newest quote is the same passage are listed
		// together, and every passage is printed once: quotes not shared
		// by the whole group name whose they are.
		for _, idx := range answer.SharedQuotes(g.Actors, 1) {
			a := g.Actors[idx[0]]
			line := "- " + answer.ActorNames(g.Actors, idx)
			switch {
			case a.Stance == "contested":
				line += " (" + strings.Join(a.Between, " / ") + ")"
			case a.Kind == "group":
				line += " (" + a.Stance + ")"
			}
			fmt.Fprintln(w, line)
			for _, n := range idx {
				who := ""
				if len(idx) > 1 {
					who = " (" + g.Actors[n].Actor + ")"
				}
				for _, h := range g.Actors[n].History {
					fmt.Fprintf(w, "    earlier%s: %s\n", who, h)
				}
			}
			for _, gq := range groupQuotes(g.Actors, idx) {
				q := gq.quote
				fmt.Fprintf(w, "    \"%s\"\n", q.Passage)
				var detail []string
				if len(gq.whose) < len(idx) {
					detail = append(detail, strings.Join(gq.whose, ", "))
				}
				if a.Stance == "contested" || q.Condition != "" {
					d := q.Stance
					if q.Condition != "" {
						d += ", " + q.Condition
					}
					detail = append(detail, d)
				}
				if len(detail) > 0 {
					fmt.Fprintf(w, "      (%s)\n", strings.Join(detail, "; "))
				}
				writeCitation(w, "      ", q.Article)
			}
		}
		fmt.Fprintln(w)
	}
	switch {
	case !any && p.Among != "":
		fmt.Fprintf(w, "No passage says whether any of the %s pledged or refused %q.\n", p.Among, p.Topic)
	case !any:
		fmt.Fprintf(w, "No passage says who pledged or refused %q.\n", p.Topic)
	}
}

func writeQuotes(w io.Writer, q answer.Quotes) {
	if len(q.Quotes) == 0 {
		if len(q.Closest) > 0 {
			fmt.Fprintf(w, "The articles quote no one called %q. Closest: %s.\n", q.Speaker, strings.Join(q.Closest, ", "))
		} else {
			fmt.Fprintf(w, "No quotation by %q matches.\n", q.Speaker)
		}
		return
	}
	fmt.Fprintf(w, "%s:\n", q.Speaker)
	n := 0
	for i, group := range answer.ByPassage(q.Quotes) {
		if i > 0 {
			fmt.Fprintln(w)
		}
		for _, qu := range group {
			n++
			fmt.Fprintf(w, "%d. \"%s\"\n", n, qu.Text)
		}
		fmt.Fprintf(w, "   in: %s\n", group[0].Passage)
		writeCitation(w, "   ", group[0].Article)
	}
}

// groupQuote is a passage quoted for some actors of a group.
type groupQuote struct {
	quote answer.Quote
	whose []string
}

// groupQuotes are the quotes of the actors at idx, each passage once, in
// the order met, with the actors it is quoted for.
func groupQuotes(as []answer.Actor, idx []int) []groupQuote {
	var out []groupQuote
	at := map[string]int{}
	for _, n := range idx {
		for _, q := range as[n].Quotes {
			key := q.Article.ID + "\x00" + q.Passage
			if k, ok := at[key]; ok {
				out[k].whose = append(out[k].whose, as[n].Actor)
				continue
			}
			at[key] = len(out)
			out = append(out, groupQuote{quote: q, whose: []string{as[n].Actor}})
		}
	}
	return out
}
