package annotate

import "testing"

func TestRoleHolders(t *testing.T) {
	for _, c := range []struct{ q, want, phrase string }{
		{"what did the German chancellor say about the American offer", "Friedrich Merz", "German chancellor"},
		{"what did the german chancellor say", "Friedrich Merz", "german chancellor"},
		{"what  did the   german  chancellor say", "Friedrich Merz", "german  chancellor"},
		{"Poland's prime minister on troops", "Donald Tusk", "Poland's prime minister"},
		{"what did the prime minister of Poland say", "Donald Tusk", "prime minister of Poland"},
		{"what did the president of the United States promise", "Donald Trump", "president of the United States"},
		{"the NATO secretary general on Article 5", "Mark Rutte", "NATO secretary general"},
		{"what did the NATO secretary-general say", "Mark Rutte", "NATO secretary-general"},
		{"the European Commission president on money", "Ursula von der Leyen", "European Commission president"},
		{"the European Council president on membership", "Antonio Costa", "European Council president"},
		{"what did the Kremlin spokesman say", "Dmitry Peskov", "Kremlin spokesman"},
		{"the Russian foreign minister", "Sergei Lavrov", "Russian foreign minister"},
		{"the French president", "Emmanuel Macron", "French president"},
		{"the US defense secretary on peacekeepers", "Pete Hegseth", "US defense secretary"},
	} {
		got := RoleHolders(c.q)
		if len(got) != 1 || got[0].Person != c.want || c.q[got[0].Start:got[0].End] != c.phrase {
			t.Errorf("%q: %+v, want %s for %q", c.q, got, c.want, c.phrase)
		}
	}
	for _, q := range []string{
		"French President Emmanuel Macron said",   // the name is there
		"what did the president say",              // whose?
		"the foreign minister and the chancellor", // of no one named
		"what did the EU president say",           // two hold it: no guess
		"the prime minister",
	} {
		if got := RoleHolders(q); len(got) != 0 {
			t.Errorf("%q: %+v, want no one", q, got)
		}
	}
}

func FuzzRoleHolders(f *testing.F) {
	for _, s := range []string{"what did the German chancellor say", "the prime minister of the United States", "Poland's 's prime", "the NATO secretary-general", "the the the"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, h := range RoleHolders(s) {
			if h.Start < 0 || h.End > len(s) || h.Start >= h.End || h.Person == "" {
				t.Fatalf("%q: %+v", s, h)
			}
		}
	})
}
