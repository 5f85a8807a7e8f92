package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// TestPostgresConnectionCutDuringLoad cuts the server's PostgreSQL
// connections (pg_terminate_backend) again and again while clients submit
// and read dossiers. Requests may fail, but only with 503 and a clear
// Vietnamese message, never 500; the process keeps running; and once the
// cuts stop, service comes back without a restart.
func TestPostgresConnectionCutDuringLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("fault test: skipped with -short")
	}
	b := make([]byte, 4)
	rand.Read(b)
	app := "tuphap_fault_" + hex.EncodeToString(b)
	// The application name marks this test's connections, so the cuts hit
	// no other test sharing the server.
	dsn := storetest.DSN(t, sqlstore.Postgres) + "&application_name=" + app
	key := filepath.Join(t.TempDir(), "k.key")
	if out, err := runCLI(t, key, "", "migrate", "--db", dsn); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	srv, token := startIntakeServer(t, dsn, key)
	defer func() {
		srv.cmd.Process.Signal(syscall.SIGTERM)
		srv.cmd.Wait()
	}()

	admin, err := sql.Open("pgx", strings.Replace(dsn, app, app+"_killer", 1))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()

	client := &http.Client{Timeout: 10 * time.Second}
	submit := func(i int) (int, string) {
		body, _ := json.Marshal(map[string]any{"procedure_code": "notary.appointment", "channel": "direct",
			"applicant": map[string]string{"full_name": "Lê Văn Lỗi", "id_number": fmt.Sprintf("0821%08d", i)}})
		req, _ := http.NewRequest("POST", "http://"+srv.addr+"/api/v1/dossiers", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("request %d: %v", i, err)
			return 0, ""
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(raw)
	}

	var (
		mu     sync.Mutex
		counts = map[int]int{}
		cuts   int
		wg     sync.WaitGroup
	)
	stop := make(chan struct{})
	for w := range 4 {
		wg.Go(func() {
			for i := w; ; i += 4 {
				select {
				case <-stop:
					return
				default:
				}
				code, body := submit(i)
				mu.Lock()
				counts[code]++
				mu.Unlock()
				switch {
				case code == http.StatusCreated:
				case code == http.StatusServiceUnavailable:
					if !strings.Contains(body, "không sẵn sàng") {
						t.Errorf("503 without the Vietnamese explanation: %s", body)
					}
				default:
					t.Errorf("status %d during connection cuts: %s", code, body)
				}
			}
		})
	}
	ctx := context.Background()
	for range 10 {
		time.Sleep(150 * time.Millisecond)
		var n int
		if err := admin.QueryRowContext(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`, app).Scan(&n); err != nil {
			t.Fatal(err)
		}
		cuts += n
	}
	close(stop)
	wg.Wait()
	t.Logf("%d connections cut; answers: %v", cuts, counts)
	if cuts == 0 {
		t.Fatal("no connection was cut: the test did not exercise anything")
	}

	// Recovery without a restart: the pool dials again.
	deadline := time.Now().Add(10 * time.Second)
	for i := 1_000_000; ; i++ {
		code, body := submit(i)
		if code == http.StatusCreated {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("service did not recover within 10 s: %d %s", code, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := srv.cmd.Process.Signal(syscall.Signal(0)); err != nil {
		t.Fatalf("server process died: %v\n%s", err, srv.out.String())
	}
	if strings.Contains(srv.out.String(), "panic") {
		t.Fatalf("server log mentions a panic:\n%s", srv.out.String())
	}
}
