package discordcheck

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Limits of uploads: Discord takes up to 10 files a message, and a bot's
// upload is refused past 10 MiB (8 MiB on older limits: talkbot keeps
// under 8).
const (
	MaxFiles       = 10
	MaxFileBytes   = 8 << 20
	MaxUploadBytes = 10 << 20
)

// Attachment is an uploaded file as the checker sees it.
type Attachment struct {
	Name, ContentType string
	Size              int
	PNG               bool // the data starts with PNG's signature
}

// Files checks a reply's uploads against its embeds: at most MaxFiles,
// each named once, non-empty and under MaxFileBytes, a .png really a
// PNG, and every attachment:// an embed refers to uploaded.
func Files(files []Attachment, embeds []*discordgo.MessageEmbed) error {
	c := &checker{}
	if len(files) > MaxFiles {
		c.add("files", "%d files > %d", len(files), MaxFiles)
	}
	names := map[string]bool{}
	total := 0
	for i, f := range files {
		p := fmt.Sprintf("files[%d]", i)
		switch {
		case f.Name == "":
			c.add(p, "a file needs a name")
		case names[f.Name]:
			c.add(p, "file name %q used twice", f.Name)
		}
		names[f.Name] = true
		if f.Size == 0 {
			c.add(p, "empty file")
		}
		if f.Size > MaxFileBytes {
			c.add(p, "%d bytes > %d", f.Size, MaxFileBytes)
		}
		if strings.HasSuffix(strings.ToLower(f.Name), ".png") && !f.PNG {
			c.add(p, "%s is not a PNG", f.Name)
		}
		total += f.Size
	}
	if total > MaxUploadBytes {
		c.add("files", "%d bytes in all > %d", total, MaxUploadBytes)
	}
	for i, e := range embeds {
		if e == nil {
			continue
		}
		for _, u := range []string{imageURL(e.Image), thumbURL(e.Thumbnail)} {
			if name, ok := strings.CutPrefix(u, "attachment://"); ok && !names[name] {
				c.add(fmt.Sprintf("embeds[%d]", i), "refers to %s, which is not uploaded", u)
			}
		}
	}
	return c.err()
}

func imageURL(i *discordgo.MessageEmbedImage) string {
	if i == nil {
		return ""
	}
	return i.URL
}

func thumbURL(t *discordgo.MessageEmbedThumbnail) string {
	if t == nil {
		return ""
	}
	return t.URL
}
