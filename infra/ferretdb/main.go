// Command ferretdb-hub runs FerretDB 2 embedded, on PostgreSQL with the DocumentDB extension, for the
// hub's local stack.
//
// Embedding the library (rather than `go install`ing the ferretdb command) keeps the build to one
// `go build` from the module proxy and lets the stack turn telemetry off for good.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/v2/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27027", "TCP address to serve the MongoDB wire protocol on")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL of a database with the documentdb extension")
	stateDir := flag.String("state-dir", "", "directory of FerretDB's state file (created if missing)")
	logLevel := flag.String("log-level", "warn", "debug, info (one line per client connection), warn or error")
	flag.Parse()

	if *postgresURL == "" || *stateDir == "" {
		fmt.Fprintln(os.Stderr, "ferretdb-hub: -postgresql-url and -state-dir are required")
		os.Exit(2)
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-hub: -log-level: %v\n", err)
		os.Exit(2)
	}
	if err := os.MkdirAll(*stateDir, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-hub: cannot create %s: %v\n", *stateDir, err)
		os.Exit(1)
	}

	telemetry := false
	db, err := ferretdb.New(&ferretdb.Config{
		PostgreSQLURL: *postgresURL,
		ListenAddr:    *listen,
		StateDir:      *stateDir,
		LogLevel:      level,
		LogOutput:     os.Stderr,
		Telemetry:     &telemetry,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-hub: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	db.Run(ctx)
}
