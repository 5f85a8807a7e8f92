// Package vneid receives judicial-record requests filed in the national
// e-ID app (VNeID), the interactive e-forms 12/2024/LLTP (the person) and
// 13/2024/LLTP (by proxy) of Circular 06/2024/TT-BTP, and maps them field
// by field onto judicialrecord.Request.
//
// The field names are those the PASETO one-stop system uses when it
// ingests VNeID requests (LoaiDuLieuKetNoi LLTPVneid / LLTPVneidUyQuyen,
// research/onestop.md §6). The notes list the groups (nyc*, parents,
// spouse, addresses, quaTrinhCTNNNLV, thongTinAnTich, nycDoiTuongNopPhi,
// uyQuyen + thongTinUyQuyen with nuq*); the names inside the parent, spouse
// and address groups are assumed, so the mapping is one table to correct
// when the national specification is at hand.
package vneid

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"tuphap/internal/dossier"
	"tuphap/internal/judicialrecord"
)

// Address is an address group of the e-form.
type Address struct {
	MaTinh  string `json:"maTinh"`
	MaXa    string `json:"maXa,omitempty"`
	ChiTiet string `json:"chiTiet"`
}

// Period is one line of quaTrinhCTNNNLV.
type Period struct {
	TuNgay     string `json:"tuNgay"`
	DenNgay    string `json:"denNgay"`
	NoiCuTru   string `json:"noiCuTru"`
	MaTinh     string `json:"maTinh,omitempty"`
	NuocNgoai  bool   `json:"nuocNgoai,omitempty"`
	NgheNghiep string `json:"ngheNghiep,omitempty"`
	NoiLamViec string `json:"noiLamViec,omitempty"`
}

// Proxy is thongTinUyQuyen.
type Proxy struct {
	NuqHoTen      string `json:"nuqHoTen"`
	NuqSoGiayTo   string `json:"nuqSoGiayTo"`
	NuqDiaChi     string `json:"nuqDiaChi,omitempty"`
	NuqDienThoai  string `json:"nuqDienThoai,omitempty"`
	MoiQuanHe     string `json:"moiQuanHe"` // "CHA", "ME", "VO", "CHONG", "CON", "KHAC"
	VanBanUyQuyen string `json:"vanBanUyQuyen,omitempty"`
	NgayUyQuyen   string `json:"ngayUyQuyen,omitempty"`
}

// EForm is an e-form 12 or 13/2024/LLTP as received.
type EForm struct {
	MaHoSoVNeID     string   `json:"maHoSo"`
	LoaiPhieu       int      `json:"loaiPhieu"`
	MaMucDich       string   `json:"maMucDich"`
	TenMucDich      string   `json:"tenMucDich"`
	SoLuongCap      int      `json:"soLuongCap"`
	YeuCauCDNCV     bool     `json:"yeuCauCDNCV"`
	NycHoTen        string   `json:"nycHoTen"`
	NycTenKhac      string   `json:"nycTenKhac,omitempty"`
	NycGioiTinh     string   `json:"nycGioiTinh"` // "1" nam, "2" nữ
	NycNgaySinh     string   `json:"nycNgaySinh"` // dd/mm/yyyy
	NycNoiSinh      string   `json:"nycNoiSinh"`
	NycDanToc       string   `json:"nycDanToc,omitempty"`
	NycQuocTich     string   `json:"nycQuocTich"`
	NycLoaiGiayTo   string   `json:"nycLoaiGiayTo"`
	NycSoGiayTo     string   `json:"nycSoGiayTo"`
	NycNgayCap      string   `json:"nycNgayCap,omitempty"`
	NycNoiCap       string   `json:"nycNoiCap,omitempty"`
	NycDienThoai    string   `json:"nycDienThoai,omitempty"`
	NycEmail        string   `json:"nycEmail,omitempty"`
	ChaHoTen        string   `json:"chaHoTen,omitempty"`
	ChaNamSinh      string   `json:"chaNamSinh,omitempty"`
	MeHoTen         string   `json:"meHoTen,omitempty"`
	MeNamSinh       string   `json:"meNamSinh,omitempty"`
	VoChongHoTen    string   `json:"voChongHoTen,omitempty"`
	VoChongNamSinh  string   `json:"voChongNamSinh,omitempty"`
	ThuongTru       Address  `json:"thuongTru"`
	TamTru          Address  `json:"tamTru"`
	QuaTrinh        []Period `json:"quaTrinhCTNNNLV,omitempty"`
	ThongTinAnTich  string   `json:"thongTinAnTich,omitempty"`
	DoiTuongNopPhi  string   `json:"nycDoiTuongNopPhi,omitempty"`
	UyQuyen         bool     `json:"uyQuyen"`
	ThongTinUyQuyen *Proxy   `json:"thongTinUyQuyen,omitempty"`
}

var relations = map[string]judicialrecord.Relation{
	"CHA": judicialrecord.RelParent, "ME": judicialrecord.RelParent, "VO": judicialrecord.RelSpouse,
	"CHONG": judicialrecord.RelSpouse, "CON": judicialrecord.RelChild, "KHAC": judicialrecord.RelOther,
}

var feeCodes = map[string]judicialrecord.FeeCategory{
	"": judicialrecord.FeeNormal, "0": judicialrecord.FeeNormal, "SV": judicialrecord.FeeStudent, "NCC": judicialrecord.FeeMeritorious,
	"TNLS": judicialrecord.FeeMartyrRelative, "TE": judicialrecord.FeeChild, "NCT": judicialrecord.FeeElderly,
	"NKT": judicialrecord.FeeDisabled, "HN": judicialrecord.FeePoorHousehold, "DBKK": judicialrecord.FeeHardshipArea,
}

func year(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// ToRequest maps an e-form onto a request, field by field. Unknown codes
// are errors naming the field, so a bad form is refused, not guessed.
func ToRequest(f EForm) (judicialrecord.Request, error) {
	r := judicialrecord.Request{
		Form: judicialrecord.Form(f.LoaiPhieu), PurposeCode: f.MaMucDich, Purpose: f.TenMucDich, Copies: f.SoLuongCap, ConfirmBan: f.YeuCauCDNCV,
		Person: judicialrecord.Person{FullName: f.NycHoTen, OtherName: f.NycTenKhac, BirthDate: f.NycNgaySinh, BirthPlace: f.NycNoiSinh,
			Ethnicity: f.NycDanToc, Nationality: f.NycQuocTich, IDType: f.NycLoaiGiayTo, IDNumber: f.NycSoGiayTo, IDIssuedOn: f.NycNgayCap,
			IDIssuedBy: f.NycNoiCap, Phone: f.NycDienThoai, Email: f.NycEmail},
		Father:    judicialrecord.Relative{FullName: f.ChaHoTen, BirthYear: year(f.ChaNamSinh)},
		Mother:    judicialrecord.Relative{FullName: f.MeHoTen, BirthYear: year(f.MeNamSinh)},
		Spouse:    judicialrecord.Relative{FullName: f.VoChongHoTen, BirthYear: year(f.VoChongNamSinh)},
		Permanent: judicialrecord.Address{Text: f.ThuongTru.ChiTiet, Province: f.ThuongTru.MaTinh},
		Temporary: judicialrecord.Address{Text: f.TamTru.ChiTiet, Province: f.TamTru.MaTinh},
		Source:    judicialrecord.SourceVNeID,
		Delivery:  "Trả kết quả điện tử qua ứng dụng VNeID",
	}
	switch f.NycGioiTinh {
	case "1", "Nam":
		r.Person.Sex = "Nam"
	case "2", "Nữ":
		r.Person.Sex = "Nữ"
	default:
		return r, fmt.Errorf("nycGioiTinh: mã giới tính %q không hợp lệ", f.NycGioiTinh)
	}
	for _, p := range f.QuaTrinh {
		r.History = append(r.History, judicialrecord.Period{From: p.TuNgay, To: p.DenNgay, Residence: p.NoiCuTru, Province: p.MaTinh,
			Abroad: p.NuocNgoai, Occupation: p.NgheNghiep, Workplace: p.NoiLamViec})
	}
	if t := strings.TrimSpace(f.ThongTinAnTich); t != "" {
		r.Declared = []judicialrecord.DeclaredRecord{{Text: t}}
	}
	cat, ok := feeCodes[strings.ToUpper(strings.TrimSpace(f.DoiTuongNopPhi))]
	if !ok {
		return r, fmt.Errorf("nycDoiTuongNopPhi: mã đối tượng %q không hợp lệ", f.DoiTuongNopPhi)
	}
	r.FeeCategory = cat
	if f.UyQuyen {
		p := f.ThongTinUyQuyen
		if p == nil {
			return r, fmt.Errorf("thongTinUyQuyen: thiếu thông tin người được ủy quyền")
		}
		rel, ok := relations[strings.ToUpper(strings.TrimSpace(p.MoiQuanHe))]
		if !ok {
			return r, fmt.Errorf("thongTinUyQuyen.moiQuanHe: mã quan hệ %q không hợp lệ", p.MoiQuanHe)
		}
		r.Proxy = &judicialrecord.Proxy{FullName: p.NuqHoTen, IDNumber: p.NuqSoGiayTo, Address: p.NuqDiaChi, Phone: p.NuqDienThoai,
			Relation: rel, Authorisation: p.VanBanUyQuyen, AuthorisationDate: p.NgayUyQuyen}
	}
	return r, nil
}

// Inbox is the channel's incoming queue.
type Inbox interface {
	// Fetch returns the e-forms not yet taken.
	Fetch(ctx context.Context) ([]json.RawMessage, error)
}

// Simulator is an in-memory inbox standing in for the national channel.
type Simulator struct {
	mu    sync.Mutex
	queue []json.RawMessage
}

// Put queues an e-form.
func (s *Simulator) Put(f EForm) {
	b, _ := json.Marshal(f)
	s.mu.Lock()
	s.queue = append(s.queue, b)
	s.mu.Unlock()
}

// Fetch takes the queued e-forms.
func (s *Simulator) Fetch(ctx context.Context) ([]json.RawMessage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queue
	s.queue = nil
	return q, nil
}

// Result is what happened to one e-form.
type Result struct {
	VNeIDCode string
	Dossier   string // the dossier's reference when received
	Error     string // why it was refused
}

// Receive takes the inbox's e-forms and files each as a request (status 1,
// waiting for the desk's check). A form that does not map or breaks a rule
// is reported with its reason; the others are filed.
func Receive(ctx context.Context, in Inbox, svc *judicialrecord.Service, tenantID string) ([]Result, error) {
	raw, err := in.Fetch(ctx)
	if err != nil {
		return nil, err
	}
	system := dossier.Actor{ID: "vneid", Name: "Kênh VNeID", Role: "system"}
	var out []Result
	for _, b := range raw {
		var f EForm
		if err := json.Unmarshal(b, &f); err != nil {
			out = append(out, Result{Error: "Tờ khai không đọc được: " + err.Error()})
			continue
		}
		res := Result{VNeIDCode: f.MaHoSoVNeID}
		req, err := ToRequest(f)
		if err == nil {
			var d dossier.Dossier
			d, err = svc.Intake(ctx, system, tenantID, req)
			res.Dossier = d.Ref
		}
		if err != nil {
			res.Error = err.Error()
		}
		out = append(out, res)
	}
	return out, nil
}

// Sample is a complete e-form 12/2024/LLTP for demonstrations: a citizen
// who studied abroad asks for certificate No. 2 (15 days).
func Sample(code string) EForm {
	return EForm{MaHoSoVNeID: code, LoaiPhieu: 2, TenMucDich: "Làm thủ tục định cư ở nước ngoài", SoLuongCap: 1,
		NycHoTen: "Trương Thị Mỹ Duyên", NycGioiTinh: "2", NycNgaySinh: "03/11/1997", NycNoiSinh: "Sa Đéc, Đồng Tháp", NycDanToc: "Kinh",
		NycQuocTich: "Việt Nam", NycLoaiGiayTo: "CCCD", NycSoGiayTo: "082197008888", NycDienThoai: "0909123456",
		ChaHoTen: "Trương Văn Thành", ChaNamSinh: "1969", MeHoTen: "Lâm Thị Hoa", MeNamSinh: "1971",
		ThuongTru: Address{MaTinh: "82", ChiTiet: "Phường Sa Đéc, tỉnh Đồng Tháp"},
		QuaTrinh:  []Period{{TuNgay: "09/2015", DenNgay: "06/2019", NoiCuTru: "Seoul, Hàn Quốc", NuocNgoai: true, NgheNghiep: "Du học sinh"}}}
}
