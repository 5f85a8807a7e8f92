package main

import (
	"context"
	"fmt"
	"os"

	"tuphap/internal/sqlstore"
)

func cmdBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup", "Sao lưu cơ sở dữ liệu khi máy chủ đang chạy.\n"+
		"SQLite: bản sao nhất quán bằng VACUUM INTO (không cần dừng máy chủ).\n"+
		"PostgreSQL: dùng pg_dump, ví dụ: pg_dump --format=custom --file=tuphap.dump \"postgres://...\"\n"+
		"Lưu ý: sao lưu cả tệp khóa (data/tuphap.key) ở nơi riêng, tách khỏi bản sao cơ sở dữ liệu.")
	dsn := dbFlag(fs, e)
	out := fs.String("out", "", "tệp đích, ví dụ backup/tuphap-20261121.db")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("out", *out); err != nil {
		return err
	}
	db, err := sqlstore.Open(ctx, *dsn, sqlstore.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	if db.Engine() == sqlstore.Postgres {
		return usageError("với PostgreSQL, hãy dùng pg_dump: pg_dump --format=custom --file=" + *out + " \"<DSN>\"")
	}
	if _, err := os.Stat(*out); err == nil {
		return usageError("tệp đích đã tồn tại: " + *out)
	}
	if err := db.Backup(ctx, *out); err != nil {
		return err
	}
	st, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã sao lưu vào %s (%d byte).\n", *out, st.Size())
	return nil
}
