// Package judicialrecord handles requests for judicial record certificates
// (Phiếu lý lịch tư pháp, LLTP) under the Law on Judicial Records
// 28/2009/QH12: the request with the fields of the official forms, the
// rules of the law as small versioned functions, the conviction records
// (án tích) that the certificate reports, and the certificate's content.
//
// A request IS a dossier of the procedure "Cấp Phiếu lý lịch tư pháp": the
// lifecycle (codes, statuses, steps, due dates, lateness) is package dossier's;
// this package adds what is particular to judicial records. It is plain Go
// with no I/O; Service (service.go) works over a Store interface.
//
// Article numbers of Law 28/2009/QH12 are cited from the research notes
// (research/onestop.md §6, domain.md §11), which mark them [M] (from memory,
// not checked against the gazette text); rules whose source is weaker carry an
// Unverified flag that screens show.
package judicialrecord

import (
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
)

// Form is the certificate asked for.
type Form int

const (
	// Form1 (Phiếu số 1) lists convictions not yet expunged and, only when
	// asked, bans on holding posts or managing enterprises (Art. 42).
	Form1 Form = 1
	// Form2 (Phiếu số 2) lists every conviction, expunged or not, and bans
	// (Art. 43). It is issued to procedural bodies and to the person
	// themself.
	Form2 Form = 2
)

// Label is the form's Vietnamese name.
func (f Form) Label() string {
	switch f {
	case Form1:
		return "Phiếu lý lịch tư pháp số 1"
	case Form2:
		return "Phiếu lý lịch tư pháp số 2"
	}
	return "Phiếu không xác định"
}

// Source is how the request arrived.
type Source string

const (
	SourceCounter Source = "counter" // at the desk (paper form 03 or 04/2024/LLTP)
	SourcePortal  Source = "portal"  // the online public service portal
	SourceVNeID   Source = "vneid"   // the national e-ID app (e-forms 12 or 13/2024/LLTP)
	SourcePost    Source = "post"    // by post (paper form)
)

// Label is the source in Vietnamese.
func (s Source) Label() string {
	switch s {
	case SourceCounter:
		return "Trực tiếp tại Bộ phận Một cửa"
	case SourcePortal:
		return "Cổng dịch vụ công"
	case SourceVNeID:
		return "Ứng dụng định danh điện tử VNeID"
	case SourcePost:
		return "Qua dịch vụ bưu chính"
	}
	return string(s)
}

// Valid reports whether s is known.
func (s Source) Valid() bool {
	return s == SourceCounter || s == SourcePortal || s == SourceVNeID || s == SourcePost
}

// Person is the person the certificate is about (người được cấp Phiếu): the
// "nyc*" fields of the e-forms.
type Person struct {
	FullName    string `json:"full_name"`
	OtherName   string `json:"other_name,omitempty"`
	Sex         string `json:"sex"`        // "Nam" / "Nữ"
	BirthDate   string `json:"birth_date"` // dd/mm/yyyy
	BirthPlace  string `json:"birth_place"`
	Ethnicity   string `json:"ethnicity,omitempty"`
	Nationality string `json:"nationality"` // "Việt Nam" for citizens
	IDType      string `json:"id_type"`     // "CCCD", "CC", "HC" (passport)
	IDNumber    string `json:"id_number"`
	IDIssuedOn  string `json:"id_issued_on,omitempty"`
	IDIssuedBy  string `json:"id_issued_by,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Email       string `json:"email,omitempty"`
}

// Relative is a parent or the spouse, as the forms ask: name and birth year.
type Relative struct {
	FullName  string `json:"full_name,omitempty"`
	BirthYear int    `json:"birth_year,omitempty"`
}

// Address is a residence with its province code (the 2-digit code of
// Decision 19/2025/QĐ-TTg).
type Address struct {
	Text     string `json:"text"`
	Province string `json:"province,omitempty"`
}

// Period is one line of the residence and occupation history
// (quaTrinhCTNNNLV: "từ tháng năm đến tháng năm, nơi cư trú, nghề nghiệp,
// nơi làm việc").
type Period struct {
	From       string `json:"from"` // mm/yyyy
	To         string `json:"to"`   // mm/yyyy or empty for "nay"
	Residence  string `json:"residence"`
	Province   string `json:"province,omitempty"`
	Abroad     bool   `json:"abroad,omitempty"`
	Occupation string `json:"occupation,omitempty"`
	Workplace  string `json:"workplace,omitempty"`
}

// Relation is how a proxy is related to the person.
type Relation string

const (
	RelParent Relation = "parent" // cha, mẹ
	RelSpouse Relation = "spouse" // vợ, chồng
	RelChild  Relation = "child"  // con
	// RelGuardian is the person's guardian (người giám hộ), who files for
	// the ward without an authorisation from 1/7/2026.
	RelGuardian Relation = "guardian"
	RelOther    Relation = "other" // anyone else: needs a written authorisation
)

// Relations lists the relations in display order.
var Relations = []Relation{RelParent, RelSpouse, RelChild, RelGuardian, RelOther}

// Label is the relation in Vietnamese.
func (r Relation) Label() string {
	switch r {
	case RelParent:
		return "Cha/mẹ"
	case RelSpouse:
		return "Vợ/chồng"
	case RelChild:
		return "Con"
	case RelGuardian:
		return "Người giám hộ"
	case RelOther:
		return "Người khác"
	}
	return string(r)
}

// Proxy is who files the request for the person (người được ủy quyền, the
// "nuq*" fields and thongTinUyQuyen).
type Proxy struct {
	FullName string   `json:"full_name"`
	IDNumber string   `json:"id_number"`
	Address  string   `json:"address,omitempty"`
	Phone    string   `json:"phone,omitempty"`
	Relation Relation `json:"relation"`
	// Authorisation is the written authorisation (văn bản ủy quyền): its
	// number or description and date; empty when none was given.
	Authorisation     string `json:"authorisation,omitempty"`
	AuthorisationDate string `json:"authorisation_date,omitempty"`
}

// FeeCategory is the fee class the requester claims (nycDoiTuongNopPhi).
type FeeCategory string

const (
	FeeNormal         FeeCategory = ""
	FeeStudent        FeeCategory = "student"
	FeeMeritorious    FeeCategory = "meritorious"
	FeeMartyrRelative FeeCategory = "martyr_relative"
	FeeChild          FeeCategory = "child"
	FeeElderly        FeeCategory = "elderly"
	FeeDisabled       FeeCategory = "disabled"
	FeePoorHousehold  FeeCategory = "poor_household"
	FeeHardshipArea   FeeCategory = "hardship_area"
)

var feeLabels = map[FeeCategory]string{
	FeeNormal: "Không thuộc đối tượng giảm, miễn", FeeStudent: "Sinh viên", FeeMeritorious: "Người có công với cách mạng",
	FeeMartyrRelative: "Thân nhân liệt sĩ", FeeChild: "Trẻ em", FeeElderly: "Người cao tuổi", FeeDisabled: "Người khuyết tật",
	FeePoorHousehold: "Người thuộc hộ nghèo", FeeHardshipArea: "Người cư trú tại xã đặc biệt khó khăn",
}

// Label is the category in Vietnamese.
func (c FeeCategory) Label() string {
	if l, ok := feeLabels[c]; ok {
		return l
	}
	return string(c)
}

// FeeCategories lists the categories in display order.
var FeeCategories = []FeeCategory{FeeNormal, FeeStudent, FeeMeritorious, FeeMartyrRelative, FeeChild, FeeElderly, FeeDisabled, FeePoorHousehold, FeeHardshipArea}

// DeclaredRecord is a conviction the person declares on the form
// (thongTinAnTich); it is criminal-record data and is stored sealed.
type DeclaredRecord struct {
	Text string `json:"text"`
}

// Request is a request for a certificate: the fields of forms 03/2024/LLTP
// (the person) and 04/2024/LLTP (by proxy) of Circular 06/2024/TT-BTP and of
// the e-forms 12 and 13/2024/LLTP.
type Request struct {
	Form    Form   `json:"form"`
	Purpose string `json:"purpose"` // mục đích yêu cầu cấp Phiếu
	// PurposeCode is the e-form's maMucDich, when known.
	PurposeCode string `json:"purpose_code,omitempty"`
	Copies      int    `json:"copies"` // số lượng Phiếu
	// ConfirmBan asks the certificate No. 1 to state bans on holding posts
	// or founding and managing enterprises (yeuCauCDNCV, Art. 42(2)).
	ConfirmBan bool `json:"confirm_ban,omitempty"`

	Person    Person   `json:"person"`
	Father    Relative `json:"father"`
	Mother    Relative `json:"mother"`
	Spouse    Relative `json:"spouse"`
	Permanent Address  `json:"permanent"`
	Temporary Address  `json:"temporary"`
	History   []Period `json:"history,omitempty"`
	// Declared holds the convictions the person declares (sealed at rest).
	Declared []DeclaredRecord `json:"declared,omitempty"`
	// ExpungementCheck is set when an automatic expungement must be
	// verified (Art. 48: the limit becomes 15 days).
	ExpungementCheck bool        `json:"expungement_check,omitempty"`
	FeeCategory      FeeCategory `json:"fee_category,omitempty"`
	Proxy            *Proxy      `json:"proxy,omitempty"`
	Source           Source      `json:"source"`
	Delivery         string      `json:"delivery,omitempty"` // how the certificate is returned
}

var (
	dateRe = regexp.MustCompile(`^[0-9]{2}/[0-9]{2}/[0-9]{4}$`)
)

func clean(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }

// Normalize cleans what was typed or mapped.
func (r *Request) Normalize() {
	p := &r.Person
	for _, s := range []*string{&p.FullName, &p.OtherName, &p.Sex, &p.BirthDate, &p.BirthPlace, &p.Ethnicity, &p.Nationality,
		&p.IDIssuedOn, &p.IDIssuedBy, &p.Email, &r.Purpose, &r.Father.FullName, &r.Mother.FullName, &r.Spouse.FullName,
		&r.Permanent.Text, &r.Temporary.Text, &r.Delivery} {
		*s = clean(*s)
	}
	p.IDType = strings.ToUpper(strings.TrimSpace(p.IDType))
	p.IDNumber = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(p.IDNumber), " ", ""))
	p.Phone = strings.NewReplacer(" ", "", ".", "", "-", "").Replace(strings.TrimSpace(p.Phone))
	if p.Nationality == "" {
		p.Nationality = "Việt Nam"
	}
	if p.IDType == "" {
		p.IDType = "CCCD"
	}
	if r.Copies == 0 {
		r.Copies = 1
	}
	if r.Source == "" {
		r.Source = SourceCounter
	}
	for i := range r.History {
		h := &r.History[i]
		h.Residence, h.Occupation, h.Workplace = clean(h.Residence), clean(h.Occupation), clean(h.Workplace)
	}
	if r.Proxy != nil {
		r.Proxy.FullName = clean(r.Proxy.FullName)
		r.Proxy.IDNumber = strings.ReplaceAll(strings.TrimSpace(r.Proxy.IDNumber), " ", "")
		r.Proxy.Authorisation = clean(r.Proxy.Authorisation)
		if r.Proxy.FullName == "" && r.Proxy.IDNumber == "" {
			r.Proxy = nil
		}
	}
}

// Foreigner reports whether the person is not a Vietnamese citizen.
func (r Request) Foreigner() bool {
	n := strings.ToLower(r.Person.Nationality)
	return n != "" && n != "việt nam" && n != "viet nam" && n != "vn"
}

// Validate checks the fields every request needs. The rules of the law
// (proxy, form) are checked by Check.
func (r Request) Validate() error {
	p := r.Person
	switch {
	case r.Form != Form1 && r.Form != Form2:
		return apperr.Field("form", "Cần chọn loại Phiếu: Phiếu số 1 hoặc Phiếu số 2.")
	case r.Purpose == "":
		return apperr.Field("purpose", "Cần ghi mục đích yêu cầu cấp Phiếu lý lịch tư pháp.")
	case r.Copies < 1 || r.Copies > 20:
		return apperr.Field("copies", "Số lượng Phiếu yêu cầu phải từ 1 đến 20.")
	case p.FullName == "" || len([]rune(p.FullName)) > 120:
		return apperr.Field("person.full_name", "Họ và tên người được cấp Phiếu không được để trống (tối đa 120 ký tự).")
	case p.Sex != "Nam" && p.Sex != "Nữ":
		return apperr.Field("person.sex", "Giới tính phải là Nam hoặc Nữ.")
	case !dateRe.MatchString(p.BirthDate):
		return apperr.Field("person.birth_date", "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/09/1990.")
	case p.BirthPlace == "":
		return apperr.Field("person.birth_place", "Cần ghi nơi sinh.")
	case !r.Foreigner() && !dossier.ValidIDNumber(p.IDNumber):
		return apperr.Field("person.id_number", "Số định danh cá nhân phải gồm đúng 12 chữ số.")
	case r.Foreigner() && !dossier.ValidPassport(p.IDNumber):
		return apperr.Field("person.id_number", "Số hộ chiếu không hợp lệ (6–12 chữ cái in hoa hoặc chữ số).")
	case r.Permanent.Text == "" && r.Temporary.Text == "":
		return apperr.Field("permanent", "Cần ghi nơi thường trú hoặc nơi tạm trú.")
	case !r.Source.Valid():
		return apperr.Field("source", "Kênh nộp yêu cầu không hợp lệ.")
	case len(r.History) > 50 || len(r.Declared) > 50:
		return apperr.Field("history", "Quá nhiều dòng khai báo.")
	}
	if _, ok := feeLabels[r.FeeCategory]; !ok {
		return apperr.Field("fee_category", "Đối tượng nộp phí không hợp lệ.")
	}
	if _, err := calendar.ParseDateVN(p.BirthDate); err != nil {
		return apperr.Field("person.birth_date", "Ngày sinh không có thật.")
	}
	if r.Proxy != nil {
		switch {
		case r.Proxy.FullName == "":
			return apperr.Field("proxy.full_name", "Cần ghi họ và tên người được ủy quyền.")
		case !dossier.ValidIDNumber(r.Proxy.IDNumber):
			return apperr.Field("proxy.id_number", "Số định danh cá nhân của người được ủy quyền phải gồm đúng 12 chữ số.")
		}
		switch r.Proxy.Relation {
		case RelParent, RelSpouse, RelChild, RelGuardian, RelOther:
		default:
			return apperr.Field("proxy.relation", "Cần chọn quan hệ của người được ủy quyền với người được cấp Phiếu.")
		}
	}
	return nil
}

// FormNumber is the request form used: 03/2024/LLTP by the person,
// 04/2024/LLTP by proxy (Circular 06/2024/TT-BTP); online, the e-forms
// 12/2024/LLTP and 13/2024/LLTP.
func (r Request) FormNumber() string {
	online := r.Source == SourceVNeID || r.Source == SourcePortal
	switch {
	case r.Proxy != nil && online:
		return "13/2024/LLTP"
	case online:
		return "12/2024/LLTP"
	case r.Proxy != nil:
		return "04/2024/LLTP"
	}
	return "03/2024/LLTP"
}
