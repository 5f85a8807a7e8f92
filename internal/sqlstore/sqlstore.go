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
	// cacheKiB is the page cache per SQLite connection (Options.CacheKiB).
	cacheKiB int
	// reportConns bounds the reader connections one report uses at once.
	reportConns int
	now         func() time.Time
}

// Options tune Open. The zero value is fine.
type Options struct {
	// Now is the clock; tests fix it. Defaults to time.Now.
	Now func() time.Time
	// ReadConns is the size of the SQLite reader pool (default
	// DefaultReadConns).
	ReadConns int
	// CacheKiB is SQLite's page cache per connection, in KiB (default
	// DefaultCacheKiB). Each connection (the writer and every reader) may
	// fill its own, so the worst case is (ReadConns + 1) × CacheKiB of
	// anonymous memory.
	CacheKiB int
	// MmapBytes is how much of the SQLite file each connection maps for
	// reading (default DefaultMmapBytes; 0 keeps the default, a negative
	// value turns mapping off). Mapped pages are file pages the kernel
	// shares between connections and may reclaim: they count in RSS
	// (RssFile) once per process, not once per connection, and not in
	// anonymous memory.
	MmapBytes int64
	// Trace, when set, is told every statement (tests: query plans).
	Trace Trace
}

// The SQLite memory limits of Options, chosen for a 2-core server with a
// few GB of memory: at most 5 × 16 MiB of page cache (80 MiB anonymous),
// and a 256 MiB window of the file mapped (shared file pages). A bigger
// server raises them with serve's --db-read-conns, --db-cache-mb and
// --db-mmap-mb.
const (
	DefaultReadConns       = 4
	DefaultCacheKiB        = 16 * 1024
	DefaultMmapBytes int64 = 256 << 20
)

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
		opt.ReadConns = DefaultReadConns
	}
	if opt.CacheKiB <= 0 {
		opt.CacheKiB = DefaultCacheKiB
	}
	switch {
	case opt.MmapBytes == 0:
		opt.MmapBytes = DefaultMmapBytes
	case opt.MmapBytes < 0:
		opt.MmapBytes = 0
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
// each page; Options.MmapBytes of it), a page cache per connection
// (Options.CacheKiB), and temporary files in memory (group commit's
// savepoints otherwise write every page they touch to a sub-journal file
// first). journal_size_limit truncates the WAL back to 64 MiB after a
// checkpoint that emptied a larger one.
func sqlitePragmas(opt Options) string {
	return "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)" +
		fmt.Sprintf("&_pragma=mmap_size(%d)&_pragma=cache_size(-%d)", opt.MmapBytes, opt.CacheKiB) +
		"&_pragma=temp_store(2)&_pragma=journal_size_limit(67108864)&_time_format=sqlite"
}

// sqlOpen opens a database/sql pool, traced when opt.Trace is set.
func sqlOpen(driverName, dsn string, opt Options) (*sql.DB, error) {
	if opt.Trace != nil {
		return openTraced(driverName, dsn, opt.Trace)
	}
	return sql.Open(driverName, dsn)
}

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
	w, err := sqlOpen("sqlite", "file:"+path+"?"+sqlitePragmas(opt)+"&_txlock=immediate", opt)
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	r, err := sqlOpen("sqlite", "file:"+path+"?"+sqlitePragmas(opt)+"&_pragma=query_only(1)", opt)
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(opt.ReadConns)
	r.SetMaxIdleConns(opt.ReadConns)
	db := &DB{engine: SQLite, w: w, r: r, path: path, now: opt.Now, cacheKiB: opt.CacheKiB,
		reportConns: max(1, opt.ReadConns/2)}
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
	if opt.Trace != nil {
		cfg.ConnConfig.Tracer = pgTracer{opt.Trace}
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open PostgreSQL: %w", err)
	}
	sdb := stdlib.OpenDBFromPool(pool)
	db := &DB{engine: Postgres, w: sdb, r: sdb, pool: pool, now: opt.Now, reportConns: max(1, int(cfg.MaxConns)/2)}
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
