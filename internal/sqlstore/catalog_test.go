package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

func TestTenantCatalogue(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a := mustTenant(t, newService(db), "STP-A", "000.00.00.H82")
		b := mustTenant(t, newService(db), "STP-B", "000.00.00.H15")
		builtin, err := catalog.Builtin()
		if err != nil {
			t.Fatal(err)
		}
		adm := &catalog.Admin{Store: sqlstore.CatalogStore{DB: db}, Builtin: builtin}
		by := audit.Actor{ID: "o1", Name: "admin"}
		today := calendar.NewDate(2026, 11, 23)

		e, err := adm.Entry(ctx, a.ID, appointment)
		if err != nil || e.Kind != catalog.KindBuiltin || e.Version != 0 {
			t.Fatalf("built-in entry: %+v %v", e.Kind, err)
		}
		// Shorten 20 → 18 working days by cutting the specialist's step.
		edited := e.Procedure
		edited.Steps = append([]catalog.Step(nil), edited.Steps...)
		edited.TimeLimit.Amount -= 2
		i := 1
		edited.Steps[i].Allotted.Amount -= 2
		if edited.Steps[i].Allotted.Unit != calendar.WorkingDays {
			t.Fatalf("step %d of %s is not in working days: %+v", i, appointment, edited.Steps[i])
		}
		got, err := adm.Save(ctx, by, a.ID, edited, true, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got.Kind != catalog.KindOverride || got.Version != 1 || got.Procedure.TimeLimit != edited.TimeLimit {
			t.Fatalf("after save: %+v v%d %v", got.Kind, got.Version, got.Procedure.TimeLimit)
		}
		p, err := adm.Find(ctx, a.ID, appointment, today)
		if err != nil || p.TimeLimit.Amount != e.Procedure.TimeLimit.Amount-2 {
			t.Fatalf("tenant A finds %v %v", p.TimeLimit, err)
		}
		// Tenant B still has the built-in.
		if p, err := adm.Find(ctx, b.ID, appointment, today); err != nil || p.TimeLimit != e.Procedure.TimeLimit {
			t.Fatalf("tenant B finds %v %v", p.TimeLimit, err)
		}
		// A stale editor (version 0) is refused.
		if _, err := adm.Save(ctx, by, a.ID, edited, true, 0); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("stale save: %v", err)
		}
		// Lengthening is refused and nothing changes.
		longer := got.Procedure
		longer.Steps = append([]catalog.Step(nil), longer.Steps...)
		longer.TimeLimit.Amount += 5
		longer.Steps[i].Allotted.Amount += 5
		if _, err := adm.Save(ctx, by, a.ID, longer, true, 1); apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "chỉ được rút ngắn") {
			t.Errorf("lengthened: %v", err)
		}
		if cur, _ := adm.Entry(ctx, a.ID, appointment); cur.Version != 1 || cur.Procedure.TimeLimit != edited.TimeLimit {
			t.Errorf("a refused edit changed the row: v%d %v", cur.Version, cur.Procedure.TimeLimit)
		}
		// Disabled: no longer offered.
		if _, err := adm.Save(ctx, by, a.ID, got.Procedure, false, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := adm.Find(ctx, a.ID, appointment, today); err != apperr.ErrNotFound {
			t.Errorf("disabled procedure found: %v", err)
		}

		// A local procedure.
		local := catalog.Procedure{Code: "STP-01", Name: "Xác nhận tham gia tư vấn pháp luật cho doanh nghiệp",
			Field: catalog.Field{Code: "legal_dissemination", Name: "Phổ biến, giáo dục pháp luật"}, Authority: "Giám đốc Sở Tư pháp",
			LegalBasis: []catalog.LegalRef{{Title: "Quyết định số 12/2026/QĐ-UBND của UBND tỉnh"}}, EffectiveFrom: calendar.NewDate(2026, 1, 1),
			Channels: []catalog.Channel{catalog.ChannelDirect}, TimeLimit: calendar.Duration{Amount: 3, Unit: calendar.WorkingDays},
			Documents: []catalog.Document{{Name: "Đơn đề nghị", Originals: 1, Required: true}}, Result: "Giấy xác nhận",
			Steps: []catalog.Step{{Name: "Tiếp nhận", Unit: "MOTCUA", Allotted: calendar.Duration{Amount: 4, Unit: calendar.WorkingHours}},
				{Name: "Xử lý", Unit: "PBGDPL", Role: catalog.RoleSpecialist, Allotted: calendar.Duration{Amount: 20, Unit: calendar.WorkingHours}}}}
		le, err := adm.AddLocal(ctx, by, a.ID, local)
		if err != nil {
			t.Fatal(err)
		}
		if le.Procedure.ID != "local.stp_01" || le.Kind != catalog.KindLocal || !le.Procedure.Local {
			t.Fatalf("local entry: %+v", le)
		}
		if p, err := adm.Find(ctx, a.ID, "STP-01", today); err != nil || p.Name != local.Name {
			t.Fatalf("local by code: %v", err)
		}
		if _, err := adm.Find(ctx, b.ID, "STP-01", today); err != apperr.ErrNotFound {
			t.Errorf("tenant B finds A's local procedure: %v", err)
		}
		if _, err := adm.AddLocal(ctx, by, a.ID, local); apperr.CodeOf(err) != apperr.Invalid || !strings.Contains(err.Error(), "đã có trong danh mục") {
			t.Errorf("duplicate local code: %v", err)
		}
		// Local procedures may be lengthened: they are the tenant's own.
		lp := le.Procedure
		lp.TimeLimit.Amount = 4
		lp.Steps = append([]catalog.Step(nil), lp.Steps...)
		lp.Steps[1].Allotted.Amount += 8
		if _, err := adm.Save(ctx, by, a.ID, lp, true, le.Version); err != nil {
			t.Errorf("edit of a local procedure: %v", err)
		}

		// Legacy rows from imports are listed, not offered, not editable.
		if err := db.Transact(ctx, func(tx *sqlstore.Tx) error {
			_, err := sqlstore.DossierTx{Tx: tx}.EnsureLegacyProcedure(ctx, a.ID, "9.999999", "Thủ tục cũ", "Lĩnh vực cũ")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		all, err := adm.Catalogue(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[catalog.Kind]int{}
		for _, e := range all {
			kinds[e.Kind]++
		}
		if kinds[catalog.KindLegacy] != 1 || kinds[catalog.KindLocal] != 1 || kinds[catalog.KindOverride] != 1 || kinds[catalog.KindBuiltin] != len(builtin)-1 {
			t.Errorf("catalogue kinds = %v", kinds)
		}
		if _, err := adm.Find(ctx, a.ID, "9.999999", today); err != apperr.ErrNotFound {
			t.Errorf("legacy offered: %v", err)
		}
		legacy, _ := adm.Entry(ctx, a.ID, "legacy:9.999999")
		if _, err := adm.Save(ctx, by, a.ID, legacy.Procedure, true, legacy.Version); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("legacy edit: %v", err)
		}

		log, err := db.Audit().AuditLog(ctx, a.ID, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, ","); !strings.Contains(got, "catalog.procedure_update,catalog.procedure_add,catalog.procedure_update,catalog.procedure_update") {
			t.Errorf("audit actions = %s", got)
		}
	})
}
