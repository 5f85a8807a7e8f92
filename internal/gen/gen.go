// Package gen makes synthetic dossiers with a realistic mix (about three in
// four online, about 97% resolved early or on time, the few late ones mostly
// held up by coordinating agencies, some withdrawn, a few still open), for
// benchmarks of the statistics and for the demo department's history. It
// is plain Go: the caller stores what it makes.
package gen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
)

// Config says what to make for one tenant.
type Config struct {
	TenantID string
	AgencyID string        // for the dossier codes
	IDPrefix string        // makes IDs unique across runs and tenants
	From, To calendar.Date // acceptance days
	Today    calendar.Date // dossiers that would end after Today are still open
	Count    int           // about this many dossiers
	Seed     uint64
}

// Procedure is a procedure the generator draws, with its weight.
type Procedure struct {
	code, name, field, unit string
	limit                   int   // working days
	fee                     int64 // the first fee's amount (VND)
	weight                  int
}

// fieldUnit is the division that handles each field in the demo department.
var fieldUnit = map[string]string{
	"civil_status": "HCTP", "nationality": "HCTP", "adoption": "HCTP", "judicial_record": "HCTP",
	"state_compensation": "HCTP", "legal_aid": "TTTGPL", "legal_dissemination": "PBGDPL",
}

// fieldWeight is how often each field's procedures come in.
var fieldWeight = map[string]int{
	"judicial_record": 30, "notary": 12, "nationality": 10, "civil_status": 10, "lawyer": 8, "asset_auction": 5,
	"legal_aid": 6, "judicial_expertise": 3, "bailiff": 3, "legal_advice": 3, "commercial_arbitration": 2,
}

// coordinating are the agencies at fault for most late dossiers.
var coordinating = []string{"CA_TINH", "CA_TINH", "CA_TINH", "TAND", "THADS", "BHXH"}

// Procedures returns the catalogue's procedures as the generator draws them.
func Procedures() ([]Procedure, error) {
	all, err := catalog.Builtin()
	if err != nil {
		return nil, err
	}
	var out []Procedure
	for _, p := range all {
		code := p.Code
		if code == "" {
			code = p.ID
		}
		unit := fieldUnit[p.Field.Code]
		if unit == "" {
			unit = "BTTP"
		}
		limit := p.TimeLimit.Amount
		if p.TimeLimit.Unit == calendar.CalendarDays {
			limit = limit * 5 / 7
		}
		if limit <= 0 || p.TimeLimit.Unit == calendar.WorkingHours {
			limit = 1
		}
		w := fieldWeight[p.Field.Code]
		if w == 0 {
			w = 1
		}
		out = append(out, Procedure{code: code, name: p.Name, field: p.Field.Code, unit: unit, limit: limit, fee: firstFee(p), weight: w})
	}
	return out, nil
}

func firstFee(p catalog.Procedure) int64 {
	for _, f := range p.Fees {
		if f.Amount > 0 {
			return f.Amount
		}
	}
	return 0
}

var (
	family = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ"}
	middle = []string{"Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Hữu", "Thu"}
	given  = []string{"An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phúc", "Quân", "Tâm", "Trang", "Tuấn", "Vy"}
)

// addWorkdays moves t by n working days (Monday to Friday).
func addWorkdays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}

// Dossiers makes the tenant's dossiers day by day in acceptance order and
// hands each to fn (which may keep it: each is a new value).
func Dossiers(cfg Config, procs []Procedure, fn func(*dossier.Dossier) error) error {
	if len(procs) == 0 {
		return fmt.Errorf("gen: no procedures")
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x7475706861702))
	total := 0
	for _, p := range procs {
		total += p.weight
	}
	days := 0
	for d := cfg.From; !d.After(cfg.To); d = d.AddDays(1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			days++
		}
	}
	if days == 0 {
		return nil
	}
	perDay := float64(cfg.Count) / float64(days)
	made, worked := 0, 0
	zone := calendar.Zone()
	today := time.Date(cfg.Today.Year, cfg.Today.Month, cfg.Today.Day, 17, 0, 0, 0, zone)
	for d := cfg.From; !d.After(cfg.To); d = d.AddDays(1) {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		worked++
		n := int(perDay*float64(worked)+0.5) - made // spreads the remainder evenly
		for seq := 1; seq <= n; seq++ {
			made++
			pick := r.IntN(total)
			var p Procedure
			for _, q := range procs {
				if pick < q.weight {
					p = q
					break
				}
				pick -= q.weight
			}
			acc := time.Date(d.Year, d.Month, d.Day, 7, 30, 0, 0, zone).Add(time.Duration(r.IntN(9*60)) * time.Minute)
			due := addWorkdays(acc, p.limit)
			ch := catalog.ChannelOnline
			switch x := r.IntN(1000); {
			case x >= 970:
				ch = catalog.ChannelPostal
			case x >= 752:
				ch = catalog.ChannelDirect
			}
			dd := &dossier.Dossier{TenantID: cfg.TenantID, ID: fmt.Sprintf("%s%08d", cfg.IDPrefix, made),
				Code:        fmt.Sprintf("%s-%02d%02d%02d-%04d", cfg.AgencyID, d.Year%100, int(d.Month), d.Day, seq),
				ProcedureID: p.code, ProcedureCode: p.code, ProcedureName: p.name, FieldCode: p.field, Channel: ch,
				Applicant: dossier.Applicant{FullName: family[r.IntN(len(family))] + " " + middle[r.IntN(len(middle))] + " " + given[r.IntN(len(given))],
					IDNumber: fmt.Sprintf("0%02d%09d", 1+r.IntN(96), r.IntN(1e9))},
				TimeLimit:   calendar.Duration{Amount: p.limit, Unit: calendar.WorkingDays},
				SubmittedAt: acc.Add(-time.Duration(r.IntN(120)) * time.Minute), HandlingUnit: p.unit, Current: -1,
				Imported: true, Version: 1}
			dd.AcceptedAt, dd.ClockStart, dd.DueAt = &acc, &acc, &due
			if ch == catalog.ChannelOnline && dossier.AcceptanceRuleAt(dd.SubmittedAt).Within.Amount > 0 {
				// The desk's answer is due within 8 working hours of an
				// online submission (Decree 118/2025 Art. 17(2)(c)), a
				// working day on this calendar without holidays; the
				// generated desk accepts within two hours. Intake stores it
				// the same way, so the acceptance report measures these
				// from the column instead of recomputing each one.
				answer := addWorkdays(dd.SubmittedAt, 1)
				dd.AnswerDueAt = &answer
			}
			dd.CreatedAt, dd.UpdatedAt = dd.SubmittedAt, acc
			dd.Fee = p.fee
			if p.fee > 0 && ch == catalog.ChannelOnline && r.IntN(10) < 4 {
				dd.PaidOnline = true
			}
			var end time.Time
			ended := dossier.EndResult
			switch x := r.IntN(1000); {
			case x < 20:
				ended = dossier.EndWithdrawn
				end = addWorkdays(acc, r.IntN(p.limit+1))
			case x < 25:
				ended = dossier.EndStopped
				end = addWorkdays(acc, r.IntN(p.limit+1))
			case x < 53: // late
				end = addWorkdays(due, 1+r.IntN(6))
				dd.LateUnit = coordinating[r.IntN(len(coordinating))]
				if r.IntN(5) == 0 {
					dd.LateUnit = p.unit
				}
			case x < 230: // on the due day
				end = due.Add(-time.Duration(r.IntN(60)) * time.Minute)
			default: // early
				end = addWorkdays(acc, r.IntN(p.limit))
				if end.Before(acc) {
					end = acc
				}
			}
			if r.IntN(20) == 0 {
				req := acc.Add(2 * time.Hour)
				dd.Supplements = []dossier.Supplement{{At: req, Reason: "Bổ sung giấy tờ", By: "chuyenvien"}}
				if end.After(today) {
					dd.Status = dossier.SupplementWaiting
				} else {
					got := req.Add(24 * time.Hour)
					dd.Supplements[0].ReceivedAt = &got
				}
			}
			switch {
			case end.After(today):
				if dd.Status == 0 {
					dd.Status = dossier.Processing
				}
				dd.LateUnit = ""
			default:
				dd.FinishedAt, dd.Ended = &end, ended
				switch ended {
				case dossier.EndWithdrawn:
					dd.Status = dossier.Withdrawn
				case dossier.EndStopped:
					dd.Status = dossier.Stopped
				default:
					dd.Status = dossier.Returned
					ret := end.Add(time.Duration(1+r.IntN(48)) * time.Hour)
					dd.ReturnedAt = &ret
					if r.IntN(8) == 0 {
						dd.Rating = &dossier.Rating{Satisfied: r.IntN(100) < 96, At: ret}
					}
				}
			}
			if err := fn(dd); err != nil {
				return err
			}
		}
	}
	return nil
}
