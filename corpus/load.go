package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxFileSize guards against loading something that is not an article.
const maxFileSize = 10 << 20

// Load reads every *.md and *.txt file at the root of fsys, in name order.
// A file with a problem is reported and skipped; the others still load.
// Files whose names start with "." or "_", and README files, are not
// articles and are ignored.
func Load(fsys fs.FS) ([]Article, []Problem) {
	return loadAll(SourceFS(fsys))
}

// LoadDir loads the articles of a directory on disk. Problems name the
// files by their path in dir.
func LoadDir(dir string) ([]Article, []Problem) {
	return loadAll(SourceOf(dir))
}

// pathErr words a file error without repeating the path.
func pathErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// loadAll holds every article of s in memory; Source.Each reads them one
// at a time.
func loadAll(s Source) ([]Article, []Problem) {
	var articles []Article
	_, problems, _ := s.Each(func(a Article) error {
		articles = append(articles, a)
		return nil
	})
	return articles, problems
}

func isIgnored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
		strings.HasPrefix(strings.ToLower(name), "readme.")
}

// parseArticle turns one file into an article. The problems it returns
// carry lines but no path.
func parseArticle(name, src string) (Article, []Problem) {
	if len(src) > maxFileSize {
		return Article{}, []Problem{{Msg: fmt.Sprintf("file is over %d MB; is it an article?", maxFileSize>>20)}}
	}
	if !utf8.ValidString(src) {
		return Article{}, []Problem{{Line: badUTF8Line(src), Msg: "not UTF-8 text; save the file as UTF-8"}}
	}
	src = strings.TrimPrefix(src, "\uFEFF") // a byte order mark is not text; offsets stay exact within the rest
	var (
		a         Article
		bodyStart int
		bodyLine  = 1
	)
	isMD := strings.EqualFold(path.Ext(name), ".md")
	if isMD {
		fm, ps := parseFrontMatter(src)
		if len(ps) > 0 {
			return Article{}, ps
		}
		a, bodyStart, bodyLine = fm.article, fm.bodyStart, fm.bodyLine
	}
	a.ID = slug(name)
	if isMD {
		a.ID = strings.TrimSuffix(name, path.Ext(name))
	}
	if a.ID == "" {
		return Article{}, []Problem{{Msg: "file name gives no article id; name it after the article"}}
	}
	paras := paragraphs(src, splitLines(src, bodyStart, bodyLine))
	// a file ending right after the front matter has no body line to name
	bodyLine = min(bodyLine, strings.Count(src, "\n")+1)
	if len(paras) == 0 {
		msg := "empty file: no article text"
		if isMD {
			msg = "empty body: no article text after the front matter"
		}
		return Article{}, []Problem{{Line: bodyLine, Msg: msg}}
	}
	if !isMD {
		a.Title = txtTitle(src, paras)
		if !hasWord(a.Title) {
			a.Title = a.ID
		}
	}
	kept, aside := removeBoilerplate(src, paras, meta{title: a.Title, publisher: a.Publisher, author: a.Author, source: a.OriginalSource})
	if !slices.Contains(aside, false) {
		return Article{}, []Problem{{Line: bodyLine, Msg: "no article text: the body holds only headings and page furniture"}}
	}
	for i, p := range kept {
		a.Paragraphs = append(a.Paragraphs, Paragraph{Text: p.text(src), Line: p.line, Aside: aside[i]})
	}
	return a, nil
}

// badUTF8Line is the 1-based line of the first byte that is not UTF-8.
func badUTF8Line(src string) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRuneInString(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return 1 + strings.Count(src[:i], "\n")
		}
		i += size
	}
	return 0
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Line - b.Line })
}
