package catalog

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
)

//go:embed data/procedures.json data/notices.json
var dataFS embed.FS

// builtinFile is the embedded catalogue, a JSON array of procedures.
const builtinFile = "data/procedures.json"

// Builtin returns the built-in catalogue of the justice sector's provincial
// procedures, decoded from the embedded data and validated. Each call returns
// fresh values that the caller may change.
func Builtin() ([]Procedure, error) {
	b, err := dataFS.ReadFile(builtinFile)
	if err != nil {
		return nil, fmt.Errorf("catalog: read %s: %w", builtinFile, err)
	}
	ps, err := decodeProcedures(b)
	if err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", builtinFile, err)
	}
	for _, p := range ps {
		if p.Local {
			return nil, fmt.Errorf("catalog: %s: built-in procedure %s is marked local", builtinFile, p.ID)
		}
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("catalog: %s: procedure %s: %w", builtinFile, p.ID, err)
		}
	}
	if err := ValidateCatalog(ps); err != nil {
		return nil, fmt.Errorf("catalog: %s: %w", builtinFile, err)
	}
	return ps, nil
}

// decodeProcedures decodes a JSON array of procedures, rejecting unknown
// keys so that a misspelt key in the data cannot go unnoticed.
func decodeProcedures(b []byte) ([]Procedure, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var ps []Procedure
	if err := dec.Decode(&ps); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the array")
	}
	return ps, nil
}

// ValidateCatalog checks what must hold across one tenant's procedures: IDs
// are unique, national (or local) codes are unique, and one agency has no two
// procedures of the same name in force on the same day.
func ValidateCatalog(ps []Procedure) error {
	var pr problems
	ids := map[string]bool{}
	codes := map[string]string{}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = Fold(p.Name)
	}
	for i, p := range ps {
		if ids[p.ID] {
			pr.add("id", fmt.Sprintf("Mã định danh thủ tục bị trùng: %q", p.ID))
		}
		ids[p.ID] = true
		if p.Code != "" {
			if other, ok := codes[p.Code]; ok {
				pr.add("code", fmt.Sprintf("Mã thủ tục %q bị trùng (%s và %s)", p.Code, other, p.ID))
			}
			codes[p.Code] = p.ID
		}
		for j, q := range ps[:i] {
			if q.Agency == p.Agency && names[j] == names[i] && overlap(p, q) {
				pr.add("name", fmt.Sprintf("Tên thủ tục bị trùng: %q (%s và %s)", p.Name, q.ID, p.ID))
			}
		}
	}
	return pr.err()
}

// overlap reports whether two versions are in force on some common day.
func overlap(p, q Procedure) bool {
	return (p.EffectiveTo.IsZero() || !p.EffectiveTo.Before(q.EffectiveFrom)) &&
		(q.EffectiveTo.IsZero() || !q.EffectiveTo.Before(p.EffectiveFrom))
}
