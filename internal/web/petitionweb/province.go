package petitionweb

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"tuphap/internal/apperr"
	"tuphap/internal/petition"
	"tuphap/internal/render"
	"tuphap/internal/web/kit"
)

// ---- The province: the department's view of its communes' books.
//
// Each commune keeps its own book in its own tenant; the department sees
// each one's figures and book, read only, and reports on the province. A
// commune sees only itself (Config.Keepers refuses a commune). No page of
// the province view carries a denouncer's identity: it is never part of a
// Petition, and revealing it stays on the commune's own petition page.

type provinceRow struct {
	K       petition.Keeper
	F       petition.Figures
	Href    string // the unit's book; empty for the department's own (its /admin/don-thu/so)
	OnTime  string
	IsTotal bool
}

type provincePage struct {
	Period  kit.Period
	Rows    []provinceRow
	Exports kit.Exports
	Query   template.URL
	Total   petition.Figures
}

func (*provincePage) Title() string { return "Tiếp công dân, xử lý đơn thư toàn tỉnh" }

func onTimeRate(f petition.Figures) string {
	if f.OnTime+f.Late == 0 {
		return ""
	}
	v := float64(f.OnTime*1000/(f.OnTime+f.Late)) / 10
	return kit.Percent(&v)
}

func (s *Screens) keepers(r *http.Request) ([]petition.Keeper, error) {
	if s.cfg.Keepers == nil {
		return nil, apperr.New(apperr.NotFound, "Chưa cấu hình danh sách xã của tỉnh.")
	}
	return s.cfg.Keepers(r.Context(), tenant(r))
}

func (s *Screens) province(r *http.Request) (kit.Period, petition.ProvinceFigures, error) {
	per, err := kit.PickPeriod(r.URL.Query(), s.today(), "year")
	if err != nil {
		return per, petition.ProvinceFigures{}, err
	}
	per.Action = "/admin/don-thu/toan-tinh"
	ks, err := s.keepers(r)
	if err != nil {
		return per, petition.ProvinceFigures{}, err
	}
	pf, err := s.svc().Province(r.Context(), ks, per.From, per.To)
	return per, pf, err
}

// Province is GET /admin/don-thu/toan-tinh: the figures of the department
// and of each commune of its province, and their total.
func (s *Screens) Province(w http.ResponseWriter, r *http.Request) error {
	per, pf, err := s.province(r)
	if err != nil {
		return err
	}
	q := url.Values{"from": {per.From.String()}, "to": {per.To.String()}}
	page := &provincePage{Period: per, Query: template.URL(q.Encode()), Total: pf.Total,
		Exports: kit.Exports{Base: "/admin/don-thu/toan-tinh/xuat/", Query: q.Encode(), Formats: kit.SheetFormats}}
	for _, u := range pf.Units {
		row := provinceRow{K: u.Unit, F: u.Figures, OnTime: onTimeRate(u.Figures), Href: "/admin/don-thu/so?"}
		if u.Unit.Code != "" {
			row.Href = "/admin/don-thu/toan-tinh/xa/" + u.Unit.Code + "?"
		}
		page.Rows = append(page.Rows, row)
	}
	page.Rows = append(page.Rows, provinceRow{K: petition.Keeper{Name: "Toàn tỉnh"}, F: pf.Total, OnTime: onTimeRate(pf.Total), IsTotal: true})
	s.k.Page(w, r, http.StatusOK, "pet_province", page)
	return nil
}

// ProvinceSheet is the report of the province: one row per unit and the
// total.
func ProvinceSheet(pf petition.ProvinceFigures, agency render.Agency) render.StatSheet {
	sh := render.StatSheet{
		Agency: agency.FullName, Code: "Biểu tổng hợp công tác tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo của Sở và các xã",
		Title: "KẾT QUẢ TIẾP CÔNG DÂN, XỬ LÝ ĐƠN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO TOÀN TỈNH",
		Lines: []string{fmt.Sprintf("Kỳ báo cáo: từ ngày %s đến ngày %s", pf.From.FormatVN(), pf.To.FormatVN()), "Đơn vị tính: lượt, đơn, vụ việc"},
		Groups: []render.StatGroup{
			{Title: "STT"},
			{Title: "Đơn vị"},
			{Title: "Tiếp công dân", Cols: []string{"Lượt", "Đoàn đông người"}},
			{Title: "Đơn", Cols: []string{"Tiếp nhận", "Thụ lý", "Chuyển"}},
			{Title: "Giải quyết", Cols: []string{"Đã giải quyết", "Đúng hạn", "Quá hạn"}},
			{Title: "Cuối kỳ", Cols: []string{"Đang giải quyết", "Quá hạn"}},
		},
		Notes: []string{
			"Số liệu của từng đơn vị tính từ từng đơn trong sổ của đơn vị đó, theo lịch làm việc của đơn vị; dòng tổng cộng là tổng các đơn vị.",
			fmt.Sprintf("Tiền kiến nghị thu hồi, trả lại toàn tỉnh: %s đồng; đất: %s m².", kit.Num(pf.Total.AmountVND), kit.Num(pf.Total.LandM2)),
		},
	}
	line := func(no, name string, f petition.Figures, bold bool) render.StatRow {
		return render.StatRow{Labels: []string{no, name}, Bold: bold, Counts: []int64{int64(f.Visits.Visits), int64(f.Visits.Groups),
			int64(f.Received), int64(f.Accepted), int64(f.Forwarded), int64(f.Resolved), int64(f.OnTime), int64(f.Late),
			int64(f.Pending), int64(f.Overdue)}}
	}
	for i, u := range pf.Units {
		sh.Rows = append(sh.Rows, line(strconv.Itoa(i+1), u.Unit.Name, u.Figures, false))
	}
	sh.Rows = append(sh.Rows, line("", "Tổng cộng", pf.Total, true))
	return sh
}

// ProvinceExport is GET /admin/don-thu/toan-tinh/xuat/{format}.
func (s *Screens) ProvinceExport(w http.ResponseWriter, r *http.Request) error {
	if f := r.PathValue("format"); f != "xlsx" && f != "pdf" {
		return apperr.New(apperr.NotFound, "Không có định dạng "+f+".")
	}
	per, pf, err := s.province(r)
	if err != nil {
		return err
	}
	return kit.SendSheet(w, r.PathValue("format"), "don-thu-toan-tinh_"+per.From.String()+"_"+per.To.String(), ProvinceSheet(pf, s.agency(r.Context(), tenant(r))))
}

// APIProvince is GET /api/v1/petitions/province?from=&to=.
func (s *Screens) APIProvince(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	from, err := parseDay("from", q.Get("from"))
	if err != nil {
		return err
	}
	to, err := parseDay("to", q.Get("to"))
	if err != nil {
		return err
	}
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return apperr.New(apperr.Invalid, "Cần from và to (YYYY-MM-DD), from không sau to.")
	}
	ks, err := s.keepers(r)
	if err != nil {
		return err
	}
	pf, err := s.svc().Province(r.Context(), ks, from, to)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, pf)
}

type communeBookPage struct {
	K     petition.Keeper
	Rows  []row
	Pager kit.Pager
	Q     url.Values
	Base  string
	Kinds []petition.Kind
	// Counted is a drill-down figure of the province's page.
	Counted  string
	Statuses []petition.Status
}

func (p *communeBookPage) Title() string { return "Sổ tiếp nhận, xử lý đơn: " + p.K.Name }

// CountedLabel names a drill-down figure.
func (p *communeBookPage) CountedLabel() string { return petition.CountedKeys[p.Counted] }

// CommuneBook is GET /admin/don-thu/toan-tinh/xa/{code}: a commune's book,
// read only, with each case's next deadline by the commune's calendar.
func (s *Screens) CommuneBook(w http.ResponseWriter, r *http.Request) error {
	ks, err := s.keepers(r)
	if err != nil {
		return err
	}
	var k petition.Keeper
	for _, c := range ks {
		if c.Code != "" && c.Code == r.PathValue("code") {
			k = c
		}
	}
	if k.TenantID == "" {
		return apperr.New(apperr.NotFound, "Không có xã này trong tỉnh.")
	}
	q := r.URL.Query()
	f, err := filterOf(q)
	if err != nil {
		return err
	}
	base := "/admin/don-thu/toan-tinh/xa/" + k.Code
	pager := kit.PagerFrom(base, q, 50, 200)
	f.Limit, f.Offset = pager.Limit(), pager.Offset()
	ps, err := s.rows(r.Context(), k.TenantID, f)
	if err != nil {
		return err
	}
	ps = kit.Trim(&pager, ps)
	cal, err := s.svc().Cal(r.Context(), k.TenantID)
	if err != nil {
		return err
	}
	page := &communeBookPage{K: k, Pager: pager, Q: q, Base: base, Kinds: petition.Kinds, Counted: f.Counted, Statuses: petition.Statuses}
	for _, p := range ps {
		n, ok := petition.NextDeadline(cal, p, s.today())
		page.Rows = append(page.Rows, row{P: p, Next: n, Has: ok})
	}
	s.k.Page(w, r, http.StatusOK, "pet_commune", page)
	return nil
}
