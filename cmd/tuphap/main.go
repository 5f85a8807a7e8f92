// Command tuphap runs the platform of a provincial Department of Justice:
// the server, migrations, and the administrator's command-line tools.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tuphap:", err)
		os.Exit(exitCode(err))
	}
}
