package petition

import (
	"context"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// VisitKind is the kind of a reception (sổ tiếp công dân).
type VisitKind string

const (
	VisitDirector VisitKind = "director" // định kỳ của Giám đốc Sở / Chủ tịch UBND xã
	VisitUnit     VisitKind = "unit"     // định kỳ của thủ trưởng đơn vị
	VisitRegular  VisitKind = "regular"  // thường xuyên tại trụ sở tiếp công dân
	VisitAdHoc    VisitKind = "ad_hoc"   // đột xuất
)

var visitKindNames = map[VisitKind]string{
	VisitDirector: "Tiếp định kỳ của người đứng đầu", VisitUnit: "Tiếp định kỳ của đơn vị",
	VisitRegular: "Tiếp thường xuyên", VisitAdHoc: "Tiếp đột xuất",
}

// VisitKinds lists the kinds.
var VisitKinds = []VisitKind{VisitDirector, VisitUnit, VisitRegular, VisitAdHoc}

// Name is the kind's Vietnamese name.
func (k VisitKind) Name() string { return visitKindNames[k] }

// Valid reports whether k is known.
func (k VisitKind) Valid() bool { _, ok := visitKindNames[k]; return ok }

// ScheduledDay is a reception day on the schedule (lịch tiếp công dân).
type ScheduledDay struct {
	ID    string
	Day   calendar.Date
	Kind  VisitKind // director or unit
	Host  string    // who receives: "Giám đốc Sở Nguyễn Văn B"
	Unit  string
	Place string
}

// Visit is one entry of the reception book: who came, who received them,
// what was said, what was handed in and what followed.
type Visit struct {
	ID              string
	Day             calendar.Date
	Kind            VisitKind
	ReceivedBy      string
	Visitor         string // the visitor or the group's first representative
	Address         string
	GroupSize       int      // 1 for one person
	Representatives []string // a group's representatives
	Content         string
	Documents       string
	FollowUp        string
	PetitionID      string // the petition it produced, if any
}

// ScheduleDay puts a reception day on the schedule.
func (s *Service) ScheduleDay(ctx context.Context, a Actor, tenantID string, d ScheduledDay) (ScheduledDay, error) {
	var errs apperr.FieldList
	if d.Day.IsZero() {
		errs.Add("day", "Nhập ngày tiếp (dd/mm/yyyy).")
	}
	if d.Kind != VisitDirector && d.Kind != VisitUnit {
		errs.Add("kind", "Chọn lịch tiếp của người đứng đầu hoặc của đơn vị.")
	}
	var err error
	if d.Host, err = clean("host", "người tiếp", d.Host, 200, true); err != nil {
		errs.Merge(err)
	}
	d.Unit, _ = clean("unit", "đơn vị", d.Unit, 200, false)
	d.Place, _ = clean("place", "địa điểm", d.Place, 300, false)
	if e := errs.Err(); e != nil {
		return d, e
	}
	d.ID = newID()
	err = s.Store.TransactPetitions(ctx, func(tx Tx) error {
		if err := tx.InsertScheduledDay(ctx, tenantID, d); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "reception_book.schedule", "day:"+d.Day.String(), d.Kind.Name())
	})
	return d, err
}

// RecordVisit writes a reception into the book, checking a group's
// representatives (GroupRule).
func (s *Service) RecordVisit(ctx context.Context, a Actor, tenantID string, v Visit) (Visit, error) {
	var errs apperr.FieldList
	if v.Day.IsZero() {
		errs.Add("day", "Nhập ngày tiếp (dd/mm/yyyy).")
	} else if v.Day.After(s.Today()) {
		errs.Add("day", "Ngày tiếp không được sau hôm nay.")
	}
	if !v.Kind.Valid() {
		errs.Add("kind", "Chọn hình thức tiếp.")
	}
	var err error
	for _, f := range []struct {
		field, label string
		dst          *string
		max          int
		req          bool
	}{{"received_by", "người tiếp", &v.ReceivedBy, 200, true}, {"visitor", "họ tên công dân", &v.Visitor, 200, true},
		{"address", "địa chỉ", &v.Address, 400, false}, {"content", "nội dung trình bày", &v.Content, 4000, true},
		{"documents", "tài liệu nộp", &v.Documents, 2000, false}, {"follow_up", "kết quả, hướng xử lý", &v.FollowUp, 2000, false}} {
		if *f.dst, err = clean(f.field, f.label, *f.dst, f.max, f.req); err != nil {
			errs.Merge(err)
		}
	}
	if v.GroupSize < 1 {
		v.GroupSize = 1
	}
	var reps []string
	for _, r := range v.Representatives {
		if r = strings.TrimSpace(r); r != "" {
			reps = append(reps, r)
		}
	}
	v.Representatives = reps
	if !v.Day.IsZero() {
		if msg := CheckGroup(v.GroupSize, len(reps), v.Day); msg != "" {
			errs.Add("representatives", msg)
		}
	}
	if e := errs.Err(); e != nil {
		return v, e
	}
	v.ID = newID()
	err = s.Store.TransactPetitions(ctx, func(tx Tx) error {
		if err := tx.InsertVisit(ctx, tenantID, v); err != nil {
			return err
		}
		return s.audit(ctx, tx, tenantID, a, "reception_book.visit", "day:"+v.Day.String(), v.Kind.Name())
	})
	return v, err
}
