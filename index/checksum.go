package index

import (
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
)

// fileSum is what the manifest records of each file an index wrote, so
// that a flipped byte in a segment, the Bolt root or the catalog is found
// when the index is opened, before any search reads it, and the index is
// rebuilt instead of panicking or answering wrongly.
type fileSum struct {
	Size int64  `json:"size"`
	CRC  uint32 `json:"crc32c"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli) // hardware-assisted on amd64 and arm64

// sumFiles checksums every file under dir but the manifest, on every
// core. The index is opened read-only, so nothing changes them after the
// build.
func sumFiles(dir string) (map[string]fileSum, error) {
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && !unsummed(d.Name()) {
			rel, _ := filepath.Rel(dir, path)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
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
				if err != nil && firstErr == nil {
					firstErr = err
				}
				sums[name] = s
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
	h := crc32.New(castagnoli)
	n, err := io.Copy(h, f)
	return fileSum{Size: n, CRC: h.Sum32()}, err
}

// verifyFiles checks dir against the sums the manifest recorded: the
// same files, each of the same size (cheap, first) and checksum.
func verifyFiles(dir string, want map[string]fileSum) error {
	if len(want) == 0 {
		return fmt.Errorf("manifest lists no checksums")
	}
	names := make([]string, 0, len(want))
	for n := range want {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil || info.Size() != want[n].Size {
			return fmt.Errorf("index damaged: %s is missing or changed size", n)
		}
	}
	got, err := sumFiles(dir)
	if err != nil {
		return fmt.Errorf("index damaged: %v", err)
	}
	for _, n := range names {
		if got[n] != want[n] {
			return fmt.Errorf("index damaged: %s does not match its checksum", n)
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			return fmt.Errorf("index damaged: %s was not written by the build", n)
		}
	}
	return nil
}
