package corpus

import (
	"fmt"
	"net/url"
	"strings"

	"gopkg.in/yaml.v3"
)

// Marshal writes a in the corpus format: YAML front matter with every
// field in the documented order (null for what is unknown), then the
// paragraphs with a blank line between them. Parse gives the article
// back: the same metadata and, for paragraphs that are not page
// furniture, the same text. It refuses what Parse would: a missing title,
// publisher or URL, a URL that is not http(s), or a paragraph that is
// empty or holds a blank line (it would read back as two).
func Marshal(a Article) ([]byte, error) {
	for _, req := range []struct{ name, val string }{{"title", a.Title}, {"publisher", a.Publisher}, {"url", a.URL}} {
		if strings.TrimSpace(req.val) == "" {
			return nil, fmt.Errorf("article %q has no %s", a.ID, req.name)
		}
	}
	if u, err := url.Parse(a.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("article %q: url %q is not an http(s) address", a.ID, a.URL)
	}
	if len(a.Paragraphs) == 0 {
		return nil, fmt.Errorf("article %q has no text", a.ID)
	}
	doc := &yaml.Node{Kind: yaml.MappingNode}
	field := func(key string, value *yaml.Node) {
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, value)
	}
	text := func(s string) *yaml.Node {
		if s = strings.TrimSpace(s); s == "" {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
		}
		// Double quotes: every string reads back as written, whatever it
		// looks like ("yes", "2025-01-01", "# not a comment").
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: yaml.DoubleQuotedStyle, Value: s}
	}
	field("title", text(a.Title))
	field("publisher", text(a.Publisher))
	field("original_source", text(a.OriginalSource))
	field("url", text(a.URL))
	published := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	if !a.Published.IsZero() {
		published = &yaml.Node{Kind: yaml.ScalarNode, Value: a.Published.Format(DateLayout)}
	}
	field("published", published)
	field("published_approximate", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(a.PublishedApproximate)})
	field("author", text(a.Author))
	if len(a.AlsoPublishedBy) > 0 {
		// written only when there is one: files without it stay as they were
		if len(a.AlsoPublishedBy) > maxOutlets {
			return nil, fmt.Errorf("article %q names %d other outlets; at most %d", a.ID, len(a.AlsoPublishedBy), maxOutlets)
		}
		list := &yaml.Node{Kind: yaml.SequenceNode}
		for _, o := range a.AlsoPublishedBy {
			if strings.TrimSpace(o.Publisher) == "" || !isHTTPURL(strings.TrimSpace(o.URL)) {
				return nil, fmt.Errorf("article %q: another outlet needs a publisher and an http(s) url (%q, %q)", a.ID, o.Publisher, o.URL)
			}
			item := &yaml.Node{Kind: yaml.MappingNode}
			pub := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
			if !o.Published.IsZero() {
				pub = &yaml.Node{Kind: yaml.ScalarNode, Value: o.Published.Format(DateLayout)}
			}
			item.Content = append(item.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Value: "publisher"}, text(o.Publisher),
				&yaml.Node{Kind: yaml.ScalarNode, Value: "url"}, text(o.URL),
				&yaml.Node{Kind: yaml.ScalarNode, Value: "published"}, pub)
			list.Content = append(list.Content, item)
		}
		field("also_published_by", list)
	}
	meta, err := yaml.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("article %q: %w", a.ID, err)
	}
	var b strings.Builder
	b.WriteString("---\n")
	b.Write(meta)
	b.WriteString("---\n")
	for i, p := range a.Paragraphs {
		t := strings.TrimSpace(p.Text)
		if t == "" || strings.Contains(strings.ReplaceAll(t, "\r", ""), "\n\n") {
			return nil, fmt.Errorf("article %q: a paragraph is empty or holds a blank line", a.ID)
		}
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(t)
		b.WriteString("\n")
	}
	return []byte(b.String()), nil
}

// Parse reads one article file's contents; name gives its id and format
// (.md with front matter, or .txt). The problems carry lines, no path.
func Parse(name string, src []byte) (Article, []Problem) { return parseArticle(name, string(src)) }
