package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
	"tuphap/internal/survey"
)

// syncBuffer is an io.Writer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func runCLI(t *testing.T, keyFile, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	getenv := func(k string) string {
		if k == "TUPHAP_KEY_FILE" {
			return keyFile
		}
		return ""
	}
	err := run(context.Background(), args, getenv, strings.NewReader(stdin), &out)
	return out.String(), err
}

func TestServeDemoAnswersHealthz(t *testing.T) {
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		dsn := storetest.DSN(t, e)
		key := filepath.Join(t.TempDir(), "k.key")
		ctx, cancel := context.WithCancel(context.Background())
		out := &syncBuffer{}
		getenv := func(k string) string {
			if k == "TUPHAP_KEY_FILE" {
				return key
			}
			return ""
		}
		start := time.Now()
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0", "--db", dsn, "--log-level", "error"}, getenv, strings.NewReader(""), out)
		}()
		addrRe := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)`)
		var addr string
		// A liveness bound, not a speed target: the demo is loaded first, and
		// a loaded CI machine may take a while (start-up time is measured
		// by tuphap bench).
		for time.Since(start) < 3*time.Minute && addr == "" {
			if m := addrRe.FindStringSubmatch(out.String()); m != nil {
				addr = m[1]
			}
			time.Sleep(10 * time.Millisecond)
		}
		if addr == "" {
			cancel()
			t.Fatalf("server did not start: %s %v", out.String(), <-done)
		}
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		t.Logf("%s: /healthz answered %d after %v", e, resp.StatusCode, time.Since(start))
		if resp.StatusCode != 200 {
			t.Fatalf("/healthz: %d", resp.StatusCode)
		}
		// A slow request in flight when the signal arrives still completes.
		slow := make(chan int, 1)
		go func() {
			resp, err := http.Get("http://" + addr + "/")
			if err != nil {
				slow <- 0
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			slow <- resp.StatusCode
		}()
		time.Sleep(20 * time.Millisecond)
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("serve returned %v", err)
		}
		if code := <-slow; code != 200 {
			t.Fatalf("in-flight request: %d", code)
		}
		// Start-up ends with the demo accounts as one table, the
		// department's director first, also written to a file (issue 14,
		// item 17); the police tenant's leader is not "Lãnh đạo Sở".
		printed := out.String()
		serving := strings.Index(printed, "tuphap đang phục vụ tại")
		table := strings.Index(printed, "Cơ quan  ")
		if serving < 0 || table < serving {
			t.Errorf("the accounts table does not follow the serving line:\n%s", printed)
		}
		rows := regexp.MustCompile(`(?m)^(STP-DEMO|CA-DEMO) +(\S+) +(.+?) +(\S{16})$`).FindAllStringSubmatch(printed[max(table, 0):], -1)
		if len(rows) < 10 || rows[0][1] != "STP-DEMO" || rows[0][2] != "giamdoc" {
			t.Errorf("accounts table rows %v, want STP-DEMO giamdoc first", rows)
		}
		for _, r := range rows {
			if r[1] == "CA-DEMO" && strings.Contains(r[3], "Sở") {
				t.Errorf("police account labelled %q", r[3])
			}
		}
		file, err := os.ReadFile(filepath.Join(filepath.Dir(key), "demo-accounts.txt"))
		if err != nil || len(rows) == 0 || !strings.Contains(string(file), rows[0][4]) || !strings.Contains(string(file), "giamdoc") {
			t.Errorf("demo-accounts.txt: %v", err)
		}
		if st, err := os.Stat(filepath.Join(filepath.Dir(key), "demo-accounts.txt")); err == nil && st.Mode().Perm() != 0o600 {
			t.Errorf("demo-accounts.txt mode %v, want 0600", st.Mode().Perm())
		}
		// The demo department has dossiers in every national status.
		db, err := sqlstore.Open(context.Background(), dsn, sqlstore.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ten, err := db.Org().TenantByCode(context.Background(), "STP-DEMO")
		if err != nil {
			t.Fatal(err)
		}
		counts, err := db.Dossiers().DossierCounts(context.Background(), ten.ID)
		if err != nil {
			t.Fatal(err)
		}
		// A few hundred satisfaction surveys, spread over the quarters.
		today := calendar.DateOf(time.Now())
		answers, err := db.Surveys().Answers(context.Background(), ten.ID, today.AddDays(-400), today.AddDays(3))
		db.Close()
		quarters := map[survey.Quarter]bool{}
		for _, a := range answers {
			quarters[survey.QuarterOf(calendar.DateOf(a.At))] = true
		}
		if err != nil || len(answers) < 200 || len(quarters) < 3 {
			t.Errorf("demo surveys: %d answers over %d quarters, %v", len(answers), len(quarters), err)
		}
		for st := dossier.Submitted; st <= dossier.Returned; st++ {
			if counts[st] == 0 {
				t.Errorf("demo has no dossier in status %d (%s)", st, st.Name())
			}
		}
		// A second start with --demo does not load it twice.
		msg, err := runCLI(t, key, "", "demo", "--db", dsn)
		if err != nil || !strings.Contains(msg, "đã có") {
			t.Fatalf("second demo load: %q %v", msg, err)
		}
	})
}

func TestAdminCommands(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		dsn := storetest.DSN(t, e)
		key := filepath.Join(t.TempDir(), "k.key")
		if _, err := runCLI(t, key, "", "tenant", "add", "--db", dsn, "--code", "STP", "--name", "Sở Tư pháp"); err == nil {
			t.Fatal("tenant add on an unmigrated database succeeded")
		}
		if out, err := runCLI(t, key, "", "migrate", "--db", dsn); err != nil {
			t.Fatalf("migrate: %v %s", err, out)
		}
		if _, err := runCLI(t, key, "", "tenant", "add", "--db", dsn, "--code", "STP"); err == nil || exitCode(err) != 2 {
			t.Fatalf("tenant add without --name: %v, want a usage error", err)
		}
		out, err := runCLI(t, key, "", "tenant", "add", "--db", dsn, "--code", "stp-dt", "--name", "Sở Tư pháp tỉnh Đồng Tháp", "--agency-id", "000.00.00.H82", "--province", "82")
		if err != nil || !strings.Contains(out, "STP-DT") {
			t.Fatalf("tenant add: %q %v", out, err)
		}
		if _, err := runCLI(t, key, "", "tenant", "add", "--db", dsn, "--code", "STP-X", "--name", "X", "--agency-id", "000.00.00.H82", "--province", "82"); err == nil || !strings.Contains(err.Error(), "đã được sử dụng") {
			t.Fatalf("duplicate agency ID: %v", err)
		}
		if _, err := runCLI(t, key, "ngắn\n", "user", "add", "--db", dsn, "--tenant", "STP-DT", "--username", "admin", "--role", "admin", "--password-stdin"); err == nil {
			t.Fatal("user add accepted a short password")
		}
		if _, err := runCLI(t, key, "", "user", "add", "--db", dsn, "--tenant", "STP-DT", "--username", "admin", "--role", "admin"); err == nil {
			t.Fatal("user add without --password-stdin succeeded")
		}
		if out, err := runCLI(t, key, "một-mật-khẩu-dài\n", "user", "add", "--db", dsn, "--tenant", "STP-DT", "--username", "admin", "--role", "admin", "--password-stdin"); err != nil {
			t.Fatalf("user add: %v %s", err, out)
		}
		tok, err := runCLI(t, key, "", "token", "create", "--db", dsn, "--tenant", "STP-DT", "--username", "admin")
		if err != nil || !strings.HasPrefix(tok, "tph.") {
			t.Fatalf("token create: %q %v", tok, err)
		}
		// Issue 12 §3: tokens are listed with their default lifetime and
		// revoked from the command line.
		out, err = runCLI(t, key, "", "token", "list", "--db", dsn, "--tenant", "STP-DT")
		if err != nil || !strings.Contains(out, "admin") || !strings.Contains(out, "còn hiệu lực đến") {
			t.Fatalf("token list: %q %v", out, err)
		}
		if out, err := runCLI(t, key, "", "token", "revoke", "--db", dsn, "--tenant", "STP-DT", "--id", out[:12]); err != nil || !strings.Contains(out, "Đã thu hồi") {
			t.Fatalf("token revoke: %q %v", out, err)
		}
		if out, err := runCLI(t, key, "", "token", "list", "--db", dsn, "--tenant", "STP-DT"); err != nil || !strings.Contains(out, "đã thu hồi") {
			t.Fatalf("token list after revoke: %q %v", out, err)
		}
		if out, err := runCLI(t, key, "", "audit", "verify", "--db", dsn); err != nil || !strings.Contains(out, "toàn vẹn") {
			t.Fatalf("audit verify on a clean log: %q %v", out, err)
		}
		if out, err := runCLI(t, key, "", "serve", "--help"); err != nil || !strings.Contains(out, "-addr") {
			t.Fatalf("serve --help: %q %v", out, err)
		}
		// Edit a row behind the program's back: verify must fail.
		driver, raw := "pgx", dsn
		if e == sqlstore.SQLite {
			driver, raw = "sqlite", strings.TrimPrefix(dsn, "sqlite:")
		}
		db, err := sql.Open(driver, raw)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`UPDATE audit_log SET actor = 'người khác' WHERE seq = 2`); err != nil {
			t.Fatal(err)
		}
		out, err = runCLI(t, key, "", "audit", "verify", "--db", dsn)
		if err == nil || !strings.Contains(out, "LỖI") {
			t.Fatalf("audit verify after tampering: %q %v", out, err)
		}
		if e == sqlstore.SQLite {
			dst := filepath.Join(t.TempDir(), "backup.db")
			if out, err := runCLI(t, key, "", "backup", "--db", dsn, "--out", dst); err != nil || !strings.Contains(out, "Đã sao lưu") {
				t.Fatalf("backup: %q %v", out, err)
			}
			if out, err := runCLI(t, key, "", "tenant", "list", "--db", "sqlite:"+dst); err != nil || !strings.Contains(out, "STP-DT") {
				t.Fatalf("backup is not a usable database: %q %v", out, err)
			}
		}
	})
}

func TestUnknownCommand(t *testing.T) {
	t.Parallel()
	_, err := runCLI(t, "", "", "khong-co")
	if err == nil || exitCode(err) != 2 {
		t.Fatalf("unknown command: %v", err)
	}
	out, err := runCLI(t, "", "", "--help")
	if err != nil || !strings.Contains(out, "serve") {
		t.Fatalf("--help: %q %v", out, err)
	}
}

func TestCalendarCommands(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		want string
	}{
		// Accepted Fri 13/2/2026 10:00, across Tết (14–22/2, TB 9441/TB-BNV).
		{[]string{"calendar", "due", "--from", "2026-02-13T10:00:00+07:00", "--working-days", "10", "--json"}, `{"due":"2026-03-06T10:00:00+07:00"}`},
		// Input in UTC is answered in +07:00.
		{[]string{"calendar", "due", "--from", "2026-02-27T03:00:00Z", "--working-hours", "1", "--json"}, `{"due":"2026-02-27T11:00:00+07:00"}`},
		// Tết 2030 is 2 February in Vietnam (UTC+7), not 3 February (UTC+8).
		{[]string{"calendar", "lunar", "2030-02-02"}, "01/01 năm Canh Tuất"},
		{[]string{"calendar", "holidays", "--year", "2025"}, "26/04/2025  Thứ Bảy   làm bù"},
		{[]string{"calendar", "holidays", "--year", "2031"}, "tạm tính"},
	} {
		out, err := runCLI(t, "", "", c.args...)
		if err != nil || !strings.Contains(out, c.want) {
			t.Errorf("%v: %q %v, want %q", c.args, out, err, c.want)
		}
	}
	for _, bad := range [][]string{
		{"calendar", "due", "--from", "2026-02-13", "--working-days", "1"},
		{"calendar", "due", "--from", "2026-02-13T10:00:00+07:00"},
		{"calendar", "due", "--from", "2026-02-13T10:00:00+07:00", "--working-days", "1", "--same-day"},
		{"calendar", "lunar", "30/01/2030"},
		{"calendar", "nope"},
	} {
		if _, err := runCLI(t, "", "", bad...); err == nil || exitCode(err) != 2 {
			t.Errorf("%v: %v, want a usage error", bad, err)
		}
	}
}

func TestCalendarLoadForTenant(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t, sqlstore.SQLite)
	key := filepath.Join(t.TempDir(), "k.key")
	if _, err := runCLI(t, key, "", "migrate", "--db", dsn); err != nil {
		t.Fatal(err)
	}
	if _, err := runCLI(t, key, "", "tenant", "add", "--db", dsn, "--code", "STP", "--name", "Sở Tư pháp", "--agency-id", "000.00.00.H82", "--province", "82"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "2031.txt")
	// An official 2031 schedule that makes Mon 3/3/2031 a day off.
	if err := os.WriteFile(file, []byte("03/03/2031; nghỉ lễ; Ngày nghỉ theo quyết định\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, key, "", "calendar", "load", "--db", dsn, "--tenant", "STP", "--year", "2031", "--file", file, "--legal-basis", "Thông báo thử nghiệm"); err != nil {
		t.Fatalf("load: %q %v", out, err)
	}
	out, err := runCLI(t, key, "", "calendar", "due", "--db", dsn, "--tenant", "STP", "--from", "2031-02-28T10:00:00+07:00", "--working-days", "1", "--json")
	if err != nil || !strings.Contains(out, "2031-03-04T10:00:00+07:00") {
		t.Fatalf("due with the tenant's schedule: %q %v", out, err)
	}
	out, _ = runCLI(t, key, "", "calendar", "due", "--from", "2031-02-28T10:00:00+07:00", "--working-days", "1", "--json")
	if !strings.Contains(out, "2031-03-03T10:00:00+07:00") {
		t.Fatalf("built-in due: %q", out)
	}
}

func TestImportExportDossiers(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		dsn := storetest.DSN(t, e)
		key := filepath.Join(t.TempDir(), "k.key")
		for _, args := range [][]string{
			{"migrate", "--db", dsn},
			{"tenant", "add", "--db", dsn, "--code", "STP", "--name", "Sở Tư pháp", "--agency-id", "000.00.00.H82", "--province", "82"},
		} {
			if out, err := runCLI(t, key, "", args...); err != nil {
				t.Fatalf("%v: %v %s", args, err, out)
			}
		}
		dir := t.TempDir()
		good := `{"code":"000.00.00.H82-250301-0007","procedure_code":"1.013859","procedure_name":"Cấp Thẻ công chứng viên","field":"Công chứng","channel":"online","submitted_at":"2025-03-01T08:00:00+07:00","accepted_at":"2025-03-01T09:00:00+07:00","due_at":"2025-03-08T09:00:00+07:00","finished_at":"2025-03-05T10:00:00+07:00","returned_at":"2025-03-06T10:00:00+07:00","ended":"result","unit":"BTTP","late_unit":""}
{"code":"000.00.00.H82-250302-0001","procedure_code":"9.999999","procedure_name":"Thủ tục cũ không còn trong danh mục","field":"Khác","channel":"direct","submitted_at":"2025-03-02T08:00:00+07:00","accepted_at":"2025-03-02T08:30:00+07:00","due_at":"2025-03-04T08:30:00+07:00","finished_at":"2025-03-10T08:30:00+07:00","returned_at":null,"ended":"result","unit":"HCTP","late_unit":"CA_TINH"}
{"code":"000.00.00.H82-250303-0002","procedure_code":"9.999999","procedure_name":"Thủ tục cũ không còn trong danh mục","field":"Khác","channel":"postal","submitted_at":"2025-03-03T08:00:00+07:00","accepted_at":"2025-03-03T08:30:00+07:00","due_at":"2025-03-20T08:30:00+07:00","finished_at":null,"returned_at":null,"ended":null,"unit":"HCTP","late_unit":""}
`
		bad := strings.Replace(good, `"channel":"postal"`, `"channel":"fax"`, 1)
		write := func(name, body string) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		// A bad third line: nothing is imported, the line is named.
		_, err := runCLI(t, key, "", "import", "dossiers", "--db", dsn, "--tenant", "STP", write("bad.jsonl", bad))
		if err == nil || !strings.Contains(err.Error(), "dòng 3") {
			t.Fatalf("bad file: %v", err)
		}
		if out, _ := runCLI(t, key, "", "export", "dossiers", "--db", dsn, "--tenant", "STP"); strings.TrimSpace(out) != "" {
			t.Fatalf("a rejected file left dossiers behind:\n%s", out)
		}
		out, err := runCLI(t, key, "", "import", "dossiers", "--db", dsn, "--tenant", "STP", write("good.jsonl", good))
		if err != nil || !strings.Contains(out, "Đã nhập 3 hồ sơ") {
			t.Fatalf("import: %q %v", out, err)
		}
		// The same file again conflicts on codes, all or nothing.
		if _, err := runCLI(t, key, "", "import", "dossiers", "--db", dsn, "--tenant", "STP", write("again.jsonl", good)); err == nil {
			t.Fatal("re-import of the same codes succeeded")
		}
		out, err = runCLI(t, key, "", "export", "dossiers", "--db", dsn, "--tenant", "STP", "--from", "2025-03-01", "--to", "2025-03-02")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 2 || !strings.Contains(lines[1], `"late_unit":"CA_TINH"`) || !strings.Contains(lines[0], `"unit":"BTTP"`) {
			t.Fatalf("export:\n%s", out)
		}
	})
}
