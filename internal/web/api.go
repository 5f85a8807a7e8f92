package web

import (
	_ "embed"
	"net/http"
	"time"

	"tuphap/internal/audit"
	"tuphap/internal/org"
)

//go:embed openapi.json
var openapiDoc []byte

// openapi serves the API's OpenAPI 3.1 document.
func (s *Server) openapi(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openapiDoc)
	return nil
}

type meResponse struct {
	TenantCode string `json:"tenant_code"`
	Username   string `json:"username"`
	FullName   string `json:"full_name"`
	Role       string `json:"role"`
	RoleLabel  string `json:"role_label"`
	UnitID     string `json:"unit_id,omitempty"`
}

// apiMe describes the caller.
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	return writeJSON(w, http.StatusOK, meResponse{TenantCode: p.TenantCode, Username: p.Username, FullName: p.FullName,
		Role: string(p.Role), RoleLabel: p.Role.Label(), UnitID: p.UnitID})
}

type listResponse[T any] struct {
	Items []T `json:"items"`
}

// unitJSON is a unit as the API shows it: its own shape, so that the
// domain type (and what storage does with it) can change without changing
// the API (openapi.json, Unit).
type unitJSON struct {
	ID        string       `json:"id"`
	Code      string       `json:"code"`
	Name      string       `json:"name"`
	Kind      org.UnitKind `json:"kind"`
	Email     string       `json:"email,omitempty"`
	Phone     string       `json:"phone,omitempty"`
	Active    bool         `json:"active"`
	CreatedAt time.Time    `json:"created_at"`
}

func unitOf(u org.Unit) unitJSON {
	return unitJSON{ID: u.ID, Code: u.Code, Name: u.Name, Kind: u.Kind, Email: u.Email, Phone: u.Phone, Active: u.Active, CreatedAt: u.CreatedAt}
}

// officerJSON is an officer as the API shows it (openapi.json, Officer).
type officerJSON struct {
	ID          string     `json:"id"`
	Username    string     `json:"username"`
	FullName    string     `json:"full_name"`
	Email       string     `json:"email,omitempty"`
	Role        org.Role   `json:"role"`
	UnitID      string     `json:"unit_id,omitempty"`
	Active      bool       `json:"active"`
	TOTPEnabled bool       `json:"totp_enabled"`
	LockedUntil *time.Time `json:"locked_until,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
}

func officerOf(o org.Officer) officerJSON {
	return officerJSON{ID: o.ID, Username: o.Username, FullName: o.FullName, Email: o.Email, Role: o.Role, UnitID: o.UnitID,
		Active: o.Active, TOTPEnabled: o.TOTPEnabled, LockedUntil: o.LockedUntil, CreatedAt: o.CreatedAt}
}

// apiUnitList lists the caller's tenant's units and agencies.
func (s *Server) apiUnitList(w http.ResponseWriter, r *http.Request) error {
	units, err := s.db.Org().Units(r.Context(), principalFrom(r.Context()).TenantID)
	if err != nil {
		return err
	}
	out := make([]unitJSON, 0, len(units))
	for _, u := range units {
		out = append(out, unitOf(u))
	}
	return writeJSON(w, http.StatusOK, listResponse[unitJSON]{Items: out})
}

// unitRequest is the body of POST /api/v1/units.
type unitRequest struct {
	Code  string       `json:"code"`
	Name  string       `json:"name"`
	Kind  org.UnitKind `json:"kind"`
	Email string       `json:"email"`
	Phone string       `json:"phone"`
}

// apiUnitCreate adds a unit or an agency.
func (s *Server) apiUnitCreate(w http.ResponseWriter, r *http.Request) error {
	var req unitRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	u, err := s.org.CreateUnit(r.Context(), actor(r), org.Unit{TenantID: principalFrom(r.Context()).TenantID,
		Code: req.Code, Name: req.Name, Kind: req.Kind, Email: req.Email, Phone: req.Phone})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/units/"+u.ID)
	return writeJSON(w, http.StatusCreated, unitOf(u))
}

// apiUnitGet returns one unit of the caller's tenant.
func (s *Server) apiUnitGet(w http.ResponseWriter, r *http.Request) error {
	u, err := s.db.Org().Unit(r.Context(), principalFrom(r.Context()).TenantID, r.PathValue("id"))
	if err != nil {
		return notFoundAs(err, "Không tìm thấy đơn vị.")
	}
	return writeJSON(w, http.StatusOK, unitOf(u))
}

// apiOfficerList lists the caller's tenant's officers.
func (s *Server) apiOfficerList(w http.ResponseWriter, r *http.Request) error {
	officers, err := s.db.Org().Officers(r.Context(), principalFrom(r.Context()).TenantID)
	if err != nil {
		return err
	}
	out := make([]officerJSON, 0, len(officers))
	for _, o := range officers {
		out = append(out, officerOf(o))
	}
	return writeJSON(w, http.StatusOK, listResponse[officerJSON]{Items: out})
}

type verifyResponse struct {
	Intact   bool     `json:"intact"`
	Checked  int64    `json:"checked"`
	Problems []string `json:"problems,omitempty"`
}

// apiAuditVerify checks the caller's tenant's audit chain.
func (s *Server) apiAuditVerify(w http.ResponseWriter, r *http.Request) error {
	n, err := s.db.Audit().VerifyAudit(r.Context(), principalFrom(r.Context()).TenantID)
	if be, ok := err.(*audit.BrokenError); ok {
		return writeJSON(w, http.StatusOK, verifyResponse{Checked: n, Problems: be.Problems})
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, verifyResponse{Intact: true, Checked: n})
}
