package corpus

import (
	"embed"
	"io/fs"
)

//go:embed articles/*.md
var bundled embed.FS

// Bundled is the corpus compiled into the binary: the files of articles/.
func Bundled() fs.FS {
	sub, err := fs.Sub(bundled, "articles")
	if err != nil {
		panic(err) // "articles" is a valid path; fs.Sub cannot fail on it
	}
	return sub
}
