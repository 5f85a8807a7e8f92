package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
)

// Kind says where an entry of a tenant's catalogue comes from.
type Kind string

const (
	KindBuiltin  Kind = "builtin"  // shipped with tuphap, unchanged
	KindOverride Kind = "override" // the tenant's edited copy of a built-in procedure
	KindLocal    Kind = "local"    // the tenant's own procedure
	KindLegacy   Kind = "legacy"   // met in an import from an older system
)

// Label is the Vietnamese name of the kind.
func (k Kind) Label() string {
	switch k {
	case KindBuiltin:
		return "Có sẵn"
	case KindOverride:
		return "Có sẵn, địa phương đã điều chỉnh"
	case KindLocal:
		return "Thủ tục riêng của địa phương"
	case KindLegacy:
		return "Từ hệ thống cũ"
	}
	return string(k)
}

// Stored is a row of a tenant's own catalogue as storage keeps it. For
// legacy rows only ID, Code, Name and FieldName are known.
type Stored struct {
	ID        string
	Kind      Kind
	Enabled   bool
	Version   int // 0 before it is stored
	Procedure Procedure
	Code      string
	Name      string
	FieldName string
}

// Entry is one procedure of a tenant's merged catalogue.
type Entry struct {
	Procedure Procedure
	Kind      Kind
	Enabled   bool
	Version   int // of the stored row; 0 for an unchanged built-in
	// Base is the built-in procedure an override edits.
	Base *Procedure
}

// Merge builds a tenant's catalogue from the built-in procedures and the
// tenant's stored rows: an override replaces the built-in of the same ID
// (keeping its place), local and legacy procedures follow. Pure.
func Merge(builtin []Procedure, stored []Stored) []Entry {
	over := map[string]Stored{}
	for _, s := range stored {
		if s.Kind == KindOverride {
			over[s.ID] = s
		}
	}
	out := make([]Entry, 0, len(builtin)+len(stored))
	for i := range builtin {
		b := &builtin[i]
		if s, ok := over[b.ID]; ok {
			out = append(out, Entry{Procedure: s.Procedure, Kind: KindOverride, Enabled: s.Enabled, Version: s.Version, Base: b})
			continue
		}
		out = append(out, Entry{Procedure: *b, Kind: KindBuiltin, Enabled: true})
	}
	for _, s := range stored {
		switch s.Kind {
		case KindLocal:
			out = append(out, Entry{Procedure: s.Procedure, Kind: KindLocal, Enabled: s.Enabled, Version: s.Version})
		case KindLegacy:
			p := Procedure{ID: s.ID, Code: s.Code, Name: s.Name, Field: Field{Name: s.FieldName}, Local: true}
			out = append(out, Entry{Procedure: p, Kind: KindLegacy, Enabled: false, Version: s.Version})
		}
	}
	return out
}

// Store is what the tenant catalogue needs from storage.
type Store interface {
	Transact(ctx context.Context, fn func(Tx) error) error
	TenantProcedures(ctx context.Context, tenantID string) ([]Stored, error)
}

// Tx is a write transaction of the tenant catalogue.
type Tx interface {
	// SaveTenantProcedure inserts s when version is 0, else updates the row
	// if its version is still version (apperr.Conflict otherwise).
	SaveTenantProcedure(ctx context.Context, tenantID string, s Stored, version int) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Admin holds the use cases of a tenant's catalogue: read it merged, edit a
// built-in procedure within the law's limits (ValidateOverride), add local
// procedures, enable or disable entries.
type Admin struct {
	Store   Store
	Builtin []Procedure
}

// Catalogue returns the tenant's merged catalogue.
func (a *Admin) Catalogue(ctx context.Context, tenantID string) ([]Entry, error) {
	stored, err := a.Store.TenantProcedures(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	return Merge(a.Builtin, stored), nil
}

// Procedures returns the enabled procedures a dossier can be filed for
// (legacy entries excluded).
func (a *Admin) Procedures(ctx context.Context, tenantID string) ([]Procedure, error) {
	all, err := a.Catalogue(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	var out []Procedure
	for _, e := range all {
		if e.Enabled && e.Kind != KindLegacy {
			out = append(out, e.Procedure)
		}
	}
	return out, nil
}

// Find returns the tenant's enabled procedure with the ID or national code
// in force on day, or apperr.ErrNotFound; dossier.Service.Procedure.
func (a *Admin) Find(ctx context.Context, tenantID, idOrCode string, on calendar.Date) (Procedure, error) {
	list, err := a.Procedures(ctx, tenantID)
	if err != nil {
		return Procedure{}, err
	}
	if p, ok := Find(list, idOrCode, on); ok {
		return p, nil
	}
	return Procedure{}, apperr.ErrNotFound
}

// Entry returns one entry of the tenant's catalogue by ID.
func (a *Admin) Entry(ctx context.Context, tenantID, id string) (Entry, error) {
	all, err := a.Catalogue(ctx, tenantID)
	if err != nil {
		return Entry{}, err
	}
	for _, e := range all {
		if e.Procedure.ID == id {
			return e, nil
		}
	}
	return Entry{}, apperr.New(apperr.NotFound, "Không tìm thấy thủ tục "+id+" trong danh mục của cơ quan.")
}

// Save stores the tenant's edit of an entry: a built-in or overridden
// procedure becomes (or stays) an override and must pass ValidateOverride
// against the built-in; a local procedure is validated on its own. version
// is the version the editor saw (0 for a built-in not yet edited).
func (a *Admin) Save(ctx context.Context, by audit.Actor, tenantID string, edited Procedure, enabled bool, version int) (Entry, error) {
	cur, err := a.Entry(ctx, tenantID, edited.ID)
	if err != nil {
		return Entry{}, err
	}
	if cur.Version != version {
		return Entry{}, apperr.New(apperr.Conflict, "Thủ tục vừa được người khác sửa. Vui lòng tải lại trang và sửa lại.")
	}
	kind := cur.Kind
	switch cur.Kind {
	case KindBuiltin, KindOverride:
		base := cur.Procedure
		if cur.Base != nil {
			base = *cur.Base
		}
		if err := ValidateOverride(base, edited); err != nil {
			return Entry{}, err
		}
		kind = KindOverride
	case KindLocal:
		edited.Local = true
		edited.UpdateVerification()
		if err := ValidateOverride(cur.Procedure, edited); err != nil {
			return Entry{}, err
		}
	default:
		return Entry{}, apperr.New(apperr.Conflict, "Thủ tục từ hệ thống cũ chỉ để tra cứu hồ sơ đã nhập, không sửa được.")
	}
	s := Stored{ID: edited.ID, Kind: kind, Enabled: enabled, Procedure: edited, Code: edited.Code, Name: edited.Name, FieldName: edited.Field.Name}
	err = a.Store.Transact(ctx, func(tx Tx) error {
		if err := tx.SaveTenantProcedure(ctx, tenantID, s, version); err != nil {
			return err
		}
		return tx.Audit(ctx, by.Entry(tenantID, "catalog.procedure_update", "procedure:"+edited.ID, summary(edited, enabled)))
	})
	if err != nil {
		return Entry{}, err
	}
	return a.Entry(ctx, tenantID, edited.ID)
}

// AddLocal adds a procedure of the tenant's own. Its ID is "local." and a
// key derived from its code; the code must be new in the catalogue.
func (a *Admin) AddLocal(ctx context.Context, by audit.Actor, tenantID string, p Procedure) (Entry, error) {
	p.Local = true
	p.Code = strings.TrimSpace(p.Code)
	p.ID = LocalID(p.Code)
	if p.Level == "" {
		p.Level = LevelProvince
	}
	if p.Agency == "" {
		p.Agency = AgencyDepartment
	}
	if p.OnlineLevel == "" {
		p.OnlineLevel = OnlineNone
		if p.Allows(ChannelOnline) {
			p.OnlineLevel = OnlinePartial
		}
	}
	p.UpdateVerification()
	if err := p.Validate(); err != nil {
		return Entry{}, err
	}
	all, err := a.Catalogue(ctx, tenantID)
	if err != nil {
		return Entry{}, err
	}
	for _, e := range all {
		if e.Procedure.ID == p.ID || (e.Procedure.Code != "" && strings.EqualFold(e.Procedure.Code, p.Code)) {
			return Entry{}, apperr.Field("code", fmt.Sprintf("Mã thủ tục %q đã có trong danh mục (%s).", p.Code, e.Procedure.Name))
		}
	}
	s := Stored{ID: p.ID, Kind: KindLocal, Enabled: true, Procedure: p, Code: p.Code, Name: p.Name, FieldName: p.Field.Name}
	err = a.Store.Transact(ctx, func(tx Tx) error {
		if err := tx.SaveTenantProcedure(ctx, tenantID, s, 0); err != nil {
			if errors.Is(err, apperr.ErrConflict) {
				return apperr.Field("code", fmt.Sprintf("Mã thủ tục %q đã có trong danh mục.", p.Code))
			}
			return err
		}
		return tx.Audit(ctx, by.Entry(tenantID, "catalog.procedure_add", "procedure:"+p.ID, summary(p, true)))
	})
	if err != nil {
		return Entry{}, err
	}
	return a.Entry(ctx, tenantID, p.ID)
}

// LocalID derives the ID of a local procedure from its code: "STP-01" →
// "local.stp_01".
func LocalID(code string) string {
	var b strings.Builder
	for _, r := range Fold(code) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return "local." + strings.Trim(b.String(), "_")
}

// summary is the audit detail of a catalogue edit.
func summary(p Procedure, enabled bool) string {
	state := "đang áp dụng"
	if !enabled {
		state = "tạm ngừng"
	}
	return fmt.Sprintf("%s; thời hạn %s; phí %s đồng; %s", p.Name, durationText(p.TimeLimit), money(p.FeeFor("")), state)
}
