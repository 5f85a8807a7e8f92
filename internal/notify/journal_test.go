package notify

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"tuphap/internal/dossier"
)

type memJournal struct {
	mu  sync.Mutex
	out map[string][]Outcome
}

func (j *memJournal) Record(_ context.Context, m Message, o Outcome) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.out[m.ID] = append(j.out[m.ID], o)
	return nil
}

// refSender delivers with a reference, or fails as told.
type refSender struct{ fail map[string]error }

func (s refSender) Send(ctx context.Context, m Message) error {
	_, err := s.SendRef(ctx, m)
	return err
}
func (s refSender) SendRef(_ context.Context, m Message) (string, error) {
	if err := s.fail[m.ID]; err != nil {
		return "", err
	}
	return "ref-" + m.ID, nil
}

// Every outcome reaches the journal after the queue has it: sent with the
// provider's reference, retrying, and failed (permanent or out of tries).
func TestWorkerJournal(t *testing.T) {
	now := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	q := newFakeQueue(clock,
		Message{TenantID: "t", ID: "ok", Channel: Zalo, To: "0912345678"},
		Message{TenantID: "t", ID: "flaky", Channel: Zalo, To: "0912345678"},
		Message{TenantID: "t", ID: "bad", Channel: Zalo, To: "0912345678"})
	j := &memJournal{out: map[string][]Outcome{}}
	s := refSender{fail: map[string]error{"flaky": errors.New("timeout"), "bad": Permanent(errors.New("no account"))}}
	w := &Worker{Queue: q, Senders: map[Channel]Sender{Zalo: s}, Journal: j, Now: clock, MaxAttempts: 2,
		Backoff: func(int) time.Duration { return 0 }, Concurrency: 1}
	for range 3 {
		if _, err := w.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string][]string{"ok": {OutSent}, "flaky": {OutRetrying, OutFailed}, "bad": {OutFailed}}
	for id, sts := range want {
		got := j.out[id]
		if len(got) != len(sts) {
			t.Fatalf("%s: outcomes %+v, want %v", id, got, sts)
		}
		for i := range sts {
			if got[i].Status != sts[i] || got[i].At != now {
				t.Errorf("%s[%d] = %+v, want %s", id, i, got[i], sts[i])
			}
		}
	}
	if j.out["ok"][0].Ref != "ref-ok" || j.out["bad"][0].Error != "no account" || j.out["flaky"][0].Error != "timeout" {
		t.Fatalf("details: %+v", j.out)
	}
}

// The SMS simulator's reference is its message ID.
func TestSMSSenderRef(t *testing.T) {
	s := &SMSSender{Gateway: &SMSSimulator{}}
	ref, err := s.SendRef(context.Background(), Message{TenantID: "t", ID: "m1", To: "0912345678", Body: "x"})
	if err != nil || ref != "sms-m1" {
		t.Fatalf("%q %v", ref, err)
	}
}

// An applicant who agreed to Zalo gets the SMS text there too, with the
// dossier's code as the template's parameter; without the consent, none.
func TestMessagesZalo(t *testing.T) {
	due := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	d := &dossier.Dossier{TenantID: "t", ID: "d1", Code: "000.00.00.H82-261123-0001", DueAt: &due, AcceptedAt: &due, LookupPIN: "123456",
		Applicant: dossier.Applicant{FullName: "An", Phone: "0912345678"}}
	for _, m := range Messages(KindAccepted, d) {
		if m.Channel == string(Zalo) {
			t.Fatal("a Zalo message without consent")
		}
	}
	d.Extra = map[string]string{ExtraZalo: "1"}
	var z *dossier.Outgoing
	out := Messages(KindAccepted, d)
	for i := range out {
		if out[i].Channel == string(Zalo) {
			z = &out[i]
		}
	}
	if z == nil || z.Subject != d.Code || z.To != "0912345678" || z.Key != KindAccepted+":d1:0:zalo" || z.Body != out[0].Body {
		t.Fatalf("zalo message %+v", z)
	}
}
