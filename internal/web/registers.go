package web

import (
	"context"
	"net/http"
	"time"
	"tuphap/internal/annualreport"
	"tuphap/internal/emulation"
	"tuphap/internal/legaldoc"
	"tuphap/internal/org"
	"tuphap/internal/practitioner"
	"tuphap/internal/render"
	"tuphap/internal/web/emulationweb"
	"tuphap/internal/web/legaldocweb"
	"tuphap/internal/web/practitionerweb"

	"tuphap/internal/adminunit"
	"tuphap/internal/apperr"
	"tuphap/internal/auth"
	"tuphap/internal/external/vneid"
	"tuphap/internal/handover"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/mediation"
	"tuphap/internal/petition"
	"tuphap/internal/web/judicialrecordweb"
	"tuphap/internal/web/mediationweb"
	"tuphap/internal/web/petitionweb"
)

// The registers' areas are switched on here, before Handler: a register
// that is not enabled registers no routes (routes.go).

// JudicialRecords is what the judicial-record screens need.
type JudicialRecords struct {
	Service  *judicialrecord.Service
	Issuing  judicialrecord.Issuing
	Handover *handover.Service
	Verifier judicialrecord.Verifier
	VNeID    vneid.Inbox
}

// EnableJudicialRecords turns on the judicial-record screens and the public
// verification page (web/judicialrecordweb), the portal's request form and
// the hand-over screens.
func (s *Server) EnableJudicialRecords(j *JudicialRecords) {
	s.jr = j
	s.jrScreens = judicialrecordweb.New(kernel{s}, judicialrecordweb.Config{
		Service: j.Service, Issuing: j.Issuing, Verifier: j.Verifier, VNeID: j.VNeID, Now: s.now,
		IssuerName: func(ctx context.Context, tenantID string) (string, error) {
			t, err := s.db.Org().Tenant(ctx, tenantID)
			return t.Name, err
		},
		VerifyAllowed: func(r *http.Request) (bool, time.Duration) {
			return s.verifyLimiter.Allow(clientIP(r), s.now()), s.verifyLimiter.Window
		},
		HashUpload: func(w http.ResponseWriter, r *http.Request, limit int64) (string, int64, error) {
			_, sum, n, err := hashUpload(w, r, limit)
			return sum, n, err
		},
	})
}

func (s *Server) needJR() error {
	if s.jr == nil {
		return apperr.New(apperr.NotFound, "Chức năng lý lịch tư pháp chưa được bật.")
	}
	return nil
}

// Mediation is what the grassroots mediation screens need.
type Mediation struct {
	Service *mediation.Service
	Clubs   mediation.ClubStore
	Units   *adminunit.List
}

// EnableMediation turns on the grassroots mediation register
// (web/mediationweb). A commune's officer keeps the book of their commune
// in the province's partition (the department's tenant); the department
// sees every commune of its province.
func (s *Server) EnableMediation(m *Mediation) {
	s.medScreens = mediationweb.New(kernel{s}, mediationweb.Config{
		Service: m.Service, Clubs: m.Clubs, Units: m.Units, Now: s.now,
		Scope: s.mediationScope,
		Agency: func(ctx context.Context, id string) (string, error) {
			t, err := s.db.Org().Tenant(ctx, id)
			return t.Name, err
		},
	})
}

// mediationScope is where the principal keeps the mediation book: a
// commune tenant's officer in their commune of the department's partition,
// audited in the commune's own chain; anyone else in their own tenant.
func (s *Server) mediationScope(ctx context.Context, p *auth.Principal) (mediation.Scope, error) {
	if p == nil {
		return mediation.Scope{}, apperr.New(apperr.Unauthorized, "Vui lòng đăng nhập.")
	}
	t, err := s.db.Org().Tenant(ctx, p.TenantID)
	if err != nil {
		return mediation.Scope{}, err
	}
	link, err := s.db.Org().CommuneLink(ctx, p.TenantID)
	switch {
	case err == nil:
		return mediation.Scope{TenantID: link.DepartmentID, ProvinceCode: t.ProvinceCode, CommuneCode: link.CommuneCode, ActorTenantID: p.TenantID}, nil
	case apperr.CodeOf(err) == apperr.NotFound:
		return mediation.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, nil
	}
	return mediation.Scope{}, err
}

// EnablePetitions turns on citizen reception and petitions
// (web/petitionweb) and the portal's petition pages. The register lives in
// each tenant's own partition (a department's, a commune's).
func (s *Server) EnablePetitions(svc *petition.Service) {
	if svc.Now == nil {
		svc.Now = s.now
	}
	if svc.Calendar == nil {
		svc.Calendar = func(ctx context.Context, tenantID string) (petition.WorkingDayer, error) {
			t, err := s.db.Org().Tenant(ctx, tenantID)
			if err != nil {
				return nil, err
			}
			b, err := s.cal.Book(ctx, tenantID, t.Hours)
			if err != nil {
				return nil, err
			}
			return b.At(s.now()), nil
		}
	}
	s.petitions = svc
	s.petScreens = petitionweb.New(kernel{s}, petitionweb.Config{
		Service: svc, Now: s.now,
		Agency: func(ctx context.Context, id string) (render.Agency, error) {
			t, err := s.db.Org().Tenant(ctx, id)
			return slipAgency(t), err
		},
		Keepers: s.petitionKeepers,
		IsCommune: func(ctx context.Context, id string) bool {
			_, err := s.db.Org().CommuneLink(ctx, id)
			return err == nil
		},
	})
}

// petitionKeepers lists the books of a department's province: its own,
// then each commune's by code. A commune's tenant is refused: it sees only
// its own book.
func (s *Server) petitionKeepers(ctx context.Context, tenantID string) ([]petition.Keeper, error) {
	if _, err := s.db.Org().CommuneLink(ctx, tenantID); err == nil {
		return nil, apperr.New(apperr.Forbidden, "Số liệu toàn tỉnh dành cho Sở Tư pháp; xã chỉ xem sổ của xã mình.")
	} else if apperr.CodeOf(err) != apperr.NotFound {
		return nil, err
	}
	t, err := s.db.Org().Tenant(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	out := []petition.Keeper{{TenantID: t.ID, Name: t.Name}}
	links, err := s.db.Org().CommuneLinks(ctx, tenantID)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		c, err := s.db.Org().Tenant(ctx, l.TenantID)
		if err != nil {
			return nil, err
		}
		out = append(out, petition.Keeper{TenantID: c.ID, Code: l.CommuneCode, Name: c.Name})
	}
	return out, nil
}

// LegalDocs is what the legal normative documents screens need.
type LegalDocs struct {
	Service *legaldoc.Service
	Units   *adminunit.List
}

// EnableLegalDocs turns on the legal normative documents register
// (web/legaldocweb): the department keeps the province's law book in its
// tenant; a commune's officer reads the book of its province; the public
// page shows the portal's department's book.
func (s *Server) EnableLegalDocs(l *LegalDocs) {
	s.ldScreens = legaldocweb.New(kernel{s}, legaldocweb.Config{
		Service: l.Service, Now: s.now,
		Scope: func(ctx context.Context, p *auth.Principal) (legaldoc.Scope, error) {
			sc, err := s.mediationScope(ctx, p)
			return legaldoc.Scope{TenantID: sc.TenantID, ProvinceCode: sc.ProvinceCode}, err
		},
		Public: func(ctx context.Context) (legaldoc.Scope, error) {
			t, err := s.portalTenant(ctx)
			return legaldoc.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, err
		},
		Agency: func(ctx context.Context, id string) (render.Agency, error) {
			t, err := s.db.Org().Tenant(ctx, id)
			return slipAgency(t), err
		},
		CommuneName: func(code string) string {
			if l.Units == nil {
				return code
			}
			return l.Units.NameOn(code, s.now())
		},
	})
}

// Practitioners is what the judicial-support practitioners' screens need.
type Practitioners struct {
	Service *practitioner.Service
	Units   *adminunit.List
}

// EnablePractitioners turns on the practitioners' registers
// (web/practitionerweb): the department's back office, its API and the
// public directory.
func (s *Server) EnablePractitioners(p *Practitioners) {
	s.prScreens = practitionerweb.New(kernel{s}, practitionerweb.Config{
		Service: p.Service, Units: p.Units, Now: s.now,
		Scope: func(ctx context.Context, pr *auth.Principal) (practitioner.Scope, error) {
			if pr == nil {
				return practitioner.Scope{}, apperr.New(apperr.Unauthorized, "Vui lòng đăng nhập.")
			}
			t, err := s.db.Org().Tenant(ctx, pr.TenantID)
			return practitioner.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, err
		},
		Public: func(ctx context.Context) (practitioner.Scope, error) {
			t, err := s.portalTenant(ctx)
			return practitioner.Scope{TenantID: t.ID, ProvinceCode: t.ProvinceCode}, err
		},
		Agency: func(ctx context.Context, id string) (string, error) {
			t, err := s.db.Org().Tenant(ctx, id)
			return t.Name, err
		},
	})
}

// Emulation is what the emulation, "Dân vận khéo", administrative-reform
// and annual-report screens need. Annual holds the report's sources, one
// per register kept in tuphap (annualreport/sources), registered at wiring.
type Emulation struct {
	Service *emulation.Service
	Annual  *annualreport.Builder
	Texts   emulationweb.Texts
}

// EnableEmulation turns on the area (web/emulationweb) and the public page
// of recognised "Dân vận khéo" models.
func (s *Server) EnableEmulation(e *Emulation) {
	s.emuScreens = emulationweb.New(kernel{s}, emulationweb.Config{
		Service: e.Service, Annual: e.Annual, Texts: e.Texts, Now: s.now,
		Agency: func(ctx context.Context, id string) (render.Agency, string, error) {
			t, err := s.db.Org().Tenant(ctx, id)
			return slipAgency(t), t.ProvinceCode, err
		},
		TenantByCode: func(ctx context.Context, code string) (string, string, error) {
			t, err := s.db.Org().TenantByCode(ctx, code)
			return t.ID, t.Name, err
		},
	})
}

// AgencyOf is the letterhead of a tenant (for the CLI's printed reports).
func AgencyOf(t org.Tenant) render.Agency { return slipAgency(t) }
