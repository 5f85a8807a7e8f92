// Package audit defines the append-only, hash-chained audit log: every write
// and every sign-in becomes an Entry whose hash covers its content and the
// previous entry's hash, so changing or removing any row breaks the chain.
// Each tenant has its own chain, numbered from 1 without gaps.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Entry is one line of the audit log.
type Entry struct {
	TenantID string    `json:"-"`
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	ActorID  string    `json:"actor_id,omitempty"` // officer ID, empty for the system
	Actor    string    `json:"actor"`              // username or "system"
	UnitID   string    `json:"unit_id,omitempty"`
	Action   string    `json:"action"` // "unit.create", "auth.login", "auth.login_failed"
	Object   string    `json:"object,omitempty"`
	Detail   string    `json:"detail,omitempty"` // short, no personal data beyond names
	IP       string    `json:"ip,omitempty"`
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`
}

// Genesis is the PrevHash of a chain's first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// ComputeHash returns the hash of e over every field but Hash itself. Fields
// are length-prefixed so no two different entries encode alike.
func ComputeHash(e Entry) string {
	h := sha256.New()
	for _, f := range []string{
		e.TenantID, strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339Nano),
		e.ActorID, e.Actor, e.UnitID, e.Action, e.Object, e.Detail, e.IP, e.PrevHash,
	} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Seal fills in Seq, PrevHash and Hash to append e after the head (lastSeq,
// lastHash) of its chain.
func Seal(e Entry, lastSeq int64, lastHash string) Entry {
	if lastHash == "" {
		lastHash = Genesis
	}
	e.Seq = lastSeq + 1
	e.PrevHash = lastHash
	e.At = e.At.UTC().Truncate(time.Microsecond) // both engines keep microseconds
	e.Hash = ComputeHash(e)
	return e
}

// Verifier checks a chain entry by entry, in Seq order.
type Verifier struct {
	n        int64
	lastHash string
	problems []string
}

// Add checks the next entry of the chain.
func (v *Verifier) Add(e Entry) {
	if v.lastHash == "" {
		v.lastHash = Genesis
	}
	want := v.n + 1
	switch {
	case e.Seq != want:
		v.problems = append(v.problems, fmt.Sprintf("dòng %d: thiếu hoặc sai thứ tự (mong đợi %d)", e.Seq, want))
	case e.PrevHash != v.lastHash:
		v.problems = append(v.problems, fmt.Sprintf("dòng %d: liên kết với dòng trước bị sai", e.Seq))
	case ComputeHash(e) != e.Hash:
		v.problems = append(v.problems, fmt.Sprintf("dòng %d: nội dung đã bị thay đổi", e.Seq))
	}
	v.n = e.Seq
	v.lastHash = e.Hash
}

// Finish checks the chain against its recorded head (the last seq and hash
// the store remembers), which catches rows removed from the end.
func (v *Verifier) Finish(headSeq int64, headHash string) error {
	if headSeq != v.n || (headSeq > 0 && headHash != v.lastHash) {
		v.problems = append(v.problems, fmt.Sprintf("đầu chuỗi ghi nhận dòng %d nhưng nhật ký kết thúc ở dòng %d", headSeq, v.n))
	}
	if len(v.problems) > 0 {
		return &BrokenError{Problems: v.problems}
	}
	return nil
}

// Count is the number of entries checked.
func (v *Verifier) Count() int64 { return v.n }

// BrokenError lists what is wrong with a chain.
type BrokenError struct{ Problems []string }

func (e *BrokenError) Error() string {
	return "nhật ký kiểm toán không toàn vẹn: " + strings.Join(e.Problems, "; ")
}

// Actor is who does something: an officer, a citizen or the system.
type Actor struct {
	ID     string
	Name   string // username, or "system", or "cli"
	UnitID string
	IP     string
}

// System is the actor of work done by the program itself or its CLI.
var System = Actor{Name: "system"}

// Entry builds an entry by a on a tenant.
func (a Actor) Entry(tenantID, action, object, detail string) Entry {
	return Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, UnitID: a.UnitID, IP: a.IP,
		Action: action, Object: object, Detail: detail}
}
