// Package sqlstore is the only package that speaks SQL. Open picks the engine
// from the DSN: "sqlite:PATH" (embedded, the default) or "postgres://..."
// (production). Both engines run the same SQL text wherever they accept it
// ($N placeholders, ON CONFLICT, RETURNING); the few differences live side by
// side in the file of the domain that needs them.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers "sqlite"
)

// Engine names a database engine.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is an open database: a writer pool and a reader pool. On SQLite the
// writer has one connection (SQLite has one writer; a second would only wait
// on the lock) and readers are many; on PostgreSQL both are one pool.
type DB struct {
	engine Engine
	w      *sql.DB
	r      *sql.DB
	pool   *pgxpool.Pool // PostgreSQL only
	path   string        // SQLite only
	writer *writer       // SQLite only: group commit (writer.go)
	now    func() time.Time
}

// Options tune Open. The zero value is fine.
type Options struct {
	// Now is the clock; tests fix it. Defaults to time.Now.
	Now func() time.Time
	// ReadConns is the size of the SQLite reader pool (default 4).
	ReadConns int
}

// Engine reports the engine of db.
func (db *DB) Engine() Engine { return db.engine }

// Now returns the current time of db's clock, in UTC.
func (db *DB) Now() time.Time { return db.now().UTC() }

// Open opens the database named by dsn without migrating it.
func Open(ctx context.Context, dsn string, opt Options) (*DB, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.ReadConns <= 0 {
		opt.ReadConns = 4
	}
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"), opt)
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn, opt)
	}
	return nil, fmt.Errorf("sqlstore: DSN must start with sqlite: or postgres:// (got %q)", redact(dsn))
}

// sqlitePragmas are set on every connection: busy_timeout first so that the
// others never fail on a locked database, then WAL, NORMAL sync (durable in
// WAL mode except on power loss of the last transactions), foreign keys,
// and for reading: the file mapped into memory (reads without a system call
// each page; 256 MB of it), a 16 MB page cache per connection, and temporary files in
// memory (group commit's savepoints otherwise write every page they touch
// to a sub-journal file first).
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)" +
	"&_pragma=mmap_size(268435456)&_pragma=cache_size(-16000)&_pragma=temp_store(2)&_time_format=sqlite"

func openSQLite(ctx context.Context, path string, opt Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlstore: empty SQLite path")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("sqlstore: create database directory: %w", err)
		}
	}
	if err := privateFiles(path); err != nil {
		return nil, err
	}
	// _txlock=immediate takes the write lock at BEGIN, so a transaction
	// never fails with SQLITE_BUSY when it upgrades from read to write.
	w, err := sql.Open("sqlite", "file:"+path+"?"+sqlitePragmas+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", "file:"+path+"?"+sqlitePragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(opt.ReadConns)
	r.SetMaxIdleConns(opt.ReadConns)
	db := &DB{engine: SQLite, w: w, r: r, path: path, now: opt.Now}
	if err := w.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlstore: open %s: %w", path, err)
	}
	db.writer = startWriter(db)
	return db, nil
}

// privateFiles makes the database file readable by its owner only (0600),
// creating it empty if needed: SQLite gives its WAL and shared-memory files
// the database file's mode, so they follow. Files of an older deployment
// are tightened too (issue 12 §12).
func privateFiles(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("sqlstore: create database file: %w", err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("sqlstore: restrict %s: %w", p, err)
		}
	}
	return nil
}

func openPostgres(ctx context.Context, dsn string, opt Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: bad PostgreSQL DSN: %w", err)
	}
	if cfg.MaxConns < 8 {
		cfg.MaxConns = 8
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open PostgreSQL: %w", err)
	}
	sdb := stdlib.OpenDBFromPool(pool)
	db := &DB{engine: Postgres, w: sdb, r: sdb, pool: pool, now: opt.Now}
	if err := sdb.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlstore: connect to PostgreSQL: %w", mapErr(err))
	}
	return db, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	var errs []error
	if db.writer != nil {
		db.writer.stop()
	}
	if db.r != nil && db.r != db.w {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	if db.pool != nil {
		db.pool.Close()
	}
	return errors.Join(errs...)
}

// Ping checks that the database answers; /healthz uses it.
func (db *DB) Ping(ctx context.Context) error {
	return mapErr(db.r.PingContext(ctx))
}

// redact hides a password in a DSN for error messages and logs.
func redact(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if j := strings.Index(dsn[i+3:], "@"); j >= 0 {
			return dsn[:i+3] + "***" + dsn[i+3+j:]
		}
	}
	return dsn
}
