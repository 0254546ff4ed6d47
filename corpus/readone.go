package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// IsArticleFile says whether a file of that name in a corpus directory
// is read as an article (.md or .txt, not a dot file, _file or README).
func IsArticleFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return name == filepath.Base(name) && !isIgnored(name) && (ext == ".md" || ext == ".txt")
}

// IDOf is the id of the article a file of that name gives.
func IDOf(name string) string {
	if strings.EqualFold(path.Ext(name), ".md") {
		return strings.TrimSuffix(name, path.Ext(name))
	}
	return slug(name)
}

// ReadArticle reads and parses one article file of a corpus directory,
// through an os.Root and the size limit as loading does, with the file's
// sum for a fingerprint. A file that is gone gives an error satisfying
// errors.Is(err, fs.ErrNotExist); a file with problems gives them (with
// its path) and no article.
func ReadArticle(dir, name string) (Article, FileSum, []Problem, error) {
	shown := filepath.Join(dir, name)
	if !IsArticleFile(name) {
		return Article{}, FileSum{}, nil, &fs.PathError{Op: "read", Path: shown, Err: errors.New("not an article file name")}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return Article{}, FileSum{}, nil, err
	}
	defer root.Close()
	fsys := rootFS{root.FS(), root}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return Article{}, FileSum{}, nil, err
	}
	readFrom := time.Now()
	data, err := readArticleFile(fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Article{}, FileSum{}, nil, err
		}
		return Article{}, FileSum{}, []Problem{{Path: shown, Msg: readProblem(err)}}, nil
	}
	sum := sumOf(name, info, data, readFrom)
	a, problems := parseArticle(name, string(data))
	for i := range problems {
		problems[i].Path = shown
	}
	if len(problems) > 0 {
		return Article{}, sum, problems, nil
	}
	a.Path = shown
	return a, sum, nil, nil
}

// FingerprintOf is the fingerprint of a corpus whose files have these
// sums (all readable): what Fingerprint gives for the directory, without
// reading it, for an index that follows the corpus file by file.
func FingerprintOf(sums []FileSum) string {
	sorted := append([]FileSum(nil), sums...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	fp := newFingerprinter()
	for _, s := range sorted {
		fp.add(s)
	}
	return fp.sum()
}
