package catalog

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Mark says where a fact of a procedure comes from; the values are those of
// the research catalogue (research/catalog.json, "verified").
type Mark string

const (
	MarkSourced    Mark = "S"     // from a source found: portal page, legal document
	MarkSourcedOld Mark = "S-old" // from a source published before the 2025 reforms
	MarkMemory     Mark = "M"     // from knowledge or inference, no direct source
	MarkNone       Mark = "-"     // no data: the value is empty or unknown
)

// Valid reports whether m is a known mark.
func (m Mark) Valid() bool {
	switch m {
	case MarkSourced, MarkSourcedOld, MarkMemory, MarkNone:
		return true
	}
	return false
}

// Label is the Vietnamese meaning of the mark.
func (m Mark) Label() string {
	switch m {
	case MarkSourced:
		return "Có nguồn"
	case MarkSourcedOld:
		return "Có nguồn nhưng trước cải cách năm 2025, cần đối chiếu"
	case MarkMemory:
		return "Chưa có nguồn trực tiếp, cần kiểm tra"
	case MarkNone:
		return "Chưa có dữ liệu"
	}
	return string(m)
}

// Fact names a part of a procedure whose provenance is marked.
type Fact string

const (
	FactCode        Fact = "code"
	FactName        Fact = "name"
	FactTime        Fact = "time"
	FactFee         Fact = "fee"
	FactResult      Fact = "result"
	FactOnlineLevel Fact = "online_level"
	FactLegalBasis  Fact = "legal_basis"
	FactDocuments   Fact = "documents"
	FactProcess     Fact = "process"
)

// Facts lists the marked facts in display order.
func Facts() []Fact {
	return []Fact{FactCode, FactName, FactTime, FactFee, FactResult,
		FactOnlineLevel, FactLegalBasis, FactDocuments, FactProcess}
}

// Label is the Vietnamese name of the fact.
func (f Fact) Label() string {
	switch f {
	case FactCode:
		return "mã thủ tục"
	case FactName:
		return "tên thủ tục"
	case FactTime:
		return "thời hạn giải quyết"
	case FactFee:
		return "phí, lệ phí"
	case FactResult:
		return "kết quả thực hiện"
	case FactOnlineLevel:
		return "mức độ dịch vụ công trực tuyến"
	case FactLegalBasis:
		return "căn cứ pháp lý"
	case FactDocuments:
		return "thành phần hồ sơ"
	case FactProcess:
		return "quy trình nội bộ"
	}
	return string(f)
}

// Provenance records where a procedure's data comes from.
type Provenance struct {
	// Sources cite the pages and documents the data was taken from.
	Sources []string `json:"sources"`
	// Verified marks each fact; a missing fact counts as MarkNone.
	Verified map[Fact]Mark `json:"verified"`
	// Notes explain variants and doubts (Vietnamese, for officers).
	Notes []string `json:"notes,omitempty"`
}

// Mark returns the mark of fact f, MarkNone when it is not marked.
func (pv Provenance) Mark(f Fact) Mark {
	if m, ok := pv.Verified[f]; ok {
		return m
	}
	return MarkNone
}

// unverifiedFacts lists the facts not marked MarkSourced, in Facts order.
// The internal process is left out: provinces approve their own internal
// process (quy trình nội bộ), so a built-in one is always a template (M).
func (pv Provenance) unverifiedFacts() []Fact {
	var out []Fact
	for _, f := range Facts() {
		if f != FactProcess && pv.Mark(f) != MarkSourced {
			out = append(out, f)
		}
	}
	return out
}

// UpdateVerification sets Unverified and UnverifiedFields from the marks.
// Call it after changing Provenance.Verified; Validate rejects a procedure
// whose flags disagree with its marks.
func (p *Procedure) UpdateVerification() {
	p.UnverifiedFields = p.Provenance.unverifiedFacts()
	p.Unverified = len(p.UnverifiedFields) > 0
}

func (pv Provenance) check(ps *problems, p Procedure) {
	for _, f := range slices.Sorted(maps.Keys(pv.Verified)) {
		m := pv.Verified[f]
		if !slices.Contains(Facts(), f) {
			ps.add("provenance.verified", fmt.Sprintf("Cờ nguồn cho mục không xác định: %q", f))
		}
		if !m.Valid() {
			ps.add("provenance.verified", fmt.Sprintf("Cờ nguồn không hợp lệ cho %s: %q (chỉ dùng S, S-old, M, -)", f.Label(), m))
		}
	}
	want := pv.unverifiedFacts()
	if p.Unverified != (len(want) > 0) || !slices.Equal(p.UnverifiedFields, want) {
		labels := make([]string, len(want))
		for i, f := range want {
			labels[i] = f.Label()
		}
		ps.add("unverified_fields", fmt.Sprintf("Danh sách mục chưa xác minh không khớp với cờ nguồn (theo cờ nguồn: %s)", orNone(strings.Join(labels, ", "))))
	}
}

func orNone(s string) string {
	if s == "" {
		return "không có"
	}
	return s
}
