package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// TestGroupCommit: transactions that wait together commit together, yet
// each keeps its own outcome: a failed or panicking one leaves nothing, the
// others are all there, and the panic reaches only its own caller.
func TestGroupCommit(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "g.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `CREATE TABLE g (n INTEGER PRIMARY KEY)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}

	// Hold the writer so that the next transactions queue up, then let
	// them go: they are taken as one batch.
	hold, held := make(chan struct{}), make(chan struct{})
	go db.Transact(ctx, func(tx *Tx) error { close(held); <-hold; return nil })
	<-held

	const n = 60
	errBoom := errors.New("boom")
	results := make([]error, n)
	panics := make([]any, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			defer func() { panics[i] = recover() }()
			results[i] = db.Transact(ctx, func(tx *Tx) error {
				if _, err := tx.exec(ctx, `INSERT INTO g (n) VALUES ($1)`, i); err != nil {
					return err
				}
				switch {
				case i%7 == 3:
					panic(fmt.Sprintf("panic in %d", i))
				case i%3 == 1:
					return errBoom
				case i == 11:
					// A constraint error inside a batch: only this one fails.
					_, err := tx.exec(ctx, `INSERT INTO g (n) VALUES ($1)`, i)
					return err
				}
				return nil
			})
		})
	}
	// Wait until every transaction is queued or running.
	for db.writer.pending.Load() < n+1 { // n and the one holding
		runtime.Gosched()
	}
	close(hold)
	wg.Wait()

	if got := db.writer.largest.Load(); got < 2 {
		t.Fatalf("largest batch %d: transactions were not grouped", got)
	}
	for i := range n {
		var count int
		if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM g WHERE n = $1`, i).Scan(&count); err != nil {
			t.Fatal(err)
		}
		switch {
		case i%7 == 3:
			if panics[i] != fmt.Sprintf("panic in %d", i) || count != 0 {
				t.Errorf("%d: panic %v, rows %d; want its own panic and no row", i, panics[i], count)
			}
		case i%3 == 1:
			if !errors.Is(results[i], errBoom) || count != 0 {
				t.Errorf("%d: %v, rows %d; want boom and no row", i, results[i], count)
			}
		case i == 11:
			if results[i] == nil || count != 0 {
				t.Errorf("%d: %v, rows %d; want a conflict and no row", i, results[i], count)
			}
		default:
			if results[i] != nil || panics[i] != nil || count != 1 {
				t.Errorf("%d: %v %v, rows %d; want committed", i, results[i], panics[i], count)
			}
		}
	}
}
