package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPetitionProvinceInBrowser: the department's specialist opens the
// province's figures, follows a commune's figure to its book, and the
// province's table scrolls inside its frame on a phone. Screens are shot
// into a temporary directory and, when TUPHAP_SCREENSHOTS names one, there.
func TestPetitionProvinceInBrowser(t *testing.T) {
	f := newProvinceFixture(t)
	c := newChrome(t, "pet-province")
	c.signInOfficer(f.srv.URL, "STP-A", "chuyenvien")
	c.do("the province", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(f.srv.URL+"/admin/don-thu/toan-tinh?from=01/07/2026&to=31/07/2026"),
		chromedp.WaitVisible(chromedp.ID("province")))
	if txt := c.text("#province"); !strings.Contains(txt, "Ủy ban nhân dân phường Sa Đéc") || !strings.Contains(txt, "Toàn tỉnh") {
		t.Fatalf("province table: %s", txt)
	}
	c.shot("desktop")
	c.do("Sa Đéc's received", chromedp.Click(chromedp.CSS(`a[href^="/admin/don-thu/toan-tinh/xa/29905?counted=received"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.table tbody`)))
	if txt := c.text("main"); !strings.Contains(txt, "Phản ánh đèn đường hỏng") || !strings.Contains(txt, "Tố cáo cán bộ địa chính xã") || strings.Contains(txt, communeDenouncer) {
		t.Errorf("Sa Đéc's book: %s", txt)
	}
	c.shot("commune")
	c.do("on a phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(f.srv.URL+"/admin/don-thu/toan-tinh?from=01/07/2026&to=31/07/2026"),
		chromedp.WaitVisible(chromedp.ID("province")))
	c.noSideScroll("province on a phone")
	c.shot("phone")
}
