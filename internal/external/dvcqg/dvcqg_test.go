package dvcqg

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/notify"
)

// Every change of the national status is pushed (research/onestop.md §1.1:
// the portal holds the 1–10 status of each dossier), and the submission and
// acceptance; a hand-over between steps inside status 4, the fee collected
// and the rating are not status changes.
func TestPushed(t *testing.T) {
	d := &dossier.Dossier{ID: "x", Code: "C1", ProcedureCode: "1.013859", Channel: catalog.ChannelDirect}
	tests := []struct {
		ev   dossier.Event
		want bool
	}{
		{dossier.Event{Action: dossier.ActSubmit, To: dossier.Submitted}, true},
		{dossier.Event{Action: dossier.ActAccept, From: dossier.Submitted, To: dossier.Accepted}, true},
		{dossier.Event{Action: dossier.ActForward, From: dossier.Accepted, To: dossier.Processing}, true},
		{dossier.Event{Action: dossier.ActForward, From: dossier.Processing, To: dossier.Processing}, false},
		{dossier.Event{Action: dossier.ActRequestSupplement, From: dossier.Processing, To: dossier.SupplementWaiting}, true},
		{dossier.Event{Action: dossier.ActForward, From: dossier.Processing, To: dossier.ResultReady}, true},
		{dossier.Event{Action: dossier.ActPayFee, From: dossier.ResultReady, To: dossier.ResultReady}, false},
		{dossier.Event{Action: dossier.ActReturn, From: dossier.ResultReady, To: dossier.Returned}, true},
		{dossier.Event{Action: dossier.ActWithdraw, From: dossier.Processing, To: dossier.Withdrawn}, true},
		{dossier.Event{Action: dossier.ActRate, From: dossier.Returned, To: dossier.Returned}, false},
	}
	for _, tt := range tests {
		if got := Pushed(tt.ev, d); got != tt.want {
			t.Errorf("%s %d→%d: pushed = %v", tt.ev.Action, tt.ev.From, tt.ev.To, got)
		}
	}
	imported := *d
	imported.Imported = true
	if Pushed(dossier.Event{Action: dossier.ActReturn, From: 9, To: 10}, &imported) {
		t.Error("an imported dossier is the legacy system's to synchronise")
	}
	ev := dossier.Event{Seq: 7, Action: dossier.ActReturn, From: 9, To: 10, At: time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC)}
	out := Outgoing(ev, d)
	if len(out) != 1 || out[0].Channel != "dvcqg" || out[0].Key != "dvcqg:x:7" {
		t.Fatalf("outgoing %+v", out)
	}
	var u StatusUpdate
	if err := json.Unmarshal([]byte(out[0].Body), &u); err != nil || u.Status != 10 || u.StatusName != "Đã trả kết quả" ||
		u.At != "20261201093000" || u.Channel != 1 || u.Procedure != "1.013859" {
		t.Fatalf("update %+v %v", u, err)
	}
}

// The sender: an outage is retried, a rejection is permanent (the row goes
// dead and shows in the sync report), a repeated key is harmless, and only
// a delivered push is recorded in the sync log.
func TestSender(t *testing.T) {
	sim := &Simulator{}
	var synced []StatusUpdate
	s := &Sender{Portal: sim, Synced: func(_ context.Context, _ string, u StatusUpdate, _ time.Time) error {
		synced = append(synced, u)
		return nil
	}}
	d := &dossier.Dossier{ID: "x", Code: "C1", ProcedureCode: "1.013859"}
	m := Outgoing(dossier.Event{Seq: 1, Action: dossier.ActSubmit, To: 1}, d)[0]
	msg := notify.Message{TenantID: "t", Channel: Channel, Body: m.Body, Key: m.Key}
	sim.FailNext(1)
	if err := s.Send(context.Background(), msg); err == nil || notify.IsPermanent(err) {
		t.Fatalf("outage: %v", err)
	}
	if err := s.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), msg); err != nil || len(sim.Pushes()) != 1 {
		t.Fatalf("a retried push must be received once: %v %d", err, len(sim.Pushes()))
	}
	sim.Reject("1.013859", "thủ tục chưa công bố")
	m2 := Outgoing(dossier.Event{Seq: 2, Action: dossier.ActAccept, From: 1, To: 2}, d)[0]
	err := s.Send(context.Background(), notify.Message{Channel: Channel, Body: m2.Body, Key: m2.Key})
	var rej *Rejected
	if !notify.IsPermanent(err) || !errors.As(err, &rej) {
		t.Fatalf("rejection: %v", err)
	}
	if err := s.Send(context.Background(), notify.Message{Channel: Channel, Body: "{", Key: "k"}); !notify.IsPermanent(err) {
		t.Fatalf("broken body: %v", err)
	}
	if len(synced) != 2 {
		t.Fatalf("synced %d, want the delivered push twice (idempotent)", len(synced))
	}
	noCode := &dossier.Dossier{ID: "y", Code: "C2"}
	m3 := Outgoing(dossier.Event{Seq: 1, Action: dossier.ActSubmit, To: 1}, noCode)[0]
	if err := s.Send(context.Background(), notify.Message{Channel: Channel, Body: m3.Body, Key: m3.Key}); !notify.IsPermanent(err) ||
		!strings.Contains(err.Error(), "mã thủ tục") {
		t.Fatalf("a procedure with no national code: %v", err)
	}
}

// The national catalogue import: a known code is matched (its differences
// listed, the tenant's row kept), a new complete record is added as the
// tenant's procedure, an incomplete one is skipped with the reason.
func TestPlanImport(t *testing.T) {
	national, err := SampleCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	builtin, err := catalog.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	current := catalog.Merge(builtin, nil)
	plan := PlanImport(national, current)
	if len(plan.Matched) != len(national)-3 {
		t.Errorf("matched %d of %d", len(plan.Matched), len(national))
	}
	if len(plan.Add) != 2 || plan.Add[0].Code != "9.900001" || plan.Add[0].ID != "local.9_900001" || !plan.Add[0].Local {
		t.Fatalf("add %+v", plan.Add)
	}
	if len(plan.Skipped) != 1 || plan.Skipped[0].Code != "9.900003" || !strings.Contains(plan.Skipped[0].Reason, "Căn cứ pháp lý") {
		t.Fatalf("skipped %+v", plan.Skipped)
	}
	renamed := national[0]
	renamed.Name = "Tên khác trên Cổng"
	plan = PlanImport([]catalog.Procedure{renamed}, current)
	if len(plan.Matched) != 1 || len(plan.Matched[0].Diffs) != 1 || !strings.Contains(plan.Matched[0].Diffs[0], "Tên khác") {
		t.Fatalf("diffs %+v", plan.Matched)
	}
}
