package catalog

import (
	"fmt"

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
	edited.check(&ps)
	return ps.err()
}

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
