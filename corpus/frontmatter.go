package corpus

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// frontMatter is the metadata block of a .md article with where its body
// starts in the file.
type frontMatter struct {
	article   Article
	bodyStart int // byte offset of the first body line
	bodyLine  int // 1-based line number of the first body line
}

// fieldNames lists the front matter keys in the order they are documented.
var fieldNames = []string{"title", "publisher", "original_source", "url", "published", "published_approximate", "author", "also_published_by"}

// splitFrontMatter finds the front matter between a first line "---" and
// the next line "---". It returns the YAML text, the line the YAML starts
// on, and where the body starts.
func splitFrontMatter(src string) (yamlText string, yamlLine, bodyStart, bodyLine int, p *Problem) {
	first, _, _ := strings.Cut(src, "\n")
	if strings.TrimRight(first, " \t\r") != "---" {
		return "", 0, 0, 0, &Problem{Line: 1, Msg: "no front matter: a .md article starts with a line \"---\", then title, publisher, url..., then \"---\""}
	}
	yamlStart := len(first) + 1
	lineNo := 2
	for off := yamlStart; off < len(src); lineNo++ {
		if lineNo > maxFrontMatterLines {
			return "", 0, 0, 0, &Problem{Line: 1, Msg: fmt.Sprintf("front matter is not closed within %d lines: is the closing \"---\" missing?", maxFrontMatterLines)}
		}
		l, _, found := strings.Cut(src[off:], "\n")
		if strings.TrimRight(l, " \t\r") == "---" {
			body := off + len(l)
			if found {
				body++
			}
			return src[yamlStart:off], 2, body, lineNo + 1, nil
		}
		off += len(l) + 1
	}
	return "", 0, 0, 0, &Problem{Line: 1, Msg: "front matter is not closed: no line \"---\" after the metadata"}
}

// yamlBreaks keeps YAML's line numbers equal to the file's: YAML also
// breaks lines at a lone CR and at NEL, LS and PS, which editors do not.
var yamlBreaks = strings.NewReplacer("\r\n", "\n", "\r", " ", "\u0085", " ", "\u2028", " ", "\u2029", " ")

// maxFrontMatterLines bounds the metadata block: seven fields need far
// fewer, and locating a YAML error re-parses it once per line.
const maxFrontMatterLines = 200

// dateShapeRe is a date written right that may still not exist (02-30).
var dateShapeRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// yamlLineRe finds the line number yaml.v3 puts in its syntax errors.
var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseFrontMatter reads the metadata of a .md file. Every problem found is
// returned, each with the file line it is on.
func parseFrontMatter(src string) (frontMatter, []Problem) {
	yamlText, yamlLine, bodyStart, bodyLine, p := splitFrontMatter(src)
	if p != nil {
		return frontMatter{}, []Problem{*p}
	}
	fm := frontMatter{bodyStart: bodyStart, bodyLine: bodyLine}
	yamlText = yamlBreaks.Replace(yamlText)
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(yamlText), &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
			msg = m[2]
		}
		return fm, []Problem{{Line: yamlLine + badYAMLLine(yamlText) - 1, Msg: "front matter is not valid YAML: " + msg}}
	}
	var problems []Problem
	add := func(line int, format string, args ...any) {
		problems = append(problems, Problem{Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	closeLine := bodyLine - 1
	seen := map[string]int{}
	if len(doc.Content) > 0 {
		m := doc.Content[0]
		if m.Kind != yaml.MappingNode {
			add(yamlLine+m.Line-1, "front matter must be \"key: value\" lines (title, publisher, url, ...)")
			return fm, problems
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			line := yamlLine + k.Line - 1
			if prev, dup := seen[k.Value]; dup {
				add(line, "front matter: %q is given twice (first on line %d)", k.Value, prev)
				continue
			}
			seen[k.Value] = line
			if msg := setField(&fm.article, k.Value, v); msg != "" {
				add(yamlLine+v.Line-1, "front matter: %s", msg)
			}
		}
	}
	a := &fm.article
	for _, req := range []struct{ name, val string }{{"title", a.Title}, {"publisher", a.Publisher}, {"url", a.URL}} {
		if req.val != "" || hasProblemFor(problems, req.name) {
			continue
		}
		if line, ok := seen[req.name]; ok {
			add(line, "front matter: %s is empty; it is required", req.name)
		} else {
			add(closeLine, "front matter: %s is missing; it is required", req.name)
		}
	}
	sortProblems(problems)
	return fm, problems
}

// badYAMLLine finds the 1-based line of y where the YAML goes wrong:
// yaml.v3 reports lines inconsistently (0- or 1-based, sometimes the start
// of the enclosing value), so this looks for the line after the longest
// prefix of y that still parses.
func badYAMLLine(y string) int {
	lines := strings.SplitAfter(y, "\n")
	var n yaml.Node
	for l := len(lines) - 1; l >= 0; l-- {
		if yaml.Unmarshal([]byte(strings.Join(lines[:l], "")), &n) == nil {
			return l + 1
		}
	}
	return 1
}

func hasProblemFor(problems []Problem, field string) bool {
	for _, p := range problems {
		if strings.HasPrefix(p.Msg, "front matter: "+field+" ") {
			return true
		}
	}
	return false
}

// setField stores one front matter value, or says what is wrong with it.
func setField(a *Article, key string, v *yaml.Node) string {
	if v.Kind == yaml.AliasNode {
		return key + " uses a YAML alias; write the value out"
	}
	isNull := v.Kind == yaml.ScalarNode && v.Tag == "!!null"
	switch key {
	case "title", "publisher", "original_source", "url", "author":
		if isNull {
			return ""
		}
		if v.Kind != yaml.ScalarNode {
			return key + " must be text, not a " + yamlKind(v)
		}
		s := strings.TrimSpace(v.Value)
		switch key {
		case "title":
			a.Title = s
		case "publisher":
			a.Publisher = s
		case "original_source":
			a.OriginalSource = s
		case "author":
			a.Author = s
		case "url":
			if s != "" {
				u, err := url.Parse(s)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return fmt.Sprintf("url %q is not an http(s) address", s)
				}
			}
			a.URL = s
		}
	case "published":
		if isNull {
			return ""
		}
		if v.Kind != yaml.ScalarNode {
			return "published must be a date YYYY-MM-DD, not a " + yamlKind(v)
		}
		val := strings.TrimSpace(v.Value)
		d, err := ParseDate(val)
		if err != nil {
			if dateShapeRe.MatchString(val) {
				return fmt.Sprintf("published %q is not a calendar date", val)
			}
			return fmt.Sprintf("published %q is not a date written YYYY-MM-DD", val)
		}
		a.Published = d
	case "published_approximate":
		if isNull {
			return ""
		}
		if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
			return fmt.Sprintf("published_approximate must be true or false, not %q", v.Value)
		}
		a.PublishedApproximate = v.Value == "true" || v.Value == "True" || v.Value == "TRUE"
	case "also_published_by":
		if isNull {
			return ""
		}
		outlets, msg := parseOutlets(v)
		if msg != "" {
			return msg
		}
		a.AlsoPublishedBy = outlets
	default:
		return fmt.Sprintf("unknown field %q (known: %s)", key, strings.Join(fieldNames, ", "))
	}
	return ""
}

// maxOutlets bounds also_published_by: a story is rarely run by more
// than a few dozen outlets, and the list is shown with every citation.
const maxOutlets = 100

// parseOutlets reads also_published_by: a list of
// {publisher, url, published} mappings, publisher and url required.
func parseOutlets(v *yaml.Node) ([]Outlet, string) {
	const shape = "also_published_by must be a list of {publisher, url, published}"
	if v.Kind != yaml.SequenceNode {
		return nil, shape + ", not a " + yamlKind(v)
	}
	if len(v.Content) > maxOutlets {
		return nil, fmt.Sprintf("also_published_by lists %d outlets; at most %d", len(v.Content), maxOutlets)
	}
	var out []Outlet
	for i, item := range v.Content {
		if item.Kind != yaml.MappingNode {
			return nil, fmt.Sprintf("%s: item %d is a %s", shape, i+1, yamlKind(item))
		}
		var o Outlet
		seen := map[string]bool{}
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, val := item.Content[j], item.Content[j+1]
			if val.Kind == yaml.AliasNode {
				return nil, "also_published_by uses a YAML alias; write the value out"
			}
			if seen[k.Value] {
				return nil, fmt.Sprintf("also_published_by item %d: %q is given twice", i+1, k.Value)
			}
			seen[k.Value] = true
			if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
				continue
			}
			if val.Kind != yaml.ScalarNode {
				return nil, fmt.Sprintf("also_published_by item %d: %s must be a value, not a %s", i+1, k.Value, yamlKind(val))
			}
			s := strings.TrimSpace(val.Value)
			switch k.Value {
			case "publisher":
				o.Publisher = s
			case "url":
				if !isHTTPURL(s) {
					return nil, fmt.Sprintf("also_published_by item %d: url %q is not an http(s) address", i+1, s)
				}
				o.URL = s
			case "published":
				d, err := ParseDate(s)
				if err != nil {
					return nil, fmt.Sprintf("also_published_by item %d: published %q is not a date written YYYY-MM-DD", i+1, s)
				}
				o.Published = d
			default:
				return nil, fmt.Sprintf("also_published_by item %d: unknown field %q (known: publisher, url, published)", i+1, k.Value)
			}
		}
		if o.Publisher == "" || o.URL == "" {
			return nil, fmt.Sprintf("also_published_by item %d needs a publisher and a url", i+1)
		}
		out = append(out, o)
	}
	return out, ""
}

// isHTTPURL says whether s is an absolute http(s) address.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}
