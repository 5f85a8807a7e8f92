// Package adminunit holds Vietnam's administrative units since the two-level
// local government of 1/7/2025 (Resolution 202/2025/QH15): 34 provinces and
// 3,321 communes (xã, phường, đặc khu) with the codes of Decision
// 19/2025/QĐ-TTg (2-digit province, 5-digit commune).
//
// The list is built-in reference data. A unit's name and kind are facts with
// an effective date: later changes (a province becoming a centrally-run city,
// a xã reclassified as a phường) are dated edits applied on top of the base
// list, never edits of the base file, so that a report for a past period names
// the units as they were then. The province-level merger map of 1/7/2025 lets
// pre-2025 province figures be re-aggregated under the new codes.
//
// The package is pure: no I/O beyond its embedded files.
package adminunit

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"tuphap/internal/apperr"
	"tuphap/internal/catalog"
)

// Level is the level of an administrative unit.
type Level int

const (
	LevelProvince Level = 1 // tỉnh, thành phố trực thuộc trung ương
	LevelCommune  Level = 2 // xã, phường, đặc khu
)

// Kind is the kind of a unit, as the law names it.
type Kind string

const (
	KindCity     Kind = "thanh_pho" // Thành phố (trực thuộc trung ương)
	KindProvince Kind = "tinh"      // Tỉnh
	KindXa       Kind = "xa"        // Xã
	KindPhuong   Kind = "phuong"    // Phường
	KindDacKhu   Kind = "dac_khu"   // Đặc khu
)

var kindNames = map[Kind]string{
	KindCity:     "Thành phố",
	KindProvince: "Tỉnh",
	KindXa:       "Xã",
	KindPhuong:   "Phường",
	KindDacKhu:   "Đặc khu",
}

// Name is the kind's Vietnamese name ("Phường").
func (k Kind) Name() string { return kindNames[k] }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kindNames[k]; return ok }

func (k Kind) level() Level {
	if k == KindCity || k == KindProvince {
		return LevelProvince
	}
	return LevelCommune
}

func parseKind(s string) (Kind, error) {
	s = norm.NFC.String(strings.TrimSpace(s))
	for k, n := range kindNames {
		if strings.EqualFold(s, n) || s == string(k) {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown unit kind %q", s)
}

// Unit is an administrative unit as it stands on a given day.
type Unit struct {
	Code         string // "82" or "28261"
	Name         string // "Đồng Tháp", "Sa Đéc" (official spelling, NFC)
	Kind         Kind
	ProvinceCode string // the province of a commune; a province's own code for a province
}

// Level is the unit's level (province or commune).
func (u Unit) Level() Level { return u.Kind.level() }

// FullName is the unit's name with its kind: "Phường Sa Đéc", "Tỉnh Đồng Tháp".
func (u Unit) FullName() string { return u.Kind.Name() + " " + u.Name }

// Edit is a dated change of a unit's name or kind. Empty fields keep their
// value. Source cites the decision; Verified is false where the research only
// found a secondary source, so officers know to check it.
type Edit struct {
	Code     string
	From     time.Time // the day the change takes effect (00:00, local date)
	Name     string
	Kind     Kind
	Source   string
	Verified bool
	Note     string
}

// Effective is the first day the base list (and every edit) is in force:
// 1/7/2025, when the two-level local government began (Resolution
// 202/2025/QH15; Decision 19/2025/QĐ-TTg).
var Effective = time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)

// List is the units with the edits that apply to them. Build it with Builtin
// or New; it is read-only afterwards and safe for concurrent use.
type List struct {
	base      map[string]Unit // as on 1/7/2025
	order     []string        // provinces then communes, in code order
	edits     map[string][]Edit
	communes  map[string][]string // province code → commune codes
	folded    map[string]string   // code → folded "name kind-name" for search
	provinces []string
}

// New builds a list from base units and dated edits. It refuses duplicate
// codes, communes of unknown provinces, edits of unknown units, edits dated
// before Effective and edits that would move a unit to another level.
func New(units []Unit, edits []Edit) (*List, error) {
	l := &List{
		base:     make(map[string]Unit, len(units)),
		edits:    map[string][]Edit{},
		communes: map[string][]string{},
		folded:   make(map[string]string, len(units)),
	}
	for _, u := range units {
		if _, dup := l.base[u.Code]; dup {
			return nil, fmt.Errorf("adminunit: duplicate code %s", u.Code)
		}
		if err := validCode(u); err != nil {
			return nil, err
		}
		l.base[u.Code] = u
		l.order = append(l.order, u.Code)
	}
	for _, u := range units {
		if u.Level() == LevelProvince {
			l.provinces = append(l.provinces, u.Code)
			continue
		}
		p, ok := l.base[u.ProvinceCode]
		if !ok || p.Level() != LevelProvince {
			return nil, fmt.Errorf("adminunit: commune %s names unknown province %s", u.Code, u.ProvinceCode)
		}
		l.communes[u.ProvinceCode] = append(l.communes[u.ProvinceCode], u.Code)
	}
	for _, e := range edits {
		u, ok := l.base[e.Code]
		if !ok {
			return nil, fmt.Errorf("adminunit: edit of unknown unit %s", e.Code)
		}
		if e.From.Before(Effective) {
			return nil, fmt.Errorf("adminunit: edit of %s dated %s, before %s", e.Code, e.From.Format("2006-01-02"), Effective.Format("2006-01-02"))
		}
		if e.Kind != "" && (!e.Kind.Valid() || e.Kind.level() != u.Level()) {
			return nil, fmt.Errorf("adminunit: edit of %s: kind %q does not fit a unit of its level", e.Code, e.Kind)
		}
		if e.Source == "" {
			return nil, fmt.Errorf("adminunit: edit of %s has no source", e.Code)
		}
		l.edits[e.Code] = append(l.edits[e.Code], e)
	}
	for code := range l.edits {
		es := l.edits[code]
		sort.SliceStable(es, func(i, j int) bool { return es[i].From.Before(es[j].From) })
	}
	sort.Slice(l.order, func(i, j int) bool {
		a, b := l.base[l.order[i]], l.base[l.order[j]]
		if a.Level() != b.Level() {
			return a.Level() < b.Level()
		}
		return a.Code < b.Code
	})
	sort.Strings(l.provinces)
	for p := range l.communes {
		sort.Strings(l.communes[p])
	}
	for code, u := range l.base {
		// Search also finds a unit by any later name.
		s := catalog.Fold(u.Name + " " + u.Kind.Name())
		for _, e := range l.edits[code] {
			if e.Name != "" {
				s += " " + catalog.Fold(e.Name)
			}
		}
		l.folded[code] = s
	}
	return l, nil
}

func validCode(u Unit) error {
	digits := func(s string, n int) bool {
		if len(s) != n {
			return false
		}
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	if !u.Kind.Valid() {
		return fmt.Errorf("adminunit: unit %s has unknown kind %q", u.Code, u.Kind)
	}
	switch u.Level() {
	case LevelProvince:
		if !digits(u.Code, 2) || u.ProvinceCode != u.Code {
			return fmt.Errorf("adminunit: province code %q must be 2 digits and its own province", u.Code)
		}
	case LevelCommune:
		if !digits(u.Code, 5) || !digits(u.ProvinceCode, 2) {
			return fmt.Errorf("adminunit: commune code %q must be 5 digits in a 2-digit province", u.Code)
		}
	}
	if strings.TrimSpace(u.Name) == "" {
		return fmt.Errorf("adminunit: unit %s has no name", u.Code)
	}
	return nil
}

// On returns the unit with the given code as it stood on day (edits dated on
// or before day applied), and false for an unknown code or a day before
// 1/7/2025, when these units did not exist.
func (l *List) On(code string, day time.Time) (Unit, bool) {
	u, ok := l.base[code]
	if !ok || dateOf(day).Before(Effective) {
		return Unit{}, false
	}
	for _, e := range l.edits[code] {
		if e.From.After(dateOf(day)) {
			break
		}
		if e.Name != "" {
			u.Name = e.Name
		}
		if e.Kind != "" {
			u.Kind = e.Kind
		}
	}
	return u, true
}

// Edits returns the dated edits of a unit, oldest first.
func (l *List) Edits(code string) []Edit { return append([]Edit(nil), l.edits[code]...) }

// Provinces returns the province codes in code order.
func (l *List) Provinces() []string { return append([]string(nil), l.provinces...) }

// Communes returns the commune codes of a province in code order.
func (l *List) Communes(province string) []string {
	return append([]string(nil), l.communes[province]...)
}

// InProvince reports whether commune code c belongs to province p.
func (l *List) InProvince(c, p string) bool {
	u, ok := l.base[c]
	return ok && u.Level() == LevelCommune && u.ProvinceCode == p
}

// Len is the number of units (provinces and communes).
func (l *List) Len() int { return len(l.base) }

// Search finds units whose name contains every word of q, regardless of
// diacritics and case ("sa dec" finds "Phường Sa Đéc"), optionally within
// one province (province == "" searches the whole country), as they stand on
// day. A numeric q matches a code prefix. Provinces come before communes;
// at most limit results (limit ≤ 0 means 50).
func (l *List) Search(q, province string, day time.Time, limit int) []Unit {
	if limit <= 0 {
		limit = 50
	}
	q = catalog.Fold(q)
	words := strings.Fields(q)
	numeric := q != "" && strings.Trim(q, "0123456789") == ""
	var out []Unit
	for _, code := range l.order {
		u := l.base[code]
		if province != "" && u.ProvinceCode != province {
			continue
		}
		match := true
		if numeric {
			match = strings.HasPrefix(code, q)
		} else {
			for _, w := range words {
				if !strings.Contains(l.folded[code], w) {
					match = false
					break
				}
			}
		}
		if !match {
			continue
		}
		if cur, ok := l.On(code, day); ok {
			out = append(out, cur)
		}
		if len(out) == limit {
			break
		}
	}
	return out
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// NameOn is the unit's full name as it stood on day ("Phường Sa Đéc"), or
// its code when the code is unknown.
func (l *List) NameOn(code string, day time.Time) string {
	if u, ok := l.On(code, day); ok {
		return u.FullName()
	}
	return code
}

// PeoplesCommittee names a unit's People's Committee: "Ủy ban nhân dân
// phường Sa Đéc" for "Phường Sa Đéc".
func PeoplesCommittee(fullName string) string {
	r, n := utf8.DecodeRuneInString(fullName)
	return "Ủy ban nhân dân " + string(unicode.ToLower(r)) + fullName[n:]
}

var codeAtEnd = regexp.MustCompile(`\(?\b([0-9]{5})\)?\s*$`)

// Pick finds the commune an address field names: the text the suggestions
// of /api/v1/admin-units write ("Phường Sa Đéc, Đồng Tháp (29905)"), a bare
// 5-digit code, or a name typed with or without diacritics that one
// commune only (of province, when given) bears or matches exactly. An empty
// text names none. The errors are the field's messages.
func (l *List) Pick(text, province string, day time.Time) (Unit, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Unit{}, nil
	}
	notFound := apperr.Field("commune", "Không tìm thấy xã, phường, đặc khu "+text+". Gõ tên (không cần dấu) rồi chọn trong danh sách.")
	if m := codeAtEnd.FindStringSubmatch(text); m != nil {
		u, ok := l.On(m[1], day)
		if !ok || u.Level() != LevelCommune {
			return Unit{}, notFound
		}
		return u, nil
	}
	var found []Unit
	for _, u := range l.Search(text, province, day, 0) {
		if u.Level() == LevelCommune {
			found = append(found, u)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	q := catalog.Fold(text)
	var exact []Unit
	for _, u := range found {
		if catalog.Fold(u.FullName()) == q || catalog.Fold(u.Name) == q {
			exact = append(exact, u)
		}
	}
	switch {
	case len(exact) == 1:
		return exact[0], nil
	case len(found) == 0:
		return Unit{}, notFound
	}
	return Unit{}, apperr.Field("commune", "Có nhiều xã, phường, đặc khu khớp với "+text+": chọn một trong danh sách gợi ý, hoặc ghi kèm mã xã.")
}
