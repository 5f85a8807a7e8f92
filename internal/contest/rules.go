package contest

import (
	"crypto/sha256"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"

	"tuphap/internal/apperr"
)

// The rules below follow the contests' published rules (thể lệ), which
// vary; what varies is the Round's configuration, never code
// (research/contests.md §1.3–1.4, §4.2).

// NormalisePhone returns a Vietnamese mobile number as 0 + 9 digits
// ("+84 912 345 678", "84912345678" and "0912.345.678" are the same
// person), or "" when it is not one. One account per phone number is the
// norm (Đồng Nai's rules: timhieuphapluat.dongnai.gov.vn/709).
func NormalisePhone(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if !unicode.IsSpace(r) && r != '.' && r != '-' && r != '+' && r != '(' && r != ')' {
			return ""
		}
	}
	d := b.String()
	if strings.HasPrefix(d, "84") && len(d) == 11 {
		d = "0" + d[2:]
	}
	if len(d) != 10 || d[0] != '0' || d[1] == '0' {
		return ""
	}
	return d
}

// NormaliseName folds a person's name for duplicate detection: lower case,
// single spaces, without diacritics (đ → d).
func NormaliseName(s string) string {
	return strings.Join(strings.Fields(foldVN(strings.ToLower(s))), " ")
}

func foldVN(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(baseLetter(r))
	}
	return b.String()
}

func baseLetter(r rune) rune {
	const groups = "aàáảãạăằắẳẵặâầấẩẫậ|eèéẻẽẹêềếểễệ|iìíỉĩị|oòóỏõọôồốổỗộơờớởỡợ|uùúủũụưừứửữự|yỳýỷỹỵ|dđ"
	for _, g := range strings.Split(groups, "|") {
		if strings.ContainsRune(g, r) {
			return []rune(g)[0]
		}
	}
	return r
}

// HashID hashes a national ID number (12 digits) for the one-person check:
// the number itself is not kept (data minimisation, Decree 13/2023/NĐ-CP).
func HashID(contestSecret []byte, id string) string {
	h := sha256.New()
	h.Write(contestSecret)
	h.Write([]byte("cccd:" + strings.TrimSpace(id)))
	return hexs(h.Sum(nil))
}

func hexs(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, len(b)*2)
	for i, c := range b {
		out[i*2], out[i*2+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}

// AgeOn is a person's age in whole years on day.
func AgeOn(birth, day time.Time) int {
	y := day.Year() - birth.Year()
	if day.Month() < birth.Month() || (day.Month() == birth.Month() && day.Day() < birth.Day()) {
		y--
	}
	return y
}

// Eligible says why a participant may not enter a round, nil if they may:
// the minimum age on the round's opening day (e.g. 15, plo.vn post893951)
// and the unit they compete for must be one of the contest's.
func Eligible(c Contest, r Round, p Participant) error {
	if c.MinAge > 0 && AgeOn(p.BirthDate, r.OpensAt.In(Zone)) < c.MinAge {
		return apperr.Newf(apperr.Forbidden, "Thể lệ cuộc thi chỉ cho người từ đủ %d tuổi trở lên dự thi.", c.MinAge)
	}
	if len(c.Units) > 0 && !slices.ContainsFunc(c.Units, func(u Unit) bool { return u.Code == p.UnitCode }) {
		return apperr.New(apperr.Forbidden, "Đơn vị dự thi không thuộc danh sách của cuộc thi.")
	}
	return nil
}

// Zone is Vietnam's time (UTC+7, no daylight saving).
var Zone = time.FixedZone("ICT", 7*3600)

// Deadline is when an attempt started at start ends: its time limit from
// its start in a window round, the sitting's end in a scheduled sitting,
// and never after the round closes.
func Deadline(r Round, start time.Time) time.Time {
	d := start.Add(r.TimeLimit)
	if r.Mode == Sitting {
		d = r.OpensAt.Add(r.TimeLimit)
	}
	if d.After(r.ClosesAt) {
		d = r.ClosesAt
	}
	return d
}

// CanStart says whether a person who has made `made` attempts (and has
// one still open when open is true) may start an attempt at now.
func CanStart(r Round, now time.Time, made int, open bool) error {
	switch {
	case r.RankedAt != nil || !now.Before(r.ClosesAt):
		return apperr.New(apperr.Conflict, "Vòng thi đã kết thúc.")
	case now.Before(r.OpensAt):
		return apperr.Newf(apperr.Conflict, "Vòng thi chưa mở: bắt đầu lúc %s.", r.OpensAt.In(Zone).Format("15:04 ngày 02/01/2006"))
	case r.Mode == Sitting && !now.Before(r.OpensAt.Add(r.TimeLimit)):
		return apperr.New(apperr.Conflict, "Ca thi đã hết giờ làm bài.")
	case open:
		return apperr.New(apperr.Conflict, "Bạn đang có một lượt thi chưa nộp: hãy làm tiếp lượt đó.")
	case made >= r.Attempts:
		return apperr.Newf(apperr.Conflict, "Bạn đã dùng hết %d lượt thi của vòng này.", r.Attempts)
	}
	return nil
}

// AnswerOpen says whether an answer given at now counts: the attempt is
// open and its deadline has not passed, by the server's clock. A late
// answer is refused; answers saved before stay.
func AnswerOpen(a Attempt, now time.Time) error {
	if a.State != Open {
		return apperr.New(apperr.Conflict, "Bài thi đã nộp, không thể sửa câu trả lời.")
	}
	if now.After(a.Deadline) {
		return apperr.New(apperr.Conflict, "Đã hết giờ làm bài: câu trả lời này không được ghi nhận.")
	}
	return nil
}

// Seed is an attempt's draw seed, derived from its id and the contest's
// secret so that it is reproducible by the organisers and unknown to
// participants.
func Seed(secret []byte, attemptID string) [32]byte {
	return sha256.Sum256(append(append([]byte{}, secret...), attemptID...))
}

// Draw picks n questions of the bank for one attempt and the order of their
// options: a random draw per attempt (Bình Tân's rules: "20 câu hỏi ngẫu
// nhiên"), as evenly as the bank allows across difficulties, shown from easy
// to hard ("từ dễ đến khó"), options shuffled (Moodle's default).
func Draw(bank []Question, n int, seed [32]byte) ([]Item, error) {
	if n <= 0 || len(bank) < n {
		return nil, apperr.Newf(apperr.Conflict, "Ngân hàng câu hỏi có %d câu, không đủ %d câu cho một lượt thi.", len(bank), n)
	}
	rng := rand.New(rand.NewChaCha8(seed))
	// Group by difficulty, shuffle each group, take round-robin.
	groups := map[int][]Question{}
	var levels []int
	for _, q := range bank {
		if _, ok := groups[q.Difficulty]; !ok {
			levels = append(levels, q.Difficulty)
		}
		groups[q.Difficulty] = append(groups[q.Difficulty], q)
	}
	slices.Sort(levels)
	for _, l := range levels {
		g := groups[l]
		rng.Shuffle(len(g), func(i, j int) { g[i], g[j] = g[j], g[i] })
	}
	picked := make([]Question, 0, n)
	for len(picked) < n {
		for _, l := range levels {
			if len(picked) == n {
				break
			}
			if g := groups[l]; len(g) > 0 {
				picked = append(picked, g[0])
				groups[l] = g[1:]
			}
		}
	}
	slices.SortStableFunc(picked, func(a, b Question) int { return a.Difficulty - b.Difficulty })
	items := make([]Item, n)
	for i, q := range picked {
		items[i] = Item{QuestionID: q.ID, Perm: rng.Perm(len(q.Options))}
	}
	return items, nil
}

// Score counts an attempt's correct answers: the answer at place pos is
// right when the bank option shown at the chosen place is the key.
func Score(layout []Item, key map[string]int, answers map[int]int) (correct int) {
	for pos, it := range layout {
		choice, ok := answers[pos]
		if !ok || choice < 0 || choice >= len(it.Perm) {
			continue
		}
		if k, ok := key[it.QuestionID]; ok && it.Perm[choice] == k {
			correct++
		}
	}
	return correct
}
