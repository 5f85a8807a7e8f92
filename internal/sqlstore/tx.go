package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Tx is a write transaction with its clock fixed at the start, so every row a
// use case writes carries the same "now" and tests control time.
type Tx struct {
	tx  *sql.Tx
	db  *DB
	now time.Time
	w   *writer // SQLite: the group-commit writer and its statements
}

// Now is the transaction's fixed time, in UTC.
func (tx *Tx) Now() time.Time { return tx.now }

// base returns the transaction itself; the domains' transaction types
// (DossierTx, PortalTx...) embed *Tx and so answer it too.
func (tx *Tx) base() *Tx { return tx }

// txOf returns the *Tx under a domain's transaction of this package, so a
// register's Within can write its rows in a dossier's transaction.
func txOf(tx any) (*Tx, bool) {
	b, ok := tx.(interface{ base() *Tx })
	if !ok {
		return nil, false
	}
	return b.base(), true
}

// Transact runs fn in a write transaction and commits it when fn returns
// nil. On PostgreSQL a serialization failure or deadlock is retried a few
// times; on SQLite the single writer makes that unnecessary.
func (db *DB) Transact(ctx context.Context, fn func(*Tx) error) (err error) {
	if db.writer != nil {
		return db.writer.submit(ctx, fn)
	}
	for attempt := 0; ; attempt++ {
		err = db.transactOnce(ctx, fn)
		if err == nil || !errors.Is(err, errRetry) || attempt >= 3 {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * 10 * time.Millisecond):
		}
	}
}

func (db *DB) transactOnce(ctx context.Context, fn func(*Tx) error) (err error) {
	sqltx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	tx := &Tx{tx: sqltx, db: db, now: db.Now().Truncate(time.Microsecond)}
	defer func() {
		if p := recover(); p != nil {
			sqltx.Rollback()
			panic(p)
		}
		if err != nil {
			sqltx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if err := sqltx.Commit(); err != nil {
		return mapErr(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if s := tx.stmt(ctx, q); s != nil {
		res, err := s.ExecContext(ctx, args...)
		return res, mapErr(err)
	}
	res, err := tx.tx.ExecContext(ctx, q, args...)
	return res, mapErr(err)
}

// queryRow is QueryRowContext through the statement cache.
func (tx *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if s := tx.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return tx.tx.QueryRowContext(ctx, q, args...)
}

// stmt returns q prepared for this transaction, when the writer has it.
func (tx *Tx) stmt(ctx context.Context, q string) *sql.Stmt {
	if tx.w == nil {
		return nil
	}
	if s := tx.w.stmt(q); s != nil {
		return tx.tx.StmtContext(ctx, s)
	}
	return nil
}

// ts converts a time to what the engine stores: UTC with microseconds, the
// precision PostgreSQL keeps.
func ts(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// nullTS converts an optional time.
func nullTS(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ts(*t)
}

// fromNull converts a scanned optional time.
func fromNull(n sql.NullTime) *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time.UTC()
	return &t
}
