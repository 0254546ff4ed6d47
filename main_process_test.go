package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"talkbot/internal/testnet"
	"testing"
	"time"
)

// TestMain lets a test run the real main in a child process (os.Args,
// signals, .env in the working directory, exit codes), by re-running this
// test binary with talkbotMainArgs set.
func TestMain(m *testing.M) {
	if os.Getenv(talkbotStuck) != "" {
		// A command stuck where it cannot see its context.
		_, stop := interruptible()
		defer stop()
		fmt.Println("stuck")
		select {}
	}
	if args := os.Getenv(talkbotMainArgs); args != "" {
		var a []string
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			panic(err)
		}
		os.Args = append([]string{"talkbot"}, a...)
		testnet.Install()
		main()
		os.Exit(0)
	}
	testnet.Guard(m)
}

const (
	talkbotMainArgs = "TALKBOT_TEST_MAIN_ARGS"
	talkbotStuck    = "TALKBOT_TEST_STUCK"
)

// talkbotProcess is `talkbot ARGS...` in dir, not yet started, with env
// added to a clean environment (no token from the developer's shell).
func talkbotProcess(t *testing.T, dir string, env []string, args ...string) (*exec.Cmd, *lockedBuffer, *lockedBuffer) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(args)
	cmd := exec.Command(exe)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), talkbotMainArgs + "=" + string(a)}, env...)
	var stdout, stderr lockedBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// TestMalformedDotEnvNeverPrintsItsValues: a .env godotenv cannot read is
// named by file, line and variable, its values never printed; ask (which
// needs no token) still answers, and bot says what to set.
func TestMalformedDotEnvNeverPrintsItsValues(t *testing.T) {
	const secret = "MTIzSECRETtokenVALUE.abc"
	for name, content := range map[string]string{
		"unterminated quote": "DISCORD_APP_ID=123\nDISCORD_TOKEN=\"" + secret + "\n",
		"no equals sign":     "DISCORD_TOKEN " + secret + "\n",
		"only the secret":    secret + "\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			cmd, stdout, stderr := talkbotProcess(t, dir, nil, "ask", "who pledged troops?")
			err := cmd.Run()
			if exitCode(err) != 0 || !strings.Contains(stdout.String(), "1. \"") {
				t.Fatalf("ask with a bad .env: exit %d\nstdout %s\nstderr %s", exitCode(err), stdout, stderr)
			}
			if strings.Contains(stderr.String()+stdout.String(), "SECRET") {
				t.Fatalf("a value from .env was printed:\n%s", stderr)
			}
			if !strings.Contains(stderr.String(), ".env line ") || strings.Count(stderr.String(), "warning:") != 1 {
				t.Errorf("want one warning naming .env and the line:\n%s", stderr)
			}
			if name != "only the secret" && !strings.Contains(stderr.String(), "DISCORD_TOKEN") {
				t.Errorf("the warning does not name the variable:\n%s", stderr)
			}
			cmd, _, stderr = talkbotProcess(t, dir, nil, "bot")
			err = cmd.Run()
			if exitCode(err) != 2 || strings.Contains(stderr.String(), "SECRET") || !strings.Contains(stderr.String(), "DISCORD_TOKEN") {
				t.Errorf("bot with an unreadable token line: exit %d, stderr %s", exitCode(err), stderr)
			}
		})
	}
}

// TestNamedPipeInCorpusDoesNotHang: corpus check over a directory with a
// named pipe named like an article reports it and ends.
func TestNamedPipeInCorpusDoesNotHang(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "good.md"), []byte("---\ntitle: T\npublisher: P\nurl: https://e.org/t\n---\nThe talks resumed in Geneva on Monday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "x.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd, stdout, stderr := talkbotProcess(t, dir, nil, "corpus", "check", "--corpus", dir)
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if exitCode(err) != 1 || !strings.Contains(stdout.String(), "x.md: not a regular file") || !strings.Contains(stdout.String(), "1 articles") {
			t.Errorf("corpus check: exit %d\n%s%s", exitCode(err), stdout, stderr)
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("corpus check hangs on a named pipe")
	}
}

// TestInterruptEndsCommands: one interrupt ends serve cleanly; a command
// stuck where it cannot see its context ends on the second.
func TestInterruptEndsCommands(t *testing.T) {
	dir := t.TempDir()
	cmd, stdout, stderr := talkbotProcess(t, dir, []string{"DISCORD_PUBLIC_KEY=" + strings.Repeat("ab", 32)}, "serve", "--addr", "127.0.0.1:0")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stderr.String(), "serving Discord interactions") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-done:
		if exitCode(err) != 0 {
			t.Errorf("serve after one interrupt: exit %d\n%s", exitCode(err), stderr)
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("one interrupt did not end serve")
	}

	cmd, stdout, _ = talkbotProcess(t, dir, []string{talkbotStuck + "=1"})
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	for !strings.Contains(stdout.String(), "stuck") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	time.Sleep(100 * time.Millisecond)
	cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-done:
		if exitCode(err) != 130 {
			t.Errorf("stuck command after two interrupts: exit %d, want 130", exitCode(err))
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("two interrupts did not end a stuck command")
	}
}
