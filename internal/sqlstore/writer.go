package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// SQLite group commit.
//
// SQLite has one writer, and on this engine most of a small transaction's
// cost is fixed: BEGIN, writing the touched pages to the WAL at COMMIT, and
// parsing each statement. The writer therefore runs transactions in
// batches: one goroutine owns the write connection, takes every transaction
// that is waiting (up to maxBatch), runs each inside its own SAVEPOINT of one
// SQLite transaction, and commits once. A transaction whose function fails
// is rolled back to its savepoint and gets its error; the others commit
// together. No caller hears "committed" before the COMMIT has returned, so
// durability is the same as one transaction each; only the cost is shared.
// Under no concurrency a batch has one transaction and no savepoint.
//
// The writer also keeps the statements it has seen prepared (database/sql
// prepares anew on every Exec otherwise), up to maxStmts distinct texts.
// They are prepared between batches, when the pool's one write connection
// is free, so database/sql binds them to that connection and every
// transaction on it reuses them.
const (
	maxBatch = 64
	maxStmts = 256
)

type job struct {
	ctx  context.Context
	fn   func(*Tx) error
	done chan outcome
}

type outcome struct {
	err      error
	panicked bool
	value    any // the panic value
}

type writer struct {
	db   *DB
	jobs chan *job
	quit chan struct{}
	wg   sync.WaitGroup

	stopOnce sync.Once

	// largest is the largest batch so far; pending counts the submitted
	// transactions not yet answered (tests and metrics).
	largest atomic.Int64
	pending atomic.Int64

	// Owned by the run goroutine.
	stmts  map[string]*sql.Stmt
	wanted map[string]bool
}

func startWriter(db *DB) *writer {
	w := &writer{db: db, jobs: make(chan *job), quit: make(chan struct{}),
		stmts: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
	w.wg.Add(1)
	go w.run()
	return w
}

// stop ends the run goroutine after the batch in progress. It may be
// called more than once (a DB closed twice).
func (w *writer) stop() {
	w.stopOnce.Do(func() { close(w.quit) })
	w.wg.Wait()
}

var errClosed = errors.New("sqlstore: database closed")

// submit runs fn in the next batch and waits for its outcome. Once fn has
// been handed over, submit waits for the commit even if ctx ends, so that
// a caller never reports as failed what was in fact committed.
func (w *writer) submit(ctx context.Context, fn func(*Tx) error) error {
	j := &job{ctx: ctx, fn: fn, done: make(chan outcome, 1)}
	w.pending.Add(1)
	defer w.pending.Add(-1)
	select {
	case w.jobs <- j:
	case <-ctx.Done():
		return ctx.Err()
	case <-w.quit:
		return errClosed
	}
	o := <-j.done
	if o.panicked {
		panic(o.value)
	}
	return o.err
}

func (w *writer) run() {
	defer w.wg.Done()
	defer w.closeStmts()
	for {
		var first *job
		select {
		case first = <-w.jobs:
		case <-w.quit:
			return
		}
		batch := []*job{first}
	drain:
		for len(batch) < maxBatch {
			select {
			case j := <-w.jobs:
				batch = append(batch, j)
			default:
				break drain
			}
		}
		if n := int64(len(batch)); n > w.largest.Load() {
			w.largest.Store(n)
		}
		w.runBatch(batch)
		w.prepareWanted()
	}
}

func (w *writer) closeStmts() {
	for _, s := range w.stmts {
		s.Close()
	}
	w.stmts = map[string]*sql.Stmt{}
}

// begin starts a transaction (BEGIN IMMEDIATE: _txlock in the DSN). The
// batch's jobs have their own contexts; the transaction outlives any one.
func (w *writer) begin() (*sql.Tx, error) {
	tx, err := w.db.w.BeginTx(context.Background(), nil)
	return tx, mapErr(err)
}

// runBatch runs the jobs in one transaction, each in a savepoint.
func (w *writer) runBatch(batch []*job) {
	outs := make([]outcome, len(batch))
	deliver := func() {
		for i, j := range batch {
			j.done <- outs[i]
		}
	}
	sqltx, err := w.begin()
	if err != nil {
		for i := range outs {
			outs[i] = outcome{err: err}
		}
		deliver()
		return
	}
	single := len(batch) == 1
	committed := 0
	for i, j := range batch {
		if err := j.ctx.Err(); err != nil {
			outs[i] = outcome{err: err}
			continue
		}
		if !single {
			if _, err := sqltx.Exec(`SAVEPOINT job`); err != nil {
				w.abandon(sqltx, batch)
				return
			}
		}
		tx := &Tx{tx: sqltx, db: w.db, now: w.db.Now().Truncate(time.Microsecond), w: w}
		outs[i] = runJob(j.fn, tx)
		switch {
		case single:
		case outs[i].err != nil || outs[i].panicked:
			if _, err := sqltx.Exec(`ROLLBACK TO job`); err != nil {
				// SQLite rolled the whole transaction back (an I/O or
				// full-disk error does): run the jobs again one by one.
				w.abandon(sqltx, batch)
				return
			}
			if _, err := sqltx.Exec(`RELEASE job`); err != nil {
				w.abandon(sqltx, batch)
				return
			}
		default:
			if _, err := sqltx.Exec(`RELEASE job`); err != nil {
				w.abandon(sqltx, batch)
				return
			}
		}
		if outs[i].err == nil && !outs[i].panicked {
			committed++
		}
	}
	if committed == 0 {
		sqltx.Rollback()
		deliver()
		return
	}
	if err := sqltx.Commit(); err != nil {
		err = mapErr(fmt.Errorf("commit: %w", err))
		for i := range outs {
			if outs[i].err == nil && !outs[i].panicked {
				outs[i] = outcome{err: err}
			}
		}
	}
	deliver()
}

// abandon rolls a broken batch back and runs its jobs again, each alone.
func (w *writer) abandon(sqltx *sql.Tx, batch []*job) {
	sqltx.Rollback()
	for _, j := range batch {
		w.runBatch([]*job{j})
	}
}

func runJob(fn func(*Tx) error, tx *Tx) (o outcome) {
	defer func() {
		if p := recover(); p != nil {
			o = outcome{panicked: true, value: p}
		}
	}()
	return outcome{err: fn(tx)}
}

// stmt returns the prepared statement for q on the owned connection, or nil
// (and remembers q, to prepare it between batches).
func (w *writer) stmt(q string) *sql.Stmt {
	if s, ok := w.stmts[q]; ok {
		return s
	}
	if len(w.stmts)+len(w.wanted) < maxStmts {
		w.wanted[q] = true
	}
	return nil
}

func (w *writer) prepareWanted() {
	for q := range w.wanted {
		if s, err := w.db.w.PrepareContext(context.Background(), q); err == nil {
			w.stmts[q] = s
		}
		delete(w.wanted, q)
	}
}
