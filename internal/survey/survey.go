// Package survey is the citizens' satisfaction survey of the one-stop
// shop: a questionnaire the department edits (each edit a new version; an
// answer keeps the version it was answered with), one answer per dossier,
// and the quarterly results per unit in the layout of the provincial
// satisfaction index (SIPAS: per criterion group, the share satisfied).
//
// The five criterion groups and their criteria follow the SIPAS method of
// the Ministry of Home Affairs (Decision 2640/QĐ-BNV of 10/10/2017 on
// measuring citizens' satisfaction) [unverified against the official
// text: research/domain.md §9 names SIPAS, not its criteria]. The groups
// are fixed so that results add up across versions; their names and
// questions are the department's to edit.
package survey

import (
	"fmt"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// GroupCode is one of the five SIPAS criterion groups.
type GroupCode string

const (
	Access    GroupCode = "access"    // Tiếp cận dịch vụ
	Procedure GroupCode = "procedure" // Thủ tục hành chính
	Officer   GroupCode = "officer"   // Sự phục vụ của công chức
	Result    GroupCode = "result"    // Kết quả giải quyết
	Feedback  GroupCode = "feedback"  // Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị
)

// Groups are the five groups in the order SIPAS reports them.
var Groups = []GroupCode{Access, Procedure, Officer, Result, Feedback}

// Source says where the default questionnaire comes from.
const Source = "Bộ tiêu chí đo lường sự hài lòng SIPAS của Bộ Nội vụ (Quyết định 2640/QĐ-BNV ngày 10/10/2017; chưa đối chiếu văn bản chính thức — nội dung câu hỏi do Sở chỉnh sửa được)"

// Scale is the five-level answer scale; 0 is "not answered / does not
// apply". Satisfied answers are 4 and 5.
var Scale = []string{"Không trả lời", "Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"}

// Question is one criterion.
type Question struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Group is one criterion group of a questionnaire.
type Group struct {
	Code      GroupCode  `json:"code"`
	Name      string     `json:"name"`
	Questions []Question `json:"questions"`
}

// Questionnaire is one version of the department's questionnaire.
type Questionnaire struct {
	Version   int       `json:"version"`
	Title     string    `json:"title"`
	Groups    []Group   `json:"groups"`
	CreatedBy string    `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at,omitzero"`
}

// Default is the questionnaire a department starts with (version 1).
func Default() Questionnaire {
	g := func(code GroupCode, name string, texts ...string) Group {
		gr := Group{Code: code, Name: name}
		for i, t := range texts {
			gr.Questions = append(gr.Questions, Question{Code: fmt.Sprintf("%s.%d", code, i+1), Text: t})
		}
		return gr
	}
	return Questionnaire{Version: 1, Title: "Phiếu khảo sát mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của Bộ phận Một cửa",
		Groups: []Group{
			g(Access, "Tiếp cận dịch vụ",
				"Nơi ngồi chờ tại Bộ phận Một cửa có đủ chỗ ngồi",
				"Trang thiết bị phục vụ người dân, tổ chức đầy đủ",
				"Trang thiết bị phục vụ người dân, tổ chức dễ sử dụng",
				"Cổng dịch vụ công trực tuyến dễ tìm, dễ sử dụng"),
			g(Procedure, "Thủ tục hành chính",
				"Thủ tục hành chính được niêm yết, công khai đầy đủ",
				"Thủ tục hành chính được niêm yết, công khai chính xác",
				"Thành phần hồ sơ phải nộp đúng quy định",
				"Phí, lệ phí phải nộp đúng quy định",
				"Thời hạn giải quyết ghi trên giấy hẹn đúng quy định"),
			g(Officer, "Sự phục vụ của công chức",
				"Công chức có thái độ giao tiếp lịch sự",
				"Công chức chú ý lắng nghe ý kiến của người dân, tổ chức",
				"Công chức trả lời, giải thích đầy đủ các ý kiến",
				"Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo",
				"Công chức hướng dẫn kê khai hồ sơ dễ hiểu",
				"Công chức tuân thủ đúng quy định trong giải quyết công việc"),
			g(Result, "Kết quả giải quyết thủ tục hành chính",
				"Kết quả giải quyết đúng quy định",
				"Kết quả có thông tin đầy đủ",
				"Kết quả có thông tin chính xác",
				"Nhận được kết quả đúng hẹn"),
			g(Feedback, "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
				"Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị",
				"Người dân, tổ chức dễ dàng thực hiện góp ý, phản ánh, kiến nghị",
				"Cơ quan tiếp nhận, xử lý tích cực các góp ý, phản ánh, kiến nghị",
				"Cơ quan thông báo kịp thời kết quả xử lý góp ý, phản ánh, kiến nghị"),
		}}
}

// GroupName is the default name of a group.
func GroupName(c GroupCode) string {
	for _, g := range Default().Groups {
		if g.Code == c {
			return g.Name
		}
	}
	return string(c)
}

// Limits of an edited questionnaire.
const (
	MaxQuestions = 15  // per group
	MaxText      = 300 // characters of a title or question
)

// Validate checks a questionnaire: a title, the five groups in order, each
// with a name and 1–15 questions of at most 300 characters, unique codes.
// All mistakes are reported at once.
func (q Questionnaire) Validate() error {
	var fe apperr.FieldList
	if t := strings.TrimSpace(q.Title); t == "" || len([]rune(t)) > MaxText {
		fe.Add("title", "Tên phiếu khảo sát không được để trống và không dài quá 300 ký tự.")
	}
	if len(q.Groups) != len(Groups) {
		fe.Add("groups", "Phiếu khảo sát phải có đủ 5 nhóm tiêu chí.")
		return fe.Err()
	}
	seen := map[string]bool{}
	for i, g := range q.Groups {
		key := "group." + string(Groups[i])
		if g.Code != Groups[i] {
			fe.Add(key, "Nhóm tiêu chí không đúng thứ tự của bộ tiêu chí SIPAS.")
			continue
		}
		if n := strings.TrimSpace(g.Name); n == "" || len([]rune(n)) > MaxText {
			fe.Add(key+".name", "Tên nhóm tiêu chí không được để trống và không dài quá 300 ký tự.")
		}
		if len(g.Questions) == 0 || len(g.Questions) > MaxQuestions {
			fe.Add(key, fmt.Sprintf("Nhóm \"%s\" phải có từ 1 đến %d câu hỏi.", g.Name, MaxQuestions))
		}
		for _, qu := range g.Questions {
			if t := strings.TrimSpace(qu.Text); t == "" || len([]rune(t)) > MaxText {
				fe.Add(key, fmt.Sprintf("Câu hỏi của nhóm \"%s\" không được để trống và không dài quá 300 ký tự.", g.Name))
			}
			if qu.Code == "" || seen[qu.Code] {
				fe.Add(key, "Mã câu hỏi bị trùng hoặc để trống.")
			}
			seen[qu.Code] = true
		}
	}
	return fe.Err()
}

// Edit makes the next version from a title, the groups' names and their
// questions one per line (the form the department fills in). Questions
// are numbered within their group.
func Edit(prev Questionnaire, title string, names map[GroupCode]string, lines map[GroupCode]string, by string, at time.Time) (Questionnaire, error) {
	q := Questionnaire{Version: prev.Version + 1, Title: strings.TrimSpace(title), CreatedBy: by, CreatedAt: at}
	for _, c := range Groups {
		g := Group{Code: c, Name: strings.TrimSpace(names[c])}
		n := 0
		for _, l := range strings.Split(lines[c], "\n") {
			if l = strings.TrimSpace(l); l != "" {
				n++
				g.Questions = append(g.Questions, Question{Code: fmt.Sprintf("%s.%d", c, n), Text: l})
			}
		}
		q.Groups = append(q.Groups, g)
	}
	return q, q.Validate()
}

// groupOf maps each question code to its group.
func (q Questionnaire) groupOf() map[string]GroupCode {
	m := map[string]GroupCode{}
	for _, g := range q.Groups {
		for _, qu := range g.Questions {
			m[qu.Code] = g.Code
		}
	}
	return m
}

// Channel is where an answer was given.
type Channel string

const (
	Portal  Channel = "portal"  // by the applicant on the portal
	Counter Channel = "counter" // a paper survey entered by the desk
)

// Label names the channel.
func (c Channel) Label() string {
	if c == Counter {
		return "Phiếu giấy tại Bộ phận Một cửa"
	}
	return "Cổng dịch vụ công"
}

// Answer is one dossier's survey answer.
type Answer struct {
	TenantID    string         `json:"-"`
	DossierID   string         `json:"-"`
	DossierCode string         `json:"dossier_code"`
	Unit        string         `json:"unit"`
	Field       string         `json:"field"`
	Version     int            `json:"version"`
	Channel     Channel        `json:"channel"`
	Scores      map[string]int `json:"scores"`
	Comment     string         `json:"comment,omitempty"`
	At          time.Time      `json:"at"`
	By          string         `json:"-"` // the officer who entered a paper survey
	// ResolvedDay is the day the dossier was resolved (YYYY-MM-DD): the
	// service-quality index counts the answer in that period.
	ResolvedDay string `json:"-"`
}

// MaxComment bounds an answer's comment.
const MaxComment = 2000

// Check validates scores against the questionnaire: only its questions,
// each 0–5, at least one answered; a comment of at most 2,000 characters.
func (q Questionnaire) Check(scores map[string]int, comment string) error {
	groups := q.groupOf()
	answered := 0
	for code, v := range scores {
		if _, ok := groups[code]; !ok {
			return apperr.Field("scores", "Câu hỏi không có trong phiếu khảo sát.")
		}
		if v < 0 || v > 5 {
			return apperr.Field("scores", "Mức đánh giá phải từ 1 (rất không hài lòng) đến 5 (rất hài lòng).")
		}
		if v > 0 {
			answered++
		}
	}
	if answered == 0 {
		return apperr.Field("scores", "Vui lòng đánh giá ít nhất một tiêu chí.")
	}
	if len([]rune(comment)) > MaxComment {
		return apperr.Field("comment", "Ý kiến khác không được dài quá 2.000 ký tự.")
	}
	return nil
}

// Tally is a group's count of answered criteria, satisfied ones (4 or 5)
// and the sum of scores.
type Tally struct {
	Answered  int64 `json:"answered"`
	Satisfied int64 `json:"satisfied"`
	Sum       int64 `json:"sum"`
}

func (t *Tally) add(u Tally) {
	t.Answered, t.Satisfied, t.Sum = t.Answered+u.Answered, t.Satisfied+u.Satisfied, t.Sum+u.Sum
}

// Percent is the share of satisfied answers, one decimal; nil when none.
func (t Tally) Percent() *float64 { return pct(t.Satisfied, t.Answered) }

// Mean is the average score out of 5, two decimals; nil when none.
func (t Tally) Mean() *float64 {
	if t.Answered == 0 {
		return nil
	}
	m := float64(int64(float64(t.Sum)/float64(t.Answered)*100+0.5)) / 100
	return &m
}

func pct(num, den int64) *float64 {
	if den <= 0 {
		return nil
	}
	tenths := (2*num*1000 + den) / (2 * den)
	r := float64(tenths) / 10
	return &r
}

// Tallies groups an answer's scores by criterion group.
func (q Questionnaire) Tallies(scores map[string]int) map[GroupCode]Tally {
	groups := q.groupOf()
	out := map[GroupCode]Tally{}
	for code, v := range scores {
		g, ok := groups[code]
		if !ok || v <= 0 {
			continue
		}
		t := out[g]
		t.Answered++
		t.Sum += int64(v)
		if v >= 4 {
			t.Satisfied++
		}
		out[g] = t
	}
	return out
}

// Dissatisfied reports whether an answer is "not satisfied" overall: its
// average score is below 3 ("bình thường"). Decision 766's indicator 5.4
// counts such a dossier as one rated "not satisfied" (tuphap's reading:
// the decision counts dossiers "không hài lòng", the survey's scale has
// two levels below neutral).
func Dissatisfied(scores map[string]int) bool {
	var n, sum int
	for _, v := range scores {
		if v > 0 {
			n++
			sum += v
		}
	}
	return n > 0 && sum < 3*n
}

// Quarter is a calendar quarter.
type Quarter struct {
	Year, Q int
}

// ParseQuarter reads "YYYY-Q" (2026-4).
func ParseQuarter(s string) (Quarter, error) {
	var q Quarter
	s = strings.TrimSpace(s)
	if len(s) != 6 || s[4] != '-' || s[5] < '1' || s[5] > '4' {
		return q, apperr.Field("quarter", "Quý không hợp lệ; dùng dạng YYYY-Q, ví dụ 2026-4.")
	}
	if _, err := fmt.Sscanf(s[:4], "%d", &q.Year); err != nil || q.Year < 2000 || q.Year > 2100 {
		return q, apperr.Field("quarter", "Quý không hợp lệ; dùng dạng YYYY-Q, ví dụ 2026-4.")
	}
	q.Q = int(s[5] - '0')
	return q, nil
}

// QuarterOf is the quarter holding day.
func QuarterOf(d calendar.Date) Quarter { return Quarter{d.Year, (int(d.Month)-1)/3 + 1} }

// String is "YYYY-Q".
func (q Quarter) String() string { return fmt.Sprintf("%d-%d", q.Year, q.Q) }

// Label is "Quý IV/2026".
func (q Quarter) Label() string {
	return "Quý " + []string{"I", "II", "III", "IV"}[q.Q-1] + "/" + fmt.Sprint(q.Year)
}

// From and To are the quarter's first and last days.
func (q Quarter) From() calendar.Date { return calendar.NewDate(q.Year, time.Month(3*q.Q-2), 1) }

// To is the quarter's last day.
func (q Quarter) To() calendar.Date {
	n := q.Next()
	return calendar.NewDate(n.Year, time.Month(3*n.Q-2), 1).AddDays(-1)
}

// Next is the quarter after.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

// Prev is the quarter before.
func (q Quarter) Prev() Quarter {
	if q.Q == 1 {
		return Quarter{q.Year - 1, 4}
	}
	return Quarter{q.Year, q.Q - 1}
}
