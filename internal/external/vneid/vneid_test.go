package vneid

import (
	"encoding/json"
	"testing"

	"tuphap/internal/calendar"
	"tuphap/internal/judicialrecord"
)

const sample = `{"maHoSo":"VNEID-2026-000123","loaiPhieu":1,"maMucDich":"XIN_VIEC","tenMucDich":"Bổ sung hồ sơ xin việc","soLuongCap":3,
"yeuCauCDNCV":true,"nycHoTen":"Nguyễn Thị Mai","nycGioiTinh":"2","nycNgaySinh":"05/09/1995","nycNoiSinh":"Sa Đéc, Đồng Tháp",
"nycDanToc":"Kinh","nycQuocTich":"Việt Nam","nycLoaiGiayTo":"CCCD","nycSoGiayTo":"087195001111","nycDienThoai":"0987654321",
"chaHoTen":"Nguyễn Văn Hùng","chaNamSinh":"1965","meHoTen":"Lê Thị Lan","meNamSinh":"1968",
"thuongTru":{"maTinh":"82","chiTiet":"Phường Sa Đéc, Đồng Tháp"},"tamTru":{"maTinh":"79","chiTiet":"Phường Bến Nghé, TP. Hồ Chí Minh"},
"quaTrinhCTNNNLV":[{"tuNgay":"09/2013","denNgay":"06/2017","noiCuTru":"Thủ Đức","maTinh":"79","ngheNghiep":"Sinh viên"}],
"nycDoiTuongNopPhi":"SV","uyQuyen":true,"thongTinUyQuyen":{"nuqHoTen":"Nguyễn Văn Hùng","nuqSoGiayTo":"087065002222","moiQuanHe":"CHA"}}`

func TestMapFieldByField(t *testing.T) {
	var f EForm
	if err := json.Unmarshal([]byte(sample), &f); err != nil {
		t.Fatal(err)
	}
	r, err := ToRequest(f)
	if err != nil {
		t.Fatal(err)
	}
	r.Normalize()
	checks := map[string][2]any{
		"form":      {r.Form, judicialrecord.Form1},
		"purpose":   {r.Purpose, "Bổ sung hồ sơ xin việc"},
		"copies":    {r.Copies, 3},
		"ban":       {r.ConfirmBan, true},
		"sex":       {r.Person.Sex, "Nữ"},
		"id":        {r.Person.IDNumber, "087195001111"},
		"father":    {r.Father.BirthYear, 1965},
		"mother":    {r.Mother.FullName, "Lê Thị Lan"},
		"temporary": {r.Temporary.Province, "79"},
		"history":   {r.History[0].Occupation, "Sinh viên"},
		"fee":       {r.FeeCategory, judicialrecord.FeeStudent},
		"proxy":     {r.Proxy.Relation, judicialrecord.RelParent},
		"source":    {r.Source, judicialrecord.SourceVNeID},
		"e-form":    {r.FormNumber(), "13/2024/LLTP"},
	}
	for k, v := range checks {
		if v[0] != v[1] {
			t.Errorf("%s: %v, want %v", k, v[0], v[1])
		}
	}
	rules, _ := judicialrecord.RulesAt(calendar.NewDate(2026, 11, 23))
	if err := rules.Admit(r); err != nil {
		t.Fatalf("not admitted: %v", err)
	}
	// Two provinces: 15 days; student with 3 copies: 105,000 VND.
	if rules.TimeLimit(r).Amount != 15 || rules.FeeFor(r).Total != 105_000 {
		t.Fatalf("limit %v fee %d", rules.TimeLimit(r), rules.FeeFor(r).Total)
	}
	// No. 2 by proxy from the app is refused by the rules.
	f.LoaiPhieu = 2
	r, _ = ToRequest(f)
	r.Normalize()
	if err := rules.Admit(r); err == nil {
		t.Fatal("No. 2 by proxy admitted")
	}
	for _, bad := range []func(*EForm){
		func(f *EForm) { f.NycGioiTinh = "9" },
		func(f *EForm) { f.DoiTuongNopPhi = "VIP" },
		func(f *EForm) { f.ThongTinUyQuyen.MoiQuanHe = "BAN" },
		func(f *EForm) { f.ThongTinUyQuyen = nil },
	} {
		var g EForm
		json.Unmarshal([]byte(sample), &g)
		bad(&g)
		if _, err := ToRequest(g); err == nil {
			t.Errorf("bad form mapped: %+v", g)
		}
	}
}
