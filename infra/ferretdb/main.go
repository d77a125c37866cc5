// Command ferretdb-hub runs FerretDB v1 embedded, with its SQLite backend, for the hub's local stack.
//
// The ferretdb command installed with `go install` panics at start-up because the module zip lacks
// build/version/version.txt; embedding the library avoids that and keeps telemetry off.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27027", "TCP address to serve the MongoDB wire protocol on")
	dataDir := flag.String("data-dir", "", "directory of the SQLite databases (created if missing)")
	flag.Parse()

	if *dataDir == "" {
		fmt.Fprintln(os.Stderr, "ferretdb-hub: -data-dir is required")
		os.Exit(2)
	}
	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-hub: cannot create %s: %v\n", *dataDir, err)
		os.Exit(1)
	}

	db, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Handler:  "sqlite",
		// Writers take SQLite's lock when their transaction begins and queue for it (busy_timeout),
		// instead of failing with SQLITE_BUSY when a read transaction cannot be upgraded.
		SQLiteURL: "file:" + *dataDir + "/?_txlock=immediate",
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb-hub: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	db.Run(ctx)
}
