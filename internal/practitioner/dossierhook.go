package practitioner

import (
	"context"
	"fmt"

	"tuphap/internal/dossier"
)

// DossierHook returns the function dossier.Service runs in the transaction
// that resolves a dossier (dossier.Service.OnResolved): a registration
// procedure's result enters the register with it (FromDossier). within
// gives the register's view of the dossier transaction; province names the
// tenant's province (for the commune check).
func DossierHook(s *Service, within func(dossier.Tx) (Tx, bool), province func(ctx context.Context, tenantID string) (string, error)) func(context.Context, dossier.Tx, *dossier.Dossier) error {
	return func(ctx context.Context, dtx dossier.Tx, d *dossier.Dossier) error {
		if _, ok := LinkOf(d.ProcedureID, d.ProcedureCode, d.ProcedureName); !ok {
			return nil
		}
		tx, ok := within(dtx)
		if !ok {
			return fmt.Errorf("practitioner: the dossier transaction is not this store's")
		}
		prov, err := province(ctx, d.TenantID)
		if err != nil {
			return err
		}
		at := tx.Now()
		if d.FinishedAt != nil {
			at = *d.FinishedAt
		}
		return s.FromDossier(ctx, tx, Scope{TenantID: d.TenantID, ProvinceCode: prov}, Actor{Name: "Một cửa: hồ sơ " + d.Code},
			Resolved{Code: d.Code, ProcedureID: d.ProcedureID, ProcedureCode: d.ProcedureCode, ProcedureName: d.ProcedureName, Organisation: d.Applicant.Organisation,
				Head: d.Applicant.FullName, Address: d.Applicant.Address, CommuneCode: d.Applicant.CommuneCode, TaxCode: d.Applicant.TaxCode,
				Phone: d.Applicant.Phone, ResolvedAt: at})
	}
}
