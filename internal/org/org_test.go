package org

import (
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

func TestTenantValidate(t *testing.T) {
	ok := Tenant{Code: "STP-DT", Name: "Sở Tư pháp tỉnh Đồng Tháp", AgencyID: "000.00.00.H82", ProvinceCode: "82", Hours: calendar.DefaultOfficeHours()}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid tenant: %v", err)
	}
	for name, mut := range map[string]func(*Tenant){
		"code with space":        func(t *Tenant) { t.Code = "STP DT" },
		"empty name":             func(t *Tenant) { t.Name = "" },
		"agency ID format":       func(t *Tenant) { t.AgencyID = "H82" },
		"province 3 digits":      func(t *Tenant) { t.ProvinceCode = "082" },
		"hours out of order":     func(t *Tenant) { t.Hours.AfternoonStart = calendar.Clock(11, 0) },
		"lowercase agency field": func(t *Tenant) { t.AgencyID = "000.00.00.h82" },
	} {
		x := ok
		mut(&x)
		if err := x.Validate(); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("%s: Validate = %v, want invalid", name, err)
		}
	}
	n := Tenant{Code: " stp ", Name: "  Sở  Tư pháp ", AgencyID: "000.00.00.h82", ProvinceCode: "82"}
	n.Normalize()
	if n.Code != "STP" || n.Name != "Sở Tư pháp" || n.AgencyID != "000.00.00.H82" || n.Hours != calendar.DefaultOfficeHours() {
		t.Fatalf("Normalize: %+v", n)
	}
}

func TestOfficerValidate(t *testing.T) {
	desk := &Unit{ID: "u1", Kind: Reception}
	police := &Unit{ID: "u2", Kind: Agency}
	for _, c := range []struct {
		name string
		o    Officer
		unit *Unit
		ok   bool
	}{
		{"clerk at the desk", Officer{Username: "motcua", FullName: "Lê Văn Bình", Role: Clerk, UnitID: "u1"}, desk, true},
		{"clerk without unit", Officer{Username: "motcua", FullName: "Lê Văn Bình", Role: Clerk}, nil, false},
		{"director without unit", Officer{Username: "giamdoc", FullName: "Trần Hạnh", Role: Director}, nil, true},
		{"liaison of the police", Officer{Username: "congan", FullName: "Võ Huy", Role: Liaison, UnitID: "u2"}, police, true},
		{"liaison of an own unit", Officer{Username: "congan", FullName: "Võ Huy", Role: Liaison, UnitID: "u1"}, desk, false},
		{"specialist in an agency", Officer{Username: "cv", FullName: "Phạm Trang", Role: Specialist, UnitID: "u2"}, police, false},
		{"unknown role", Officer{Username: "x12", FullName: "X", Role: "boss"}, nil, false},
		{"username with diacritics", Officer{Username: "nguyễn", FullName: "X", Role: Admin}, nil, false},
		{"username too short", Officer{Username: "ab", FullName: "X", Role: Admin}, nil, false},
	} {
		err := c.o.Validate(c.unit)
		if (err == nil) != c.ok {
			t.Errorf("%s: Validate = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

func TestParseRole(t *testing.T) {
	for _, r := range Roles {
		if got, err := ParseRole(" " + string(r) + " "); err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
		if r.Label() == string(r) {
			t.Errorf("role %s has no Vietnamese label", r)
		}
	}
	if _, err := ParseRole("superuser"); err == nil {
		t.Error("unknown role accepted")
	}
}

// Issue 12 §1: a tenant is an agency of a kind; a hand-over checks it.
func TestTenantKind(t *testing.T) {
	ten := Tenant{Code: "CA-DT", Name: "Công an tỉnh Đồng Tháp", AgencyID: "000.00.00.G82", ProvinceCode: "82", Kind: " Provincial_Police "}
	ten.Normalize()
	if ten.Kind != KindProvincialPolice || ten.Validate() != nil {
		t.Fatalf("kind %q: %v", ten.Kind, ten.Validate())
	}
	ten.Kind = ""
	ten.Normalize()
	if ten.Kind != KindDepartment {
		t.Fatalf("default kind %q", ten.Kind)
	}
	ten.Kind = "ministry"
	if ten.Validate() == nil {
		t.Fatal("an unknown kind accepted")
	}
}
