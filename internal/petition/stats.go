package petition

import (
	"context"

	"tuphap/internal/calendar"
)

// Figures are the register's numbers for a period, every one computed from
// the records (Counts is the direct definition) and each drillable to them.
type Figures struct {
	From       calendar.Date               `json:"from"`
	To         calendar.Date               `json:"to"`
	Received   int                         `json:"received"`
	ByKind     map[Kind]int                `json:"by_kind"`
	ByChannel  map[Channel]map[Kind]int    `json:"by_channel"`
	Duplicates int                         `json:"duplicates"`
	Anonymous  int                         `json:"anonymous"`
	Accepted   int                         `json:"accepted"`
	Forwarded  int                         `json:"forwarded"`
	Guided     int                         `json:"guided"`
	Filed      int                         `json:"filed"`
	Resolved   int                         `json:"resolved"`
	OnTime     int                         `json:"on_time"`
	Late       int                         `json:"late"`
	Conclusion map[Conclusion]int          `json:"conclusions"`
	Terminated int                         `json:"terminated"`
	Pending    int                         `json:"pending"` // open on the last day
	Overdue    int                         `json:"overdue"` // open and past their deadline on the last day
	AmountVND  int64                       `json:"amount_vnd"`
	LandM2     int64                       `json:"land_m2"`
	Visits     VisitFigures                `json:"visits"`
	ResolvedBy map[Kind]map[Conclusion]int `json:"resolved_by_kind"`
	// PerKind counts every figure (Counts' keys) per kind.
	PerKind map[Kind]map[string]int `json:"per_kind"`
}

// VisitFigures count the reception book.
type VisitFigures struct {
	Visits        int      `json:"visits"`
	Persons       int      `json:"persons"`
	Groups        int      `json:"groups"`
	DirectorDays  int      `json:"director_days"`
	MissingMonths []string `json:"director_missing_months,omitempty"`
}

// CountedKeys are the figures a list can be drilled into.
var CountedKeys = map[string]string{
	"received": "tiếp nhận", "duplicate": "đơn trùng", "anonymous": "nặc danh, mạo danh", "accepted": "thụ lý",
	"forwarded": "chuyển đơn", "guided": "hướng dẫn", "forwarded_guided": "chuyển đơn hoặc hướng dẫn", "filed": "lưu đơn", "resolved": "đã giải quyết",
	"on_time": "giải quyết đúng hạn", "late": "giải quyết quá hạn", "right": "kết luận đúng", "wrong": "kết luận sai",
	"partly_right": "kết luận đúng một phần", "answered": "đã trả lời", "terminated": "đình chỉ", "pending": "đang giải quyết cuối kỳ",
	"overdue": "quá hạn cuối kỳ",
}

func in(d *calendar.Date, from, to calendar.Date) bool {
	return d != nil && !d.Before(from) && !d.After(to)
}

// Counts lists the figures of [from, to] a petition counts in: the direct
// definition of every figure.
func Counts(cal WorkingDayer, p Petition, from, to calendar.Date) []string {
	var out []string
	rec := p.ReceivedOn
	if in(&rec, from, to) {
		out = append(out, "received")
		if p.DuplicateOf != "" {
			out = append(out, "duplicate")
		}
		if p.Anonymous {
			out = append(out, "anonymous")
		}
	}
	if in(p.DecidedOn, from, to) {
		switch p.Decision {
		case HandleAccept:
			out = append(out, "accepted")
		case HandleForward:
			out = append(out, "forwarded", "forwarded_guided")
		case HandleGuide:
			out = append(out, "guided", "forwarded_guided")
		case HandleFile:
			out = append(out, "filed")
		}
	}
	if p.Status == StatusResolved && in(p.ResolvedOn, from, to) {
		out = append(out, "resolved", string(p.Conclusion))
		if on, ok := OnTime(cal, p); ok {
			if on {
				out = append(out, "on_time")
			} else {
				out = append(out, "late")
			}
		}
	}
	if p.Status == StatusTerminated && in(p.TerminatedOn, from, to) {
		out = append(out, "terminated")
	}
	if !rec.After(to) && openOn(p, to) {
		out = append(out, "pending")
		q := p
		if p.DecidedOn != nil && p.DecidedOn.After(to) {
			q.Status = StatusReceived
		}
		if n, ok := NextDeadline(cal, q, to); ok && n.Late {
			out = append(out, "overdue")
		}
	}
	return out
}

// openOn reports whether the petition still waited for the agency at the
// end of day.
func openOn(p Petition, day calendar.Date) bool {
	closed := func(d *calendar.Date) bool { return d != nil && !d.After(day) }
	switch {
	case closed(p.ResolvedOn), closed(p.TerminatedOn):
		return false
	case p.Decision != "" && p.Decision != HandleAccept && closed(p.DecidedOn):
		return false
	}
	return true
}

// Compute is the figures of [from, to] over the petitions and visits.
func Compute(cal WorkingDayer, ps []Petition, vs []Visit, from, to calendar.Date) Figures {
	f := Figures{From: from, To: to, ByKind: map[Kind]int{}, ByChannel: map[Channel]map[Kind]int{},
		Conclusion: map[Conclusion]int{}, ResolvedBy: map[Kind]map[Conclusion]int{}, PerKind: map[Kind]map[string]int{}}
	for _, c := range Channels {
		f.ByChannel[c] = map[Kind]int{}
	}
	for _, p := range ps {
		for _, k := range Counts(cal, p, from, to) {
			if f.PerKind[p.Kind] == nil {
				f.PerKind[p.Kind] = map[string]int{}
			}
			f.PerKind[p.Kind][k]++
			switch k {
			case "received":
				f.Received++
				f.ByKind[p.Kind]++
				f.ByChannel[p.Channel][p.Kind]++
			case "duplicate":
				f.Duplicates++
			case "anonymous":
				f.Anonymous++
			case "accepted":
				f.Accepted++
			case "forwarded":
				f.Forwarded++
			case "guided":
				f.Guided++
			case "filed":
				f.Filed++
			case "resolved":
				f.Resolved++
				f.AmountVND += p.AmountVND
				f.LandM2 += p.LandM2
				if f.ResolvedBy[p.Kind] == nil {
					f.ResolvedBy[p.Kind] = map[Conclusion]int{}
				}
				f.ResolvedBy[p.Kind][p.Conclusion]++
			case "right", "wrong", "partly_right", "answered":
				f.Conclusion[Conclusion(k)]++
			case "on_time":
				f.OnTime++
			case "late":
				f.Late++
			case "terminated":
				f.Terminated++
			case "pending":
				f.Pending++
			case "overdue":
				f.Overdue++
			}
		}
	}
	f.Visits = CountVisits(vs, from, to)
	return f
}

// CountVisits counts the reception book's visits of [from, to]: visits,
// persons (a group by its size), groups, the days the head of the agency
// received citizens (Art. 18 Law on Citizen Reception 2013) and the months
// without one.
func CountVisits(vs []Visit, from, to calendar.Date) VisitFigures {
	var f VisitFigures
	var dirDays []calendar.Date
	seen := map[calendar.Date]bool{}
	for _, v := range vs {
		if v.Day.Before(from) || v.Day.After(to) {
			continue
		}
		f.Visits++
		f.Persons += max(1, v.GroupSize)
		if MaxRepresentatives(v.GroupSize, v.Day) > 0 {
			f.Groups++
		}
		if v.Kind == VisitDirector && !seen[v.Day] {
			seen[v.Day] = true
			dirDays = append(dirDays, v.Day)
		}
	}
	f.DirectorDays = len(dirDays)
	f.MissingMonths = MissingDirectorMonths(dirDays, from, to)
	return f
}

// Figures computes the register's figures of [from, to] for a tenant.
func (s *Service) Figures(ctx context.Context, tenantID string, from, to calendar.Date) (Figures, error) {
	cal, err := s.Cal(ctx, tenantID)
	if err != nil {
		return Figures{}, err
	}
	ps, err := s.Store.InPeriod(ctx, tenantID, from, to)
	if err != nil {
		return Figures{}, err
	}
	vs, err := s.Store.Visits(ctx, tenantID, from, to)
	if err != nil {
		return Figures{}, err
	}
	return Compute(cal, ps, vs, from, to), nil
}

// Drill returns the petitions behind one figure of [from, to], a page at a
// time.
func (s *Service) Drill(ctx context.Context, tenantID, key string, from, to calendar.Date, f Filter) ([]Petition, error) {
	cal, err := s.Cal(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	ps, err := s.Store.InPeriod(ctx, tenantID, from, to)
	if err != nil {
		return nil, err
	}
	var out []Petition
	for _, p := range ps {
		if f.Kind != "" && p.Kind != f.Kind || f.Channel != "" && p.Channel != f.Channel {
			continue
		}
		for _, k := range Counts(cal, p, from, to) {
			if k == key {
				out = append(out, p)
				break
			}
		}
	}
	if f.Offset >= len(out) {
		return nil, nil
	}
	out = out[f.Offset:]
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}
