package adminunit

import (
	"strings"
	"testing"
	"time"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func mustBuiltin(t *testing.T) *List {
	t.Helper()
	l, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Resolution 202/2025/QH15 and Decision 19/2025/QĐ-TTg: 34 provinces
// (6 centrally-run cities then; Đồng Nai became one on 30/4/2026) and 3,321
// communes: 2,611 xã, 697 phường, 13 đặc khu in the reference file.
func TestBuiltinCounts(t *testing.T) {
	l := mustBuiltin(t)
	if got := len(l.Provinces()); got != 34 {
		t.Fatalf("provinces = %d, want 34", got)
	}
	kinds := map[Kind]int{}
	communes := 0
	for _, p := range l.Provinces() {
		for _, c := range l.Communes(p) {
			u, ok := l.On(c, day(2025, 7, 1))
			if !ok {
				t.Fatalf("commune %s not found", c)
			}
			kinds[u.Kind]++
			communes++
		}
	}
	if communes != 3321 {
		t.Errorf("communes = %d, want 3321", communes)
	}
	want := map[Kind]int{KindXa: 2611, KindPhuong: 697, KindDacKhu: 13}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%s = %d, want %d", k.Name(), kinds[k], n)
		}
	}
	if l.Len() != 34+3321 {
		t.Errorf("Len = %d", l.Len())
	}
}

func TestOnAppliesDatedEdits(t *testing.T) {
	l := mustBuiltin(t)
	tests := []struct {
		code string
		on   time.Time
		want string
		ok   bool
	}{
		{"22", day(2025, 7, 1), "Tỉnh Quảng Ninh", true},
		{"22", day(2026, 8, 31), "Tỉnh Quảng Ninh", true},
		{"22", day(2026, 9, 1), "Thành phố Quảng Ninh", true}, // Resolution 36/2026/QH16 (unverified date)
		{"24", day(2026, 12, 6), "Thành phố Bắc Ninh", true},
		{"38", day(2026, 12, 6), "Tỉnh Thanh Hóa", true}, // official spelling
		{"29905", day(2026, 1, 1), "Phường Sa Đéc", true},
		{"29905", day(2025, 6, 30), "", false}, // the unit did not exist before 1/7/2025
		{"99999", day(2026, 1, 1), "", false},
	}
	for _, tt := range tests {
		u, ok := l.On(tt.code, tt.on)
		if ok != tt.ok || (ok && u.FullName() != tt.want) {
			t.Errorf("On(%s, %s) = %q, %v; want %q, %v", tt.code, tt.on.Format("02/01/2006"), u.FullName(), ok, tt.want, tt.ok)
		}
	}
	for _, e := range l.Edits("22") {
		if e.Verified || e.Source == "" {
			t.Errorf("edit of 22 must carry its source and be marked unverified: %+v", e)
		}
	}
}

func TestSearchIgnoresDiacritics(t *testing.T) {
	l := mustBuiltin(t)
	got := l.Search("sa dec", "82", day(2026, 1, 1), 10)
	if len(got) != 1 || got[0].Code != "29905" {
		t.Fatalf("Search(sa dec, 82) = %+v", got)
	}
	if got := l.Search("SA ĐÉC", "", day(2026, 1, 1), 10); len(got) == 0 || got[0].Code != "29905" {
		t.Errorf("Search(SA ĐÉC) = %+v", got)
	}
	if got := l.Search("thanh hoa", "", day(2026, 1, 1), 1); len(got) != 1 || got[0].Code != "38" {
		t.Errorf("provinces come first: %+v", got)
	}
	if got := l.Search("2990", "", day(2026, 1, 1), 5); len(got) == 0 || !strings.HasPrefix(got[0].Code, "2990") {
		t.Errorf("code prefix: %+v", got)
	}
	for _, u := range l.Search("phuong", "82", day(2026, 1, 1), 500) {
		if u.ProvinceCode != "82" {
			t.Fatalf("Search in 82 returned %+v", u)
		}
	}
}

func TestInProvince(t *testing.T) {
	l := mustBuiltin(t)
	if !l.InProvince("29905", "82") || l.InProvince("29905", "01") || l.InProvince("82", "82") {
		t.Error("InProvince")
	}
}

func TestNewRefusesBadData(t *testing.T) {
	p := Unit{Code: "82", Name: "Đồng Tháp", Kind: KindProvince, ProvinceCode: "82"}
	c := Unit{Code: "29905", Name: "Sa Đéc", Kind: KindPhuong, ProvinceCode: "82"}
	tests := []struct {
		name  string
		units []Unit
		edits []Edit
	}{
		{"duplicate", []Unit{p, p}, nil},
		{"unknown province", []Unit{{Code: "29905", Name: "Sa Đéc", Kind: KindPhuong, ProvinceCode: "01"}}, nil},
		{"bad code", []Unit{{Code: "8", Name: "X", Kind: KindProvince, ProvinceCode: "8"}}, nil},
		{"edit before 1/7/2025", []Unit{p}, []Edit{{Code: "82", From: day(2025, 6, 30), Name: "X", Source: "s"}}},
		{"edit of unknown unit", []Unit{p}, []Edit{{Code: "01", From: day(2026, 1, 1), Name: "X", Source: "s"}}},
		{"edit changes level", []Unit{p, c}, []Edit{{Code: "29905", From: day(2026, 1, 1), Kind: KindCity, Source: "s"}}},
		{"edit without source", []Unit{p}, []Edit{{Code: "82", From: day(2026, 1, 1), Name: "X"}}},
	}
	for _, tt := range tests {
		if _, err := New(tt.units, tt.edits); err == nil {
			t.Errorf("%s: New accepted bad data", tt.name)
		}
	}
}

func TestOfficialSpelling(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Thanh Hoá", "Thanh Hóa"},
		{"Khánh Hoà", "Khánh Hòa"},
		{"Thanh Thuỷ", "Thanh Thủy"},
		{"Hoàng Mai", "Hoàng Mai"}, // final consonant: unchanged
		{"Quỳnh Lưu", "Quỳnh Lưu"},
		{"Quý Lộc", "Quý Lộc"}, // "qu" is a consonant
		{"HOÀ BÌNH", "HÒA BÌNH"},
		{"Khoẻ", "Khỏe"},
		{"Hoà", "Hòa"},
		{"Hòa", "Hòa"},
		{"  Sa Đéc ", "Sa Đéc"},
	}
	for _, tt := range tests {
		if got := OfficialSpelling(tt.in); got != tt.want {
			t.Errorf("OfficialSpelling(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Resolution 202/2025/QH15: 63 provinces merged whole into 34; every new code
// is a province of the list, and the 7 renamed codes map as domain.md §10.
func TestLegacyProvinces(t *testing.T) {
	l := mustBuiltin(t)
	lp := LegacyProvinces()
	if len(lp) != 63 {
		t.Fatalf("legacy provinces = %d, want 63", len(lp))
	}
	covered := map[string]bool{}
	for _, p := range lp {
		if _, ok := l.On(p.NewCode, day(2025, 7, 1)); !ok {
			t.Errorf("%s %s → unknown %s", p.Code, p.Name, p.NewCode)
		}
		covered[p.NewCode] = true
	}
	if len(covered) != 34 {
		t.Errorf("new provinces covered = %d, want 34", len(covered))
	}
	for old, want := range map[string]string{"87": "82", "82": "82", "89": "91", "27": "24", "45": "44", "64": "52", "72": "80", "10": "15"} {
		if got, _ := SuccessorProvince(old); got != want {
			t.Errorf("SuccessorProvince(%s) = %s, want %s", old, got, want)
		}
	}
	if got := strings.Join(Predecessors("79"), ","); got != "74,77,79" {
		t.Errorf("Predecessors(79) = %s", got)
	}
}

func TestPeoplesCommittee(t *testing.T) {
	for in, want := range map[string]string{"Phường Sa Đéc": "Ủy ban nhân dân phường Sa Đéc", "Đặc khu Phú Quốc": "Ủy ban nhân dân đặc khu Phú Quốc", "Xã Mỹ Hiệp": "Ủy ban nhân dân xã Mỹ Hiệp"} {
		if got := PeoplesCommittee(in); got != want {
			t.Errorf("PeoplesCommittee(%q) = %q", in, got)
		}
	}
}
