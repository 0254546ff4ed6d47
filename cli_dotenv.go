package main

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/joho/godotenv"
)

// maxDotEnv bounds .env: a few variables, never a large file.
const maxDotEnv = 1 << 20

// readDotEnv reads the variables of an env file. A file godotenv cannot
// read is gone through line by line: each line that does not parse is
// skipped with a warning naming the file, the line and the variable, never
// its value (a .env holds the bot token), and the other lines still load.
// A missing file is no variables and no warning.
func readDotEnv(path string) (vars map[string]string, warnings []string) {
	data, err := readSmallRegular(path, maxDotEnv)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, []string{fmt.Sprintf("%s: %v; it is ignored", path, err)}
	}
	if vars, err := godotenv.UnmarshalBytes(data); err == nil {
		return vars, nil
	}
	vars = map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		got, err := godotenv.Unmarshal(line + "\n")
		if err == nil && len(got) > 0 {
			for k, v := range got {
				vars[k] = v
			}
			continue
		}
		warnings = append(warnings, fmt.Sprintf("%s line %d: %s: %s; the line is skipped (its value is not shown)",
			path, i+1, variableOf(trimmed), dotEnvProblem(trimmed)))
	}
	return vars, warnings
}

// varName is what a variable name looks like: anything else at the start
// of a broken line may be the secret itself, and is not repeated.
var varName = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,63}$`)

// variableOf names the variable a broken line sets, when that can be
// said without risk of printing a value.
func variableOf(line string) string {
	line = strings.TrimPrefix(line, "export ")
	name := line
	if k := strings.IndexAny(line, "=: \t"); k >= 0 {
		name = line[:k]
	}
	if varName.MatchString(name) && name != line {
		return "variable " + name
	}
	return "a line that is not NAME=value"
}

func dotEnvProblem(line string) string {
	_, value, found := strings.Cut(line, "=")
	switch {
	case !found:
		return "no '=' between the name and the value"
	case strings.Count(value, `"`)%2 == 1 || strings.Count(value, "'")%2 == 1:
		return "a quoted value is not closed"
	}
	return "not NAME=value"
}

// applyDotEnv sets the variables of .env in the current directory that
// the environment does not already set (as godotenv.Load does), and
// returns the warnings to show once.
func applyDotEnv(path string) []string {
	vars, warnings := readDotEnv(path)
	for k, v := range vars {
		if _, set := os.LookupEnv(k); !set {
			os.Setenv(k, v)
		}
	}
	return warnings
}

// readSmallRegular reads a regular file of at most limit bytes: a named
// pipe or a device under a file's name fails at once instead of hanging.
func readSmallRegular(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("over %d bytes", limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = fmt.Errorf("over %d bytes", limit)
	}
	return data, err
}
