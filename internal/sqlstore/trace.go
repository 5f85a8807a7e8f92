package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/jackc/pgx/v5"
)

// Trace is called with every SQL statement a DB sends and its arguments
// (Options.Trace). The query-plan test uses it to EXPLAIN what the store
// really runs; it is nil in production.
type Trace func(ctx context.Context, query string, args []any)

// openTraced opens a database/sql pool whose connections report every
// statement to trace before running it.
func openTraced(driverName, dsn string, trace Trace) (*sql.DB, error) {
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, err
	}
	d := db.Driver()
	db.Close()
	return sql.OpenDB(tracedConnector{d: d, dsn: dsn, trace: trace}), nil
}

type tracedConnector struct {
	d     driver.Driver
	dsn   string
	trace Trace
}

func (c tracedConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.d.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &tracedConn{Conn: conn, trace: c.trace}, nil
}

func (c tracedConnector) Driver() driver.Driver { return c.d }

// tracedConn forwards to the driver's connection (which implements the
// context variants: modernc.org/sqlite does).
type tracedConn struct {
	driver.Conn
	trace Trace
}

func values(args []driver.NamedValue) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out
}

func (c *tracedConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	s, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return &tracedStmt{Stmt: s, q: q, trace: c.trace}, nil
}

func (c *tracedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

func (c *tracedConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	c.trace(ctx, q, values(args))
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, q, args)
}

func (c *tracedConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	c.trace(ctx, q, values(args))
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, q, args)
}

func (c *tracedConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *tracedConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

type tracedStmt struct {
	driver.Stmt
	q     string
	trace Trace
}

func (s *tracedStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.trace(ctx, s.q, values(args))
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

func (s *tracedStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	s.trace(ctx, s.q, values(args))
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}

// pgTracer reports pgx's queries (PostgreSQL).
type pgTracer struct{ trace Trace }

func (t pgTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	args := d.Args
	// database/sql's pgx driver puts the result formats before the arguments.
	for len(args) > 0 {
		switch args[0].(type) {
		case pgx.QueryResultFormatsByOID, pgx.QueryResultFormats, pgx.QueryExecMode:
			args = args[1:]
			continue
		}
		break
	}
	t.trace(ctx, d.SQL, args)
	return ctx
}

func (pgTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}
