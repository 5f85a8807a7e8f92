package sqlstore

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// RawInsertRate measures the engine's own limit for the simplest durable
// write through this package: n single-row INSERTs, each its own
// committed transaction, from conc goroutines (so that SQLite's group
// commit applies as it does to real work). It creates the scratch table
// bench_raw; run it only on a throwaway database (`tuphap bench` does).
func (db *DB) RawInsertRate(ctx context.Context, n, conc int) (perSecond float64, err error) {
	if err := db.Transact(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `CREATE TABLE IF NOT EXISTS bench_raw (tenant_id TEXT NOT NULL, id BIGINT NOT NULL, payload TEXT NOT NULL, at TIMESTAMP NOT NULL, PRIMARY KEY (tenant_id, id))`)
		return err
	}); err != nil {
		return 0, err
	}
	payload := fmt.Sprintf("%0200d", 0) // about the size of an event row
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, conc)
	start := time.Now()
	for range conc {
		wg.Go(func() {
			for {
				i := next.Add(1)
				if i > int64(n) {
					return
				}
				if err := db.Transact(ctx, func(tx *Tx) error {
					_, err := tx.exec(ctx, `INSERT INTO bench_raw (tenant_id, id, payload, at) VALUES ($1, $2, $3, $4)`, "bench", i, payload, tx.Now())
					return err
				}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	return float64(n) / elapsed.Seconds(), nil
}
