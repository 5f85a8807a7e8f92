package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/calendar"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// Decree 118/2025/NĐ-CP Art. 3(3), 7, 14: from 1/7/2025 the provincial
// Public Administration Service Centre receives the department's dossiers.
// The receiving organisation is a tenant setting in versions by date, on
// both engines; a bad version is refused with a field message.
func TestReceiverVersions(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		db := storetest.Open(t, e, sqlstore.Options{})
		ten := mustTenant(t, newService(db), "STP-A", "000.00.00.H82")
		ctx := context.Background()
		centre := org.Receiver{EffectiveFrom: calendar.NewDate(2025, time.July, 1), Organisation: " Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp ",
			Address: "Số 1 đường Võ Trường Toản, phường Cao Lãnh", Centre: true, Basis: "Nghị định 118/2025/NĐ-CP, Điều 14"}
		if err := db.Org().SaveReceiver(ctx, audit.System, ten.ID, centre); err != nil {
			t.Fatal(err)
		}
		bad := centre
		bad.Organisation = ""
		if err := db.Org().SaveReceiver(ctx, audit.System, ten.ID, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("empty organisation: %v", err)
		}
		vs, err := db.Org().Receivers(ctx, ten.ID)
		if err != nil || len(vs) != 1 {
			t.Fatalf("%v %v", vs, err)
		}
		for _, c := range []struct {
			day  calendar.Date
			want string
		}{
			{calendar.NewDate(2025, time.June, 30), "Bộ phận Tiếp nhận và Trả kết quả"},
			{calendar.NewDate(2025, time.July, 1), "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp"},
		} {
			r := org.ReceiverAt(vs, ten, c.day)
			if r.Organisation != c.want || r.CompetentAgency != ten.Name {
				t.Errorf("%s: %q / %q", c.day, r.Organisation, r.CompetentAgency)
			}
		}
	})
}
