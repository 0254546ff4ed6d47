//go:build linux

// Package testfs gives tests a small file system of their own, to see
// what a full disk does to a build.
package testfs

import (
	"os"
	"strconv"
	"syscall"
	"testing"
)

// Small mounts a tmpfs of size bytes on a new temporary directory and
// unmounts it when the test ends. Mounting needs root (CI and the
// development machines run tests as root); elsewhere the test is skipped,
// saying why.
func Small(t testing.TB, size int) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+strconv.Itoa(size)); err != nil {
		if os.Geteuid() != 0 {
			t.Skipf("mounting a small tmpfs needs root: %v", err)
		}
		t.Fatalf("mount a %d-byte tmpfs on %s: %v", size, dir, err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}
