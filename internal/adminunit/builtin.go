package adminunit

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed data/admin-units-2025.csv data/edits.json
var dataFS embed.FS

var builtin = sync.OnceValues(func() (*List, error) {
	b, err := dataFS.ReadFile("data/admin-units-2025.csv")
	if err != nil {
		return nil, err
	}
	units, err := ParseCSV(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("adminunit: data/admin-units-2025.csv: %w", err)
	}
	eb, err := dataFS.ReadFile("data/edits.json")
	if err != nil {
		return nil, err
	}
	edits, err := ParseEdits(eb)
	if err != nil {
		return nil, fmt.Errorf("adminunit: data/edits.json: %w", err)
	}
	return New(units, edits)
})

// Builtin returns the built-in list: the 34 provinces and 3,321 communes of
// Decision 19/2025/QĐ-TTg with the dated edits known since. The list is
// shared and read-only.
func Builtin() (*List, error) { return builtin() }

// ParseCSV reads units in the reference file's layout
// (province_code, province_name, province_kind, commune_code, commune_name,
// commune_kind), one commune a row; each province is taken from its first row.
// Names are normalised to NFC in the official spelling (OfficialSpelling).
func ParseCSV(r io.Reader) ([]Unit, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 6
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	want := []string{"province_code", "province_name", "province_kind", "commune_code", "commune_name", "commune_kind"}
	for i, h := range want {
		if strings.TrimSpace(head[i]) != h {
			return nil, fmt.Errorf("header: column %d is %q, want %q", i+1, head[i], h)
		}
	}
	var units []Unit
	seen := map[string]bool{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return units, nil
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		pk, err := parseKind(rec[2])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		ck, err := parseKind(rec[5])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if !seen[rec[0]] {
			seen[rec[0]] = true
			units = append(units, Unit{Code: rec[0], Name: OfficialSpelling(rec[1]), Kind: pk, ProvinceCode: rec[0]})
		}
		units = append(units, Unit{Code: rec[3], Name: OfficialSpelling(rec[4]), Kind: ck, ProvinceCode: rec[0]})
	}
}

type editJSON struct {
	Code     string `json:"code"`
	From     string `json:"from"`
	Name     string `json:"name,omitempty"`
	Kind     string `json:"kind,omitempty"`
	Source   string `json:"source"`
	Verified bool   `json:"verified"`
	Note     string `json:"note,omitempty"`
}

// ParseEdits reads dated edits as a JSON array of
// {"code","from":"YYYY-MM-DD","name","kind","source","verified","note"}.
func ParseEdits(b []byte) ([]Edit, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var raw []editJSON
	if err := dec.Decode(&raw); err != nil {
		return nil, err
	}
	edits := make([]Edit, 0, len(raw))
	for i, r := range raw {
		from, err := time.Parse("2006-01-02", r.From)
		if err != nil {
			return nil, fmt.Errorf("edit %d (%s): from: %w", i+1, r.Code, err)
		}
		e := Edit{Code: r.Code, From: from, Name: OfficialSpelling(r.Name), Source: r.Source, Verified: r.Verified, Note: r.Note}
		if r.Kind != "" {
			if e.Kind, err = parseKind(r.Kind); err != nil {
				return nil, fmt.Errorf("edit %d (%s): %w", i+1, r.Code, err)
			}
		}
		edits = append(edits, e)
	}
	return edits, nil
}

// OfficialSpelling returns s in NFC with the tone mark of a syllable ending in
// "oa", "oe" or "uy" on its first vowel, as legal documents write unit names
// ("Thanh Hóa", "Khánh Hòa", "Thanh Thủy"), where the reference data follows
// the other convention ("Thanh Hoá"). "qu" is a consonant, so "Quý" is kept;
// a syllable with a final consonant ("Hoàng", "Quỳnh") is kept.
func OfficialSpelling(s string) string {
	s = norm.NFC.String(strings.TrimSpace(s))
	rs := []rune(s)
	for i := 1; i < len(rs); i++ {
		base, mark, ok := toned(rs[i])
		if !ok {
			continue
		}
		if i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
			continue // a final consonant or a third vowel follows
		}
		first := unicode.ToLower(rs[i-1])
		pair := (first == 'o' && (base == 'a' || base == 'e')) || (first == 'u' && base == 'y')
		if !pair {
			continue
		}
		if first == 'u' && i >= 2 && unicode.ToLower(rs[i-2]) == 'q' {
			continue
		}
		moved := norm.NFC.String(string(rs[i-1]) + string(mark))
		if len([]rune(moved)) != 1 {
			continue
		}
		rs[i-1] = []rune(moved)[0]
		rs[i] = withCase(base, rs[i])
	}
	return string(rs)
}

// toned splits a precomposed a, e or y carrying a tone mark into its base
// letter and the combining tone mark.
func toned(r rune) (base rune, mark rune, ok bool) {
	d := []rune(norm.NFD.String(string(r)))
	if len(d) != 2 {
		return 0, 0, false
	}
	b := unicode.ToLower(d[0])
	if b != 'a' && b != 'e' && b != 'y' {
		return 0, 0, false
	}
	switch d[1] {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323': // huyền, sắc, ngã, hỏi, nặng
		return b, d[1], true
	}
	return 0, 0, false
}

func withCase(base, like rune) rune {
	if unicode.IsUpper(like) {
		return unicode.ToUpper(base)
	}
	return base
}
