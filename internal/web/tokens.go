package web

import (
	"net/http"

	"tuphap/internal/apperr"
	"tuphap/internal/auth"
)

// API tokens (issue 12 §3): an administrator sees an officer's tokens on the
// officer's page and revokes them; every officer lists and revokes their own
// through the API. Only the hash of a token is stored, so no screen can show
// a token again.

// tokenOf finds one of the officer's tokens by its ID.
func (s *Server) tokenOf(r *http.Request, officerID, id string) (auth.TokenInfo, error) {
	p := principalFrom(r.Context())
	list, err := s.auth.Tokens(r.Context(), p.TenantID, officerID)
	if err != nil {
		return auth.TokenInfo{}, err
	}
	for _, k := range list {
		if k.ID == id {
			return k, nil
		}
	}
	return auth.TokenInfo{}, apperr.New(apperr.NotFound, "Không tìm thấy mã truy cập.")
}

// officerTokenRevoke revokes an officer's token from the back office.
func (s *Server) officerTokenRevoke(w http.ResponseWriter, r *http.Request) error {
	k, err := s.tokenOf(r, r.PathValue("id"), r.PathValue("token"))
	if err != nil {
		return err
	}
	if err := s.auth.RevokeToken(r.Context(), actor(r), principalFrom(r.Context()).TenantID, k); err != nil {
		return err
	}
	return s.redirectFlash(w, r, "/admin/officers/"+r.PathValue("id"), "token-revoked")
}

// apiTokenList lists the caller's own API tokens.
func (s *Server) apiTokenList(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	list, err := s.auth.Tokens(r.Context(), p.TenantID, p.OfficerID)
	if err != nil {
		return err
	}
	if list == nil {
		list = []auth.TokenInfo{}
	}
	return writeJSON(w, http.StatusOK, listResponse[auth.TokenInfo]{Items: list})
}

// apiTokenRevoke revokes one of the caller's own API tokens (the one in use
// included).
func (s *Server) apiTokenRevoke(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	k, err := s.tokenOf(r, p.OfficerID, r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := s.auth.RevokeToken(r.Context(), actor(r), p.TenantID, k); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
