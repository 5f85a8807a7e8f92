package legaldoc

import (
	"fmt"
	"strings"
	"time"
)

// TaskType is what a draft was sent to the department for.
type TaskType string

const (
	TaskAppraisal TaskType = "appraisal" // thẩm định dự thảo
	TaskProposal  TaskType = "proposal"  // thẩm định đề nghị xây dựng nghị quyết
	TaskOpinion   TaskType = "opinion"   // góp ý dự thảo
)

// TaskTypes lists the types in report order.
var TaskTypes = []TaskType{TaskAppraisal, TaskProposal, TaskOpinion}

var taskTypeNames = map[TaskType]string{
	TaskAppraisal: "Thẩm định dự thảo",
	TaskProposal:  "Thẩm định đề nghị xây dựng nghị quyết",
	TaskOpinion:   "Góp ý dự thảo",
}

// Name is the type's Vietnamese name.
func (t TaskType) Name() string { return taskTypeNames[t] }

// Valid reports whether t is a known type.
func (t TaskType) Valid() bool { _, ok := taskTypeNames[t]; return ok }

// Origin is where a draft sent for opinion comes from (001: "tham gia ý
// kiến trên 30 dự thảo QPPL của Trung ương, 40 dự thảo VBQPPL của tỉnh và
// trên 130 dự thảo văn bản khác").
type Origin string

const (
	OriginCentral    Origin = "central"    // dự thảo văn bản QPPL của Trung ương
	OriginProvincial Origin = "provincial" // dự thảo văn bản QPPL của tỉnh
	OriginOther      Origin = "other"      // dự thảo văn bản khác
)

// Origins lists the origins in report order.
var Origins = []Origin{OriginCentral, OriginProvincial, OriginOther}

var originNames = map[Origin]string{OriginCentral: "Văn bản QPPL của Trung ương", OriginProvincial: "Văn bản QPPL của tỉnh", OriginOther: "Văn bản khác"}

// Name is the origin's Vietnamese name.
func (o Origin) Name() string { return originNames[o] }

// Valid reports whether o is a known origin.
func (o Origin) Valid() bool { _, ok := originNames[o]; return ok }

// Stage is where a task stands; it follows from its dates.
type Stage string

const (
	StageReceived   Stage = "received"   // tiếp nhận, chưa kiểm tra hồ sơ
	StageIncomplete Stage = "incomplete" // hồ sơ chưa đủ, đề nghị bổ sung
	StageInProgress Stage = "in_progress"
	StageReported   Stage = "reported"  // đã gửi báo cáo thẩm định / ý kiến
	StageResponded  Stage = "responded" // cơ quan soạn thảo đã tiếp thu, giải trình
)

var stageNames = map[Stage]string{
	StageReceived: "Mới tiếp nhận", StageIncomplete: "Chờ bổ sung hồ sơ", StageInProgress: "Đang thẩm định",
	StageReported: "Đã gửi báo cáo", StageResponded: "Đã tiếp thu, giải trình",
}

// Name is the stage's Vietnamese name.
func (s Stage) Name() string { return stageNames[s] }

// Task is one draft sent to the department: for appraisal, for the
// appraisal of a proposal, or for opinion.
type Task struct {
	ID         string
	Type       TaskType
	DraftKind  Kind   // the kind of document the draft would become (appraisal, proposal)
	Origin     Origin // opinions only
	Title      string // "Dự thảo Nghị quyết quy định mức thu học phí …"
	Agency     string // the drafting agency (cơ quan chủ trì soạn thảo)
	RequestNo  string // the request letter's number
	ReceivedOn time.Time
	// CompleteOn is the day the file was found complete: the appraisal
	// period counts from it. Missing lists what was asked for meanwhile.
	CompleteOn *time.Time
	Missing    string
	// DueOn is computed from the rules when the file is complete; for an
	// opinion it is the day the requesting agency set.
	DueOn      *time.Time
	AssignedTo string
	// Council is set when an appraisal council (hội đồng thẩm định) was
	// formed; CouncilNote names its members or decision.
	Council     bool
	CouncilNote string
	Findings    string // the report's or opinion's content
	Conclusion  string // "Đủ điều kiện trình", "Cần chỉnh lý, hoàn thiện trước khi trình"
	ReportNo    string
	ReportOn    *time.Time
	Response    string // the drafting agency's tiếp thu, giải trình
	RespondedOn *time.Time
	// DocumentID links the document issued from the draft, once it is.
	DocumentID string
}

// Stage is where the task stands.
func (t Task) Stage() Stage {
	switch {
	case t.RespondedOn != nil:
		return StageResponded
	case t.ReportOn != nil:
		return StageReported
	case t.CompleteOn != nil || t.Type == TaskOpinion:
		return StageInProgress
	case t.Missing != "":
		return StageIncomplete
	}
	return StageReceived
}

// Late reports whether the report went out after its due day, or is still
// owed after it on today.
func (t Task) Late(today time.Time) bool {
	if t.DueOn == nil {
		return false
	}
	if t.ReportOn != nil {
		return dateOf(*t.ReportOn).After(*t.DueOn)
	}
	return dateOf(today).After(*t.DueOn)
}

// DaysLeft is the days until the due day (negative when overdue); ok is
// false when nothing is owed.
func (t Task) DaysLeft(today time.Time) (int, bool) {
	if t.DueOn == nil || t.ReportOn != nil {
		return 0, false
	}
	return int(t.DueOn.Sub(dateOf(today)).Hours() / 24), true
}

// CheckMode is how an issued document is checked.
type CheckMode string

const (
	CheckSelf   CheckMode = "self"   // tự kiểm tra (the issuer's own documents)
	CheckIssued CheckMode = "issued" // kiểm tra văn bản của cấp xã gửi đến
	CheckLead   CheckMode = "lead"   // kiểm tra theo địa bàn, chuyên đề, theo nguồn thông tin
)

// CheckModes lists the modes in report order.
var CheckModes = []CheckMode{CheckSelf, CheckIssued, CheckLead}

var checkModeNames = map[CheckMode]string{CheckSelf: "Tự kiểm tra", CheckIssued: "Kiểm tra văn bản gửi đến", CheckLead: "Kiểm tra theo chuyên đề, địa bàn, nguồn thông tin"}

// Name is the mode's Vietnamese name.
func (m CheckMode) Name() string { return checkModeNames[m] }

// Valid reports whether m is a known mode.
func (m CheckMode) Valid() bool { _, ok := checkModeNames[m]; return ok }

// Finding is one unlawful content found, by article.
type Finding struct {
	Article string // "khoản 2 Điều 4"
	Content string // what is unlawful
	Basis   string // the higher document it contravenes
}

// Check is the checking of one issued document (Decree 79/2025/NĐ-CP).
type Check struct {
	ID          string
	Mode        CheckMode
	DocumentID  string // in the law book, when it is there
	DocNumber   string
	DocTitle    string
	Issuer      string
	CommuneCode string
	ReceivedOn  time.Time
	CheckedOn   *time.Time
	Findings    []Finding
	// Proposed is the handling proposed to the issuer (sửa đổi, bổ sung,
	// bãi bỏ, đình chỉ thi hành…), NoticeNo the checking notice.
	Proposed    string
	NoticeNo    string
	Response    string // the issuer's response
	RespondedOn *time.Time
	Outcome     string // what the issuer did
	ClosedOn    *time.Time
}

// Unlawful reports whether unlawful content was found.
func (c Check) Unlawful() bool { return len(c.Findings) > 0 }

// CheckStage names where a check stands.
func (c Check) Stage() string {
	switch {
	case c.ClosedOn != nil:
		return "Đã xử lý xong"
	case c.RespondedOn != nil:
		return "Cơ quan ban hành đã trả lời"
	case c.CheckedOn != nil && c.Unlawful():
		return "Đã thông báo, chờ xử lý"
	case c.CheckedOn != nil:
		return "Đã kiểm tra: không phát hiện sai"
	}
	return "Đang kiểm tra"
}

// ReviewKind is the kind of a review (Decree 79/2025/NĐ-CP).
type ReviewKind string

const (
	ReviewRegular      ReviewKind = "regular"         // rà soát thường xuyên
	ReviewTopic        ReviewKind = "topic"           // rà soát theo chuyên đề, lĩnh vực, địa bàn
	ReviewSystematise  ReviewKind = "systematisation" // hệ thống hóa kỳ 05 năm
	ReviewYearlyListed ReviewKind = "yearly_list"     // công bố danh mục hằng năm
)

// ReviewKinds lists the kinds.
var ReviewKinds = []ReviewKind{ReviewRegular, ReviewTopic, ReviewSystematise, ReviewYearlyListed}

var reviewKindNames = map[ReviewKind]string{ReviewRegular: "Rà soát thường xuyên", ReviewTopic: "Rà soát theo chuyên đề, lĩnh vực", ReviewSystematise: "Hệ thống hóa (kỳ 05 năm)", ReviewYearlyListed: "Công bố danh mục văn bản hết hiệu lực, ngưng hiệu lực"}

// Name is the kind's Vietnamese name.
func (k ReviewKind) Name() string { return reviewKindNames[k] }

// Valid reports whether k is a known kind.
func (k ReviewKind) Valid() bool { _, ok := reviewKindNames[k]; return ok }

// Verdict is a review's finding on one document.
type Verdict string

const (
	VerdictKeep    Verdict = "keep"    // còn phù hợp
	VerdictAmend   Verdict = "amend"   // cần sửa đổi, bổ sung
	VerdictReplace Verdict = "replace" // cần thay thế
	VerdictRepeal  Verdict = "repeal"  // cần bãi bỏ
	VerdictNew     Verdict = "new"     // cần ban hành mới
)

// Verdicts lists them.
var Verdicts = []Verdict{VerdictKeep, VerdictAmend, VerdictReplace, VerdictRepeal, VerdictNew}

var verdictNames = map[Verdict]string{VerdictKeep: "Còn phù hợp", VerdictAmend: "Cần sửa đổi, bổ sung", VerdictReplace: "Cần thay thế", VerdictRepeal: "Cần bãi bỏ", VerdictNew: "Cần ban hành mới"}

// Name is the verdict's Vietnamese name.
func (v Verdict) Name() string { return verdictNames[v] }

// Valid reports whether v is known.
func (v Verdict) Valid() bool { _, ok := verdictNames[v]; return ok }

// ReviewItem is one document reviewed.
type ReviewItem struct {
	DocumentID string
	Verdict    Verdict
	Note       string
}

// Review is a review or systematisation round.
type Review struct {
	ID         string
	Kind       ReviewKind
	Title      string
	Year       int
	CutOff     *time.Time // systematisation's thời điểm chốt
	StartedOn  time.Time
	FinishedOn *time.Time
	Items      []ReviewItem
}

// Listed is one line of a yearly list: a document that expired, wholly or
// in part, or was suspended during the year, as the law book computes it.
type Listed struct {
	Document Document
	Validity Validity
}

// YearlyLists are the lists Decree 79/2025 has the province publish by
// 31/1 of the next year: documents that expired wholly, expired in part,
// and were suspended (wholly or in part) during the year, computed from
// the relations and dates.
func YearlyLists(g *Graph, year int) (expired, partly, suspended []Listed) {
	from, to := day(year, 1, 1), day(year, 12, 31)
	for _, doc := range g.Docs {
		v := g.ValidityOn(doc.ID, to)
		if v.Since.Before(from) || v.Since.After(to) {
			continue
		}
		switch v.Status {
		case StatusExpired:
			expired = append(expired, Listed{doc, v})
		case StatusPartlyExpired:
			partly = append(partly, Listed{doc, v})
		case StatusSuspended, StatusPartlySuspended:
			suspended = append(suspended, Listed{doc, v})
		}
	}
	for _, l := range [][]Listed{expired, partly, suspended} {
		sortListed(l)
	}
	return expired, partly, suspended
}

func sortListed(l []Listed) {
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && listedBefore(l[j], l[j-1]); j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
}

func listedBefore(a, b Listed) bool {
	if !a.Validity.Since.Equal(b.Validity.Since) {
		return a.Validity.Since.Before(b.Validity.Since)
	}
	return a.Document.Number < b.Document.Number
}

// ReportDraft is the appraisal report drafted from the template: the
// headings a báo cáo thẩm định covers, with the officer's findings and
// conclusion when written.
func ReportDraft(t Task, department string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nBÁO CÁO THẨM ĐỊNH\n%s\n\n", strings.ToUpper(department), t.Title)
	fmt.Fprintf(&b, "Kính gửi: %s\n\n", t.Agency)
	complete := "chưa xác định"
	if t.CompleteOn != nil {
		complete = t.CompleteOn.Format("02/01/2006")
	}
	fmt.Fprintf(&b, "Sở Tư pháp nhận được văn bản số %s ngày %s đề nghị thẩm định %s (hồ sơ đầy đủ ngày %s). ",
		orDash(t.RequestNo), t.ReceivedOn.Format("02/01/2006"), lowerFirst(t.Title), complete)
	if t.Council {
		fmt.Fprintf(&b, "Sở Tư pháp đã thành lập Hội đồng thẩm định (%s). ", orDash(t.CouncilNote))
	}
	b.WriteString("Sau khi nghiên cứu, Sở Tư pháp có ý kiến thẩm định như sau:\n\n")
	heads := []string{
		"I. Sự cần thiết ban hành; đối tượng, phạm vi điều chỉnh của văn bản",
		"II. Sự phù hợp của nội dung dự thảo với chủ trương, đường lối của Đảng",
		"III. Tính hợp hiến, hợp pháp, tính thống nhất của dự thảo với hệ thống pháp luật",
		"IV. Sự phù hợp với điều ước quốc tế; việc lồng ghép bình đẳng giới; thủ tục hành chính",
		"V. Ngôn ngữ, kỹ thuật soạn thảo văn bản",
	}
	for _, h := range heads {
		b.WriteString(h + "\n")
	}
	b.WriteString("\nNội dung thẩm định:\n")
	if strings.TrimSpace(t.Findings) != "" {
		b.WriteString(t.Findings + "\n")
	} else {
		b.WriteString("(chuyên viên ghi ý kiến theo từng mục)\n")
	}
	b.WriteString("\nVI. Kết luận\n")
	if t.Conclusion != "" {
		b.WriteString(t.Conclusion + "\n")
	} else {
		b.WriteString("(đủ điều kiện / chưa đủ điều kiện trình)\n")
	}
	return b.String()
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "…"
	}
	return s
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// WithItem returns the review's items with it recorded: a document has
// one verdict per round, so a later verdict on the same document replaces
// the earlier one; a new document is appended.
func WithItem(items []ReviewItem, it ReviewItem) []ReviewItem {
	out := make([]ReviewItem, 0, len(items)+1)
	found := false
	for _, x := range items {
		if x.DocumentID == it.DocumentID {
			x, found = it, true
		}
		out = append(out, x)
	}
	if !found {
		out = append(out, it)
	}
	return out
}

// VerdictCounts counts a round's verdicts, in the order of Verdicts.
func VerdictCounts(items []ReviewItem) map[Verdict]int {
	out := map[Verdict]int{}
	for _, it := range items {
		out[it.Verdict]++
	}
	return out
}
