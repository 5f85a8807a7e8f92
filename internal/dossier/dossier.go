package dossier

import (
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// Applicant is the person (or the representative of an organisation) who
// files the dossier.
type Applicant struct {
	FullName string `json:"full_name"`
	IDNumber string `json:"id_number"` // 12-digit personal ID (CCCD)
	// Passport marks a foreigner identified by a passport number instead
	// (e.g. a judicial record certificate for a foreign resident).
	Passport bool   `json:"passport,omitempty"`
	Phone    string `json:"phone,omitempty"`
	Email    string `json:"email,omitempty"`
	Address  string `json:"address,omitempty"`
	// Organisation is the organisation the applicant files for, when not
	// for himself: FullName and IDNumber are then its representative's.
	// TaxCode is its enterprise or tax code (10 digits, or 10-3 for a
	// branch; Law on Tax Administration 2019 Art. 30, Circular
	// 105/2020/TT-BTC).
	Organisation string `json:"organisation,omitempty"`
	TaxCode      string `json:"tax_code,omitempty"`
	// CommuneCode is the commune of the address picked from the list of
	// administrative units (5 digits, Decision 19/2025/QĐ-TTg), and Commune
	// its name as it was picked; both empty when none was named.
	CommuneCode string `json:"commune_code,omitempty"`
	Commune     string `json:"commune,omitempty"`
}

// Minimal is the applicant as officers who need no contact data see them
// (statistics, audit): the name only, no ID number, phone, e-mail or
// address (data minimisation, Decree 13/2023/NĐ-CP Art. 3).
func (a Applicant) Minimal() Applicant {
	return Applicant{FullName: a.FullName, Passport: a.Passport}
}

var (
	taxCodeRe  = regexp.MustCompile(`^[0-9]{10}(-[0-9]{3})?$`)
	idNumberRe = regexp.MustCompile(`^[0-9]{12}$`)
	passportRe = regexp.MustCompile(`^[A-Z0-9]{6,12}$`)
	phoneRe    = regexp.MustCompile(`^0[0-9]{9,10}$`)
)

// ValidIDNumber reports whether s is a personal identification number: 12
// digits (Law on Identification 2023, Art. 12; Decree 70/2024/NĐ-CP). Every
// package checks ID numbers here.
func ValidIDNumber(s string) bool { return idNumberRe.MatchString(s) }

// ValidPassport reports whether s looks like a passport number (6 to 12
// upper-case letters and digits).
func ValidPassport(s string) bool { return passportRe.MatchString(s) }

// ValidPhone reports whether s is a Vietnamese phone number as Normalize
// writes it: 0 and 9 or 10 digits.
func ValidPhone(s string) bool { return phoneRe.MatchString(s) }

// Normalize cleans what a clerk or a form typed.
func (a *Applicant) Normalize() {
	clean := func(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }
	a.FullName = clean(a.FullName)
	a.IDNumber = strings.ReplaceAll(strings.TrimSpace(a.IDNumber), " ", "")
	a.Phone = strings.NewReplacer(" ", "", ".", "", "-", "").Replace(strings.TrimSpace(a.Phone))
	if strings.HasPrefix(a.Phone, "+84") {
		a.Phone = "0" + a.Phone[3:]
	}
	a.Email = strings.TrimSpace(a.Email)
	a.Address = clean(a.Address)
	a.Organisation = clean(a.Organisation)
	a.TaxCode = strings.ReplaceAll(strings.TrimSpace(a.TaxCode), " ", "")
}

// Validate checks the applicant's fields. The personal ID number has 12
// digits (Law on Identification 2023, Art. 12; Decree 70/2024/NĐ-CP).
func (a Applicant) Validate() error {
	var l apperr.FieldList
	switch {
	case a.FullName == "":
		l.Add("applicant.full_name", "Họ và tên người nộp hồ sơ không được để trống.")
	case len([]rune(a.FullName)) > 120:
		l.Add("applicant.full_name", "Họ và tên không được dài quá 120 ký tự.")
	}
	switch {
	case a.Passport && !passportRe.MatchString(strings.ToUpper(a.IDNumber)):
		l.Add("applicant.id_number", "Số hộ chiếu phải gồm 6–12 chữ cái in hoa hoặc chữ số.")
	case !a.Passport && !idNumberRe.MatchString(a.IDNumber):
		l.Add("applicant.id_number", "Số định danh cá nhân phải gồm đúng 12 chữ số.")
	}
	if a.Phone != "" && !phoneRe.MatchString(a.Phone) {
		l.Add("applicant.phone", "Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0).")
	}
	if a.Email != "" && (!strings.Contains(a.Email, "@") || len(a.Email) > 254 || strings.ContainsAny(a.Email, " \r\n")) {
		l.Add("applicant.email", "Địa chỉ thư điện tử không hợp lệ.")
	}
	if len([]rune(a.Address)) > 300 {
		l.Add("applicant.address", "Địa chỉ không được dài quá 300 ký tự.")
	}
	switch {
	case len([]rune(a.Organisation)) > 200:
		l.Add("applicant.organisation", "Tên tổ chức không được dài quá 200 ký tự.")
	case a.TaxCode != "" && a.Organisation == "":
		l.Add("applicant.organisation", "Có mã số thuế thì phải ghi tên tổ chức.")
	}
	if a.TaxCode != "" && !taxCodeRe.MatchString(a.TaxCode) {
		l.Add("applicant.tax_code", "Mã số thuế (mã số doanh nghiệp) phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số đối với chi nhánh.")
	}
	return l.Err()
}

// Step is one step of a dossier's process: the procedure's step template
// made concrete, with when the dossier arrived, was due and left.
type Step struct {
	Name       string            `json:"name"`
	Role       string            `json:"role,omitempty"`
	UnitCode   string            `json:"unit_code,omitempty"`
	Allotted   calendar.Duration `json:"allotted"`
	StartedAt  *time.Time        `json:"started_at,omitempty"`
	DueAt      *time.Time        `json:"due_at,omitempty"`
	FinishedAt *time.Time        `json:"finished_at,omitempty"`
	Outcome    Outcome           `json:"outcome,omitempty"`
	// GivenBy and TakenBy name the officers of the hand-over that ended the
	// step (process control sheet, Mẫu 06).
	GivenBy string `json:"given_by,omitempty"`
	Note    string `json:"note,omitempty"`
	// AssigneeID and Assignee name the officer the step's work was moved to
	// by the administrator's correction (Reassign): that officer holds the
	// step (HoldingOf) besides its unit's officers of the step's role.
	AssigneeID string `json:"assignee_id,omitempty"`
	Assignee   string `json:"assignee,omitempty"`
}

// Apology is the apology and new-appointment letter (Mẫu 04), issued once,
// before the due time passes, by the unit at fault.
type Apology struct {
	At       time.Time `json:"at"`
	Reason   string    `json:"reason"`
	UnitCode string    `json:"unit_code"`
	NewDueAt time.Time `json:"new_due_at"`
	By       string    `json:"by"` // the signer: the director, or the head of the unit at fault
	// SignerTitle is the capacity printed above the signature ("GIÁM ĐỐC",
	// "TL. GIÁM ĐỐC\nTRƯỞNG PHÒNG"); Number is the letter's number
	// ("3/XL-HCTP"), from the tenant's yearly sequence of Mẫu 04.
	SignerTitle string `json:"signer_title,omitempty"`
	Number      string `json:"number,omitempty"`
}

// Supplement records one request to supplement the dossier (Mẫu 02): the
// clock pauses from At until ReceivedAt.
type Supplement struct {
	At         time.Time  `json:"at"`
	Reason     string     `json:"reason"`
	Items      []string   `json:"items,omitempty"`
	Deadline   *time.Time `json:"deadline,omitempty"`
	By         string     `json:"by"`
	ReceivedAt *time.Time `json:"received_at,omitempty"`
}

// Rating is the applicant's satisfaction rating.
type Rating struct {
	Satisfied bool      `json:"satisfied"`
	Comment   string    `json:"comment,omitempty"`
	At        time.Time `json:"at"`
}

// Dossier is one application for one procedure.
type Dossier struct {
	TenantID string `json:"-"`
	ID       string `json:"id"`
	// Code is the national-format code, issued at acceptance (empty before).
	Code string `json:"code"`
	// Ref is a stable reference before the code exists (online submissions).
	Ref string `json:"ref"`

	ProcedureID   string          `json:"procedure_id"`
	ProcedureCode string          `json:"procedure_code"`
	ProcedureName string          `json:"procedure_name"`
	FieldCode     string          `json:"field_code"`
	Channel       catalog.Channel `json:"channel"`
	Applicant     Applicant       `json:"applicant"`
	Documents     []Received      `json:"documents,omitempty"`
	Fee           int64           `json:"fee"`
	// FeeReceipt is the receipt of the fee collected at the desk.
	FeeReceipt *FeeReceipt `json:"fee_receipt,omitempty"`
	PaidOnline bool        `json:"paid_online"`
	// FeeExemption records the exemption from the fee and its legal ground.
	FeeExemption *FeeExemption `json:"fee_exemption,omitempty"`

	Status      Status            `json:"status"`
	TimeLimit   calendar.Duration `json:"time_limit"`
	SubmittedAt time.Time         `json:"submitted_at"`
	AcceptedAt  *time.Time        `json:"accepted_at,omitempty"`
	// AnswerDueAt is the limit for the desk's answer to an online
	// submission (AcceptanceRule), fixed when it is submitted.
	AnswerDueAt *time.Time   `json:"answer_due_at,omitempty"`
	ClockStart  *time.Time   `json:"clock_start,omitempty"`
	DueAt       *time.Time   `json:"due_at,omitempty"` // moved only by supplement pauses
	FinishedAt  *time.Time   `json:"finished_at,omitempty"`
	ReturnedAt  *time.Time   `json:"returned_at,omitempty"`
	Ended       Ended        `json:"ended,omitempty"`
	EndReason   string       `json:"end_reason,omitempty"`
	Steps       []Step       `json:"steps"`
	Current     int          `json:"current_step"` // index into Steps; -1 before acceptance
	Supplements []Supplement `json:"supplements,omitempty"`
	// Completion is the one request to complete an online dossier before
	// acceptance (Mẫu 02 at intake); it does not stop any clock.
	Completion *Supplement `json:"completion,omitempty"`
	Apology    *Apology    `json:"apology,omitempty"`
	LateUnit   string      `json:"late_unit,omitempty"`
	// HandlingUnit is the unit that resolves the dossier, when it is not
	// read from the steps (imported dossiers).
	HandlingUnit string `json:"handling_unit,omitempty"`
	// Imported marks a dossier migrated from a legacy system.
	Imported  bool              `json:"imported,omitempty"`
	Rating    *Rating           `json:"rating,omitempty"`
	LookupPIN string            `json:"-"`
	Delivery  string            `json:"delivery,omitempty"` // how the result is returned
	Extra     map[string]string `json:"extra,omitempty"`
	Version   int               `json:"version"`
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at"`

	// DueResets are the administrator's corrections of the due date
	// (ResetDue); DueAt stays the legal one the statistics read.
	DueResets []DueReset `json:"due_resets,omitempty"`
}

// Received is a document the desk received with the dossier.
type Received struct {
	Name      string `json:"name"`
	Originals int    `json:"originals"`
	Copies    int    `json:"copies"`
}

// CurrentStep returns the step holding the dossier, if any.
func (d *Dossier) CurrentStep() *Step {
	if d.Current < 0 || d.Current >= len(d.Steps) {
		return nil
	}
	return &d.Steps[d.Current]
}

// Paused reports whether the clock is stopped for a supplement.
func (d *Dossier) Paused() bool {
	n := len(d.Supplements)
	return n > 0 && d.Supplements[n-1].ReceivedAt == nil && d.Status == SupplementWaiting
}

// pauses returns the supplement intervals; an open one ends at now.
func (d *Dossier) pauses(now time.Time) []calendar.Interval {
	var out []calendar.Interval
	for _, s := range d.Supplements {
		end := now
		if s.ReceivedAt != nil {
			end = *s.ReceivedAt
		}
		out = append(out, calendar.Interval{From: s.At, To: end})
	}
	return out
}
