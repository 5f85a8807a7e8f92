package org

import (
	"context"
	"time"

	"tuphap/internal/audit"
)

// Store is the storage the organisation use cases need.
type Store interface {
	Transact(ctx context.Context, fn func(Tx) error) error
	Tenants(ctx context.Context) ([]Tenant, error)
	Tenant(ctx context.Context, id string) (Tenant, error)
	TenantByCode(ctx context.Context, code string) (Tenant, error)
	Units(ctx context.Context, tenantID string) ([]Unit, error)
	Unit(ctx context.Context, tenantID, id string) (Unit, error)
	UnitByCode(ctx context.Context, tenantID, code string) (Unit, error)
	Officers(ctx context.Context, tenantID string) ([]Officer, error)
	Officer(ctx context.Context, tenantID, id string) (Officer, error)
	OfficerByUsername(ctx context.Context, tenantID, username string) (Officer, error)
	Counts(ctx context.Context, tenantID string) (Counts, error)
}

// Tx is a write transaction with a fixed clock. Every write is audited in
// the same transaction.
type Tx interface {
	Now() time.Time
	InsertTenant(ctx context.Context, t Tenant) error
	InsertUnit(ctx context.Context, u Unit) error
	UpdateUnit(ctx context.Context, u Unit) error
	Unit(ctx context.Context, tenantID, id string) (Unit, error)
	InsertOfficer(ctx context.Context, o Officer, passwordHash string) error
	UpdateOfficer(ctx context.Context, o Officer) error
	// EndCredentials ends the officer's sessions (but keepSession) and
	// revokes the officer's API tokens for good.
	EndCredentials(ctx context.Context, tenantID, officerID, keepSession string) error
	Officer(ctx context.Context, tenantID, id string) (Officer, error)
	InsertCommuneLink(ctx context.Context, l CommuneLink) error
	Audit(ctx context.Context, e audit.Entry) error
}

// Counts summarise a tenant's organisation for the dashboard.
type Counts struct {
	Units          int
	Agencies       int
	ActiveOfficers int
	ActiveSessions int
	AuditEntries   int64
}
