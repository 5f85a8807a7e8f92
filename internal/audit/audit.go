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
	// Anchors are heads recorded outside the database (Anchor); each must
	// still be in the chain with the same hash. They catch what the chain
	// alone cannot: rows cut from the end with the head rewound to match.
	Anchors  []Anchor
	n        int64
	lastHash string
	problems []string
}

// Anchor is a chain head written outside the database (`tuphap audit
// anchor`): the tenant, the sequence number and hash of its last entry.
type Anchor struct {
	TenantID   string
	TenantCode string
	Seq        int64
	Hash       string
	At         time.Time
}

const anchorTag = "tuphap-audit-anchor/1"

// String is the anchor's line in an anchor file.
func (a Anchor) String() string {
	return fmt.Sprintf("%s %s %s %d %s %s", anchorTag, a.TenantID, a.TenantCode, a.Seq, a.Hash, a.At.UTC().Format(time.RFC3339))
}

// ParseAnchors reads an anchor file: one anchor a line; blank lines and
// lines starting with # are skipped.
func ParseAnchors(text string) ([]Anchor, error) {
	var out []Anchor
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 6 || f[0] != anchorTag {
			return nil, fmt.Errorf("dòng %d của tệp mốc neo không đúng định dạng", i+1)
		}
		var a Anchor
		var err error
		a.TenantID, a.TenantCode, a.Hash = f[1], f[2], f[4]
		if a.Seq, err = strconv.ParseInt(f[3], 10, 64); err != nil || a.Seq < 0 {
			return nil, fmt.Errorf("dòng %d của tệp mốc neo: số thứ tự không hợp lệ", i+1)
		}
		if a.At, err = time.Parse(time.RFC3339, f[5]); err != nil {
			return nil, fmt.Errorf("dòng %d của tệp mốc neo: thời điểm không hợp lệ", i+1)
		}
		out = append(out, a)
	}
	return out, nil
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
	for _, a := range v.Anchors {
		if a.Seq == e.Seq && a.Hash != e.Hash {
			v.problems = append(v.problems, fmt.Sprintf("dòng %d khác với mốc neo ngày %s", e.Seq, a.At.In(zoneVN).Format("02/01/2006 15:04")))
		}
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
	for _, a := range v.Anchors {
		if a.Seq > v.n {
			v.problems = append(v.problems, fmt.Sprintf("nhật ký kết thúc ở dòng %d nhưng mốc neo ngày %s ghi nhận dòng %d: các dòng cuối đã bị cắt",
				v.n, a.At.In(zoneVN).Format("02/01/2006 15:04"), a.Seq))
		}
	}
	if len(v.problems) > 0 {
		return &BrokenError{Problems: v.problems}
	}
	return nil
}

// zoneVN is Vietnam's time (UTC+7, no daylight saving) for messages.
var zoneVN = time.FixedZone("ICT", 7*3600)

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
