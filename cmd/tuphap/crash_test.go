package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"tuphap/internal/dossier"
)

// childArgsEnv carries the arguments of a server started as a child
// process: the test binary re-executes itself and TestMain runs the program.
const childArgsEnv = "TUPHAP_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(childArgsEnv); args != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		if err := run(ctx, strings.Split(args, "\x1f"), os.Getenv, os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "tuphap:", err)
			os.Exit(exitCode(err))
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// child is a tuphap server running as a separate process.
type child struct {
	cmd  *exec.Cmd
	out  *syncBuffer
	addr string
}

func startChild(t *testing.T, key string, args ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join(args, "\x1f"), "TUPHAP_KEY_FILE="+key)
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, out: out}
	addrRe := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := addrRe.FindStringSubmatch(out.String()); m != nil {
			c.addr = m[1]
			return c
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	t.Fatalf("server did not start:\n%s", out.String())
	return nil
}

// submission is one counter intake the server acknowledged.
type submission struct {
	idNumber string
	code     string
}

// TestCrashKeepsEveryAcknowledgedDossier kills a real server process with
// SIGKILL while it takes a stream of submissions, restarts it on the same
// SQLite database and checks the durability promises: every submission that
// got a 2xx is stored exactly once, the day's dossier codes run 1..N without
// a gap or a duplicate, and the audit chain still verifies.
func TestCrashKeepsEveryAcknowledgedDossier(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: skipped with -short")
	}
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "crash.db")
	key := filepath.Join(dir, "k.key")
	// A short outbox lease, so that messages claimed by the killed process
	// are taken again within the test.
	srv, token := startIntakeServer(t, dsn, key, "--outbox-lease", "2s")
	serveArgs := []string{"serve", "--db", dsn, "--addr", "127.0.0.1:0", "--log-level", "error", "--outbox-lease", "2s"}

	var (
		mu    sync.Mutex
		acked []submission
		seq   int

		lastRefusal string
		wg          sync.WaitGroup
	)
	stop := make(chan struct{})
	client := &http.Client{Timeout: 5 * time.Second}
	for w := 0; w < 8; w++ {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				mu.Lock()
				seq++
				id := fmt.Sprintf("0820%08d", seq)
				mu.Unlock()
				body, _ := json.Marshal(map[string]any{
					"procedure_code": "notary.appointment", "channel": "direct",
					"applicant": map[string]string{"full_name": "Nguyễn Văn Thử", "id_number": id, "phone": "0912345678"},
				})
				req, _ := http.NewRequest("POST", "http://"+srv.addr+"/api/v1/dossiers", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				raw, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				var got struct {
					Code string `json:"code"`
				}
				json.Unmarshal(raw, &got)
				if resp.StatusCode/100 != 2 {
					mu.Lock()
					lastRefusal = fmt.Sprintf("%d %s", resp.StatusCode, raw)
					mu.Unlock()
				}
				if resp.StatusCode/100 == 2 {
					mu.Lock()
					acked = append(acked, submission{id, got.Code})
					mu.Unlock()
				} else if resp.StatusCode >= 500 {
					t.Errorf("submission answered %d", resp.StatusCode)
				}
			}
		})
	}
	// Kill at a random moment once some submissions are through.
	for waited := time.Now(); ; {
		mu.Lock()
		n, refusal := len(acked), lastRefusal
		mu.Unlock()
		if n >= 20 {
			break
		}
		if time.Since(waited) > 30*time.Second {
			srv.cmd.Process.Kill()
			close(stop)
			wg.Wait()
			t.Fatalf("only %d submissions acknowledged in 30 s; last refusal: %s", n, refusal)
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(time.Duration(50+rand.IntN(750)) * time.Millisecond)
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	srv.cmd.Wait()
	close(stop)
	wg.Wait()
	t.Logf("killed after %d acknowledged submissions", len(acked))

	// Restart on the same database: it must come up and take more work.
	srv2 := startChild(t, key, serveArgs...)
	body, _ := json.Marshal(map[string]any{"procedure_code": "notary.appointment", "channel": "direct",
		"applicant": map[string]string{"full_name": "Trần Thị Sau", "id_number": "082099999999", "phone": "0987654321"}})
	req, _ := http.NewRequest("POST", "http://"+srv2.addr+"/api/v1/dossiers", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("submission after restart: %d", resp.StatusCode)
	}
	// The outbox delivers every acknowledged dossier's receipt SMS at least
	// once: messages the killed process had claimed are taken again.
	outbox, err := sql.Open("sqlite", strings.TrimPrefix(dsn, "sqlite:"))
	if err != nil {
		t.Fatal(err)
	}
	defer outbox.Close()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		rows, err := outbox.Query(`SELECT d.code, d.id, COALESCE(MAX(o.status = 'done'), 0) FROM dossiers d
			LEFT JOIN outbox o ON o.channel = 'sms' AND o.msg_key LIKE 'dossier.accepted:' || d.id || ':%'
			GROUP BY d.code, d.id`)
		if err != nil {
			t.Fatal(err)
		}
		undelivered := 0
		for rows.Next() {
			var code, id string
			var done bool
			if err := rows.Scan(&code, &id, &done); err != nil {
				t.Fatal(err)
			}
			if !done {
				undelivered++
			}
		}
		rows.Close()
		if undelivered == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d dossiers' receipt SMS still undelivered 30 s after the restart", undelivered)
		}
	}
	srv2.cmd.Process.Signal(syscall.SIGTERM)
	if err := srv2.cmd.Wait(); err != nil {
		t.Fatalf("graceful stop after restart: %v\n%s", err, srv2.out.String())
	}

	db, err := sql.Open("sqlite", strings.TrimPrefix(dsn, "sqlite:"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT applicant_id, code FROM dossiers`)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string][]string{}
	var codes []string
	for rows.Next() {
		var id, code string
		if err := rows.Scan(&id, &code); err != nil {
			t.Fatal(err)
		}
		stored[id] = append(stored[id], code)
		codes = append(codes, code)
	}
	rows.Close()
	for _, s := range acked {
		got := stored[s.idNumber]
		if len(got) != 1 || got[0] != s.code {
			t.Errorf("acknowledged %s (code %s) stored as %v", s.idNumber, s.code, got)
		}
	}
	// Codes: one agency, one or two days (a run across midnight); per day
	// the sequence numbers are exactly 1..N.
	perDay := map[string][]int{}
	for _, c := range codes {
		pc, err := dossier.ParseCode(c)
		if err != nil {
			t.Fatalf("stored code %q: %v", c, err)
		}
		perDay[pc.Day.String()] = append(perDay[pc.Day.String()], pc.Seq)
	}
	for day, seqs := range perDay {
		sort.Ints(seqs)
		for i, n := range seqs {
			if n != i+1 {
				t.Fatalf("day %s: codes %v are not 1..%d without gaps or duplicates", day, seqs, len(seqs))
			}
		}
	}
	if out, err := runCLI(t, key, "", "audit", "verify", "--db", dsn); err != nil {
		t.Fatalf("audit verify after the crash: %v\n%s", err, out)
	}
	t.Logf("%d dossiers stored, %d acknowledged; codes continuous; every receipt SMS delivered; audit chain verifies", len(codes), len(acked))
}

// startIntakeServer prepares a department with a reception desk and a clerk
// the way an administrator would (CLI, then the API), starts a server
// process on dsn and returns it with the clerk's API token.
func startIntakeServer(t *testing.T, dsn, key string, extra ...string) (*child, string) {
	t.Helper()
	mustCLI := func(stdin string, args ...string) string {
		out, err := runCLI(t, key, stdin, args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return out
	}
	mustCLI("", "migrate", "--db", dsn)
	mustCLI("", "tenant", "add", "--db", dsn, "--code", "STP", "--name", "Sở Tư pháp tỉnh Đồng Tháp", "--agency-id", "000.00.00.H82", "--province", "82")
	mustCLI("một-mật-khẩu-dài\n", "user", "add", "--db", dsn, "--tenant", "STP", "--username", "admin", "--role", "admin", "--password-stdin")
	adminToken := strings.TrimSpace(mustCLI("", "token", "create", "--db", dsn, "--tenant", "STP", "--username", "admin"))

	srv := startChild(t, key, append([]string{"serve", "--db", dsn, "--addr", "127.0.0.1:0", "--log-level", "error"}, extra...)...)
	// The reception desk, made the way an administrator makes it.
	unit, _ := json.Marshal(map[string]any{"code": "MOTCUA", "name": "Bộ phận Tiếp nhận và Trả kết quả", "kind": "reception"})
	req, _ := http.NewRequest("POST", "http://"+srv.addr+"/api/v1/units", bytes.NewReader(unit))
	req.Header.Set("Authorization", "Bearer "+adminToken)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create unit: %v %v", resp, err)
	}
	mustCLI("một-mật-khẩu-dài\n", "user", "add", "--db", dsn, "--tenant", "STP", "--username", "motcua", "--role", "reception_clerk", "--unit", "MOTCUA", "--password-stdin")
	token := strings.TrimSpace(mustCLI("", "token", "create", "--db", dsn, "--tenant", "STP", "--username", "motcua"))

	return srv, token
}
