package emulation

import (
	"fmt"
	"time"
)

// TitleCode is the stable key of an emulation title (danh hiệu thi đua) or
// a form of commendation (hình thức khen thưởng).
type TitleCode string

const (
	LDTT         TitleCode = "ldtt"           // Lao động tiên tiến
	CSTDCoSo     TitleCode = "cstd_co_so"     // Chiến sĩ thi đua cơ sở
	CSTDTinh     TitleCode = "cstd_tinh"      // Chiến sĩ thi đua cấp tỉnh (bộ, ban, ngành, tỉnh)
	TapTheLDTT   TitleCode = "tt_ldtt"        // Tập thể lao động tiên tiến
	TapTheLDXS   TitleCode = "tt_ldxs"        // Tập thể lao động xuất sắc
	GiayKhen     TitleCode = "giay_khen"      // Giấy khen (of the Director)
	BangKhenTinh TitleCode = "bang_khen"      // Bằng khen of the provincial People's Committee
	KyNiemChuong TitleCode = "ky_niem_chuong" // Kỷ niệm chương "Vì sự nghiệp Tư pháp"
)

// Title is a title or form of commendation with its conditions, as data:
// each version has the day it takes effect, the article it follows and
// whether the condition was checked against the legal text (Verified
// false: taken from memory of the text, research/domain.md §9 [M]; an
// administrator may correct it, it is data, not code).
type Title struct {
	Code    TitleCode `json:"code"`
	Name    string    `json:"name"`
	Kind    Kind      `json:"kind"`
	Form    bool      `json:"form"` // a form of commendation, not an emulation title
	Level   string    `json:"level"`
	From    time.Time `json:"from"`
	Article string    `json:"article"`
	// Verified is false where research marks the condition unverified.
	Verified bool `json:"verified"`
	// Conditions.
	MinRating      Rating `json:"min_rating"`
	NeedInitiative bool   `json:"need_initiative"`
	NoDiscipline   bool   `json:"no_discipline"`
	// For collectives: the share of members (percent) who reached LĐTT, at
	// least one CSTĐ cơ sở among them, no member rated "không hoàn thành".
	MinShareLDTT   int  `json:"min_share_ldtt,omitempty"`
	NeedMemberCSTD bool `json:"need_member_cstd,omitempty"`
	AllMembersDone bool `json:"all_members_done,omitempty"`
	// For individuals: consecutive years as CSTĐ cơ sở.
	ConsecutiveCSTD int `json:"consecutive_cstd,omitempty"`
}

var (
	law2022 = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) // Law 06/2022/QH15 in force
)

// titles are the titles and forms in force, by version. Law 06/2022/QH15
// (in force 1/1/2024) and Decree 98/2023/NĐ-CP; the articles are those of
// the Law unless said otherwise.
var titles = []Title{
	{Code: LDTT, Name: "Lao động tiên tiến", Kind: Individual, Level: "cơ sở", From: law2022,
		Article: "Luật Thi đua, khen thưởng 2022, Điều 24", MinRating: Good, NoDiscipline: true},
	{Code: CSTDCoSo, Name: "Chiến sĩ thi đua cơ sở", Kind: Individual, Level: "cơ sở", From: law2022,
		Article:   "Luật Thi đua, khen thưởng 2022, Điều 23; tỷ lệ không quá 15% số LĐTT: Nghị định 98/2023/NĐ-CP",
		MinRating: Excellent, NeedInitiative: true, NoDiscipline: true},
	{Code: CSTDTinh, Name: "Chiến sĩ thi đua cấp tỉnh", Kind: Individual, Level: "tỉnh", From: law2022,
		Article: "Luật Thi đua, khen thưởng 2022, Điều 22", MinRating: Excellent, NeedInitiative: true, NoDiscipline: true, ConsecutiveCSTD: 3},
	{Code: TapTheLDTT, Name: "Tập thể lao động tiên tiến", Kind: Collective, Level: "cơ sở", From: law2022,
		Article: "Luật Thi đua, khen thưởng 2022, Điều 28", MinRating: Good, MinShareLDTT: 50, NoDiscipline: true},
	{Code: TapTheLDXS, Name: "Tập thể lao động xuất sắc", Kind: Collective, Level: "tỉnh", From: law2022,
		Article: "Luật Thi đua, khen thưởng 2022, Điều 27", MinRating: Excellent, MinShareLDTT: 70, NeedMemberCSTD: true, AllMembersDone: true, NoDiscipline: true},
	{Code: GiayKhen, Name: "Giấy khen của Giám đốc Sở", Kind: "", Form: true, Level: "cơ sở", From: law2022,
		Article: "Luật Thi đua, khen thưởng 2022, Điều 75", MinRating: Good, NoDiscipline: true},
	{Code: BangKhenTinh, Name: "Bằng khen của Chủ tịch UBND tỉnh", Kind: "", Form: true, Level: "tỉnh", From: law2022,
		Article: "Luật Thi đua, khen thưởng 2022, Điều 72", MinRating: Excellent, NoDiscipline: true},
	{Code: KyNiemChuong, Name: "Kỷ niệm chương \"Vì sự nghiệp Tư pháp\"", Kind: Individual, Form: true, Level: "bộ", From: law2022,
		Article: "Thông tư của Bộ Tư pháp về Kỷ niệm chương (research/domain.md §9)", MinRating: Done, NoDiscipline: true},
}

// MaxCSTDShare is the largest share (percent) of the LĐTT of a unit who may
// be recognised CSTĐ cơ sở (research/domain.md §9 "≤15% of LĐTT", Decree
// 98/2023/NĐ-CP; unverified, kept as data).
const MaxCSTDShare = 15

// ParRule is the rule seed 002 cites: "không xét thi đua hằng năm đối với
// phòng, đơn vị thực hiện không đạt các nhiệm vụ CCHC". It is the
// department's own directive, not a statute: kept as data with its source,
// switched on by default.
type ParRule struct {
	On     bool
	Source string
}

// DefaultParRule is the department's directive of seed 002.
var DefaultParRule = ParRule{On: true,
	Source: "Văn bản chỉ đạo của Giám đốc Sở Tư pháp: không xét thi đua hằng năm đối với phòng, đơn vị không đạt nhiệm vụ CCHC"}

// TitleOn returns the version of a title in force on day.
func TitleOn(code TitleCode, day time.Time) (Title, bool) {
	var out Title
	found := false
	for _, t := range titles {
		if t.Code == code && !t.From.After(day) {
			out, found = t, true
		}
	}
	return out, found
}

// Titles lists the titles and forms in force on day.
func Titles(day time.Time) []Title {
	seen := map[TitleCode]bool{}
	var out []Title
	for _, t := range titles {
		if seen[t.Code] {
			continue
		}
		if v, ok := TitleOn(t.Code, day); ok {
			seen[t.Code] = true
			out = append(out, v)
		}
	}
	return out
}

// Unmet is a condition an evaluation does not meet, in Vietnamese with the
// article it follows.
type Unmet struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Check returns the conditions of title t that evaluation e does not meet
// (nil: it may be proposed). The PAR rule comes first: a collective that
// did not meet its administrative-reform tasks is not considered at all.
func Check(t Title, e Evaluation, par ParRule) []Unmet {
	var out []Unmet
	if par.On && e.Kind == Collective && !e.ParTasksMet {
		return []Unmet{{"par_tasks", "Đơn vị không hoàn thành nhiệm vụ cải cách hành chính trong năm: không xét thi đua (" + par.Source + ")."}}
	}
	if t.Kind != "" && t.Kind != e.Kind {
		return []Unmet{{"kind", fmt.Sprintf("%s chỉ xét cho %s.", t.Name, lower(KindNames[t.Kind]))}}
	}
	if e.Rating.rank() < t.MinRating.rank() {
		out = append(out, Unmet{"rating", fmt.Sprintf("Phải đạt mức \"%s\" trở lên (%s).", RatingNames[t.MinRating], t.Article)})
	}
	if t.NoDiscipline && e.Disciplined {
		out = append(out, Unmet{"discipline", "Bị kỷ luật trong năm: không đủ điều kiện (" + t.Article + ")."})
	}
	if t.NeedInitiative && !e.Initiative {
		out = append(out, Unmet{"initiative", "Phải có sáng kiến hoặc đề tài được công nhận, áp dụng (" + t.Article + ")."})
	}
	if t.ConsecutiveCSTD > 0 && e.ConsecutiveCSTD < t.ConsecutiveCSTD {
		out = append(out, Unmet{"consecutive", fmt.Sprintf("Phải có %d lần liên tục đạt Chiến sĩ thi đua cơ sở (có %d) (%s).", t.ConsecutiveCSTD, e.ConsecutiveCSTD, t.Article)})
	}
	if e.Kind == Collective {
		if t.MinShareLDTT > 0 && (e.Members == 0 || e.MembersLDTT*100 < t.MinShareLDTT*e.Members) {
			out = append(out, Unmet{"share_ldtt", fmt.Sprintf("Phải có ít nhất %d%% cá nhân đạt Lao động tiên tiến (đạt %d/%d) (%s).", t.MinShareLDTT, e.MembersLDTT, e.Members, t.Article)})
		}
		if t.NeedMemberCSTD && e.MembersCSTD == 0 {
			out = append(out, Unmet{"member_cstd", "Phải có cá nhân đạt Chiến sĩ thi đua cơ sở (" + t.Article + ")."})
		}
		if t.AllMembersDone && e.MembersFailed > 0 {
			out = append(out, Unmet{"members_done", fmt.Sprintf("100%% cá nhân phải hoàn thành nhiệm vụ (%d không hoàn thành) (%s).", e.MembersFailed, t.Article)})
		}
	}
	return out
}

// QuotaCSTD says how many CSTĐ cơ sở a unit with ldtt LĐTT may have:
// floor(ldtt × 15%), at least one when it has any LĐTT.
func QuotaCSTD(ldtt int) int {
	if ldtt <= 0 {
		return 0
	}
	return max(1, ldtt*MaxCSTDShare/100)
}

func lower(s string) string {
	switch s {
	case "Cá nhân":
		return "cá nhân"
	case "Tập thể":
		return "tập thể"
	}
	return s
}
