//go:build sqlite_fts5

package main

// C SQLite through cgo, the faster driver; mattn/go-sqlite3 compiles FTS5
// in only with this build tag (bench/run.sh sets it where gcc is found).
import _ "github.com/mattn/go-sqlite3"

func init() { ftsDrivers["mattn"] = "sqlite3" }
