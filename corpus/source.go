package corpus

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"talkbot/internal/ordered"
)

// FormatVersion changes whenever reading, splitting or annotating articles
// changes what the same files give, so that an index built from them is
// rebuilt even though the files did not change.
const FormatVersion = 1

// Source is a corpus read one article at a time, so that neither
// building an index nor checking one against the files ever holds the
// whole corpus: a directory on disk, or the bundled articles.
type Source struct {
	dir     string // a directory on disk, opened as an os.Root per pass
	fsys    fs.FS  // else the files (the bundled corpus, tests)
	display func(string) string
	problem *Problem // the directory itself cannot be read
}

// SourceOf is what --corpus means: the articles in dir, or the bundled
// ones when dir is "".
func SourceOf(dir string) Source {
	if dir == "" {
		return SourceFS(Bundled())
	}
	s := Source{display: func(n string) string { return filepath.Join(dir, n) }}
	info, err := os.Stat(dir)
	switch {
	case err != nil:
		s.problem = &Problem{Path: dir, Msg: "cannot read corpus directory: " + pathErr(err)}
	case !info.IsDir():
		s.problem = &Problem{Path: dir, Msg: "corpus must be a directory of .md and .txt files"}
	default:
		s.dir = dir
	}
	return s
}

// SourceFS reads the articles at the root of fsys; problems name the
// files by their names in fsys.
func SourceFS(fsys fs.FS) Source {
	return Source{fsys: fsys, display: func(n string) string { return n }}
}

// open gives the files to read for one pass over the corpus. A directory
// on disk is read through an os.Root, so no name or link inside it can
// reach a file outside it (a link to /etc/passwd named passwd.txt is a
// problem, not an article); close releases it.
func (s Source) open() (files fs.FS, close func(), p *Problem) {
	if s.problem != nil {
		return nil, nil, s.problem
	}
	if s.dir == "" {
		return s.fsys, func() {}, nil
	}
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		return nil, nil, &Problem{Path: s.dir, Msg: "cannot read corpus directory: " + pathErr(err)}
	}
	return rootFS{root.FS(), root}, func() { root.Close() }, nil
}

// rootFS is an os.Root as an fs.FS whose files open without blocking, so
// that a named pipe given an article's name cannot hang a read.
type rootFS struct {
	fs.FS // listing and stat
	root  *os.Root
}

func (r rootFS) Open(name string) (fs.File, error) { return r.root.OpenFile(name, openFlags, 0) }

// files lists the article files in name order, or the problem with the
// directory; skipped names the subdirectories, which are not read.
func (s Source) files(fsys fs.FS) (names, skipped []string, p *Problem) {
	articles, skipped, p := s.articleEntries(fsys)
	names = make([]string, len(articles))
	for i, e := range articles {
		names[i] = e.Name()
	}
	return names, skipped, p
}

// articleEntries is files with the listing's entries of the article
// files, whose file information a start reads instead of a stat each.
func (s Source) articleEntries(fsys fs.FS) (articles []fs.DirEntry, skipped []string, p *Problem) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, nil, &Problem{Path: s.display("."), Msg: "cannot read corpus directory: " + pathErr(err)}
	}
	for _, e := range entries { // fs.ReadDir sorts by name
		name := e.Name()
		ext := strings.ToLower(path.Ext(name))
		switch {
		case isIgnored(name):
		case e.IsDir():
			skipped = append(skipped, name)
		case ext == ".md" || ext == ".txt":
			articles = append(articles, e)
		}
	}
	return articles, skipped, nil
}

// listing is files for a caller outside a pass.
func (s Source) listing() (names, skipped []string, p *Problem) {
	fsys, closeFS, p := s.open()
	if p != nil {
		return nil, nil, p
	}
	defer closeFS()
	return s.files(fsys)
}

// Count is the number of article files (some may turn out to have
// problems), for progress reports.
func (s Source) Count() int {
	names, _, _ := s.listing()
	return len(names)
}

// Subdirectories are the directories inside the corpus, which are not
// read: only the files at its top level are articles.
func (s Source) Subdirectories() []string {
	_, skipped, _ := s.listing()
	return skipped
}

// errNotRegular is a name that is not a plain file: a directory link, a
// named pipe, a device. Reading one could block forever or never end.
var errNotRegular = errors.New("not a regular file")

// errTooBig is a file too large to be an article.
var errTooBig = fmt.Errorf("file is over %d MB; is it an article?", maxFileSize>>20)

// readArticleFile reads one article file: a regular file, through the
// size limit, so that a link to /dev/zero or a huge file fails at once.
func readArticleFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errNotRegular
	}
	if info.Size() > maxFileSize {
		return nil, errTooBig
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, errTooBig
	}
	return data, nil
}

// readProblem words why a file could not be read.
func readProblem(err error) string {
	switch {
	case errors.Is(err, errNotRegular):
		return "not a regular file (a directory, named pipe or device?); articles are plain .md and .txt files"
	case errors.Is(err, errTooBig):
		return err.Error()
	case strings.Contains(err.Error(), "path escapes from parent"):
		return "a link to a file outside the corpus directory; talkbot reads only the files inside it"
	}
	return "cannot read: " + pathErr(err)
}

// FileSum is what a fingerprint knows of one article file: its size and
// modification time, and the SHA-256 of its bytes. An index keeps them,
// so that opening it rehashes only the files that changed.
type FileSum struct {
	Name    string    `json:"name"`
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
	SHA256  string    `json:"sha256"`
}

// racyWindow is how close to the time a sum is taken a file's
// modification time may be and still be trusted unread later: a file
// written in the same clock tick as it was read could change without its
// time or size showing it (git's "racy clean" problem). Such a sum keeps
// no time (TrustedModTime), so that it holds whenever and by whom it was
// taken: at a build, a start's check or a live update.
const racyWindow = 2 * time.Second

// fingerprinter combines the files' hashes, in file order, with
// FormatVersion, and keeps each file's sum.
type fingerprinter struct {
	h    hash.Hash
	sums []FileSum
}

func newFingerprinter() *fingerprinter {
	f := &fingerprinter{h: sha256.New()}
	fmt.Fprintf(f.h, "talkbot corpus %d\n", FormatVersion)
	return f
}

// add records one file by its sum; name and hash are length-prefixed so
// that no two corpora hash alike.
func (f *fingerprinter) add(s FileSum) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(s.Name)))
	f.h.Write(n[:])
	io.WriteString(f.h, s.Name)
	io.WriteString(f.h, s.SHA256)
	f.sums = append(f.sums, s)
}

func (f *fingerprinter) unreadable(name string) {
	fmt.Fprintf(f.h, "unreadable %q\n", name)
}

func (f *fingerprinter) sum() string { return hex.EncodeToString(f.h.Sum(nil)) }

// sumOf is a file's sum, data being its bytes as read from readFrom on.
func sumOf(name string, info fs.FileInfo, data []byte, readFrom time.Time) FileSum {
	h := sha256.Sum256(data)
	return FileSum{Name: name, Size: int64(len(data)), ModTime: TrustedModTime(modTime(info), readFrom), SHA256: hex.EncodeToString(h[:])}
}

// TrustedModTime is a file's modification time as a later check may
// trust it to show the next edit, the file having been read from
// readFrom on: zero for a file modified within racyWindow of that, which
// could change again in the same clock tick without its time showing it,
// so that the next check reads it again (git's "racy clean").
func TrustedModTime(mod, readFrom time.Time) time.Time {
	if !mod.Before(readFrom.Add(-racyWindow)) {
		return time.Time{}
	}
	return mod
}

func modTime(info fs.FileInfo) time.Time {
	if info == nil {
		return time.Time{}
	}
	return info.ModTime().UTC()
}

// Fingerprint identifies what the corpus holds: a SHA-256 over every
// article file's name and the SHA-256 of its bytes, and FormatVersion,
// with each file's sum. A file whose size and modification time are as
// one of known says (a sum with a time, see racyWindow) is not read
// again, so a start rehashes only what changed. Each and EachPrepared
// give the same fingerprint for the files they read.
func (s Source) Fingerprint(known []FileSum) (string, []FileSum) {
	byName := make(map[string]FileSum, len(known))
	for _, k := range known {
		byName[k.Name] = k
	}
	fp := newFingerprinter()
	fsys, closeFS, p := s.open()
	if p == nil {
		defer closeFS()
		var entries []fs.DirEntry
		if entries, _, p = s.articleEntries(fsys); p == nil {
			for _, e := range entries {
				name := e.Name()
				// The listing's own file information, for all but links: one
				// stat a file less, at 100,000 files a large part of a start.
				var info fs.FileInfo
				var err error
				if e.Type().IsRegular() {
					info, err = e.Info()
				} else {
					info, err = fs.Stat(fsys, name)
				}
				if k, ok := byName[name]; ok && err == nil && info.Mode().IsRegular() && info.Size() == k.Size &&
					!k.ModTime.IsZero() && modTime(info).Equal(k.ModTime) {
					fp.add(k)
					continue
				}
				readFrom := time.Now()
				if data, err := readArticleFile(fsys, name); err != nil {
					fp.unreadable(name)
				} else {
					fp.add(sumOf(name, info, data, readFrom))
				}
			}
			return fp.sum(), fp.sums
		}
	}
	fp.unreadable(p.Error())
	return fp.sum(), nil
}

// Each reads the articles one at a time, in file name order, and calls fn
// with each; an error from fn stops it and is returned. Files with a
// problem (named by file and line) and articles whose id is already used
// are skipped and returned as problems. fingerprint is Fingerprint() of
// the bytes actually read. Files are parsed on every core, a few ahead
// of fn.
func (s Source) Each(fn func(Article) error) (fingerprint string, problems []Problem, err error) {
	fingerprint, _, problems, err = EachPrepared(s, runtime.GOMAXPROCS(0), func(Article) struct{} { return struct{}{} },
		func(a Article, _ struct{}) error { return fn(a) })
	return fingerprint, problems, err
}

// EachPrepared is Each with a step of the caller's run beside parsing:
// prepare runs on up to workers articles at once (it must be safe for
// concurrent use), and fn is called in file order with each article and
// what prepare made of it. An article whose id turns out to be taken is
// prepared but never passed to fn. At most a few articles per worker
// are held between reading and fn. sums are each file's, for a later
// Fingerprint.
func EachPrepared[T any](s Source, workers int, prepare func(Article) T, fn func(Article, T) error) (fingerprint string, sums []FileSum, problems []Problem, err error) {
	fp := newFingerprinter()
	fsys, closeFS, p := s.open()
	var names []string
	if p == nil {
		defer closeFS()
		names, _, p = s.files(fsys)
	}
	if p != nil {
		fp.unreadable(p.Error())
		return fp.sum(), nil, []Problem{*p}, nil
	}
	// Reading and fingerprinting stay in file order (next); parsing and
	// prepare run in the workers; problems, duplicate ids and fn are in
	// file order again (emit).
	type file struct {
		name  string
		shown string
		data  []byte
		err   error
	}
	type parsed struct {
		a        Article
		problems []Problem
		t        T
	}
	i := 0
	next := func() (file, bool) {
		if i >= len(names) {
			return file{}, false
		}
		name := names[i]
		i++
		f := file{name: name, shown: s.display(name)}
		// The time is read before the bytes: a file written meanwhile has
		// a newer time than recorded and is read again next time.
		info, _ := fs.Stat(fsys, name)
		readFrom := time.Now()
		if f.data, f.err = readArticleFile(fsys, name); f.err != nil {
			fp.unreadable(name)
		} else {
			fp.add(sumOf(name, info, f.data, readFrom))
		}
		return f, true
	}
	work := func(f file) parsed {
		if f.err != nil {
			return parsed{problems: []Problem{{Path: f.shown, Msg: readProblem(f.err)}}}
		}
		a, ps := parseArticle(f.name, string(f.data))
		for i := range ps {
			ps[i].Path = f.shown
		}
		if len(ps) > 0 {
			return parsed{problems: ps}
		}
		a.Path = f.shown
		return parsed{a: a, t: prepare(a)}
	}
	byID := map[string]string{}
	emit := func(r parsed) error {
		if len(r.problems) > 0 {
			problems = append(problems, r.problems...)
			return nil
		}
		if prev, dup := byID[r.a.ID]; dup {
			problems = append(problems, Problem{Path: r.a.Path, Msg: fmt.Sprintf("article id %q is already used by %s; rename one of the files", r.a.ID, prev)})
			return nil
		}
		byID[r.a.ID] = r.a.Path
		return fn(r.a, r.t)
	}
	if err := ordered.Run(workers, next, work, emit); err != nil {
		return "", nil, problems, err
	}
	return fp.sum(), fp.sums, problems, nil
}
