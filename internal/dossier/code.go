package dossier

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"tuphap/internal/calendar"
)

// FormatCode builds a dossier code: "<agency electronic ID>-<yyMMdd>-<NNNN>",
// the receiving agency's ID, the date of acceptance and the day's sequence
// number (Circular 01/2018/TT-VPCP as continued by Circular 03/2025/TT-VPCP;
// research/onestop.md §2). A day with more than 9,999 dossiers gets five or
// more digits: the sequence never wraps, so codes stay unique.
func FormatCode(agencyID string, day calendar.Date, seq int) string {
	return fmt.Sprintf("%s-%02d%02d%02d-%04d", agencyID, day.Year%100, int(day.Month), day.Day, seq)
}

var codeRe = regexp.MustCompile(`^([0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2})-([0-9]{6})-([0-9]{4,7})$`)

// ParsedCode is a dossier code taken apart.
type ParsedCode struct {
	AgencyID string
	Day      calendar.Date
	Seq      int
}

// ParseCode checks and splits a dossier code. The year is read as 20yy.
func ParseCode(code string) (ParsedCode, error) {
	m := codeRe.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(code)))
	if m == nil {
		return ParsedCode{}, fmt.Errorf("mã hồ sơ %q không đúng định dạng <mã cơ quan>-<yyMMdd>-<số thứ tự>", code)
	}
	yy, _ := strconv.Atoi(m[2][0:2])
	mm, _ := strconv.Atoi(m[2][2:4])
	dd, _ := strconv.Atoi(m[2][4:6])
	day := calendar.Date{Year: 2000 + yy, Month: 0, Day: dd}
	day.Month = monthOf(mm)
	if !day.IsValid() {
		return ParsedCode{}, fmt.Errorf("mã hồ sơ %q có ngày không hợp lệ", code)
	}
	seq, err := strconv.Atoi(m[3])
	// Only the canonical form: more than four digits never start with 0
	// ("-00010" is not another spelling of "-0010"; found by FuzzParseCode).
	if err != nil || seq < 1 || (len(m[3]) > 4 && m[3][0] == '0') {
		return ParsedCode{}, fmt.Errorf("mã hồ sơ %q có số thứ tự không hợp lệ", code)
	}
	return ParsedCode{AgencyID: m[1], Day: day, Seq: seq}, nil
}
