package index

import (
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"
)

// fileSum is what the manifest records of each file an index wrote, so
// that a flipped byte in a segment, the Bolt root or the catalog is found
// when the index is opened, before any search reads it, and the index is
// rebuilt instead of panicking or answering wrongly.
type fileSum struct {
	Size int64  `json:"size"`
	CRC  uint32 `json:"crc32c"`
	// ModTime (Unix nanoseconds, taken before the bytes were read) lets
	// a start trust a file whose size and time are as recorded without
	// reading it (verifyFiles); 0 in manifests written before it.
	ModTime int64 `json:"mtime,omitempty"`
}

// A file modified less than a window before its checksum was taken may
// be modified again without its modification time changing, so its time
// proves nothing and it is read again, as git does with its index. The
// window is the file system's timestamp step: up to 2 s where times
// have no fraction of a second (FAT, some network file systems), and
// where they do, the kernel's clock tick, which the 100 ms window covers
// many times over. A build sums its files right after writing them, so a
// 2 s window everywhere made the first start after a build read its
// newest segments again.
const (
	racyWindow     = 2 * time.Second
	fineRacyWindow = 100 * time.Millisecond
)

// racy reports whether a file whose recorded time is modTime (Unix
// nanoseconds) could have changed unseen since sums taken at checked.
func racy(modTime int64, checked time.Time) bool {
	window := fineRacyWindow
	if modTime%int64(time.Second) == 0 {
		window = racyWindow // whole seconds: a coarse file system
	}
	return !time.Unix(0, modTime).Before(checked.Add(-window))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli) // hardware-assisted on amd64 and arm64

// sumFiles checksums every file under dir but the manifest, on every
// core. The index is opened read-only, so nothing changes them after the
// build.
func sumFiles(dir string) (map[string]fileSum, error) {
	names, err := listFiles(dir)
	if err != nil {
		return nil, err
	}
	return sumNames(dir, names)
}

// listFiles names the files under dir the manifest sums, slash-separated
// and relative to dir; one gone while they are listed (a segment scorch
// removed after a merge) is left out.
func listFiles(dir string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && path != dir {
			return nil
		}
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && !unsummed(d.Name()) {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	return names, err
}

// sumNames checksums the named files of dir on every core.
func sumNames(dir string, names []string) (map[string]fileSum, error) {
	sums := make(map[string]fileSum, len(names))
	var mu sync.Mutex
	var firstErr error
	work := make(chan string)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(names), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range work {
				s, err := sumFile(filepath.Join(dir, filepath.FromSlash(name)))
				mu.Lock()
				switch {
				case errors.Is(err, fs.ErrNotExist):
					// gone since it was listed: a segment scorch removed
					// after a merge is no part of the index
				case err != nil:
					if firstErr == nil {
						firstErr = err
					}
				default:
					sums[name] = s
				}
				mu.Unlock()
			}
		}()
	}
	for _, n := range names {
		work <- n
	}
	close(work)
	wg.Wait()
	return sums, firstErr
}

// unsummed are the files the checksums leave out: the manifest that
// holds them, and the corpus sums beside it.
func unsummed(name string) bool { return name == manifestName || name == corpusSumsName }

func sumFile(path string) (fileSum, error) {
	f, err := os.Open(path)
	if err != nil {
		return fileSum{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fileSum{}, err
	}
	h := crc32.New(castagnoli)
	n, err := io.Copy(h, f)
	return fileSum{Size: n, CRC: h.Sum32(), ModTime: info.ModTime().UnixNano()}, err
}

// verifyFiles checks dir against the sums the manifest recorded, taken at
// time checked: the same files, each of the same size, and the checksum
// of each file whose modification time is not the recorded one, or too
// close to checked to prove anything (racy), or of every file when
// full. At 100,000 articles the index is 3 GB, and reading it all took
// half of a start. When it read any file it returns the sums as they
// stand, with their times now (a copy that kept the bytes but not the
// times, say), for the manifest to record with the new check's time; nil
// when it read none.
func verifyFiles(dir string, want map[string]fileSum, checked time.Time, full bool) (map[string]fileSum, error) {
	if len(want) == 0 {
		return nil, fmt.Errorf("manifest lists no checksums")
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	var reread []string
	for _, n := range names {
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil || info.Size() != want[n].Size {
			return nil, fmt.Errorf("index damaged: %s is missing or changed size", n)
		}
		w := want[n]
		trusted := !full && w.ModTime != 0 && info.ModTime().UnixNano() == w.ModTime && !racy(w.ModTime, checked)
		if !trusted {
			reread = append(reread, n)
		}
	}
	present, err := listFiles(dir)
	if err != nil {
		return nil, fmt.Errorf("index damaged: %v", err)
	}
	for _, n := range present {
		if _, ok := want[n]; !ok {
			return nil, fmt.Errorf("index damaged: %s was not written by the build", n)
		}
	}
	got, err := sumNames(dir, reread)
	if err != nil {
		return nil, fmt.Errorf("index damaged: %v", err)
	}
	for _, n := range reread {
		g, read := got[n]
		if !read {
			return nil, fmt.Errorf("index damaged: %s is missing", n)
		}
		if w := want[n]; g.Size != w.Size || g.CRC != w.CRC {
			return nil, fmt.Errorf("index damaged: %s does not match its checksum", n)
		}
	}
	if len(reread) == 0 {
		return nil, nil
	}
	now := make(map[string]fileSum, len(want))
	for n, w := range want {
		if g, ok := got[n]; ok {
			w = g
		}
		now[n] = w
	}
	return now, nil
}
