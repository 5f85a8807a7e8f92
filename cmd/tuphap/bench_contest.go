package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/contest"
	"tuphap/internal/org"
)

// contestBenchResult is what `tuphap bench contest --json` prints; the
// keys named by issue 23 are stable.
type contestBenchResult struct {
	Machine        string  `json:"machine"`
	Participants   int     `json:"participants"`
	Questions      int     `json:"questions"`
	StartWindowS   float64 `json:"start_window_s"`
	AnswerWindowS  float64 `json:"answer_window_s"`
	Connections    int     `json:"connections"`
	Started        int64   `json:"attempts_started"`
	Submitted      int64   `json:"attempts_submitted"`
	AnswersAcked   int64   `json:"answers_acked"`
	AnswersStored  int64   `json:"answers_stored"`
	Lost           int64   `json:"lost"`
	Errors         int64   `json:"errors"`
	StartErrors    int64   `json:"start_errors"`
	SaveErrors     int64   `json:"save_errors"`
	SubmitErrors   int64   `json:"submit_errors"`
	SitSeconds     float64 `json:"sitting_seconds"`
	ServerCPUS     float64 `json:"server_cpu_seconds"`
	Retries        int64   `json:"retries"`
	BusyRetries    int64   `json:"busy_retries"`
	Killed         bool    `json:"killed"`
	SavesPerSec    float64 `json:"saves_per_s"`
	SaveP50Ms      float64 `json:"save_p50_ms"`
	SaveP95Ms      float64 `json:"save_p95_ms"`
	SaveP99Ms      float64 `json:"save_p99_ms"`
	StartP95Ms     float64 `json:"start_p95_ms"`
	StartP99Ms     float64 `json:"start_p99_ms"`
	SubmitP95Ms    float64 `json:"submit_p95_ms"`
	SubmitP99Ms    float64 `json:"submit_p99_ms"`
	PeakRSSMB      float64 `json:"peak_rss_mb"`
	RankAttempts   int     `json:"rank_attempts"`
	RankSeconds    float64 `json:"rank_seconds"`
	RankLoadS      float64 `json:"rank_load_seconds"`
	RankCPUS       float64 `json:"rank_cpu_seconds"`
	RankCPUSPG     float64 `json:"rank_cpu_seconds_postgres,omitempty"`
	RankSecondsPG  float64 `json:"rank_seconds_postgres,omitempty"`
	RankAttemptsPG int     `json:"rank_attempts_postgres,omitempty"`
}

// cmdBenchContest is `tuphap bench contest`: a scheduled sitting against
// a real server (a child `tuphap serve` on SQLite) from this process over
// loopback HTTP, then a national-scale round ranked.
func cmdBenchContest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench contest", "Đo tốc độ cuộc thi trực tuyến: một ca thi tập trung qua HTTP và xếp hạng một vòng thi quy mô quốc gia.")
	n := fs.Int("participants", 20000, "số người dự thi của ca thi")
	nq := fs.Int("questions", 20, "số câu hỏi mỗi bài")
	startWin := fs.Duration("start-window", 60*time.Second, "mọi người vào thi trong khoảng này")
	answerWin := fs.Duration("answer-window", 180*time.Second, "thời gian trả lời (ca 15 phút được nén lại)")
	conns := fs.Int("conns", 1000, "số kết nối HTTP tối đa của máy tạo tải")
	kill := fs.Bool("kill", false, "kill -9 máy chủ giữa chừng rồi khởi động lại, kiểm tra không mất câu trả lời đã xác nhận")
	rankN := fs.Int("rank-attempts", 1000000, "số lượt thi của vòng thi xếp hạng (0 = bỏ qua)")
	pg := fs.String("postgres", e.getenv("TUPHAP_TEST_POSTGRES"), "PostgreSQL để đo xếp hạng (schema tạm); trống = bỏ qua")
	asJSON := fs.Bool("json", false, "in một đối tượng JSON")
	dir := fs.String("dir", "", "thư mục làm việc (mặc định: thư mục tạm, xóa khi xong)")
	prof := fs.String("cpuprofile", "", "ghi hồ sơ CPU của bước xếp hạng vào tệp này (PostgreSQL: tệp.pg)")
	if err := parse(fs, args); err != nil {
		return err
	}
	work, cleanup, err := workDir(*dir, "tuphap-bench-contest-")
	if err != nil {
		return err
	}
	defer cleanup()
	log := progress(e, *asJSON)
	res := contestBenchResult{Machine: machineLine(), Participants: *n, Questions: *nq, StartWindowS: startWin.Seconds(),
		AnswerWindowS: answerWin.Seconds(), Connections: *conns, Killed: *kill}
	dsn := "sqlite:" + filepath.Join(work, "contest.db")
	key := filepath.Join(work, "bench.key")

	if *n > 0 {
		log("Chuẩn bị ca thi: %d người, %d câu hỏi...", *n, *nq)
		fx, err := contestFixture(ctx, e, dsn, key, *n, *nq, *startWin+*answerWin+time.Minute)
		if err != nil {
			return err
		}
		log("Ca thi qua HTTP: vào thi trong %s, trả lời trong %s, %d kết nối%s...", *startWin, *answerWin, *conns, map[bool]string{true: ", kill -9 giữa chừng"}[*kill])
		if err := sitContest(ctx, fx, dsn, key, *startWin, *answerWin, *conns, *kill, &res); err != nil {
			return err
		}
		log("Đã lưu %d/%d câu trả lời đã xác nhận, mất %d; lưu p95 %.1f ms, p99 %.1f ms; RSS đỉnh %.0f MB",
			res.AnswersStored, res.AnswersAcked, res.Lost, res.SaveP95Ms, res.SaveP99Ms, res.PeakRSSMB)
	}
	if *rankN > 0 {
		log("Xếp hạng %d lượt thi trên SQLite...", *rankN)
		load, secs, cpu, err := rankBench(ctx, e, "sqlite:"+filepath.Join(work, "rank.db"), key, *rankN, *prof)
		if err != nil {
			return fmt.Errorf("bench contest rank (SQLite): %w", err)
		}
		res.RankAttempts, res.RankSeconds, res.RankLoadS, res.RankCPUS = *rankN, secs, load, cpu
		log("  nạp %.1f s, xếp hạng %.1f s", load, secs)
		if *pg != "" {
			pgDSN, drop, err := benchSchema(ctx, *pg)
			if err != nil {
				return err
			}
			log("Xếp hạng %d lượt thi trên PostgreSQL...", *rankN)
			_, secs, cpu, err := rankBench(ctx, e, pgDSN, key, *rankN, pgProfile(*prof))
			drop()
			if err != nil {
				return fmt.Errorf("bench contest rank (PostgreSQL): %w", err)
			}
			res.RankSecondsPG, res.RankAttemptsPG, res.RankCPUSPG = secs, *rankN, cpu
			log("  xếp hạng %.1f s", secs)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return nil
}

type contestFix struct {
	code, tenantID, roundID string
	tokens                  []string
	cookie                  string
}

func newBenchTenant(ctx context.Context, a *app) (org.Tenant, error) {
	b := make([]byte, 3)
	rand.Read(b)
	return a.org.CreateTenant(ctx, audit.System, org.Tenant{Code: "THI-" + strings.ToUpper(hex.EncodeToString(b)), Name: "Sở Tư pháp (đo tốc độ cuộc thi)",
		AgencyID: "000.00.00.H" + fmt.Sprintf("%02d", int(b[0])%90+10), ProvinceCode: "82"})
}

func benchBank(n int) []contest.Question {
	qs := make([]contest.Question, n)
	for i := range qs {
		qs[i] = contest.Question{Stem: fmt.Sprintf("Câu hỏi số %d về Luật Phổ biến, giáo dục pháp luật: nội dung nào sau đây đúng?", i+1),
			Options: []string{"Phương án thứ nhất của câu hỏi", "Phương án thứ hai của câu hỏi", "Phương án thứ ba của câu hỏi", "Phương án thứ tư của câu hỏi"},
			Correct: i % 4, Difficulty: 1 + i%3, Document: "Luật 14/2012/QH13", Article: fmt.Sprintf("Điều %d", 1+i%40)}
	}
	return qs
}

// contestFixture makes a contest with a 500-question bank, a scheduled
// sitting opening now, and n registered participants with their session
// tokens: sessions are made before the sitting (no password hashing in
// the window: research/contests.md §3, lesson 6).
func contestFixture(ctx context.Context, e *env, dsn, key string, n, nq int, limit time.Duration) (*contestFix, error) {
	a, err := open(ctx, e.getenv, dsn, key, true, nil)
	if err != nil {
		return nil, err
	}
	defer a.Close()
	ten, err := newBenchTenant(ctx, a)
	if err != nil {
		return nil, err
	}
	svc := &contest.Service{Store: a.db.Contests()}
	actor := contest.Actor{ID: "bench", Name: "bench"}
	c, err := svc.CreateContest(ctx, actor, ten.ID, contest.Contest{Code: "ca-thi-do-toc-do", Title: "Ca thi đo tốc độ", ProvinceCode: "82"})
	if err != nil {
		return nil, err
	}
	if err := svc.AddQuestions(ctx, actor, ten.ID, c.ID, benchBank(500)); err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	r, err := svc.AddRound(ctx, actor, ten.ID, contest.Round{ContestID: c.ID, No: 1, Title: "Ca thi tập trung", Mode: contest.Sitting,
		OpensAt: now, ClosesAt: now.Add(limit + 10*time.Minute), TimeLimit: limit.Round(time.Minute) + time.Minute, Questions: nq, Attempts: 1,
		Counts: contest.CountBest, Chain: []contest.TieKey{contest.ByScore, contest.ByPrediction, contest.ByDuration}, Prediction: contest.PredictAllCorrectPeople})
	if err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword("mat-khau-do-toc-do")
	if err != nil {
		return nil, err
	}
	fx := &contestFix{code: c.Code, tenantID: ten.ID, roundID: r.ID, tokens: make([]string, n), cookie: "thi_" + strings.ReplaceAll(c.Code, "-", "_")}
	ps := make([]contest.Participant, n)
	until := now.Add(24 * time.Hour)
	communes := []string{"29905", "29908", "29911", "29914", "29917"}
	for i := range ps {
		ps[i] = contest.Participant{ID: uuid.NewString(), ContestID: c.ID, Phone: fmt.Sprintf("09%08d", i), FullName: fmt.Sprintf("Người dự thi %d", i),
			BirthDate: time.Date(1980+i%30, 1, 1+i%28, 0, 0, 0, 0, time.UTC), UnitCode: communes[i%len(communes)], PassHash: hash, RegisteredAt: now}
		fx.tokens[i] = contest.Token(c, ps[i].ID, until)
	}
	return fx, a.db.Contests().InsertParticipants(ctx, ten.ID, ps)
}

type ack struct {
	attempt    string
	pos, choic int
}

// freePort picks a loopback port for a server that must keep its address
// across a restart.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func startContestServer(ctx context.Context, dsn, key, addr string) (*benchServer, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, self, "serve", "--db", dsn, "--addr", addr, "--log-level", "error", "--cookie-secure=false",
		"--lookup-limit", "1000000000")
	cmd.Env = append(os.Environ(), "TUPHAP_KEY_FILE="+key)
	return startProcess(cmd, 60*time.Second)
}

// sitContest runs the sitting: every participant starts at a random moment
// of the start window, answers each question at a random moment of the
// answer window (saved one by one, retried on a connection error), and
// submits at the end. An answer counts as acknowledged on 204 only.
func sitContest(ctx context.Context, fx *contestFix, dsn, key string, startWin, answerWin time.Duration, conns int, kill bool, res *contestBenchResult) error {
	addr, err := freePort()
	if err != nil {
		return err
	}
	srv, err := startContestServer(ctx, dsn, key, addr)
	if err != nil {
		return err
	}
	defer func() { srv.stop() }()
	base := "http://" + addr
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: false, IdleConnTimeout: 90 * time.Second}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 60 * time.Second}
	var (
		mu                                 sync.Mutex
		saveLat, startLat, subLat          []time.Duration
		acks                               []ack
		started, submitted, errs, retries  atomic.Int64
		busy, startErrs, saveErrs, subErrs atomic.Int64
		serverCPU                          atomic.Int64 // ns, of the servers ended
		peak                               atomic.Int64 // KiB
		srvMu                              sync.Mutex
		down                               atomic.Bool
	)
	// do sends a request, retrying while the server is down (killed) for
	// up to 30 s, and after a 503 (the server's admission cap of starts)
	// when its Retry-After says, plus up to a second of jitter, for up to
	// 5 minutes; the latency is from the first try.
	do := func(method, url string, body []byte, tok string) (int, []byte, time.Duration) {
		t0 := time.Now()
		for try := 0; ; try++ {
			req, _ := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json")
			req.AddCookie(&http.Cookie{Name: fx.cookie, Value: tok})
			resp, err := client.Do(req)
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode < 500 {
					return resp.StatusCode, b, time.Since(t0)
				}
				if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && resp.StatusCode == http.StatusServiceUnavailable &&
					time.Since(t0) < 5*time.Minute && ctx.Err() == nil {
					busy.Add(1)
					time.Sleep(time.Duration(ra)*time.Second + time.Duration(mrand.IntN(1000))*time.Millisecond)
					continue
				}
			}
			if !kill || time.Since(t0) > 30*time.Second || ctx.Err() != nil {
				return 0, nil, time.Since(t0)
			}
			retries.Add(1)
			time.Sleep(time.Duration(200+mrand.IntN(300)) * time.Millisecond)
		}
	}
	watch := func() {
		srvMu.Lock()
		if kb := int64(srv.statusMB("VmHWM:") * 1024); kb > peak.Load() {
			peak.Store(kb)
		}
		srvMu.Unlock()
	}
	stopWatch := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stopWatch:
				return
			case <-t.C:
				if !down.Load() {
					watch()
				}
			}
		}
	}()
	if kill {
		go func() {
			time.Sleep(startWin + answerWin/2)
			srvMu.Lock()
			defer srvMu.Unlock()
			if kb := int64(srv.statusMB("VmHWM:") * 1024); kb > peak.Load() {
				peak.Store(kb)
			}
			down.Store(true)
			srv.cmd.Process.Signal(syscall.SIGKILL)
			srv.cmd.Wait()
			serverCPU.Add(int64(cpuOf(srv.cmd.ProcessState)))
			srv.once.Do(func() {})
			var err error
			for i := 0; i < 50; i++ {
				if srv, err = startContestServer(ctx, dsn, key, addr); err == nil {
					break
				}
				time.Sleep(100 * time.Millisecond)
			}
			down.Store(false)
		}()
	}
	t0 := time.Now()
	var wg sync.WaitGroup
	for i, tok := range fx.tokens {
		wg.Go(func() {
			rng := mrand.New(mrand.NewPCG(uint64(i), 7))
			time.Sleep(time.Until(t0.Add(time.Duration(rng.Int64N(int64(startWin))))))
			code, b, d := do("POST", fmt.Sprintf("%s/api/v1/contests/%s/rounds/%s/attempts", base, fx.code, fx.roundID), nil, tok)
			if code != http.StatusCreated {
				errs.Add(1)
				startErrs.Add(1)
				return
			}
			started.Add(1)
			var at struct {
				AttemptID string `json:"attempt_id"`
				Questions []struct {
					Options []string `json:"options"`
				} `json:"questions"`
			}
			if json.Unmarshal(b, &at) != nil {
				errs.Add(1)
				return
			}
			myStart := []time.Duration{d}
			var mySaves []time.Duration
			var myAcks []ack
			// Answer times: sorted random moments of the answer window.
			times := make([]time.Duration, len(at.Questions))
			for k := range times {
				times[k] = time.Duration(rng.Int64N(int64(answerWin)))
			}
			slices.Sort(times)
			begin := t0.Add(startWin)
			for pos := range at.Questions {
				time.Sleep(time.Until(begin.Add(times[pos])))
				ch := rng.IntN(len(at.Questions[pos].Options))
				code, _, d := do("PUT", fmt.Sprintf("%s/api/v1/contests/%s/attempts/%s/answers/%d", base, fx.code, at.AttemptID, pos),
					[]byte(fmt.Sprintf(`{"choice":%d}`, ch)), tok)
				if code == http.StatusNoContent {
					mySaves = append(mySaves, d)
					myAcks = append(myAcks, ack{at.AttemptID, pos, ch})
				} else {
					errs.Add(1)
					saveErrs.Add(1)
				}
			}
			code, _, d = do("POST", fmt.Sprintf("%s/api/v1/contests/%s/attempts/%s/submit", base, fx.code, at.AttemptID),
				[]byte(fmt.Sprintf(`{"prediction":%d}`, rng.IntN(100))), tok)
			mu.Lock()
			defer mu.Unlock()
			startLat = append(startLat, myStart...)
			saveLat = append(saveLat, mySaves...)
			acks = append(acks, myAcks...)
			if code == http.StatusOK {
				submitted.Add(1)
				subLat = append(subLat, d)
			} else {
				errs.Add(1)
				subErrs.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(t0)
	close(stopWatch)
	watch()
	srvMu.Lock()
	srv.stop()
	serverCPU.Add(int64(cpuOf(srv.cmd.ProcessState)))
	if errs.Load() > 0 {
		out := srv.out.String()
		fmt.Fprintf(os.Stderr, "bench contest: %d errors; the server said:\n%s\n", errs.Load(), out[max(0, len(out)-4000):])
	}
	srvMu.Unlock()

	res.Started, res.Submitted, res.Errors, res.Retries, res.BusyRetries = started.Load(), submitted.Load(), errs.Load(), retries.Load(), busy.Load()
	res.AnswersAcked = int64(len(acks))
	res.SavesPerSec = float64(len(saveLat)) / answerWin.Seconds()
	ms := func(lat []time.Duration, p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		slices.Sort(lat)
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	res.SaveP50Ms, res.SaveP95Ms, res.SaveP99Ms = ms(saveLat, 0.50), ms(saveLat, 0.95), ms(saveLat, 0.99)
	res.StartP95Ms, res.StartP99Ms = ms(startLat, 0.95), ms(startLat, 0.99)
	res.SubmitP95Ms, res.SubmitP99Ms = ms(subLat, 0.95), ms(subLat, 0.99)
	res.PeakRSSMB = float64(peak.Load()) / 1024
	res.SitSeconds = elapsed.Seconds()
	res.ServerCPUS = time.Duration(serverCPU.Load()).Seconds()
	res.StartErrors, res.SaveErrors, res.SubmitErrors = startErrs.Load(), saveErrs.Load(), subErrs.Load()

	// Every acknowledged answer must be in the database as acknowledged.
	a, err := open(ctx, func(string) string { return "" }, dsn, key, false, nil)
	if err != nil {
		return err
	}
	defer a.Close()
	stored, err := a.db.Contests().ContestAnswerCount(ctx, fx.tenantID, fx.roundID)
	if err != nil {
		return err
	}
	res.AnswersStored = stored
	byAttempt := map[string][]ack{}
	for _, k := range acks {
		byAttempt[k.attempt] = append(byAttempt[k.attempt], k)
	}
	for id, ks := range byAttempt {
		got, err := a.db.Contests().Answers(ctx, fx.tenantID, id)
		if err != nil {
			return err
		}
		for _, k := range ks {
			if c, ok := got[k.pos]; !ok || c != k.choic {
				res.Lost++
			}
		}
	}
	return nil
}

// rankBench stores a national-scale round (n attempts by n/1.25 people,
// the MoJ 2021 ratio, three quarters of them with a prediction) and times
// its close: the counted attempt per person, the actual number, the chain,
// the ranking written.
func rankBench(ctx context.Context, e *env, dsn, key string, n int, profile string) (loadS, rankS, cpuS float64, err error) {
	a, err := open(ctx, e.getenv, dsn, key, true, nil)
	if err != nil {
		return 0, 0, 0, err
	}
	defer a.Close()
	ten, err := newBenchTenant(ctx, a)
	if err != nil {
		return 0, 0, 0, err
	}
	now := time.Now().UTC()
	svc := &contest.Service{Store: a.db.Contests(), Now: func() time.Time { return now }}
	actor := contest.Actor{ID: "bench", Name: "bench"}
	c, err := svc.CreateContest(ctx, actor, ten.ID, contest.Contest{Code: "quoc-gia-" + strings.ToLower(ten.Code), Title: "Vòng thi quốc gia (đo tốc độ)",
		Prizes: []contest.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 5}, {Name: "Giải Ba", Count: 10}, {Name: "Khuyến khích", Count: 20}}})
	if err != nil {
		return 0, 0, 0, err
	}
	r, err := svc.AddRound(ctx, actor, ten.ID, contest.Round{ContestID: c.ID, No: 1, Title: "Tháng 4", Mode: contest.Window,
		OpensAt: now.Add(-30 * 24 * time.Hour), ClosesAt: now.Add(-time.Hour), TimeLimit: 20 * time.Minute, Questions: 20, Attempts: 3,
		Counts: contest.CountBest, Chain: []contest.TieKey{contest.ByScore, contest.ByPrediction, contest.ByDuration, contest.BySubmitted},
		Prediction: contest.PredictAllCorrectPeople})
	if err != nil {
		return 0, 0, 0, err
	}
	t0 := time.Now()
	people := n * 4 / 5
	rng := mrand.New(mrand.NewPCG(1, 2))
	const batch = 50000
	ps := make([]contest.Participant, 0, batch)
	ids := make([]string, people)
	for i := range people {
		ids[i] = uuid.NewString()
		ps = append(ps, contest.Participant{ID: ids[i], ContestID: c.ID, Phone: fmt.Sprintf("09%08d", i), FullName: fmt.Sprintf("Người %d", i),
			BirthDate: time.Date(1970+i%40, 1, 1, 0, 0, 0, 0, time.UTC), UnitCode: fmt.Sprintf("%05d", 29900+i%100), PassHash: "-", RegisteredAt: now})
		if len(ps) == batch || i == people-1 {
			if err := a.db.Contests().InsertParticipants(ctx, ten.ID, ps); err != nil {
				return 0, 0, 0, err
			}
			ps = ps[:0]
		}
	}
	as := make([]contest.Attempt, 0, batch)
	per := map[string]int{}
	for i := range n {
		pid := ids[i%people]
		per[pid]++
		start := r.OpensAt.Add(time.Duration(rng.Int64N(int64(29 * 24 * time.Hour))))
		sub := start.Add(time.Duration(60+rng.IntN(1140)) * time.Second)
		correct := 20 - min(20, int(rng.ExpFloat64()*3))
		at := contest.Attempt{ID: uuid.NewString(), RoundID: r.ID, ParticipantID: pid, UnitCode: fmt.Sprintf("%05d", 29900+(i%people)%100), No: per[pid],
			StartedAt: start, Deadline: start.Add(20 * time.Minute), State: contest.Submitted, SubmittedAt: &sub, Correct: correct, Score: correct}
		if rng.IntN(4) > 0 {
			p := int64(rng.IntN(200000))
			at.Prediction = &p
		}
		as = append(as, at)
		if len(as) == batch || i == n-1 {
			if err := a.db.Contests().InsertAttempts(ctx, ten.ID, as); err != nil {
				return 0, 0, 0, err
			}
			as = as[:0]
		}
	}
	loadS = time.Since(t0).Seconds()
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return loadS, 0, 0, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return loadS, 0, 0, err
		}
		defer pprof.StopCPUProfile()
	}
	t1, c1 := time.Now(), selfCPU()
	if _, _, err := svc.Close(ctx, actor, c, ten.ID, r.ID); err != nil {
		return loadS, 0, 0, err
	}
	return loadS, time.Since(t1).Seconds(), (selfCPU() - c1).Seconds(), nil
}

// pgProfile names the PostgreSQL close's profile beside the SQLite one.
func pgProfile(path string) string {
	if path == "" {
		return ""
	}
	return path + ".pg"
}

// cpuOf is the CPU time (user and system) of an ended process.
func cpuOf(ps *os.ProcessState) time.Duration {
	if ps == nil {
		return 0
	}
	return ps.UserTime() + ps.SystemTime()
}

// selfCPU is this process's CPU time so far (user and system): on a shared
// machine the CPU a phase used says more than its wall time.
func selfCPU() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
