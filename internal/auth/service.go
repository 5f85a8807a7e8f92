package auth

import (
	"context"
	"errors"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/org"
)

// Session lifetimes: an idle session ends after SessionIdle, any session
// after SessionMax, whatever its activity.
const (
	SessionIdle = 2 * time.Hour
	SessionMax  = 12 * time.Hour
)

// Credentials are what sign-in checks, read with the officer.
type Credentials struct {
	Officer      org.Officer
	PasswordHash string
	TOTPSealed   string // empty when TOTP is off
	TOTPLastStep int64
	FailedLogins int
}

// Session is a signed-in officer's server-side session.
type Session struct {
	TenantID  string
	IDHash    string
	OfficerID string
	CSRFToken string
	IP        string
	CreatedAt time.Time
	LastSeen  time.Time
	ExpiresAt time.Time
}

// APIToken is a bearer token for the JSON API.
type APIToken struct {
	TenantID  string
	IDHash    string
	OfficerID string
	Name      string
	CreatedAt time.Time
	ExpiresAt *time.Time
}

// DefaultTokenLifetime is an API token's lifetime when none is asked for:
// a forgotten token does not live for ever.
const DefaultTokenLifetime = 90 * 24 * time.Hour

// TokenInfo describes an API token in lists; ID is the hash of the secret
// (the secret itself is never stored).
type TokenInfo struct {
	ID        string     `json:"id"`
	OfficerID string     `json:"officer_id"`
	Username  string     `json:"username"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at"`
	LastUsed  *time.Time `json:"last_used_at"`
	RevokedAt *time.Time `json:"revoked_at"`
}

// Live reports whether the token still opens the API at now.
func (t TokenInfo) Live(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || t.ExpiresAt.After(now))
}

// Store is the storage sign-in and sessions need.
type Store interface {
	Transact(ctx context.Context, fn func(Tx) error) error
	TenantByCode(ctx context.Context, code string) (org.Tenant, error)
	Credentials(ctx context.Context, tenantID, username string) (Credentials, error)
	// SessionPrincipal returns the officer of a live session.
	SessionPrincipal(ctx context.Context, tenantID, idHash string, now time.Time) (Principal, Session, error)
	// TokenPrincipal returns the officer of a live API token.
	TokenPrincipal(ctx context.Context, tenantID, idHash string, now time.Time) (Principal, error)
	// Tokens lists a tenant's API tokens (one officer's if officerID is
	// set), newest first.
	Tokens(ctx context.Context, tenantID, officerID string) ([]TokenInfo, error)
}

// Tx is a write transaction of the auth use cases.
type Tx interface {
	Now() time.Time
	RecordLogin(ctx context.Context, tenantID, officerID string, failed int, lockedUntil *time.Time, totpStep int64) error
	InsertSession(ctx context.Context, s Session) error
	DeleteSession(ctx context.Context, tenantID, idHash string) error
	TouchSession(ctx context.Context, tenantID, idHash string, lastSeen, expires time.Time) error
	InsertAPIToken(ctx context.Context, t APIToken) error
	// RevokeToken revokes a live token of the officer; ErrNotFound if none.
	RevokeToken(ctx context.Context, tenantID, officerID, idHash string) error
	SetPassword(ctx context.Context, tenantID, officerID, hash string) error
	// EndCredentials ends the officer's sessions but keepSession (a
	// session's hash, or "") and revokes the officer's API tokens.
	EndCredentials(ctx context.Context, tenantID, officerID, keepSession string) error
	SetTOTP(ctx context.Context, tenantID, officerID, sealed string) error
	Credentials(ctx context.Context, tenantID, username string) (Credentials, error)
	Audit(ctx context.Context, e audit.Entry) error
}

// Service signs officers in and out and resolves sessions and tokens.
type Service struct {
	Store Store
	Keys  *Keyring
}

// LoginRequest is what the sign-in form sends.
type LoginRequest struct {
	TenantCode string
	Username   string
	Password   string
	TOTPCode   string
	IP         string
	// Device is the known-device token the browser holds from an earlier
	// sign-in of this officer (DeviceToken), or "".
	Device string
}

// errBadLogin is the one answer to an unknown tenant or username, a wrong
// password or code, a disabled account and a locked one alike, so that the
// answer tells nobody which usernames exist or which accounts are locked
// (issue 12 §13).
var errBadLogin = apperr.New(apperr.Unauthorized, "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa do nhập sai nhiều lần (thử lại sau 15 phút hoặc đăng nhập từ thiết bị đã dùng trước đây).")

// DeviceToken is the known-device token given to the browser of a
// successful sign-in: sealed under the key file and bound to the tenant and
// officer. While the account is locked after failed sign-ins, the right
// password from a browser holding it still opens the account, so that
// nobody can lock an officer out by typing wrong passwords (issue 12 §6).
func (s *Service) DeviceToken(tenantID, officerID string) string {
	if s.Keys == nil {
		return ""
	}
	return s.Keys.Seal("device", deviceAAD(tenantID, officerID))
}

func (s *Service) knownDevice(tenantID, officerID, token string) bool {
	if s.Keys == nil || token == "" {
		return false
	}
	v, err := s.Keys.Open(token, deviceAAD(tenantID, officerID))
	return err == nil && v == "device"
}

func deviceAAD(tenantID, officerID string) string { return "device|" + tenantID + "|" + officerID }

// Login checks a sign-in and opens a session. It returns the session cookie
// value. Every attempt, good or bad, is audited; wrong passwords count
// towards the lockout (package-level constants in lockout.go).
func (s *Service) Login(ctx context.Context, req LoginRequest) (cookie string, p Principal, err error) {
	tenant, err := s.Store.TenantByCode(ctx, req.TenantCode)
	if errors.Is(err, apperr.ErrNotFound) {
		VerifyPassword(DummyHash, req.Password) // same cost as a real check
		return "", p, errBadLogin
	}
	if err != nil {
		return "", p, err
	}
	cred, err := s.Store.Credentials(ctx, tenant.ID, normalizeUsername(req.Username))
	if errors.Is(err, apperr.ErrNotFound) {
		VerifyPassword(DummyHash, req.Password)
		err = s.Store.Transact(ctx, func(tx Tx) error {
			return tx.Audit(ctx, audit.Entry{TenantID: tenant.ID, Actor: "?", Action: "auth.login_failed",
				Object: "officer:?", Detail: "tên đăng nhập không tồn tại", IP: req.IP})
		})
		if err != nil {
			return "", p, err
		}
		return "", p, errBadLogin
	}
	if err != nil {
		return "", p, err
	}
	o := cred.Officer
	actor := audit.Actor{ID: o.ID, Name: o.Username, UnitID: o.UnitID, IP: req.IP}
	var outcome error
	secret := NewSecret()
	err = s.Store.Transact(ctx, func(tx Tx) error {
		now := tx.Now()
		// Re-read inside the transaction so concurrent attempts count.
		cred, err := tx.Credentials(ctx, tenant.ID, o.Username)
		if err != nil {
			return err
		}
		if !cred.Officer.Active {
			VerifyPassword(DummyHash, req.Password) // same cost as a real check
			outcome = errBadLogin
			return tx.Audit(ctx, actor.Entry(tenant.ID, "auth.login_failed", "officer:"+o.Username, "tài khoản đã bị vô hiệu hóa"))
		}
		known := s.knownDevice(tenant.ID, o.ID, req.Device)
		if Locked(cred.Officer.LockedUntil, now) && !known {
			VerifyPassword(DummyHash, req.Password)
			outcome = errBadLogin
			return tx.Audit(ctx, actor.Entry(tenant.ID, "auth.login_failed", "officer:"+o.Username, "tài khoản đang bị khóa"))
		}
		ok, err := VerifyPassword(cred.PasswordHash, req.Password)
		if err != nil {
			return err
		}
		step := cred.TOTPLastStep
		reason := "sai mật khẩu"
		if ok && cred.TOTPSealed != "" {
			secret, err := s.Keys.Open(cred.TOTPSealed, o.ID)
			if err != nil {
				return err
			}
			step, ok = VerifyTOTP(secret, req.TOTPCode, now, cred.TOTPLastStep)
			if !ok {
				step, reason = cred.TOTPLastStep, "sai mã xác thực hai lớp"
			}
		}
		if !ok {
			failed, until := AfterFailure(cred.FailedLogins, now)
			if err := tx.RecordLogin(ctx, tenant.ID, o.ID, failed, until, step); err != nil {
				return err
			}
			outcome = errBadLogin
			if until != nil {
				reason += "; khóa tài khoản đến " + until.Format(time.RFC3339)
			}
			return tx.Audit(ctx, actor.Entry(tenant.ID, "auth.login_failed", "officer:"+o.Username, reason))
		}
		if err := tx.RecordLogin(ctx, tenant.ID, o.ID, 0, nil, step); err != nil {
			return err
		}
		sess := Session{TenantID: tenant.ID, IDHash: HashSecret(secret), OfficerID: o.ID, CSRFToken: NewSecret(),
			IP: req.IP, CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(SessionIdle)}
		if err := tx.InsertSession(ctx, sess); err != nil {
			return err
		}
		p = Principal{TenantID: tenant.ID, TenantCode: tenant.Code, OfficerID: o.ID, Username: o.Username,
			FullName: o.FullName, Role: o.Role, UnitID: o.UnitID, SessionID: sess.IDHash, CSRFToken: sess.CSRFToken}
		detail := ""
		if Locked(cred.Officer.LockedUntil, now) {
			detail = "mở khóa bằng mật khẩu đúng từ thiết bị đã dùng trước đây"
		}
		return tx.Audit(ctx, actor.Entry(tenant.ID, "auth.login", "officer:"+o.Username, detail))
	})
	if err != nil {
		return "", Principal{}, err
	}
	if outcome != nil {
		return "", Principal{}, outcome
	}
	return FormatToken(SessionPrefix, tenant.ID, secret), p, nil
}

// Authenticate resolves a session cookie, sliding its idle expiry.
func (s *Service) Authenticate(ctx context.Context, cookie string, now time.Time) (Principal, error) {
	tenantID, secret, ok := ParseToken(SessionPrefix, cookie)
	if !ok {
		return Principal{}, apperr.ErrNotFound
	}
	p, sess, err := s.Store.SessionPrincipal(ctx, tenantID, HashSecret(secret), now)
	if err != nil {
		return p, err
	}
	// Write the new idle expiry at most once a minute, not on every request.
	if now.Sub(sess.LastSeen) > time.Minute {
		exp := now.Add(SessionIdle)
		if max := sess.CreatedAt.Add(SessionMax); exp.After(max) {
			exp = max
		}
		err := s.Store.Transact(ctx, func(tx Tx) error {
			return tx.TouchSession(ctx, tenantID, sess.IDHash, now, exp)
		})
		if err != nil {
			return p, err
		}
	}
	return p, nil
}

// AuthenticateToken resolves an API bearer token.
func (s *Service) AuthenticateToken(ctx context.Context, token string, now time.Time) (Principal, error) {
	tenantID, secret, ok := ParseToken(APITokenPrefix, token)
	if !ok {
		return Principal{}, apperr.ErrNotFound
	}
	return s.Store.TokenPrincipal(ctx, tenantID, HashSecret(secret), now)
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, p Principal, ip string) error {
	return s.Store.Transact(ctx, func(tx Tx) error {
		if err := tx.DeleteSession(ctx, p.TenantID, p.SessionID); err != nil && !errors.Is(err, apperr.ErrNotFound) {
			return err
		}
		return tx.Audit(ctx, p.Actor(ip).Entry(p.TenantID, "auth.logout", "officer:"+p.Username, ""))
	})
}

// CreateToken issues an API token for an officer; the token is shown once.
// A zero ttl gives DefaultTokenLifetime.
func (s *Service) CreateToken(ctx context.Context, by audit.Actor, tenantCode, username, name string, ttl time.Duration) (string, error) {
	tenant, err := s.Store.TenantByCode(ctx, tenantCode)
	if err != nil {
		return "", notFound(err, "Không tìm thấy cơ quan "+tenantCode+".")
	}
	cred, err := s.Store.Credentials(ctx, tenant.ID, normalizeUsername(username))
	if err != nil {
		return "", notFound(err, "Không tìm thấy cán bộ "+username+".")
	}
	if !cred.Officer.Active {
		return "", apperr.New(apperr.Invalid, "Tài khoản đã bị vô hiệu hóa.")
	}
	secret := NewSecret()
	err = s.Store.Transact(ctx, func(tx Tx) error {
		t := APIToken{TenantID: tenant.ID, IDHash: HashSecret(secret), OfficerID: cred.Officer.ID, Name: name, CreatedAt: tx.Now()}
		if ttl <= 0 {
			ttl = DefaultTokenLifetime
		}
		exp := tx.Now().Add(ttl)
		t.ExpiresAt = &exp
		if err := tx.InsertAPIToken(ctx, t); err != nil {
			return err
		}
		return tx.Audit(ctx, by.Entry(tenant.ID, "auth.token_create", "officer:"+cred.Officer.Username, name))
	})
	if err != nil {
		return "", err
	}
	return FormatToken(APITokenPrefix, tenant.ID, secret), nil
}

// errLockedNow refuses a signed-in officer's change of credentials while
// the account is locked after wrong answers.
var errLockedNow = apperr.New(apperr.TooMany, "Đã nhập sai nhiều lần; tài khoản tạm khóa 15 phút đối với việc đổi mật khẩu và xác thực hai lớp.")

// reauthenticate runs change in one transaction after checking the
// signed-in officer's current password and, if needCode and the second
// factor is on, a current code. A wrong answer counts toward the sign-in
// lockout and is audited (issue 12 §9); while the account is locked nothing
// is checked and nothing changes.
func (s *Service) reauthenticate(ctx context.Context, p Principal, password, code, ip, what string, needCode bool,
	change func(tx Tx, cred Credentials) error) error {
	actor := p.Actor(ip)
	var outcome error
	err := s.Store.Transact(ctx, func(tx Tx) error {
		now := tx.Now()
		cred, err := tx.Credentials(ctx, p.TenantID, p.Username)
		if err != nil {
			return err
		}
		if Locked(cred.Officer.LockedUntil, now) {
			outcome = errLockedNow
			return tx.Audit(ctx, actor.Entry(p.TenantID, "auth.reauth_failed", "officer:"+p.Username, what+": tài khoản đang bị khóa"))
		}
		ok, err := VerifyPassword(cred.PasswordHash, password)
		if err != nil {
			return err
		}
		reason := "sai mật khẩu hiện tại"
		outcome = apperr.Field("current", "Mật khẩu hiện tại không đúng.")
		step := cred.TOTPLastStep
		if ok && needCode && cred.TOTPSealed != "" {
			secret, err := s.Keys.Open(cred.TOTPSealed, p.OfficerID)
			if err != nil {
				return err
			}
			if step, ok = VerifyTOTP(secret, code, now, cred.TOTPLastStep); !ok {
				step, reason = cred.TOTPLastStep, "sai mã xác thực hai lớp hiện tại"
				outcome = apperr.Field("current_code", "Mã xác thực hai lớp hiện tại không đúng.")
			}
		}
		if !ok {
			failed, until := AfterFailure(cred.FailedLogins, now)
			if err := tx.RecordLogin(ctx, p.TenantID, p.OfficerID, failed, until, step); err != nil {
				return err
			}
			if until != nil {
				reason += "; khóa tài khoản đến " + until.Format(time.RFC3339)
			}
			return tx.Audit(ctx, actor.Entry(p.TenantID, "auth.reauth_failed", "officer:"+p.Username, what+": "+reason))
		}
		outcome = nil
		if err := tx.RecordLogin(ctx, p.TenantID, p.OfficerID, 0, nil, step); err != nil {
			return err
		}
		return change(tx, cred)
	})
	if err != nil {
		return err
	}
	return outcome
}

// ChangePassword sets a new password after checking the current one; the
// officer's other sessions end and the API tokens are revoked.
func (s *Service) ChangePassword(ctx context.Context, p Principal, current, next, ip string) error {
	if err := CheckPasswordPolicy(next); err != nil {
		return err
	}
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	return s.reauthenticate(ctx, p, current, "", ip, "đổi mật khẩu", false, func(tx Tx, _ Credentials) error {
		if err := tx.SetPassword(ctx, p.TenantID, p.OfficerID, hash); err != nil {
			return err
		}
		if err := tx.EndCredentials(ctx, p.TenantID, p.OfficerID, p.SessionID); err != nil {
			return err
		}
		return tx.Audit(ctx, p.Actor(ip).Entry(p.TenantID, "auth.password_change", "officer:"+p.Username, "các phiên khác đã kết thúc, mã API đã bị thu hồi"))
	})
}

// EnableTOTP turns on (or re-enrols) the second factor once the officer
// proves the app works by typing a code of the new secret. It needs the
// current password and, when a second factor is already on, a current
// code of it (issue 12 §8).
func (s *Service) EnableTOTP(ctx context.Context, p Principal, password, currentCode, secret, code, ip string) error {
	return s.reauthenticate(ctx, p, password, currentCode, ip, "bật xác thực hai lớp", true, func(tx Tx, cred Credentials) error {
		step, ok := VerifyTOTP(secret, code, tx.Now(), 0)
		if !ok {
			return apperr.Field("code", "Mã xác thực không đúng. Hãy nhập mã đang hiển thị trên ứng dụng.")
		}
		if err := tx.SetTOTP(ctx, p.TenantID, p.OfficerID, s.Keys.Seal(secret, p.OfficerID)); err != nil {
			return err
		}
		if err := tx.RecordLogin(ctx, p.TenantID, p.OfficerID, 0, nil, step); err != nil {
			return err
		}
		action := "auth.totp_enable"
		if cred.TOTPSealed != "" {
			action = "auth.totp_reenrol"
		}
		return tx.Audit(ctx, p.Actor(ip).Entry(p.TenantID, action, "officer:"+p.Username, ""))
	})
}

// DisableTOTP removes the officer's own second factor, with the current
// password and a current code.
func (s *Service) DisableTOTP(ctx context.Context, p Principal, password, code, ip string) error {
	return s.reauthenticate(ctx, p, password, code, ip, "tắt xác thực hai lớp", true, func(tx Tx, cred Credentials) error {
		if cred.TOTPSealed == "" {
			return apperr.New(apperr.Conflict, "Xác thực hai lớp chưa được bật.")
		}
		if err := tx.SetTOTP(ctx, p.TenantID, p.OfficerID, ""); err != nil {
			return err
		}
		return tx.Audit(ctx, p.Actor(ip).Entry(p.TenantID, "auth.totp_disable", "officer:"+p.Username, ""))
	})
}

// ResetTOTP removes an officer's second factor on an administrator's word
// (a lost phone), audited; the officer enrols again after signing in.
func (s *Service) ResetTOTP(ctx context.Context, by audit.Actor, o org.Officer) error {
	return s.Store.Transact(ctx, func(tx Tx) error {
		if err := tx.SetTOTP(ctx, o.TenantID, o.ID, ""); err != nil {
			return err
		}
		if err := tx.EndCredentials(ctx, o.TenantID, o.ID, ""); err != nil {
			return err
		}
		return tx.Audit(ctx, by.Entry(o.TenantID, "auth.totp_reset", "officer:"+o.Username, "quản trị viên đặt lại xác thực hai lớp; các phiên đã kết thúc"))
	})
}

// Actor is the principal as an audit actor.
func (p Principal) Actor(ip string) audit.Actor {
	return audit.Actor{ID: p.OfficerID, Name: p.Username, UnitID: p.UnitID, IP: ip}
}

func notFound(err error, msg string) error {
	if errors.Is(err, apperr.ErrNotFound) {
		return apperr.Wrap(apperr.NotFound, msg, err)
	}
	return err
}

// ResetPassword sets an officer's password on an administrator's word (the
// CLI), unlocking the account; every session ends and every API token is
// revoked.
func (s *Service) ResetPassword(ctx context.Context, by audit.Actor, o org.Officer, password string) error {
	if err := CheckPasswordPolicy(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return s.Store.Transact(ctx, func(tx Tx) error {
		if err := tx.SetPassword(ctx, o.TenantID, o.ID, hash); err != nil {
			return err
		}
		if err := tx.EndCredentials(ctx, o.TenantID, o.ID, ""); err != nil {
			return err
		}
		return tx.Audit(ctx, by.Entry(o.TenantID, "auth.password_reset", "officer:"+o.Username, "mọi phiên đã kết thúc, mã API đã bị thu hồi"))
	})
}

// Tokens lists the API tokens of a tenant, or of one officer.
func (s *Service) Tokens(ctx context.Context, tenantID, officerID string) ([]TokenInfo, error) {
	return s.Store.Tokens(ctx, tenantID, officerID)
}

// RevokeToken revokes one of an officer's API tokens for good, audited.
func (s *Service) RevokeToken(ctx context.Context, by audit.Actor, tenantID string, t TokenInfo) error {
	return s.Store.Transact(ctx, func(tx Tx) error {
		if err := tx.RevokeToken(ctx, tenantID, t.OfficerID, t.ID); err != nil {
			return notFound(err, "Không tìm thấy mã truy cập còn hiệu lực.")
		}
		return tx.Audit(ctx, by.Entry(tenantID, "auth.token_revoke", "officer:"+t.Username, t.Name+" ("+ShortTokenID(t.ID)+")"))
	})
}

// ShortTokenID is how screens and the command line name a token: the first
// 12 characters of its ID.
func ShortTokenID(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}
