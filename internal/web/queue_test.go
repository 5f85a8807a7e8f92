package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"tuphap/internal/audit"
	"tuphap/internal/sqlstore"
	"tuphap/internal/sqlstore/storetest"
)

// TestQueuePages: a desk with more open dossiers than one page shows the
// most urgent page first and links to the next; the pages together hold
// every dossier once.
func TestQueuePages(t *testing.T) {
	t.Parallel()
	storetest.EachEngine(t, func(t *testing.T, e sqlstore.Engine) {
		f := newFixture(t, e)
		tok, err := f.authSvc.CreateToken(context.Background(), audit.System, "STP-A", "clerk", "t", 0)
		if err != nil {
			t.Fatal(err)
		}
		const n = 57
		for i := range n {
			body := fmt.Sprintf(`{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Người Thứ %d","id_number":"0820900%05d"}}`, i, i)
			if code, res := api(t, f, "POST", "/api/v1/dossiers", tok, body); code != 201 {
				t.Fatalf("intake %d: %d %v", i, code, res)
			}
		}
		b := f.browser()
		b.mustLogin("STP-A", "clerk")
		seen := map[string]int{}
		count := func(page string) int {
			k := 0
			for _, m := range codeRe.FindAllString(page, -1) {
				seen[m]++
				k++
			}
			return k
		}
		code, p1 := b.get("/admin/dossiers?tab=mine")
		if code != 200 || !strings.Contains(p1, "Trang sau") || strings.Contains(p1, "Trang trước") {
			t.Fatalf("page 1: %d, pager missing or wrong", code)
		}
		code, p2 := b.get("/admin/dossiers?tab=mine&page=2")
		if code != 200 || strings.Contains(p2, "Trang sau") || !strings.Contains(p2, "Trang trước") {
			t.Fatalf("page 2: %d, pager missing or wrong", code)
		}
		// Each code appears twice in a row (link text and href).
		if a, b := count(p1), count(p2); a != 2*50 || b != 2*(n-50) {
			t.Fatalf("rows: page 1 %d, page 2 %d; want %d and %d", a/2, b/2, 50, n-50)
		}
		if len(seen) != n {
			t.Fatalf("%d distinct dossiers over both pages, want %d", len(seen), n)
		}
		if code, _ := b.get("/admin/dossiers?tab=mine&page=-3"); code != 200 {
			t.Fatalf("bad page number: %d", code)
		}
	})
}
