package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"golang.org/x/term"

	"talkbot/corpus"
)

var (
	// errHelpShown ends a command whose --help was printed: exit 0.
	errHelpShown = errors.New("help shown")
	// errProblemsFound ends a check that found problems: exit 1.
	errProblemsFound = errors.New("problems found")
)

// commandFlags is a subcommand's flag set with its usage text.
type commandFlags struct {
	*flag.FlagSet
	usage string // "talkbot search [flags] QUERY"
	about string // one paragraph on what the command does
	out   io.Writer
}

func newFlags(name, usage, about string, env *cliEnv) *commandFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, by run()
	return &commandFlags{FlagSet: fs, usage: usage, about: about, out: env.stdout}
}

// corpusFlags are the flags of every command that reads the corpus.
type corpusFlags struct {
	corpusDir string
	indexDir  string
	verify    bool
}

func (f *corpusFlags) register(fs *commandFlags, env *cliEnv, withIndex bool) {
	fs.StringVar(&f.corpusDir, "corpus", env.getenv("TALKBOT_CORPUS"),
		"load articles from `DIR` instead of the bundled ones (env TALKBOT_CORPUS)")
	if withIndex {
		fs.StringVar(&f.indexDir, "index", env.getenv("TALKBOT_INDEX"),
			"keep the index on disk in `DIR` and reuse it while the corpus is unchanged (env TALKBOT_INDEX)")
		fs.BoolVar(&f.verify, "verify", false,
			"with --index, reread every corpus and index file to check the index is up to date and sound, not only those whose size or time changed")
	}
}

// parse reads flags placed anywhere among the arguments ("search troops
// --limit 3" works as well as "search --limit 3 troops"); "--" ends the
// flags. It returns the positional arguments.
func (fs *commandFlags) parse(args []string) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.printHelp()
				return nil, errHelpShown
			}
			return nil, fmt.Errorf("%s (see talkbot %s --help)", flagError(err), fs.Name())
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	return append(positional, tail...), nil
}

// flagRe finds a flag name in the flag package's messages, which spell
// flags with one dash ("-limit"); the documentation spells them "--limit".
var flagRe = regexp.MustCompile(`(^|[\s:])-([A-Za-z][-A-Za-z0-9]*)`)

// flagError words a flag error the way the help spells flags, without
// Go's "parse error" jargon.
func flagError(err error) string {
	msg := err.Error()
	msg = strings.Replace(msg, "flag provided but not defined", "unknown flag", 1)
	msg = strings.TrimSuffix(msg, ": parse error")
	return flagRe.ReplaceAllString(msg, "$1--$2")
}

// parseNoArgs reads the flags of a command that takes no arguments.
func (fs *commandFlags) parseNoArgs(args []string) error {
	rest, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("takes no arguments, got %q", rest[0])
	}
	return nil
}

func (fs *commandFlags) printHelp() {
	fmt.Fprintf(fs.out, "Usage: %s\n\n%s\n", fs.usage, fs.about)
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if !hasFlags {
		return
	}
	fmt.Fprintln(fs.out, "\nFlags:")
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(fs.out, "%-26s %s", line, usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			fmt.Fprintf(fs.out, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(fs.out)
	})
}

// dateFlag is a --from/--to date, empty when not given.
type dateFlag struct{ t time.Time }

func (d *dateFlag) String() string {
	if d == nil || d.t.IsZero() {
		return ""
	}
	return d.t.Format(corpus.DateLayout)
}

func (d *dateFlag) Set(s string) error {
	p, err := corpus.ParseDate(s)
	if err != nil {
		return err
	}
	d.t = p.Time
	return nil
}

// needQuery joins the positional arguments into the query text.
func needQuery(args []string, what string) (string, error) {
	q := strings.TrimSpace(strings.Join(args, " "))
	if q == "" {
		return "", fmt.Errorf("give a %s, e.g. talkbot ask \"who pledged troops?\"", what)
	}
	return q, nil
}

func isTerminal(f *os.File) bool {
	return term.IsTerminal(int(f.Fd()))
}

// terminalWidth is f's width in columns when it is a terminal, else 0.
func terminalWidth(f *os.File) int {
	if !isTerminal(f) {
		return 0
	}
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}
