package emulation

import (
	"sort"
	"time"
)

// The department's administrative reform (cải cách hành chính, CCHC): the
// yearly plan "với các mục tiêu, nhiệm vụ cụ thể, trong đó phân công cụ thể
// phòng, đơn vị chịu trách nhiệm thực hiện, kết quả/sản phẩm, thời hạn thực
// hiện" (seed 002), its quarterly review, and the self-assessment for the
// provincial PAR index with the evidence of each criterion.

// ParAreas are the areas of the PAR index (research/domain.md §9).
var ParAreas = []string{
	"Công tác chỉ đạo, điều hành CCHC",
	"Cải cách thể chế",
	"Cải cách thủ tục hành chính",
	"Cải cách tổ chức bộ máy",
	"Cải cách chế độ công vụ",
	"Cải cách tài chính công",
	"Xây dựng, phát triển Chính quyền điện tử, Chính quyền số",
	"Tác động của CCHC",
}

// Task is a task of the year's PAR plan.
type Task struct {
	ID      string     `json:"id"`
	Year    int        `json:"year"`
	Area    string     `json:"area"`
	Name    string     `json:"name"`
	Owner   string     `json:"owner"`   // the division responsible
	Product string     `json:"product"` // kết quả/sản phẩm
	Due     time.Time  `json:"due"`
	DoneOn  *time.Time `json:"done_on,omitempty"`
}

// TaskState is where a task stands on a day.
type TaskState string

const (
	TaskOnTime     TaskState = "on_time"     // done by its due day
	TaskLate       TaskState = "late"        // done after its due day
	TaskOverdue    TaskState = "overdue"     // not done and past due
	TaskInProgress TaskState = "in_progress" // not done, not yet due
)

// TaskStateNames are the states in Vietnamese.
var TaskStateNames = map[TaskState]string{
	TaskOnTime: "Hoàn thành đúng hạn", TaskLate: "Hoàn thành chậm", TaskOverdue: "Quá hạn, chưa hoàn thành", TaskInProgress: "Đang thực hiện",
}

// State is the task's state on day.
func (t Task) State(day time.Time) TaskState {
	switch {
	case t.DoneOn != nil && !t.DoneOn.After(t.Due):
		return TaskOnTime
	case t.DoneOn != nil && !t.DoneOn.After(day):
		return TaskLate
	case day.After(t.Due):
		return TaskOverdue
	}
	return TaskInProgress
}

// ParMet says whether a division met its PAR tasks of the year as seen on
// day: every task it owns that was due by day was done by its due day. The
// tasks it failed are returned (a division with no task meets them).
func ParMet(tasks []Task, owner string, year int, day time.Time) (bool, []Task) {
	var failed []Task
	for _, t := range tasks {
		if t.Owner != owner || t.Year != year || t.Due.After(day) {
			continue
		}
		if s := t.State(day); s == TaskLate || s == TaskOverdue {
			failed = append(failed, t)
		}
	}
	return len(failed) == 0, failed
}

// Review is a quarterly review of a task's progress (kiểm tra, đánh giá
// tiến độ hằng quý).
type Review struct {
	ID       string    `json:"id"`
	TaskID   string    `json:"task_id"`
	Year     int       `json:"year"`
	Quarter  int       `json:"quarter"`
	Progress int       `json:"progress"` // percent done
	Note     string    `json:"note"`
	At       time.Time `json:"at"`
}

// QuarterSummary counts a quarter's tasks by state on the quarter's last day.
type QuarterSummary struct {
	Quarter  int               `json:"quarter"`
	End      time.Time         `json:"end"`
	Due      int               `json:"due"` // tasks due by the quarter's end
	ByState  map[TaskState]int `json:"by_state"`
	Reviewed int               `json:"reviewed"` // tasks with a review of the quarter
}

// QuarterEnd is the last day of a quarter.
func QuarterEnd(year, q int) time.Time {
	return time.Date(year, time.Month(3*q)+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
}

// Quarters summarises the year's tasks quarter by quarter, each as seen on
// its last day or on today for the quarter under way (a quarter not begun
// shows what is due in it, nothing overdue yet).
func Quarters(tasks []Task, reviews []Review, year int, today time.Time) []QuarterSummary {
	out := make([]QuarterSummary, 4)
	for q := 1; q <= 4; q++ {
		end := QuarterEnd(year, q)
		asOf := end
		if today.Before(asOf) {
			asOf = today
		}
		s := QuarterSummary{Quarter: q, End: end, ByState: map[TaskState]int{}}
		for _, t := range tasks {
			if t.Year != year {
				continue
			}
			if !t.Due.After(end) {
				s.Due++
			}
			s.ByState[t.State(asOf)]++
		}
		seen := map[string]bool{}
		for _, r := range reviews {
			if r.Year == year && r.Quarter == q && !seen[r.TaskID] {
				seen[r.TaskID] = true
				s.Reviewed++
			}
		}
		out[q-1] = s
	}
	return out
}

// Criterion is one criterion of the department's self-assessment for the
// provincial PAR index, with its evidence (tài liệu kiểm chứng).
type Criterion struct {
	Year      int     `json:"year"`
	Code      string  `json:"code"` // "1.1", "2.3"…
	Area      string  `json:"area"`
	Name      string  `json:"name"`
	MaxPoints float64 `json:"max_points"`
	Points    float64 `json:"points"`   // self-assessed
	Evidence  string  `json:"evidence"` // document numbers, links, one a line
	Note      string  `json:"note,omitempty"`
}

// SelfTotal adds up the self-assessment and says which criteria lack
// evidence (a point claimed without evidence is not accepted by the
// assessors).
func SelfTotal(cs []Criterion) (points, maxPoints float64, noEvidence []string) {
	for _, c := range cs {
		points += c.Points
		maxPoints += c.MaxPoints
		if c.Points > 0 && c.Evidence == "" {
			noEvidence = append(noEvidence, c.Code)
		}
	}
	sort.Strings(noEvidence)
	return
}

// N is the count of a state by its name (for templates).
func (q QuarterSummary) N(state string) int { return q.ByState[TaskState(state)] }
