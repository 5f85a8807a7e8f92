package eid

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// TestCitizen is a person the simulator can sign in.
type TestCitizen struct {
	Subject   string
	FullName  string
	IDNumber  string
	BirthDate string // YYYY-MM-DD
}

// TestCitizens are the simulator's people (invented; the ID numbers follow
// the 12-digit layout: province of birth, century and sex, year, serial).
var TestCitizens = []TestCitizen{
	{Subject: "sim-0001", FullName: "Nguyễn Văn An", IDNumber: "001090012345", BirthDate: "1990-05-12"},
	{Subject: "sim-0002", FullName: "Trần Thị Bích Ngọc", IDNumber: "079195004321", BirthDate: "1995-11-03"},
	{Subject: "sim-0003", FullName: "Lê Hoàng Đức", IDNumber: "048088007788", BirthDate: "1988-02-29"},
	{Subject: "sim-0004", FullName: "Phạm Thị Hồng Nhung", IDNumber: "036301001122", BirthDate: "2001-08-19"},
}

// BirthText is the date of birth as dd/mm/yyyy.
func (c TestCitizen) BirthText() string {
	if t, err := time.Parse("2006-01-02", c.BirthDate); err == nil {
		return t.Format("02/01/2006")
	}
	return c.BirthDate
}

// Simulator is a local OpenID provider standing in for the national e-ID:
// discovery, JWKS, an authorize page where the tester picks a test
// citizen, and a token endpoint that checks the client, the redirect URI
// and the PKCE verifier. Mount it under the path of Issuer with
// http.StripPrefix.
type Simulator struct {
	Issuer       string // absolute URL, e.g. http://127.0.0.1:8080/idp-sim
	ClientID     string
	ClientSecret string
	Citizens     []TestCitizen
	Now          func() time.Time
	TokenTTL     time.Duration

	// Faults, for tests of the relying party: sign tokens with a key that
	// is not published, or put a different nonce in them.
	SignWithUnpublishedKey bool
	WrongNonce             bool
	// UserInfoOnly keeps the person's claims out of the ID token, at the
	// UserInfo endpoint only, as a conforming provider does.
	UserInfoOnly bool
	// ACR is the assurance level put in the ID token (default: the first
	// of the request's acr_values; none if not requested).
	ACR string

	once     sync.Once
	key      *rsa.PrivateKey
	rogue    *rsa.PrivateKey
	mu       sync.Mutex
	grants   map[string]grant
	access   map[string]TestCitizen
	mux      *http.ServeMux
	pageTmpl *template.Template
}

type grant struct {
	citizen     TestCitizen
	clientID    string
	redirectURI string
	challenge   string
	nonce       string
	acr         string
	expires     time.Time
}

const keyID = "sim-1"

func (s *Simulator) init() {
	s.once.Do(func() {
		var err error
		if s.key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic("eid: rsa key: " + err.Error())
		}
		if s.rogue, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic("eid: rsa key: " + err.Error())
		}
		if s.Citizens == nil {
			s.Citizens = TestCitizens
		}
		if s.Now == nil {
			s.Now = time.Now
		}
		if s.TokenTTL == 0 {
			s.TokenTTL = 5 * time.Minute
		}
		s.grants = map[string]grant{}
		s.access = map[string]TestCitizen{}
		s.pageTmpl = template.Must(template.New("p").Parse(simPage))
		m := http.NewServeMux()
		m.HandleFunc("GET /.well-known/openid-configuration", s.discovery)
		m.HandleFunc("GET /jwks", s.jwks)
		m.HandleFunc("GET /authorize", s.authorizeForm)
		m.HandleFunc("POST /authorize", s.authorize)
		m.HandleFunc("POST /token", s.token)
		m.HandleFunc("GET /userinfo", s.userinfo)
		s.mux = m
	})
}

// ServeHTTP serves the provider's endpoints.
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.init()
	s.mux.ServeHTTP(w, r)
}

func (s *Simulator) discovery(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                s.Issuer,
		"authorization_endpoint":                s.Issuer + "/authorize",
		"token_endpoint":                        s.Issuer + "/token",
		"jwks_uri":                              s.Issuer + "/jwks",
		"userinfo_endpoint":                     s.Issuer + "/userinfo",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"code_challenge_methods_supported":      []string{"S256"},
		"scopes_supported":                      []string{"openid", "profile"},
		"claims_supported":                      []string{"sub", "name", "birthdate", ClaimIDNumber},
	})
}

func (s *Simulator) jwks(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &s.key.PublicKey, KeyID: keyID, Algorithm: "RS256", Use: "sig"}}})
}

type simPageData struct {
	Error    string
	Citizens []TestCitizen
	Params   map[string]string
}

func (s *Simulator) checkAuthRequest(q url.Values) string {
	switch {
	case q.Get("client_id") != s.ClientID:
		return "Ứng dụng (client_id) không được đăng ký."
	case q.Get("response_type") != "code":
		return "Chỉ hỗ trợ response_type=code."
	case q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256":
		return "Thiếu PKCE (code_challenge, phương thức S256)."
	case q.Get("state") == "" || q.Get("nonce") == "":
		return "Thiếu state hoặc nonce."
	case !strings.HasPrefix(q.Get("redirect_uri"), "http"):
		return "Địa chỉ chuyển hướng không hợp lệ."
	}
	return ""
}

func (s *Simulator) authorizeForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := simPageData{Error: s.checkAuthRequest(q), Citizens: s.Citizens, Params: map[string]string{}}
	for _, k := range []string{"client_id", "redirect_uri", "state", "nonce", "code_challenge", "code_challenge_method", "response_type", "acr_values"} {
		d.Params[k] = q.Get(k)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if d.Error != "" {
		w.WriteHeader(http.StatusBadRequest)
	}
	s.pageTmpl.Execute(w, d)
}

func (s *Simulator) authorize(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	f := r.PostForm
	if msg := s.checkAuthRequest(f); msg != "" {
		http.Error(w, msg, http.StatusBadRequest)
		return
	}
	var who *TestCitizen
	for i := range s.Citizens {
		if s.Citizens[i].Subject == f.Get("subject") {
			who = &s.Citizens[i]
		}
	}
	redirect, err := url.Parse(f.Get("redirect_uri"))
	if err != nil {
		http.Error(w, "bad redirect_uri", http.StatusBadRequest)
		return
	}
	q := redirect.Query()
	q.Set("state", f.Get("state"))
	if who == nil {
		q.Set("error", "access_denied")
	} else {
		code := randomString()
		acr := s.ACR
		if acr == "" {
			acr, _, _ = strings.Cut(f.Get("acr_values"), " ")
		}
		s.mu.Lock()
		s.grants[code] = grant{citizen: *who, clientID: f.Get("client_id"), redirectURI: f.Get("redirect_uri"),
			challenge: f.Get("code_challenge"), nonce: f.Get("nonce"), acr: acr, expires: s.Now().Add(2 * time.Minute)}
		s.mu.Unlock()
		q.Set("code", code)
	}
	redirect.RawQuery = q.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

func (s *Simulator) token(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		tokenError(w, "invalid_request")
		return
	}
	id, secret, ok := r.BasicAuth()
	if ok {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	} else {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if id != s.ClientID || subtle.ConstantTimeCompare([]byte(secret), []byte(s.ClientSecret)) != 1 {
		tokenError(w, "invalid_client")
		return
	}
	if r.PostForm.Get("grant_type") != "authorization_code" {
		tokenError(w, "unsupported_grant_type")
		return
	}
	code := r.PostForm.Get("code")
	s.mu.Lock()
	g, found := s.grants[code]
	delete(s.grants, code) // a code is used once
	s.mu.Unlock()
	if !found || s.Now().After(g.expires) || g.clientID != id || g.redirectURI != r.PostForm.Get("redirect_uri") {
		tokenError(w, "invalid_grant")
		return
	}
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	if subtle.ConstantTimeCompare([]byte(base64.RawURLEncoding.EncodeToString(sum[:])), []byte(g.challenge)) != 1 {
		tokenError(w, "invalid_grant")
		return
	}
	nonce := g.nonce
	if s.WrongNonce {
		nonce = "not-the-nonce"
	}
	key := s.key
	if s.SignWithUnpublishedKey {
		key = s.rogue
	}
	raw, err := s.sign(key, g.citizen, id, nonce, g.acr)
	if err != nil {
		http.Error(w, "sign", http.StatusInternalServerError)
		return
	}
	access := randomString()
	s.mu.Lock()
	s.access[access] = g.citizen
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 300, "id_token": raw})
}

// userinfo answers the person's claims for an access token.
func (s *Simulator) userinfo(w http.ResponseWriter, r *http.Request) {
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	c, ok := s.access[token]
	s.mu.Unlock()
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sub": c.Subject, ClaimName: c.FullName, ClaimBirthDate: c.BirthDate, ClaimIDNumber: c.IDNumber})
}

func (s *Simulator) sign(key *rsa.PrivateKey, c TestCitizen, aud, nonce, acr string) (string, error) {
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", keyID))
	if err != nil {
		return "", err
	}
	now := s.Now()
	claims := jwt.Claims{Issuer: s.Issuer, Subject: c.Subject, Audience: jwt.Audience{aud},
		IssuedAt: jwt.NewNumericDate(now), Expiry: jwt.NewNumericDate(now.Add(s.TokenTTL))}
	extra := map[string]any{"nonce": nonce}
	if !s.UserInfoOnly {
		extra[ClaimName], extra[ClaimBirthDate], extra[ClaimIDNumber] = c.FullName, c.BirthDate, c.IDNumber
	}
	if acr != "" {
		extra["acr"] = acr
	}
	return jwt.Signed(signer).Claims(claims).Claims(extra).Serialize()
}

func tokenError(w http.ResponseWriter, code string) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"error": code})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

func randomString() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

const simPage = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mô phỏng định danh điện tử (VNeID)</title><link rel="stylesheet" href="/static/portal.css"></head>
<body class="sim"><main class="pwrap">
<p class="sim-banner" role="note">MÔI TRƯỜNG MÔ PHỎNG — không phải hệ thống định danh điện tử thật. Chỉ dùng để thử nghiệm.</p>
<h1>Đăng nhập bằng tài khoản định danh điện tử</h1>
{{if .Error}}<p class="perror" role="alert">{{.Error}}</p>{{else}}
<p>Chọn một công dân thử nghiệm để đăng nhập vào Cổng dịch vụ công của Sở Tư pháp:</p>
<ul class="sim-list">{{range .Citizens}}
<li><form method="post" action="authorize">{{range $k, $v := $.Params}}<input type="hidden" name="{{$k}}" value="{{$v}}">{{end}}
<input type="hidden" name="subject" value="{{.Subject}}">
<button type="submit" class="pbtn wide" id="citizen-{{.Subject}}"><strong>{{.FullName}}</strong><small>Số định danh: {{.IDNumber}} · Ngày sinh: {{.BirthText}}</small></button></form></li>{{end}}
</ul>
<form method="post" action="authorize">{{range $k, $v := .Params}}<input type="hidden" name="{{$k}}" value="{{$v}}">{{end}}
<button type="submit" class="pbtn ghost">Hủy đăng nhập</button></form>{{end}}
</main></body></html>`
