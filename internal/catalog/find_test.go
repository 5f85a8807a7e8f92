package catalog

import (
	"testing"
	"time"

	"tuphap/internal/calendar"
)

func TestFindAndSearch(t *testing.T) {
	list, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	// Since 1/3/2025 judicial record certificates are issued by provincial
	// police (Law 2024 amending the Law on Judicial Records; catalog.md §2):
	// the department's version is in force until 28/2/2025 only.
	before := calendar.NewDate(2025, time.February, 28)
	after := calendar.NewDate(2025, time.March, 1)
	if p, ok := Find(list, "judicial_record.certificate_department", before); !ok || p.Agency != AgencyDepartment {
		t.Fatalf("department's judicial record procedure on 28/2/2025: %v %v", p.ID, ok)
	}
	if _, ok := Find(list, "judicial_record.certificate_department", after); ok {
		t.Fatal("department's judicial record procedure found on 1/3/2025")
	}
	for _, q := range []string{"ly lich tu phap", "LÝ LỊCH", "Lý lịch"} {
		found := false
		for _, p := range Search(list, q, before) {
			if p.ID == "judicial_record.certificate_department" {
				found = true
			}
		}
		if !found {
			t.Errorf("Search(%q) misses the judicial record certificate", q)
		}
	}
	if got := Search(list, "dau gia", calendar.NewDate(2026, time.November, 21)); len(got) == 0 {
		t.Error(`Search("dau gia") finds nothing; "Đấu giá" must fold to "dau gia"`)
	}
	if _, ok := Find(list, "khong-co", after); ok {
		t.Error("unknown ID found")
	}
}
