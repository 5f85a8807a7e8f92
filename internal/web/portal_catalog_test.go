package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/sqlstore"
)

// The catalogue's search ignores diacritics and case, and đ = d, with the
// same fold on the page and in the API (the catalogue is held in memory,
// so both engines answer alike; the test still runs on both).
func TestPortalCatalogueSearch(t *testing.T) {
	t.Parallel()
	for _, e := range []sqlstore.Engine{sqlstore.SQLite, sqlstore.Postgres} {
		t.Run(string(e), func(t *testing.T) {
			f := newFixture(t, e)
			b := f.browser()
			const lltp = "Cấp Phiếu lý lịch tư pháp"
			for _, q := range []string{"ly lich tu phap", "LÝ LỊCH", "Lý lịch TƯ PHÁP", "  ly   LICH "} {
				code, body := b.get("/thu-tuc?q=" + url.QueryEscape(q))
				if code != http.StatusOK || !strings.Contains(body, lltp) {
					t.Errorf("page q=%q: %d, judicial record procedure not listed", q, code)
				}
				resp, err := http.Get(f.srv.URL + "/api/v1/procedures?q=" + url.QueryEscape(q))
				if err != nil {
					t.Fatal(err)
				}
				var out struct {
					Items []struct {
						Name       string `json:"name"`
						FileOnline bool   `json:"file_online"`
						PageURL    string `json:"page_url"`
					} `json:"items"`
				}
				json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				found := false
				for _, it := range out.Items {
					found = found || strings.HasPrefix(it.Name, lltp) && strings.HasPrefix(it.PageURL, "/thu-tuc/judicial_record.")
				}
				if !found {
					t.Errorf("API q=%q: judicial record procedure not found in %d items", q, len(out.Items))
				}
			}
			// đ/Đ = d: "dau gia" and "ĐẤU GIÁ" find the asset auction procedures.
			for _, q := range []string{"dau gia", "ĐẤU GIÁ"} {
				_, body := b.get("/thu-tuc?q=" + url.QueryEscape(q))
				if !strings.Contains(body, "Cấp Thẻ đấu giá viên") {
					t.Errorf("q=%q: asset auction card not listed", q)
				}
			}
			// The field filter of the API.
			resp, err := http.Get(f.srv.URL + "/api/v1/procedures?field=lawyer&q=" + url.QueryEscape("luật sư"))
			if err != nil {
				t.Fatal(err)
			}
			var lawyers struct {
				Items []struct {
					Field      struct{ Code string } `json:"field"`
					ID         string                `json:"id"`
					FileOnline bool                  `json:"file_online"`
				} `json:"items"`
			}
			json.NewDecoder(resp.Body).Decode(&lawyers)
			resp.Body.Close()
			online := false
			for _, it := range lawyers.Items {
				if it.Field.Code != "lawyer" {
					t.Errorf("field=lawyer returned %s of field %s", it.ID, it.Field.Code)
				}
				online = online || it.ID == "lawyer.firm_registration" && it.FileOnline
			}
			if len(lawyers.Items) == 0 || !online {
				t.Errorf("field=lawyer: %d items; firm registration offered online: %v", len(lawyers.Items), online)
			}
			// A query matching nothing says so.
			if _, body := b.get("/thu-tuc?q=" + url.QueryEscape("xyzzy không có")); !strings.Contains(body, "Không tìm thấy thủ tục phù hợp") {
				t.Error("no-match message missing")
			}
			// The procedure page has what a citizen needs.
			code, body := b.get("/thu-tuc/lawyer.firm_registration")
			for _, want := range []string{"Thành phần hồ sơ", "Thời hạn giải quyết", "10 ngày làm việc", "50.000 đồng", "Căn cứ pháp lý", "Toàn trình", "Nộp hồ sơ trực tuyến", "Nơi nộp hồ sơ"} {
				if code != http.StatusOK || !strings.Contains(body, want) {
					t.Errorf("procedure page: %d, missing %q", code, want)
				}
			}
			if len(body) > 100<<10 {
				t.Errorf("procedure page is %d bytes, over 100 KB", len(body))
			}
			if code, _ := b.get("/thu-tuc/no.such_procedure"); code != http.StatusNotFound {
				t.Errorf("unknown procedure: %d, want 404", code)
			}
		})
	}
}
