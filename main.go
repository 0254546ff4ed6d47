// Command talkbot answers questions about the peace talks on Ukraine's
// security guarantees with passages quoted from news articles: in a
// terminal, in Discord through the gateway, or as Discord's HTTP
// interactions endpoint.
//
// Configuration comes in here once (flags, environment, .env) and is
// passed down as values; no other package reads the environment.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
)

// exit codes: 0 answered (even with no match), 1 the work found problems
// (corpus check), 2 the command could not run as asked.
const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

// subcommand is one verb of the command line.
type subcommand struct {
	summary string
	run     func(ctx context.Context, env *cliEnv, args []string) error
}

func subcommands() map[string]subcommand {
	return map[string]subcommand{
		"ask":         {"answer a question with the best quoted passages", runAsk},
		"search":      {"search the passages, with filters", runSearch},
		"sources":     {"list the articles talkbot quotes from", runSources},
		"who-pledged": {"who pledged, offered or refused something, with quotes", runWhoPledged},
		"quote":       {"what a person is quoted as saying", runQuote},
		"index":       {"build or refresh an on-disk index", runIndex},
		"corpus":      {"check the article files, add articles from the web, follow news feeds (talkbot corpus check|add|follow)", runCorpus},
		"bot":         {"run the Discord bot over the gateway", runBot},
		"serve":       {"serve Discord's HTTP interactions endpoint", runServe},
	}
}

// cliEnv is what every subcommand gets: where to write, and how to read
// the environment (so tests can run the command line in-process).
type cliEnv struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	// isTerminal reports whether stdout is a terminal (bold, progress bar).
	isTerminal bool
	// stderrTerminal reports whether stderr is a terminal (progress bar).
	stderrTerminal bool
	// width is the terminal's width in columns, 0 when stdout is not a
	// terminal (piped text is never wrapped).
	width int
}

// bold reports whether text output may use ANSI bold: on a terminal that
// is not TERM=dumb, unless NO_COLOR is set (no-color.org).
func (env *cliEnv) bold() bool {
	return env.isTerminal && env.getenv("NO_COLOR") == "" && env.getenv("TERM") != "dumb"
}

// text is where text answers go: wrapped to the terminal's width with a
// hanging indent on a terminal; done flushes it.
func (env *cliEnv) text() (w io.Writer, done func()) {
	if env.width <= 0 {
		return env.stdout, func() {}
	}
	lw := &lineWrapper{w: env.stdout, width: env.width}
	return lw, func() { _ = lw.Flush() }
}

func main() {
	// A bad .env is warned about once and the command goes on: most
	// commands need no variable from it.
	for _, w := range applyDotEnv(".env") {
		fmt.Fprintf(os.Stderr, "talkbot: warning: %s\n", w)
	}
	ctx, stop := interruptible()
	defer stop()
	env := &cliEnv{
		stdout:         os.Stdout,
		stderr:         os.Stderr,
		getenv:         os.Getenv,
		isTerminal:     isTerminal(os.Stdout),
		stderrTerminal: isTerminal(os.Stderr),
		width:          terminalWidth(os.Stdout),
	}
	os.Exit(run(ctx, env, os.Args[1:]))
}

// run executes one command line and returns the process exit code.
func run(ctx context.Context, env *cliEnv, args []string) int {
	if len(args) == 2 && args[0] == "help" {
		args = []string{args[1], "--help"} // talkbot help ask
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		printUsage(env.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "--version" || args[0] == "-version" || args[0] == "version" {
		fmt.Fprintln(env.stdout, versionLine())
		return exitOK
	}
	cmd, ok := subcommands()[args[0]]
	if !ok {
		fmt.Fprintf(env.stderr, "talkbot: unknown command %q (run talkbot --help)\n", args[0])
		return exitUsage
	}
	err := cmd.run(ctx, env, args[1:])
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelpShown):
		return exitOK
	case errors.Is(err, errProblemsFound):
		return exitProblems
	default:
		fmt.Fprintf(env.stderr, "talkbot %s: %v\n", args[0], oneLine(err))
		return exitUsage
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "talkbot answers questions about the talks on Ukraine's security guarantees with quoted passages.")
	fmt.Fprintln(w, "\nUsage: talkbot COMMAND [flags] [arguments]\n\nCommands:")
	cmds := subcommands()
	names := make([]string, 0, len(cmds))
	for name := range cmds {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-12s %s\n", name, cmds[name].summary)
	}
	fmt.Fprintln(w, "\nRun talkbot COMMAND --help (or talkbot help COMMAND) for a command's flags; talkbot --version prints the version.\nExample: talkbot ask \"who pledged troops?\"")
}

// interruptible is a context that SIGINT or SIGTERM cancels, so a command
// stops cleanly; a second signal ends the process at once, so Ctrl-C
// always ends a command, even one stuck where it cannot see the context.
func interruptible() (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-sigs:
			cancel()
		case <-ctx.Done():
			return
		}
		<-sigs
		fmt.Fprintln(os.Stderr, "talkbot: interrupted again; exiting now")
		os.Exit(130)
	}()
	return ctx, func() { signal.Stop(sigs); cancel() }
}

// versionLine is the module version, the commit it was built from (when
// the build recorded it) and the Go release.
func versionLine() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "talkbot (version unknown)"
	}
	line := "talkbot " + bi.Main.Version
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = " (modified)"
			}
		}
	}
	if rev != "" {
		line += " commit " + rev[:min(len(rev), 12)] + modified
	}
	return line + " " + bi.GoVersion
}

// oneLine keeps an error to a single line: errors from deep down may carry
// newlines, and the contract is one line on stderr.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
