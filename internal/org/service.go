package org

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
)

// Service holds the organisation use cases. Each write runs in one
// transaction together with its audit entry.
type Service struct {
	Store Store
	// HashPassword turns a new password into its stored hash (package auth).
	HashPassword func(string) (string, error)
	// CheckPassword enforces the password policy (package auth).
	CheckPassword func(string) error
}

// NewID returns a new time-ordered identifier.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// CreateTenant adds a department (or another agency) to the deployment.
func (s *Service) CreateTenant(ctx context.Context, by audit.Actor, t Tenant) (Tenant, error) {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return t, err
	}
	t.ID = NewID()
	err := s.Store.Transact(ctx, func(tx Tx) error {
		t.CreatedAt = tx.Now()
		if err := tx.InsertTenant(ctx, t); err != nil {
			return conflict(err, "Mã đơn vị hoặc mã định danh cơ quan đã được sử dụng.")
		}
		return tx.Audit(ctx, by.Entry(t.ID, "tenant.create", "tenant:"+t.Code, t.Name))
	})
	return t, err
}

// CreateUnit adds a unit or a coordinating agency to a tenant.
func (s *Service) CreateUnit(ctx context.Context, by audit.Actor, u Unit) (Unit, error) {
	u.Normalize()
	u.Active = true
	if err := u.Validate(); err != nil {
		return u, err
	}
	u.ID = NewID()
	err := s.Store.Transact(ctx, func(tx Tx) error {
		u.CreatedAt = tx.Now()
		if err := tx.InsertUnit(ctx, u); err != nil {
			return conflict(err, "Mã đơn vị "+u.Code+" đã tồn tại.")
		}
		return tx.Audit(ctx, by.Entry(u.TenantID, "unit.create", "unit:"+u.Code, u.Name))
	})
	return u, err
}

// UpdateUnit changes a unit's name, code, kind, contacts or status.
func (s *Service) UpdateUnit(ctx context.Context, by audit.Actor, u Unit) (Unit, error) {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return u, err
	}
	err := s.Store.Transact(ctx, func(tx Tx) error {
		old, err := tx.Unit(ctx, u.TenantID, u.ID)
		if err != nil {
			return err
		}
		u.CreatedAt = old.CreatedAt
		if err := tx.UpdateUnit(ctx, u); err != nil {
			return conflict(err, "Mã đơn vị "+u.Code+" đã tồn tại.")
		}
		return tx.Audit(ctx, by.Entry(u.TenantID, "unit.update", "unit:"+u.Code, changes(old, u)))
	})
	return u, err
}

// CreateOfficer adds an officer with an initial password.
func (s *Service) CreateOfficer(ctx context.Context, by audit.Actor, o Officer, password string) (Officer, error) {
	o.Normalize()
	o.Active = true
	if err := s.CheckPassword(password); err != nil {
		return o, err
	}
	unit, err := s.unitOf(ctx, o)
	if err != nil {
		return o, err
	}
	if err := o.Validate(unit); err != nil {
		return o, err
	}
	hash, err := s.HashPassword(password)
	if err != nil {
		return o, err
	}
	o.ID = NewID()
	err = s.Store.Transact(ctx, func(tx Tx) error {
		o.CreatedAt = tx.Now()
		if err := tx.InsertOfficer(ctx, o, hash); err != nil {
			return conflict(err, "Tên đăng nhập "+o.Username+" đã tồn tại.")
		}
		return tx.Audit(ctx, by.Entry(o.TenantID, "officer.create", "officer:"+o.Username, "vai trò "+string(o.Role)))
	})
	return o, err
}

// UpdateOfficer changes an officer's name, e-mail, role, unit or status.
func (s *Service) UpdateOfficer(ctx context.Context, by audit.Actor, o Officer) (Officer, error) {
	cur, err := s.Store.Officer(ctx, o.TenantID, o.ID)
	if err != nil {
		return o, err
	}
	o.Username = cur.Username // never renamed: the audit log refers to it
	o.Normalize()
	unit, err := s.unitOf(ctx, o)
	if err != nil {
		return o, err
	}
	if err := o.Validate(unit); err != nil {
		return o, err
	}
	if by.ID == o.ID && !o.Active {
		return o, apperr.New(apperr.Invalid, "Không thể tự khóa tài khoản của chính mình.")
	}
	err = s.Store.Transact(ctx, func(tx Tx) error {
		old, err := tx.Officer(ctx, o.TenantID, o.ID)
		if err != nil {
			return err
		}
		if by.ID == o.ID && old.Role == Admin && o.Role != Admin {
			return apperr.New(apperr.Invalid, "Không thể tự bỏ vai trò quản trị của chính mình.")
		}
		o.Username, o.CreatedAt, o.TOTPEnabled = old.Username, old.CreatedAt, old.TOTPEnabled
		if err := tx.UpdateOfficer(ctx, o); err != nil {
			return err
		}
		detail := fmt.Sprintf("vai trò %s → %s; hoạt động %v → %v", old.Role, o.Role, old.Active, o.Active)
		if old.Active && !o.Active {
			// Deactivation ends the sessions and revokes the API tokens
			// for good: reactivating the account brings none back.
			if err := tx.EndCredentials(ctx, o.TenantID, o.ID, ""); err != nil {
				return err
			}
			detail += "; các phiên đã kết thúc, mã API đã bị thu hồi"
		}
		return tx.Audit(ctx, by.Entry(o.TenantID, "officer.update", "officer:"+o.Username, detail))
	})
	return o, err
}

func (s *Service) unitOf(ctx context.Context, o Officer) (*Unit, error) {
	if o.UnitID == "" {
		return nil, nil
	}
	u, err := s.Store.Unit(ctx, o.TenantID, o.UnitID)
	if errors.Is(err, apperr.ErrNotFound) {
		return nil, apperr.Field("unit_id", "Đơn vị không tồn tại.")
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

func conflict(err error, msg string) error {
	if errors.Is(err, apperr.ErrConflict) {
		return apperr.Wrap(apperr.Conflict, msg, err)
	}
	return err
}

func changes(a, b Unit) string {
	s := ""
	if a.Code != b.Code {
		s += fmt.Sprintf("mã %s → %s; ", a.Code, b.Code)
	}
	if a.Name != b.Name {
		s += fmt.Sprintf("tên %q → %q; ", a.Name, b.Name)
	}
	if a.Kind != b.Kind {
		s += fmt.Sprintf("loại %s → %s; ", a.Kind, b.Kind)
	}
	if a.Active != b.Active {
		s += fmt.Sprintf("hoạt động %v → %v; ", a.Active, b.Active)
	}
	return s
}
