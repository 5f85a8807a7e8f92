// Package org holds the organisation a deployment serves: tenants (a
// provincial Department of Justice, and later communes or provincial police),
// their units, the coordinating agencies they work with, and their officers
// with roles. It is plain Go: types, validation and the Store interface the
// use cases need.
package org

import (
	"regexp"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// Tenant is one agency served by the deployment, normally a provincial
// Department of Justice (Sở Tư pháp). Every row of every table belongs to one.
type Tenant struct {
	ID   string `json:"id"`
	Code string `json:"code"` // short, chosen by the operator: "STP-DT"
	Name string `json:"name"` // "Sở Tư pháp tỉnh Đồng Tháp"
	// AgencyID is the agency's electronic identifier in the national
	// catalogue of agency codes (e.g. 000.00.00.H82); it leads every dossier
	// code the agency issues (Circular 03/2025/TT-VPCP, onestop.md §1).
	AgencyID     string `json:"agency_id"`
	ProvinceCode string `json:"province_code"` // 2 digits, QĐ 19/2025/QĐ-TTg
	// Kind is the kind of agency (the values of catalog.Agency): a
	// function is handed over only to an agency of the competent kind.
	Kind string `json:"kind"`
	// Hours are the office hours the tenant started with; later versions
	// of its clock rules (calendar.Rules) are kept by the calendar store.
	Hours     calendar.OfficeHours `json:"working_hours"`
	CreatedAt time.Time            `json:"created_at"`
}

// Kinds of agency (the same words as catalog.Agency).
const (
	KindDepartment       = "department"        // Sở Tư pháp
	KindProvincialPolice = "provincial_police" // Công an tỉnh
	KindCommune          = "commune"           // Ủy ban nhân dân cấp xã
)

// ValidKind reports whether k names a kind of agency.
func ValidKind(k string) bool {
	return k == KindDepartment || k == KindProvincialPolice || k == KindCommune
}

var (
	codeRe     = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{1,31}$`)
	agencyRe   = regexp.MustCompile(`^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$`)
	provinceRe = regexp.MustCompile(`^[0-9]{2}$`)
)

// Normalize trims the tenant's text fields and upper-cases its codes.
func (t *Tenant) Normalize() {
	t.Code = strings.ToUpper(strings.TrimSpace(t.Code))
	t.Name = CleanText(t.Name)
	t.AgencyID = strings.ToUpper(strings.TrimSpace(t.AgencyID))
	t.ProvinceCode = strings.TrimSpace(t.ProvinceCode)
	t.Kind = strings.ToLower(strings.TrimSpace(t.Kind))
	if t.Kind == "" {
		t.Kind = KindDepartment
	}
	if t.Hours == (calendar.OfficeHours{}) {
		t.Hours = calendar.DefaultOfficeHours()
	}
}

// Validate checks a tenant before it is stored.
func (t Tenant) Validate() error {
	switch {
	case !codeRe.MatchString(t.Code):
		return apperr.Field("code", "Mã đơn vị phải gồm 2–32 ký tự chữ in hoa, chữ số, gạch ngang hoặc gạch dưới.")
	case t.Name == "":
		return apperr.Field("name", "Tên cơ quan không được để trống.")
	case len([]rune(t.Name)) > 200:
		return apperr.Field("name", "Tên cơ quan không được dài quá 200 ký tự.")
	case !agencyRe.MatchString(t.AgencyID):
		return apperr.Field("agency_id", "Mã định danh điện tử của cơ quan phải có dạng 000.00.00.H82.")
	case !provinceRe.MatchString(t.ProvinceCode):
		return apperr.Field("province_code", "Mã tỉnh phải gồm đúng 2 chữ số.")
	case t.Kind != "" && !ValidKind(t.Kind): // empty: a department (Normalize)
		return apperr.Field("kind", "Loại cơ quan phải là department (Sở Tư pháp), provincial_police (Công an tỉnh) hoặc commune (Ủy ban nhân dân cấp xã).")
	}
	if err := t.Hours.Validate(); err != nil {
		return apperr.Wrap(apperr.Invalid, "Giờ làm việc không hợp lệ: sáng mở cửa < nghỉ trưa ≤ chiều mở cửa < đóng cửa.", err)
	}
	return nil
}

// Short is how the agency names itself in running text and labels: "Sở"
// for a Department ("Sở Tư pháp tỉnh ..."), "Công an tỉnh" for a provincial
// police ("Công an tỉnh ..."), else the name up to its province ("Ủy ban
// nhân dân xã ..." gives "Ủy ban nhân dân xã").
func (t Tenant) Short() string {
	name := strings.TrimSpace(t.Name)
	switch {
	case name == "" || strings.HasPrefix(name, "Sở "):
		return "Sở"
	case strings.HasPrefix(name, "Công an tỉnh"):
		return "Công an tỉnh"
	case strings.HasPrefix(name, "Công an thành phố"):
		return "Công an thành phố"
	case strings.HasPrefix(name, "Công an"):
		return "Công an"
	}
	if i := strings.Index(name, " ("); i > 0 {
		name = name[:i]
	}
	return name
}

// RoleLabel is the role's Vietnamese name within this agency: a police
// tenant's director is "Lãnh đạo Công an tỉnh", not "Lãnh đạo Sở".
func (t Tenant) RoleLabel(r Role) string {
	if r == Director {
		return "Lãnh đạo " + t.Short()
	}
	return r.Label()
}
