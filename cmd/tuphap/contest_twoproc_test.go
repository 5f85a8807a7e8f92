package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"tuphap/internal/contest"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// TestContestTwoProcesses runs a sitting on two tuphap processes behind no
// balancer but sharing one PostgreSQL database, as docs/scaling.md says a
// province that outgrows one server does: each participant starts on one
// process, saves answers alternately on both, submits on the other; a
// second start, a second submission and an answer after submission are
// refused by whichever process gets them; every acknowledged answer is
// stored as acknowledged and every attempt is scored once.
func TestContestTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("two server processes: skipped with -short")
	}
	dsn := storetest.DSN(t, sqlstore.Postgres)
	key := filepath.Join(t.TempDir(), "k.key")
	if out, err := runCLI(t, key, "", "migrate", "--db", dsn); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	ctx := context.Background()
	e := &env{getenv: func(k string) string {
		if k == "TUPHAP_KEY_FILE" {
			return key
		}
		return ""
	}}
	const people, questions = 12, 8
	fx, err := contestFixture(ctx, e, dsn, key, people, questions, 10*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"serve", "--db", dsn, "--addr", "127.0.0.1:0", "--log-level", "error", "--cookie-secure=false"}
	a, b := startChild(t, key, args...), startChild(t, key, args...)
	defer func() {
		for _, c := range []*child{a, b} {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
	}()
	client := &http.Client{Timeout: 30 * time.Second}
	call := func(c *child, method, path, body, tok string) (int, []byte) {
		req, _ := http.NewRequest(method, "http://"+c.addr+path, bytes.NewReader([]byte(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		req.AddCookie(&http.Cookie{Name: fx.cookie, Value: tok})
		resp, err := client.Do(req)
		if err != nil {
			t.Error(err)
			return 0, nil
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, out
	}
	type acked struct {
		attempt string
		pos     int
		choice  int
	}
	var (
		mu   sync.Mutex
		acks []acked
		wg   sync.WaitGroup
	)
	base := "/api/v1/contests/" + fx.code
	for i, tok := range fx.tokens {
		wg.Go(func() {
			first, other := a, b
			if i%2 == 1 {
				first, other = b, a
			}
			code, body := call(first, "POST", base+"/rounds/"+fx.roundID+"/attempts", "", tok)
			if code != http.StatusCreated {
				t.Errorf("participant %d: start: %d %s", i, code, body)
				return
			}
			var at struct {
				AttemptID string `json:"attempt_id"`
				Questions []struct {
					Options []string `json:"options"`
				} `json:"questions"`
			}
			if err := json.Unmarshal(body, &at); err != nil || len(at.Questions) != questions {
				t.Errorf("participant %d: paper: %v %s", i, err, body)
				return
			}
			if code, body := call(other, "POST", base+"/rounds/"+fx.roundID+"/attempts", "", tok); code < 400 || code >= 500 {
				t.Errorf("participant %d: a second start on the other process: %d %s", i, code, body)
			}
			var mine []acked
			for pos := range at.Questions {
				srv := []*child{a, b}[pos%2]
				ch := (i + pos) % len(at.Questions[pos].Options)
				if code, body := call(srv, "PUT", fmt.Sprintf("%s/attempts/%s/answers/%d", base, at.AttemptID, pos), fmt.Sprintf(`{"choice":%d}`, ch), tok); code != http.StatusNoContent {
					t.Errorf("participant %d: answer %d: %d %s", i, pos, code, body)
					continue
				}
				mine = append(mine, acked{at.AttemptID, pos, ch})
			}
			if code, body := call(other, "POST", base+"/attempts/"+at.AttemptID+"/submit", `{"prediction":3}`, tok); code != http.StatusOK {
				t.Errorf("participant %d: submit: %d %s", i, code, body)
			}
			if code, _ := call(first, "POST", base+"/attempts/"+at.AttemptID+"/submit", `{"prediction":4}`, tok); code < 400 || code >= 500 {
				t.Errorf("participant %d: a second submission on the other process: %d", i, code)
			}
			if code, _ := call(first, "PUT", fmt.Sprintf("%s/attempts/%s/answers/0", base, at.AttemptID), `{"choice":0}`, tok); code < 400 || code >= 500 {
				t.Errorf("participant %d: an answer after submission: %d", i, code)
			}
			mu.Lock()
			acks = append(acks, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	if t.Failed() {
		t.Logf("process A said:\n%s\nprocess B said:\n%s", a.out.String(), b.out.String())
		return
	}
	if len(acks) != people*questions {
		t.Fatalf("%d answers acknowledged, want %d", len(acks), people*questions)
	}
	app, err := open(ctx, e.getenv, dsn, key, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	st := app.db.Contests()
	byAttempt := map[string]map[int]int{}
	for _, k := range acks {
		if byAttempt[k.attempt] == nil {
			got, err := st.Answers(ctx, fx.tenantID, k.attempt)
			if err != nil {
				t.Fatal(err)
			}
			byAttempt[k.attempt] = got
		}
		if c, ok := byAttempt[k.attempt][k.pos]; !ok || c != k.choice {
			t.Errorf("attempt %s answer %d: stored %d (%v), acknowledged %d", k.attempt, k.pos, c, ok, k.choice)
		}
	}
	for id := range byAttempt {
		at, err := st.Attempt(ctx, fx.tenantID, id)
		if err != nil {
			t.Fatal(err)
		}
		if at.State != contest.Submitted || at.SubmittedAt == nil || at.Prediction == nil || *at.Prediction != 3 {
			t.Errorf("attempt %s: %s, prediction %v: want submitted once, with the first submission's prediction", id, at.State, at.Prediction)
		}
	}
	if len(byAttempt) != people {
		t.Errorf("%d attempts, want one a person (%d)", len(byAttempt), people)
	}
}
