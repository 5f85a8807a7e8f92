package org

import (
	"strings"
	"time"

	"tuphap/internal/apperr"
)

// UnitKind says what a unit is. Coordinating agencies (police, courts, social
// insurance...) are units of kind Agency: they do steps of a dossier but are
// not part of the department.
type UnitKind string

const (
	Office    UnitKind = "office"    // Văn phòng Sở
	Division  UnitKind = "division"  // Phòng chuyên môn
	Centre    UnitKind = "centre"    // Trung tâm (trợ giúp pháp lý, dịch vụ đấu giá...)
	Reception UnitKind = "reception" // Bộ phận Tiếp nhận và Trả kết quả
	Agency    UnitKind = "agency"    // Cơ quan phối hợp
)

// UnitKinds lists the kinds in display order.
var UnitKinds = []UnitKind{Office, Division, Centre, Reception, Agency}

// Label is the Vietnamese name of the kind.
func (k UnitKind) Label() string {
	switch k {
	case Office:
		return "Văn phòng"
	case Division:
		return "Phòng chuyên môn"
	case Centre:
		return "Trung tâm"
	case Reception:
		return "Bộ phận Một cửa"
	case Agency:
		return "Cơ quan phối hợp"
	}
	return string(k)
}

// Valid reports whether k is a known kind.
func (k UnitKind) Valid() bool {
	for _, v := range UnitKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Unit is an internal unit of a tenant or a coordinating agency.
type Unit struct {
	TenantID  string    `json:"-"`
	ID        string    `json:"id"`
	Code      string    `json:"code"` // "HCTP", "CA_TINH"
	Name      string    `json:"name"`
	Kind      UnitKind  `json:"kind"`
	Email     string    `json:"email,omitempty"`
	Phone     string    `json:"phone,omitempty"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

// IsAgency reports whether the unit is an outside coordinating agency.
func (u Unit) IsAgency() bool { return u.Kind == Agency }

// Normalize cleans the unit's fields.
func (u *Unit) Normalize() {
	u.Code = strings.ToUpper(strings.TrimSpace(u.Code))
	u.Name = CleanText(u.Name)
	u.Email = strings.TrimSpace(u.Email)
	u.Phone = strings.TrimSpace(u.Phone)
}

// Validate checks a unit before it is stored.
func (u Unit) Validate() error {
	switch {
	case !codeRe.MatchString(u.Code):
		return apperr.Field("code", "Mã đơn vị phải gồm 2–32 ký tự chữ in hoa, chữ số, gạch ngang hoặc gạch dưới.")
	case u.Name == "":
		return apperr.Field("name", "Tên đơn vị không được để trống.")
	case len([]rune(u.Name)) > 200:
		return apperr.Field("name", "Tên đơn vị không được dài quá 200 ký tự.")
	case !u.Kind.Valid():
		return apperr.Field("kind", "Loại đơn vị không hợp lệ.")
	case u.Email != "" && (!strings.Contains(u.Email, "@") || len(u.Email) > 254):
		return apperr.Field("email", "Địa chỉ thư điện tử không hợp lệ.")
	case len(u.Phone) > 32:
		return apperr.Field("phone", "Số điện thoại không hợp lệ.")
	}
	return nil
}
