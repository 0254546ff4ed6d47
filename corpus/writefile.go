package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes a in the corpus format (Marshal) as dir/name, whole or
// not at all: the bytes go to a temporary file in dir (a dot file, which
// loading ignores), are synced, and the file is renamed over name, so a
// crash or a kill mid-write leaves either the old file or the new one,
// never half of one. name must be a plain file name ending in .md.
func WriteFile(dir, name string, a Article) error {
	if name == "" || name != filepath.Base(name) || strings.HasPrefix(name, ".") || !strings.EqualFold(filepath.Ext(name), ".md") {
		return fmt.Errorf("article file name %q must be a plain NAME.md", name)
	}
	b, err := Marshal(a)
	if err != nil {
		return err
	}
	return writeAtomic(dir, name, b)
}

// RemoveFile removes the article file dir/name; a file already gone is
// not an error.
func RemoveFile(dir, name string) error {
	if name == "" || name != filepath.Base(name) {
		return fmt.Errorf("article file name %q must be a plain file name", name)
	}
	err := os.Remove(filepath.Join(dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return syncDir(dir)
}

// WriteFileAtomic writes data as dir/name through a synced temporary
// file and a rename, for the other files kept beside the articles (a
// feed state file).
func WriteFileAtomic(dir, name string, data []byte) error {
	if name == "" || name != filepath.Base(name) {
		return fmt.Errorf("file name %q must be a plain file name", name)
	}
	return writeAtomic(dir, name, data)
}

func writeAtomic(dir, name string, data []byte) error {
	f, err := os.CreateTemp(dir, ".tmp-"+name+"-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, pathErrOf(err))
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", filepath.Join(dir, name), pathErrOf(err))
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", filepath.Join(dir, name), pathErrOf(err))
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", filepath.Join(dir, name), pathErrOf(err))
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // the rename is done; durability is best effort here
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// pathErrOf drops the temporary file's name from an error: the person
// needs the directory and the reason.
func pathErrOf(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
