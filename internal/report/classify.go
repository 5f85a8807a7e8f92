package report

// Facts are what the statistics read of one dossier: days are 'YYYY-MM-DD'
// in Vietnam ("" when the event has not happened), as the storage keeps them.
type Facts struct {
	TenantID  string
	Accepted  string // day of acceptance (tiếp nhận); "" if never accepted
	Due       string // day of the due time (hẹn trả); "" while waiting for a supplement (dossier.StatDue)
	Finished  string // day the dossier left processing (finished_at)
	Ended     string // result | withdrawn | stopped | transferred | refused | ""
	Channel   string // online | direct | postal
	Procedure string // procedure code
	Field     string // field (lĩnh vực) code
	Unit      string // handling unit
	LateUnit  string // unit at fault when late

	// What the service-quality index (Decision 766) counts beyond the
	// form, kept in the same roll-ups (issue 17: no report reads the
	// dossiers of its period one by one).
	Fee        bool // bears a fee or charge
	PaidOnline bool // paid online
	Rating     int  // 1 satisfied, -1 not satisfied, 0 not rated
	Multi      bool // asked for a supplement more than once

	// The acceptance of an online submission (Decree 118/2025/NĐ-CP
	// Art. 17(2)(c)), counted on the day of submission.
	Submitted  string          // day of submission ('YYYY-MM-DD')
	Acceptance AcceptanceClass // "" when no acceptance limit applies
}

// AcceptanceClass is where an online submission stands against its
// acceptance limit.
type AcceptanceClass string

const (
	AcceptWaiting AcceptanceClass = "waiting" // not answered yet
	AcceptOnTime  AcceptanceClass = "on_time" // answered within the limit
	AcceptLate    AcceptanceClass = "late"    // answered after it
)

// Counted reports whether the dossier enters the report at all: dossiers
// refused at intake or never accepted are not counted (Biểu 06 counts
// "hồ sơ nhận giải quyết", dossiers accepted for resolution).
func (f Facts) Counted() bool { return f.Accepted != "" && f.Ended != "refused" }

// EndDay is the day the dossier left processing, or "" while it is open. An
// end recorded before acceptance (or missing, in imported data) is taken as
// the day of acceptance: a dossier cannot leave before it entered, and the
// identity received = resolved + in progress needs that.
func (f Facts) EndDay() string {
	if f.Ended == "" {
		return ""
	}
	if f.Finished == "" || f.Finished < f.Accepted {
		return f.Accepted
	}
	return f.Finished
}

// Outcome classes an ended dossier (Biểu 06 columns 8–10).
type Outcome string

const (
	Early  Outcome = "early"   // Trước hạn: ended on a day before the due day
	OnTime Outcome = "on_time" // Đúng hạn: on the due day; withdrawn or stopped
	Late   Outcome = "late"    // Quá hạn: after the due day
)

// EndClass classes an ended dossier against its due day, at day
// granularity (research/onestop.md §3). Withdrawn or stopped dossiers count
// as on time: the form's note "Đúng hạn (bao gồm cả hồ sơ chờ bổ sung và trả
// lại/xin rút)". A dossier handed over to another agency with its function
// (package handover) leaves the sender's books the same way, on the day of
// the hand-over, and the receiver counts it from that day: the form says
// nothing of hand-overs, so this is tuphap's reading of "trả lại". A dossier without a
// due day (no time limit) is on time.
func (f Facts) EndClass() Outcome {
	end := f.EndDay()
	switch {
	case end == "":
		return ""
	case EndsOnTime(f.Ended) || f.Due == "":
		return OnTime
	case end < f.Due:
		return Early
	case end == f.Due:
		return OnTime
	}
	return Late
}

// EndedOnTime lists the ends counted on time whatever the due day: withdrawn,
// stopped, handed over, and returned because the applicant did not supplement
// in time (Decree 118/2025/NĐ-CP Art. 19(5); the form's "trả lại").
var EndedOnTime = []string{"withdrawn", "stopped", "transferred", "incomplete"}

// EndsOnTime reports whether ended is one of EndedOnTime.
func EndsOnTime(ended string) bool {
	for _, e := range EndedOnTime {
		if e == ended {
			return true
		}
	}
	return false
}

// Online reports whether the dossier came through the online channel; the
// form puts direct and postal dossiers in one column (cột 5).
func (f Facts) Online() bool { return f.Channel == "online" }

// Class is where one dossier falls in a period's report.
type Class struct {
	Received   string  // "online", "direct_postal", "carried_over" or "" (not in the report)
	Resolved   Outcome // the outcome if it ended in the period
	InProgress string  // "within_time" or "overdue" if still open at the end of the period
}

// Classify places a dossier in the report of period p:
//   - received online / direct_postal: accepted on a day in [From, To];
//   - carried_over: accepted before From and not ended before From;
//   - resolved: ended on a day in [From, To], classed by EndClass;
//   - in progress: accepted on or before To and not ended by the end of To;
//     within time if the due day is on or after To, else overdue. A dossier
//     waiting for the applicant's supplement has no due day (Facts.Due is
//     "": dossier.StatDue), so it is within time whatever its original due
//     date: the form counts it "Trong hạn (bao gồm cả hồ sơ chờ bổ sung)" and
//     Decree 118/2025/NĐ-CP Art. 19(5) restarts the time limit when the
//     supplement arrives.
func Classify(f Facts, p Period) Class {
	var c Class
	if !f.Counted() {
		return c
	}
	from, to := p.From.String(), p.To.String()
	end := f.EndDay()
	switch {
	case f.Accepted > to:
		return c
	case f.Accepted >= from && f.Online():
		c.Received = "online"
	case f.Accepted >= from:
		c.Received = "direct_postal"
	case end == "" || end >= from:
		c.Received = "carried_over"
	default:
		return c // ended before the period
	}
	switch {
	case end != "" && end <= to:
		c.Resolved = f.EndClass()
	case f.Due == "" || f.Due >= to:
		c.InProgress = "within_time"
	default:
		c.InProgress = "overdue"
	}
	return c
}
