package org

import (
	"regexp"
	"strings"
	"time"

	"tuphap/internal/apperr"
)

// Role is what an officer does. Permissions follow from roles (package auth).
type Role string

const (
	Clerk        Role = "reception_clerk" // Công chức tiếp nhận (Bộ phận Một cửa)
	Specialist   Role = "specialist"      // Chuyên viên xử lý
	UnitHead     Role = "unit_head"       // Lãnh đạo phòng
	Director     Role = "director"        // Lãnh đạo Sở
	Liaison      Role = "agency_liaison"  // Cán bộ đầu mối cơ quan phối hợp
	Admin        Role = "admin"           // Quản trị hệ thống
	Auditor      Role = "auditor"         // Kiểm tra, giám sát (chỉ xem)
	Statistician Role = "statistician"    // Cán bộ thống kê, báo cáo
	// JudicialRecordOfficer reads and records criminal-record data
	// (package judicialrecord); only this role may.
	JudicialRecordOfficer Role = "judicial_record_officer" // Cán bộ lý lịch tư pháp
	// CommuneOfficer is the commune's justice and civil-status officer
	// (công chức Tư pháp - Hộ tịch), who helps the commune People's
	// Committee with grassroots mediation (Law 35/2013/QH13 Art. 5, 27) and
	// keeps the commune's book; an officer of a commune tenant.
	CommuneOfficer Role = "commune_officer" // Công chức Tư pháp - Hộ tịch cấp xã
	// LegalAidOfficer is an officer of the state Legal Aid Centre (trợ
	// giúp viên pháp lý, Law 11/2017/QH14 Art. 19), who keeps the centre's
	// register of legal-aid cases (package legalaid).
	LegalAidOfficer Role = "legal_aid_officer" // Trợ giúp viên pháp lý
)

// Roles lists every role in display order.
var Roles = []Role{Clerk, Specialist, UnitHead, Director, Liaison, Admin, Auditor, Statistician, JudicialRecordOfficer, CommuneOfficer, LegalAidOfficer}

// Label is the Vietnamese name of the role.
func (r Role) Label() string {
	switch r {
	case Clerk:
		return "Công chức tiếp nhận"
	case Specialist:
		return "Chuyên viên"
	case UnitHead:
		return "Lãnh đạo phòng"
	case Director:
		return "Lãnh đạo Sở"
	case Liaison:
		return "Đầu mối cơ quan phối hợp"
	case Admin:
		return "Quản trị hệ thống"
	case Auditor:
		return "Kiểm tra (chỉ xem)"
	case Statistician:
		return "Thống kê, báo cáo"
	case JudicialRecordOfficer:
		return "Cán bộ lý lịch tư pháp"
	case CommuneOfficer:
		return "Công chức Tư pháp - Hộ tịch (xã)"
	case LegalAidOfficer:
		return "Trợ giúp viên pháp lý"
	}
	return string(r)
}

// ParseRole accepts a role name as used on the command line and in the API.
func ParseRole(s string) (Role, error) {
	r := Role(strings.TrimSpace(strings.ToLower(s)))
	for _, v := range Roles {
		if r == v {
			return r, nil
		}
	}
	return "", apperr.Field("role", "Vai trò không hợp lệ. Các vai trò: reception_clerk, specialist, unit_head, director, agency_liaison, admin, auditor, statistician, judicial_record_officer, commune_officer, legal_aid_officer.")
}

// NeedsUnit reports whether officers with this role must belong to a unit:
// a unit head heads one, a liaison speaks for one agency, a clerk sits at the
// reception desk and a specialist works in a division.
func (r Role) NeedsUnit() bool {
	switch r {
	case Clerk, Specialist, UnitHead, Liaison:
		return true
	}
	return false
}

// Officer is a user of the back office.
type Officer struct {
	TenantID    string     `json:"-"`
	ID          string     `json:"id"`
	Username    string     `json:"username"`
	FullName    string     `json:"full_name"`
	Email       string     `json:"email,omitempty"`
	Role        Role       `json:"role"`
	UnitID      string     `json:"unit_id,omitempty"`
	Active      bool       `json:"active"`
	TOTPEnabled bool       `json:"totp_enabled"`
	LockedUntil *time.Time `json:"locked_until,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

var usernameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

// Normalize cleans an officer's fields.
func (o *Officer) Normalize() {
	o.Username = strings.ToLower(strings.TrimSpace(o.Username))
	o.FullName = CleanText(o.FullName)
	o.Email = strings.TrimSpace(o.Email)
}

// Validate checks an officer before it is stored. unit is the officer's
// unit when UnitID is set (nil otherwise).
func (o Officer) Validate(unit *Unit) error {
	switch {
	case !usernameRe.MatchString(o.Username):
		return apperr.Field("username", "Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.")
	case o.FullName == "":
		return apperr.Field("full_name", "Họ và tên không được để trống.")
	case len([]rune(o.FullName)) > 120:
		return apperr.Field("full_name", "Họ và tên không được dài quá 120 ký tự.")
	case o.Email != "" && (!strings.Contains(o.Email, "@") || len(o.Email) > 254):
		return apperr.Field("email", "Địa chỉ thư điện tử không hợp lệ.")
	}
	if _, err := ParseRole(string(o.Role)); err != nil {
		return err
	}
	if o.Role.NeedsUnit() && o.UnitID == "" {
		return apperr.Field("unit_id", "Vai trò "+o.Role.Label()+" phải thuộc một đơn vị.")
	}
	if unit != nil {
		if o.Role == Liaison && !unit.IsAgency() {
			return apperr.Field("unit_id", "Đầu mối phối hợp phải thuộc một cơ quan phối hợp.")
		}
		if o.Role != Liaison && unit.IsAgency() {
			return apperr.Field("unit_id", "Chỉ đầu mối phối hợp mới thuộc cơ quan phối hợp.")
		}
	}
	return nil
}
