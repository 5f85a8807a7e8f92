package report

import (
	"testing"

	"tuphap/internal/calendar"
	"tuphap/internal/catalog"
)

// TestCountForm07b: Biểu II.07b (Circular 01/2020/TT-VPCP) counts the
// procedures in force by level (columns 3–6), those run at the one-stop
// desk (7–10) and those with an internal process (11–14); the district
// level stays at zero since 1/7/2025.
func TestCountForm07b(t *testing.T) {
	day := calendar.NewDate(2026, 6, 30)
	notary := catalog.Field{Code: catalog.FieldNotary, Name: "Công chứng"}
	civil := catalog.Field{Code: "civil_status", Name: "Hộ tịch"}
	mk := func(field catalog.Field, lv catalog.Level, channels, steps bool) catalog.Procedure {
		p := catalog.Procedure{ID: "x", Field: field, Level: lv, EffectiveFrom: calendar.NewDate(2020, 1, 1)}
		if channels {
			p.Channels = []catalog.Channel{catalog.ChannelDirect}
		}
		if steps {
			p.Steps = []catalog.Step{{Name: "Thẩm định"}}
		}
		return p
	}
	expired := mk(notary, catalog.LevelProvince, true, true)
	expired.EffectiveTo = calendar.NewDate(2025, 6, 30)
	rows := CountForm07b([]catalog.Procedure{
		mk(notary, catalog.LevelProvince, true, true),
		mk(notary, catalog.LevelProvince, true, false),
		mk(civil, catalog.LevelCommune, true, true),
		mk(civil, catalog.LevelProvince, false, false),
		expired,
	}, day)
	want := []Row07b{
		{Field: catalog.FieldNotary, Counts: [12]int64{2, 2, 0, 0, 2, 2, 0, 0, 1, 1, 0, 0}},
		{Field: "civil_status", Counts: [12]int64{2, 1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1}},
		{Counts: [12]int64{4, 3, 0, 1, 3, 2, 0, 1, 2, 1, 0, 1}},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %+v", rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, rows[i], want[i])
		}
	}
}
