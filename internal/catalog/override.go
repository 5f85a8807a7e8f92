package catalog

import (
	"fmt"
	"slices"
	"strings"
	"tuphap/internal/vnfmt"

	"tuphap/internal/calendar"
)

// ValidateOverride checks a tenant's edit of a procedure. A province
// publishes its own version of a built-in procedure: it may shorten the time
// limits the law sets as maxima (never lengthen them, and keep their unit),
// change its internal process, documents and online level; it may not change
// the national code, the field or the identity of the procedure. A local
// procedure (Local: true) is the tenant's own: any valid edit is allowed as
// long as it stays local and keeps its ID. The edited procedure must also
// pass Validate.
func ValidateOverride(base, edited Procedure) error {
	var ps problems
	if edited.ID != base.ID {
		ps.add("id", fmt.Sprintf("Không được đổi mã định danh thủ tục (%q → %q)", base.ID, edited.ID))
	}
	if base.Local {
		if !edited.Local {
			ps.add("local", "Thủ tục riêng của địa phương không thể chuyển thành thủ tục có sẵn")
		}
		edited.check(&ps)
		return ps.err()
	}
	if edited.Local {
		ps.add("local", "Thủ tục có sẵn không thể chuyển thành thủ tục riêng của địa phương")
	}
	if edited.Code != base.Code {
		ps.add("code", fmt.Sprintf("Không được thay đổi mã thủ tục quốc gia (%q → %q)", base.Code, edited.Code))
	}
	if edited.Field.Code != base.Field.Code {
		ps.add("field", fmt.Sprintf("Không được thay đổi lĩnh vực của thủ tục (%s → %s)", base.Field.Name, edited.Field.Name))
	}
	notLonger(&ps, "time_limit", "Thời hạn giải quyết", base.TimeLimit, edited.TimeLimit)
	for _, c := range []Channel{ChannelDirect, ChannelOnline, ChannelPostal} {
		if base.Allows(c) && edited.Allows(c) {
			notLonger(&ps, "channel_rules", "Thời hạn giải quyết ("+c.Label()+")", base.TimeLimitFor(c), edited.TimeLimitFor(c))
		}
	}
	switch {
	case edited.ExtendedTimeLimit == (calendar.Duration{}):
	case base.ExtendedTimeLimit == (calendar.Duration{}):
		ps.add("extended_time_limit", "Không được thêm thời hạn kéo dài mà văn bản quy phạm pháp luật không quy định")
	default:
		notLonger(&ps, "extended_time_limit", "Thời hạn kéo dài", base.ExtendedTimeLimit, edited.ExtendedTimeLimit)
	}
	stepsNotLonger(&ps, "steps", base.TimeLimit, base.Steps, edited.Steps)
	for i, r := range edited.ChannelRules {
		if br, ok := base.channelRule(r.Channel); ok {
			stepsNotLonger(&ps, fmt.Sprintf("channel_rules[%d].steps", i), br.TimeLimit, br.Steps, r.Steps)
		}
	}
	feesNotHigher(&ps, base, edited)
	edited.check(&ps)
	return ps.err()
}

// stepsNotLonger: when a province keeps the shape of the internal process
// (the same number of steps), no step's allotment may grow; shortening the
// time limit is done by shortening steps, never by moving time between them
// beyond what the built-in process gives each holder. A reshaped process
// (steps added or removed) is checked only against the time limit, by
// checkSteps. Allotments are compared in the unit the statute counts in.
func stepsNotLonger(ps *problems, path string, limit calendar.Duration, base, edited []Step) {
	if len(base) != len(edited) {
		return
	}
	for i := range edited {
		b, okB := measure(limit.Unit, base[i].Allotted)
		e, okE := measure(limit.Unit, edited[i].Allotted)
		if okB && okE && e > b {
			ps.add(fmt.Sprintf("%s[%d].allotted", path, i), fmt.Sprintf("Bước %d (%s): thời gian chỉ được rút ngắn, không được kéo dài (%s → %s)",
				i+1, edited[i].Name, measuredText(limit.Unit, b), measuredText(limit.Unit, e)))
		}
	}
}

// feesNotHigher: fees and charges are collected at the levels the competent
// authority sets (Luật Phí và lệ phí 2015; the amounts of the Ministry of
// Finance's circulars, e.g. TT 244/2016/TT-BTC for judicial records): a
// tenant's copy may lower a fee or widen an exemption, never charge more
// than the built-in amount for any category of payer, nor add a charge the
// procedure does not have. Where the built-in fee is not verified (its fee
// fact is not sourced), the province's own figure is accepted.
func feesNotHigher(ps *problems, base, edited Procedure) {
	if base.Provenance.Mark(FactFee) != MarkSourced {
		return
	}
	for i, f := range edited.Fees {
		j := slices.IndexFunc(base.Fees, func(b Fee) bool { return b.Name == f.Name && b.Description == f.Description && b.When == f.When })
		if j < 0 {
			ps.add(fmt.Sprintf("fees[%d]", i), fmt.Sprintf("Không được thêm khoản %s %q mà thủ tục gốc không quy định", strings.ToLower(f.Name), orNone(f.Description)))
			continue
		}
		b := base.Fees[j]
		for _, c := range FeeCategories() {
			if got, max := f.AmountFor(c), b.AmountFor(c); got > max {
				ps.add(fmt.Sprintf("fees[%d].amount", i), fmt.Sprintf("%s cho %s không được cao hơn mức quy định (%s → %s đồng)",
					f.Name, strings.ToLower(c.Label()), money(max), money(got)))
				break
			}
		}
	}
}

// money writes an amount of đồng the Vietnamese way: 100.000.
func money(n int64) string { return vnfmt.Int(n) }

// notLonger records a problem when edited is longer than base or in another
// unit.
func notLonger(ps *problems, field, what string, base, edited calendar.Duration) {
	switch {
	case edited.Unit != base.Unit:
		ps.add(field, fmt.Sprintf("%s: không được đổi đơn vị thời hạn (%s → %s)", what, durationText(base), durationText(edited)))
	case edited.Unit != calendar.SameDay && edited.Amount > base.Amount:
		ps.add(field, fmt.Sprintf("%s chỉ được rút ngắn, không được kéo dài (%s → %s)", what, durationText(base), durationText(edited)))
	}
}
