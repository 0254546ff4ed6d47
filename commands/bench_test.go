package commands

import (
	"context"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// BenchmarkAutocomplete: one keystroke's answer (Discord waits 3 s at
// most; people notice far less).
func BenchmarkAutocomplete(b *testing.B) {
	r := newTestRouter(b)
	in := load(b, "autocomplete_query.json")
	b.ResetTimer()
	for b.Loop() {
		if resp := r.Handle(context.Background(), in).Response; resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
			b.Fatal(resp.Type)
		}
	}
}

// BenchmarkAsk and BenchmarkSearchPage: a whole command, search and
// rendering included, as the transports call it.
func BenchmarkAsk(b *testing.B) {
	r := newTestRouter(b)
	in := load(b, "ask.json")
	b.ResetTimer()
	for b.Loop() {
		r.Handle(context.Background(), in)
	}
}

func BenchmarkSearchPage(b *testing.B) {
	r := newTestRouter(b)
	in := load(b, "button_next.json")
	b.ResetTimer()
	for b.Loop() {
		r.Handle(context.Background(), in)
	}
}

func BenchmarkLongGarbageQuery(b *testing.B) {
	r := newTestRouter(b)
	q := "qzx vbnm ukrane secrity guarantes trops zelensky macron starmr hardest yards peacekepers monitring ceasefre " +
		"qzx vbnm ukrane secrity guarantes trops zelensky macron starmr hardest yards peacekepers monitring ceasefre " +
		"qzx vbnm ukrane secrity guarantes trops zelensky macron starmr"
	in := commandInteraction("ask", strOpt("question", q))
	b.ResetTimer()
	for b.Loop() {
		r.Handle(context.Background(), in)
	}
}
