package dvcqg

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
)

// Match is a national procedure already in the tenant's catalogue.
type Match struct {
	Code, Name string
	ID         string   // the catalogue entry's ID
	Diffs      []string // what the national record says differently
}

// Skip is a national procedure that could not be added, and why.
type Skip struct {
	Code, Name, Reason string
}

// ImportPlan is what importing the national catalogue would change.
type ImportPlan struct {
	Matched []Match
	Add     []catalog.Procedure
	Skipped []Skip
}

// PlanImport compares the national records with the tenant's catalogue
// (by national code): a known code is matched and its differences of name,
// level and online level listed (the tenant's row is not overwritten: its
// fees and steps are the province's own decisions); an unknown code is
// added as the tenant's procedure when the record is complete, else
// skipped with the catalogue's validation message. Pure.
func PlanImport(national []catalog.Procedure, current []catalog.Entry) ImportPlan {
	byCode := map[string]catalog.Entry{}
	for _, e := range current {
		if c := strings.TrimSpace(e.Procedure.Code); c != "" {
			byCode[strings.ToLower(c)] = e
		}
	}
	var plan ImportPlan
	seen := map[string]bool{}
	for _, n := range national {
		code := strings.TrimSpace(n.Code)
		key := strings.ToLower(code)
		if code == "" || seen[key] {
			plan.Skipped = append(plan.Skipped, Skip{Code: code, Name: n.Name, Reason: "Thiếu mã thủ tục hoặc mã bị trùng trong danh mục quốc gia."})
			continue
		}
		seen[key] = true
		if e, ok := byCode[key]; ok {
			m := Match{Code: code, Name: e.Procedure.Name, ID: e.Procedure.ID}
			if strings.TrimSpace(n.Name) != strings.TrimSpace(e.Procedure.Name) {
				m.Diffs = append(m.Diffs, "Tên trên Cổng: "+n.Name)
			}
			if n.Level != "" && n.Level != e.Procedure.Level {
				m.Diffs = append(m.Diffs, "Cấp thực hiện trên Cổng: "+n.Level.Label())
			}
			if n.OnlineLevel != "" && n.OnlineLevel != e.Procedure.OnlineLevel {
				m.Diffs = append(m.Diffs, "Mức độ trực tuyến trên Cổng: "+n.OnlineLevel.Label())
			}
			plan.Matched = append(plan.Matched, m)
			continue
		}
		p := n
		p.Code, p.Local, p.ID = code, true, catalog.LocalID(code)
		p.Provenance.Sources = append(p.Provenance.Sources, "Cơ sở dữ liệu quốc gia về thủ tục hành chính (nhập từ Cổng Dịch vụ công quốc gia)")
		p.UpdateVerification()
		if err := p.Validate(); err != nil {
			plan.Skipped = append(plan.Skipped, Skip{Code: code, Name: n.Name, Reason: message(err)})
			continue
		}
		plan.Add = append(plan.Add, p)
	}
	return plan
}

// ImportReport is the outcome of an import.
type ImportReport struct {
	Matched []Match
	Added   []Match
	Skipped []Skip
}

// Import fetches the national catalogue for the agency and adds the
// procedures the tenant lacks (each audited as catalog.procedure_add).
func Import(ctx context.Context, p Portal, admin *catalog.Admin, by audit.Actor, tenantID, agency string) (ImportReport, error) {
	national, err := p.Catalogue(ctx, agency)
	if err != nil {
		return ImportReport{}, apperr.Wrap(apperr.Unavailable, "Không tải được danh mục thủ tục từ Cổng Dịch vụ công quốc gia; vui lòng thử lại.", err)
	}
	current, err := admin.Catalogue(ctx, tenantID)
	if err != nil {
		return ImportReport{}, err
	}
	plan := PlanImport(national, current)
	rep := ImportReport{Matched: plan.Matched, Skipped: plan.Skipped}
	for _, np := range plan.Add {
		e, err := admin.AddLocal(ctx, by, tenantID, np)
		if err != nil {
			if apperr.CodeOf(err) == apperr.Internal || apperr.CodeOf(err) == apperr.Unavailable {
				return rep, err
			}
			rep.Skipped = append(rep.Skipped, Skip{Code: np.Code, Name: np.Name, Reason: message(err)})
			continue
		}
		rep.Added = append(rep.Added, Match{Code: e.Procedure.Code, Name: e.Procedure.Name, ID: e.Procedure.ID})
	}
	return rep, nil
}

// Links records which dossiers came from the portal.
type Links interface {
	// Known returns the ID of the dossier filed for a national code.
	Known(ctx context.Context, tenantID, nationalCode string) (string, bool, error)
	// Within is the link writer of a dossier transaction.
	Within(tx dossier.Tx) (LinkTx, bool)
}

// LinkTx writes a link in the dossier's intake transaction.
type LinkTx interface {
	InsertLink(ctx context.Context, tenantID, nationalCode, dossierID string) error
}

// Result is the outcome of one online dossier received.
type Result struct {
	NationalCode string
	Ref          string // tuphap's ID of the new (or earlier) dossier
	Applicant    string
	Procedure    string
	Already      bool   // received before; acknowledged again
	Error        string // why it was not received (Vietnamese)
}

// Receive takes the portal's pending dossiers and files each as an online
// dossier (status 1, waiting for the desk's check), with its national code
// on the dossier and in the link table, in one transaction; it then
// acknowledges it to the portal. A dossier already received is only
// acknowledged again; one that cannot be filed (unknown procedure, bad
// applicant data) stays pending on the portal with the reason listed.
func Receive(ctx context.Context, p Portal, links Links, svc *dossier.Service, a dossier.Actor, tenantID, agency string) ([]Result, error) {
	pending, err := p.Pending(ctx, agency)
	if err != nil {
		return nil, apperr.Wrap(apperr.Unavailable, "Không kết nối được Cổng Dịch vụ công quốc gia; vui lòng thử lại.", err)
	}
	var out []Result
	for _, o := range pending {
		r := Result{NationalCode: o.NationalCode, Applicant: o.FullName, Procedure: o.Procedure}
		if strings.TrimSpace(o.NationalCode) == "" {
			r.Error = "Hồ sơ trên Cổng không có mã hồ sơ quốc gia."
			out = append(out, r)
			continue
		}
		ref, known, err := links.Known(ctx, tenantID, o.NationalCode)
		if err != nil {
			return out, err
		}
		if !known {
			req := ToRequest(o)
			code := o.NationalCode
			req.Adjust = func(d *dossier.Dossier, _ catalog.Procedure) {
				if d.Extra == nil {
					d.Extra = map[string]string{}
				}
				d.Extra[ExtraCode] = code
			}
			req.Also = func(ctx context.Context, tx dossier.Tx, d *dossier.Dossier) error {
				lt, ok := links.Within(tx)
				if !ok {
					return errors.New("dvcqg: the store cannot keep links")
				}
				return lt.InsertLink(ctx, tenantID, code, d.ID)
			}
			d, err := svc.Intake(ctx, a, tenantID, req)
			if err != nil {
				switch apperr.CodeOf(err) {
				case apperr.Invalid, apperr.NotFound, apperr.Conflict:
					r.Error = message(err)
					out = append(out, r)
					continue
				}
				return out, err
			}
			ref = d.ID
		} else {
			r.Already = true
		}
		r.Ref = ref
		if err := p.Ack(ctx, o.NationalCode, ref); err != nil {
			r.Error = fmt.Sprintf("Đã tiếp nhận nhưng chưa báo được cho Cổng (%v); lần nhận sau sẽ báo lại.", err)
		}
		out = append(out, r)
	}
	return out, nil
}

// message is an error's Vietnamese text with its fields' messages.
func message(err error) string {
	e := apperr.As(err)
	parts := []string{e.Message}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if e.Fields[k] != e.Message {
			parts = append(parts, e.Fields[k])
		}
	}
	return strings.Join(parts, " ")
}
