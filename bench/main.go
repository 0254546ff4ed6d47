package main

import (
	"fmt"
	"os"
)

func main() {
	logf := func(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...) }
	c, err := fetchBrown(".cache", logf)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	arts := brownArticles(c, 500)
	if err := writeTier(".cache/tiers/brown", "../corpus/articles", arts); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	np := 0
	for _, t := range c.Texts {
		np += len(t.Paragraphs)
	}
	fmt.Println(len(c.Texts), np, c.Homepage)
}
