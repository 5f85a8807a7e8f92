// Package legaldoc is the legal normative documents register (văn bản quy
// phạm pháp luật) of a province: the law book of the province and its
// communes with the relations between documents down to the article and
// their validity computed from those relations and dates; the appraisal of
// drafts (thẩm định), opinions on drafts (góp ý), the checking of issued
// documents (tự kiểm tra, kiểm tra) and their review and systematisation
// (rà soát, hệ thống hóa), under Law 64/2025/QH15 on the Promulgation of
// Legal Normative Documents (in force 1/4/2025) as amended by Law
// 87/2025/QH15 (in force 1/7/2025), and Decrees 78/2025/NĐ-CP and
// 79/2025/NĐ-CP as amended by Decree 187/2025/NĐ-CP.
//
// The package is pure: no I/O, no adapter imports.
package legaldoc

import (
	"strings"
	"time"
)

// Kind is the kind of a provincial or commune legal document (Law
// 64/2025/QH15 Art. 4 as amended by Law 87/2025/QH15).
type Kind string

const (
	KindCouncilResolution Kind = "council_resolution" // Nghị quyết của Hội đồng nhân dân tỉnh
	KindPCDecision        Kind = "pc_decision"        // Quyết định của Ủy ban nhân dân tỉnh
	KindChairmanDecision  Kind = "chairman_decision"  // Quyết định của Chủ tịch UBND tỉnh (from 1/7/2025)
	KindCommuneResolution Kind = "commune_resolution" // Nghị quyết của HĐND xã (from 1/7/2025)
	KindCommuneDecision   Kind = "commune_decision"   // Quyết định của UBND xã (from 1/7/2025)
)

// Kinds lists the kinds in report order.
var Kinds = []Kind{KindCouncilResolution, KindPCDecision, KindChairmanDecision, KindCommuneResolution, KindCommuneDecision}

var kindNames = map[Kind]string{
	KindCouncilResolution: "Nghị quyết của HĐND tỉnh",
	KindPCDecision:        "Quyết định của UBND tỉnh",
	KindChairmanDecision:  "Quyết định của Chủ tịch UBND tỉnh",
	KindCommuneResolution: "Nghị quyết của HĐND xã",
	KindCommuneDecision:   "Quyết định của UBND xã",
}

// Name is the kind's Vietnamese name.
func (k Kind) Name() string { return kindNames[k] }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kindNames[k]; return ok }

// Commune reports whether documents of the kind are issued by a commune.
func (k Kind) Commune() bool { return k == KindCommuneResolution || k == KindCommuneDecision }

// Title is the word the document's title starts with ("Nghị quyết", "Quyết định").
func (k Kind) Title() string {
	if k == KindCouncilResolution || k == KindCommuneResolution {
		return "Nghị quyết"
	}
	return "Quyết định"
}

// kindSince is the first day a kind may be issued: the Chairman's decisions
// and the communes' documents are new in Law 87/2025/QH15 (in force
// 1/7/2025).
func kindSince(k Kind) time.Time {
	switch k {
	case KindChairmanDecision, KindCommuneResolution, KindCommuneDecision:
		return day(2025, 7, 1)
	}
	return time.Time{}
}

// Document is one entry of the law book.
type Document struct {
	ID          string
	Kind        Kind
	Number      string // "15/2025/NQ-HĐND"
	Title       string // trích yếu: "Quy định mức thu học phí …"
	Issuer      string // "HĐND tỉnh Đồng Tháp", "UBND xã Mỹ An"
	CommuneCode string // the commune that issued it; "" for the province
	Signer      string
	SignedOn    time.Time
	PublishedOn *time.Time // on the provincial e-gazette
	InForceOn   time.Time  // ngày có hiệu lực
	// EndsOn is the last day in force set by the document itself ("hết
	// hiệu lực khi hết thời hạn được quy định trong văn bản"); nil when it
	// sets none.
	EndsOn  *time.Time
	Gazette string // e-gazette reference: "Công báo tỉnh số 45, ngày 20/8/2025"
	Field   string // lĩnh vực: "Giáo dục", "Đất đai"…
	Body    string // full text
	File    string // a link to the signed file, when kept elsewhere
}

// RelationKind is how one document acts on another.
type RelationKind string

const (
	RelAmends   RelationKind = "amends"   // sửa đổi, bổ sung
	RelReplaces RelationKind = "replaces" // thay thế
	RelRepeals  RelationKind = "repeals"  // bãi bỏ
	RelGuides   RelationKind = "guides"   // quy định chi tiết, hướng dẫn
	RelSuspends RelationKind = "suspends" // đình chỉ, ngưng hiệu lực
	RelResumes  RelationKind = "resumes"  // bãi bỏ việc đình chỉ: tiếp tục có hiệu lực
)

// RelationKinds lists the kinds in the order the forms show them.
var RelationKinds = []RelationKind{RelAmends, RelReplaces, RelRepeals, RelGuides, RelSuspends, RelResumes}

var relNames = map[RelationKind][2]string{
	RelAmends:   {"Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"},
	RelReplaces: {"Thay thế", "Bị thay thế bởi"},
	RelRepeals:  {"Bãi bỏ", "Bị bãi bỏ bởi"},
	RelGuides:   {"Quy định chi tiết", "Được quy định chi tiết bởi"},
	RelSuspends: {"Đình chỉ thi hành", "Bị đình chỉ thi hành bởi"},
	RelResumes:  {"Bãi bỏ việc đình chỉ", "Được tiếp tục thi hành theo"},
}

// Name is what the acting document does ("Thay thế").
func (k RelationKind) Name() string { return relNames[k][0] }

// Passive is what happens to the target ("Bị thay thế bởi").
func (k RelationKind) Passive() string { return relNames[k][1] }

// Valid reports whether k is a known relation kind.
func (k RelationKind) Valid() bool { _, ok := relNames[k]; return ok }

// Relation is one document (Source) acting on another (Target), on the
// whole of it or on some of its articles, from a day.
type Relation struct {
	ID       string
	Kind     RelationKind
	SourceID string
	TargetID string
	// Articles are the target's parts acted on ("Điều 3", "khoản 2 Điều
	// 5"); none means the whole document.
	Articles []string
	// EffectiveOn is the day the act takes effect: the source's day in
	// force unless the source says otherwise (a suspension takes effect on
	// the day the suspending decision says).
	EffectiveOn time.Time
	Note        string
}

// Whole reports whether the relation acts on the whole document.
func (r Relation) Whole() bool { return len(r.Articles) == 0 }

// NormArticle makes article references comparable: "Điều 3 " and "điều 3"
// are the same part.
func NormArticle(a string) string { return strings.ToLower(strings.Join(strings.Fields(a), " ")) }

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func dateOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
