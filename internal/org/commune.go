package org

import (
	"context"
	"fmt"

	"tuphap/internal/audit"
)

// CommuneLink attaches a commune's tenant to its province's department.
// Since 1/7/2025 local government has two levels (Resolution 202/2025/QH15):
// a commune (xã, phường, đặc khu) keeps some registers itself (grassroots
// mediation, civil status), and the province's Department of Justice sees
// and reports on every commune of its province. A commune tenant has its
// own officers and its own audit chain; the records of a register the
// department reports on live in the department's partition under the
// commune's code, so the commune's officers see only their commune and the
// department's figures are one index range.
type CommuneLink struct {
	TenantID     string `json:"tenant_id"`     // the commune's tenant
	DepartmentID string `json:"department_id"` // the department's tenant
	CommuneCode  string `json:"commune_code"`  // 5 digits, Decision 19/2025/QĐ-TTg
}

// CreateCommunes adds communes of a department's province as tenants
// attached to it, in one transaction: each commune tenant starts its own
// audit chain, and the department's chain records each attachment. The
// communes' tenants carry their own codes, names and electronic agency IDs
// (the province's list: QCVN 102:2016/BTTTT), validated like any tenant.
func (s *Service) CreateCommunes(ctx context.Context, by audit.Actor, dept Tenant, communes []Tenant, codes []string) ([]Tenant, error) {
	if len(communes) != len(codes) {
		return nil, fmt.Errorf("org: %d communes with %d codes", len(communes), len(codes))
	}
	for i := range communes {
		communes[i].Normalize()
		communes[i].ProvinceCode = dept.ProvinceCode
		if err := communes[i].Validate(); err != nil {
			return nil, err
		}
		communes[i].ID = NewID()
	}
	err := s.Store.Transact(ctx, func(tx Tx) error {
		for i, t := range communes {
			communes[i].CreatedAt = tx.Now()
			t.CreatedAt = tx.Now()
			if err := tx.InsertTenant(ctx, t); err != nil {
				return conflict(err, "Mã đơn vị hoặc mã định danh của "+t.Name+" đã được sử dụng.")
			}
			if err := tx.InsertCommuneLink(ctx, CommuneLink{TenantID: t.ID, DepartmentID: dept.ID, CommuneCode: codes[i]}); err != nil {
				return conflict(err, "Xã "+codes[i]+" đã được gắn với Sở.")
			}
			if err := tx.Audit(ctx, by.Entry(t.ID, "tenant.create", "tenant:"+t.Code, t.Name)); err != nil {
				return err
			}
			if err := tx.Audit(ctx, by.Entry(dept.ID, "tenant.commune_attach", "tenant:"+t.Code, codes[i]+" "+t.Name)); err != nil {
				return err
			}
		}
		return nil
	})
	return communes, err
}
