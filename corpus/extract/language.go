package extract

import (
	"fmt"
	"strings"
	"unicode"
)

// englishWords are among the commonest English words: they make up about
// a third of the words of English prose and almost none of other
// languages'.
var englishWords = wordSet("the of and to in is that for it on was with as at by be this are from " +
	"or have an not but his they he had were which their has you we been its she her will said would " +
	"there one all who more can also about than after into")

// otherWords are the commonest words of the languages the web most often
// has in Latin script, leaving out those that are English words too.
var otherWords = map[string]map[string]bool{
	"de": wordSet("der die und den das nicht ist mit sich des auf für dem eine ein auch wird werden bei oder zu von sie wir"),
	"fr": wordSet("le la les des et est une du dans que qui pour pas sur au avec ce sont il elle nous vous"),
	"es": wordSet("el la los las de que y en del por una con para es se como más pero su sus al"),
	"pt": wordSet("o os de que e do da em um uma para com não dos das na ao se mais"),
	"it": wordSet("il di che e la per un una del della non sono gli le con è nel alla"),
	"nl": wordSet("de het een van en niet dat op voor met zijn ook wordt er aan bij"),
	"id": wordSet("yang dan di ini itu dengan untuk dari tidak dalam akan ada pada juga kita"),
}

var languageNames = map[string]string{"de": "German", "fr": "French", "es": "Spanish",
	"pt": "Portuguese", "it": "Italian", "nl": "Dutch", "id": "Indonesian"}

func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(s) {
		set[w] = true
	}
	return set
}

// judgeLanguage decides whether the text is English, given the language
// the page declares ("" for none). Declarations are often wrong (English
// pages on a site whose template says lang="de", and the other way round),
// so the text has the last word:
//   - text mostly in a script other than Latin is not English;
//   - a page declared in another language needs its text to look English;
//   - a page declared English, or not at all, needs its text to look like
//     another language to be refused (English tables of sports results
//     have few common words, but no foreign ones either).
//
// lang is "en" for English text, else the declared language or the one
// the text looks like ("" when neither says).
func judgeLanguage(declared string, paragraphs []string) (lang string, english bool) {
	var latin, letters int
	var total, en int
	other := map[string]int{}
	for _, p := range paragraphs {
		for _, r := range p {
			if unicode.IsLetter(r) {
				letters++
				if unicode.Is(unicode.Latin, r) {
					latin++
				}
			}
		}
		for _, w := range words(strings.ToLower(p)) {
			total++
			if englishWords[w] {
				en++
			}
			for l, set := range otherWords {
				if set[w] {
					other[l]++
				}
			}
		}
	}
	guess, most := "", 0
	for l, n := range other {
		if n > most || (n == most && l < guess) {
			guess, most = l, n
		}
	}
	notEnglish := func() (string, bool) {
		if declared != "" && declared != "en" {
			return declared, false
		}
		return guess, false
	}

	if letters > 0 && latin*2 < letters {
		if guess == "" || most*10 < total { // the foreign words were stray Latin ones
			guess = ""
		}
		return notEnglish()
	}
	enShare := float64(en) / float64(max(total, 1))
	otherShare := float64(most) / float64(max(total, 1))
	if declared != "" && declared != "en" {
		if enShare >= 0.2 && en > most {
			return "en", true
		}
		return notEnglish()
	}
	if otherShare >= 0.03 && most > 2*en {
		return notEnglish()
	}
	return "en", true
}

// describeLanguage says in a few words why a page is not English.
func describeLanguage(declared, lang string) string {
	name := languageNames[lang]
	if name == "" {
		name = fmt.Sprintf("%q", lang)
	}
	switch {
	case lang == "":
		return "the text is not in the Latin script"
	case declared == lang:
		return fmt.Sprintf("the page says it is in %s, and its text is not English", name)
	case declared != "":
		return fmt.Sprintf("the page says it is in %q, and its text looks %s", declared, name)
	default:
		return fmt.Sprintf("its text looks %s", name)
	}
}
