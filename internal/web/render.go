package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/web/contestweb"
	"tuphap/internal/web/disseminationweb"
	"tuphap/internal/web/emulationweb"
	"tuphap/internal/web/judicialrecordweb"
	"tuphap/internal/web/kit"
	"tuphap/internal/web/legalaidweb"
	"tuphap/internal/web/legaldocweb"
	"tuphap/internal/web/mediationweb"
	"tuphap/internal/web/petitionweb"
	"tuphap/internal/web/practitionerweb"

	"tuphap/internal/auth"
	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
)

//go:embed templates/*.html static
var assets embed.FS

// vnZone is Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving. A fixed
// zone keeps the binary independent of the host's time zone database.
var vnZone = kit.Zone

// funcs are the kernel's template functions, added to kit.Funcs.
var funcs = template.FuncMap{
	// readGrounds are the legal grounds of a criminal-record read.
	"readGrounds": func() []judicialrecord.ReadGround { return judicialrecord.ReadGrounds },
	"slipTime":    func(t time.Time) string { return t.In(vnZone).Format("15 giờ 04 phút, ngày 02/01/2006") },
	"action":      actionLabel,
	"auditDetail": auditDetail,
	"auditObject": auditObject,
	// Added with judicial records.
	"seq3":       func() []int { return []int{0, 1, 2} },
	"classLabel": classLabel,
	// stepEditor bundles what the workflow editor's rows need.
	"stepEditor": func(prefix string, rows []stepRow, units []org.Unit, roles []catalog.Role) stepEditor {
		return stepEditor{Prefix: prefix, Rows: rows, Units: units, Roles: roles}
	},
	"optdatetime": func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(vnZone).Format("15:04 02/01/2006")
	},
	// Added with the practitioners' registers (the menu entry of an area).
	"hasPrefix": strings.HasPrefix,
	// The grounds of a fee exemption (issue 14 item 5).
	"exemptionGrounds": func() []dossier.ExemptionGround { return dossier.FeeExemptionGrounds },
	// The ways to receive the result at the counter (delivery.go).
	"deliveryChoices": func() []string { return deliveryChoices },
}

func fmtDate(t time.Time) string { return kit.Date(t) }

// fmtInt formats an integer the Vietnamese way: 1.234.567.
func fmtInt(v any) string { return kit.Num(v) }

// parsePages parses layout.html with each page template into its own set:
// the kernel's pages, then each register's (a register's templates live in
// its own area, e.g. judicialrecordweb/templates), all with kit's blocks.
func parsePages() (map[string]*template.Template, error) {
	pages, err := parseLayoutPages(assets, "templates", funcs)
	if err != nil {
		return nil, err
	}
	for _, reg := range []fs.FS{judicialrecordweb.Templates, mediationweb.Templates, legalaidweb.Templates, petitionweb.Templates, legaldocweb.Templates, practitionerweb.Templates, emulationweb.Templates, contestweb.Templates, disseminationweb.Templates} {
		more, err := parseLayoutPagesFrom(assets, "templates", reg, "templates", funcs)
		if err != nil {
			return nil, err
		}
		for name, t := range more {
			if _, dup := pages[name]; dup {
				return nil, fmt.Errorf("web: template %s defined twice", name)
			}
			pages[name] = t
		}
	}
	return pages, nil
}

// parseLayoutPages parses dir/layout.html with each other template of dir
// into its own set, keyed by the page's name (back office and portal).
func parseLayoutPages(fsys fs.FS, dir string, fm template.FuncMap) (map[string]*template.Template, error) {
	return parseLayoutPagesFrom(fsys, dir, fsys, dir, fm)
}

// parseLayoutPagesFrom parses layoutDir/layout.html and kit's blocks with
// each template of pagesDir (in another file system: a register's).
func parseLayoutPagesFrom(layoutFS fs.FS, layoutDir string, pagesFS fs.FS, pagesDir string, fm template.FuncMap) (map[string]*template.Template, error) {
	names, err := fs.Glob(pagesFS, pagesDir+"/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, pagesDir+"/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(kit.Funcs).Funcs(fm).ParseFS(layoutFS, layoutDir+"/layout.html")
		if err == nil {
			t, err = t.ParseFS(kit.Templates, "templates/*.html")
		}
		if err == nil {
			t, err = t.ParseFS(pagesFS, n)
		}
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		pages[base] = t
	}
	return pages, nil
}

// Page is what every page template receives: the layout's data and the
// page's own typed data.
type Page struct {
	Title     string
	Principal *auth.Principal
	// Tenant is the signed-in officer's agency: its name heads every page
	// and names its leaders ("Lãnh đạo Sở", "Lãnh đạo Công an tỉnh").
	Tenant org.Tenant
	CSRF   string
	Nav    string // the active menu entry
	Flash  string
	Data   any
	opens  func(path string) bool
}

// Opens lets the menu offer a page only when it is served (its register
// or service is on) and the officer may open it.
func (p *Page) Opens(path string) bool { return p.opens != nil && p.opens(path) }

// RoleLabel is the officer's role as named in their agency.
func (p *Page) RoleLabel() string { return p.Tenant.RoleLabel(p.Principal.Role) }

// Can lets templates show only the menu entries the officer may use.
func (p *Page) Can(perm string) bool { return p.Principal.Can(auth.Permission(perm)) }

// renderPage renders a page template into a buffer first, so a template
// error becomes a clean 500 page instead of half a page.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, code int, name string, data pageData) {
	s.render(w, r, code, name, data.title(), data)
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name, title string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.log.Error("unknown template", "name", name)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	p := &Page{Title: title, Principal: principalFrom(r.Context()), Nav: name, Data: data,
		opens: func(path string) bool { return s.Opens(r, path) }}
	if p.Principal != nil {
		p.CSRF = p.Principal.CSRFToken
		if t, err := s.db.Org().Tenant(r.Context(), p.Principal.TenantID); err == nil {
			p.Tenant = t
		} else {
			p.Tenant = org.Tenant{Code: p.Principal.TenantCode, Name: p.Principal.TenantCode}
		}
	}
	if c, err := r.Cookie("tuphap_flash"); err == nil {
		p.Flash = flashText(c.Value)
		http.SetCookie(w, &http.Cookie{Name: "tuphap_flash", Path: "/", MaxAge: -1})
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, p); err != nil {
		s.log.Error("template failed", "name", name, "error", err)
		http.Error(w, "Lỗi hệ thống", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// kernel is the server as the registers' screens see it (kit.Kernel).
type kernel struct{ s *Server }

func (k kernel) Page(w http.ResponseWriter, r *http.Request, code int, name string, data kit.PageData) {
	k.s.render(w, r, code, name, data.Title(), data)
}

func (k kernel) Redirect(w http.ResponseWriter, r *http.Request, to, flash string) error {
	return k.s.redirectFlash(w, r, to, flash)
}

func (kernel) Actor(r *http.Request) dossier.Actor { return dossierActor(r) }

func (kernel) CanSee(p *auth.Principal, d *dossier.Dossier) bool { return canSee(p, d) }

// pageData is implemented by every page's data struct.
type pageData interface{ title() string }

// flash messages are codes in a cookie, mapped to fixed texts, so no user
// input is ever echoed from a cookie.
var flashes = map[string]string{
	"unit-saved":            "Đã lưu đơn vị.",
	"officer-saved":         "Đã lưu cán bộ.",
	"token-revoked":         "Đã thu hồi mã truy cập API.",
	"totp-disabled":         "Đã tắt xác thực hai lớp.",
	"totp-reset":            "Đã đặt lại xác thực hai lớp của cán bộ; cán bộ cần cài đặt lại sau khi đăng nhập.",
	"password-saved":        "Đã đổi mật khẩu.",
	"totp-enabled":          "Đã bật xác thực hai lớp.",
	"logged-out":            "Bạn đã đăng xuất.",
	"calendar-saved":        "Đã lưu lịch làm việc.",
	"receiver-saved":        "Đã lưu tổ chức tiếp nhận và trả kết quả.",
	"dossier-saved":         "Đã cập nhật hồ sơ.",
	"fee-collected":         "Đã thu phí, lệ phí và cấp biên lai điện tử.",
	"result-attached":       "Đã đính kèm kết quả điện tử; công dân tải về tại “Hồ sơ của tôi”.",
	"dossier-received":      "Đã tiếp nhận hồ sơ. In Giấy tiếp nhận và hẹn trả kết quả cho người nộp.",
	"outbox-requeued":       "Đã đưa thông báo vào hàng đợi để gửi lại.",
	"procedure-saved":       "Đã lưu thủ tục trong danh mục của cơ quan.",
	"mediation-saved":       "Đã lưu vào sổ hòa giải ở cơ sở.",
	"dissemination-saved":   "Đã lưu vào sổ phổ biến, giáo dục pháp luật.",
	"dissemination-deleted": "Đã xóa hoạt động khỏi sổ; lý do được ghi vào nhật ký kiểm tra.",
	"legalaid-saved":        "Đã lưu vào sổ trợ giúp pháp lý.",
	"petition-saved":        "Đã lưu vào sổ tiếp công dân, xử lý đơn.",
	"legaldoc-saved":        "Đã lưu.",
	"legaldoc-related":      "Đã ghi quan hệ giữa hai văn bản; hiệu lực được tính lại.",
	"legaldoc-received":     "Đã tiếp nhận dự thảo.",
	"practitioner-saved":    "Đã lưu vào sổ tổ chức, người hành nghề bổ trợ tư pháp.",
	"practitioner-filed":    "Đã ghi nhận báo cáo định kỳ.",
	"emulation-saved":       "Đã lưu vào sổ thi đua, khen thưởng.",
	"fee-exempted":          "Đã ghi nhận miễn phí, lệ phí cho hồ sơ.",
	"post-ordered":          "Đã gửi yêu cầu tạo bưu gửi đến đơn vị bưu chính.",
	"post-refreshed":        "Đã cập nhật trạng thái bưu gửi.",
	"reply-simulated":       "Đã ghi nhận phản hồi (mô phỏng) của công dân.",
	"dvcqg-filed":           "Đã nộp thử một hồ sơ trên Cổng Dịch vụ công quốc gia (mô phỏng). Bấm “Nhận hồ sơ từ Cổng” để tiếp nhận.",
	"annual-saved":          "Đã lưu phần viết của lãnh đạo Sở; báo cáo tải về có nội dung mới.",
	"letter-saved":          "Đã lưu dự thảo văn bản. Trình lãnh đạo khi hoàn thành.",
	"letter-submitted":      "Đã trình lãnh đạo duyệt, ký văn bản.",
	"letter-sent":           "Văn bản đã được ký số và gửi người nộp hồ sơ; hồ sơ đã được cập nhật.",
	"letter-sent-back":      "Đã trả lại dự thảo cho người soạn, kèm ý kiến.",
	"letter-cancelled":      "Đã hủy dự thảo văn bản.",
	"signer-registered":     "Đã đăng ký chứng thư số của cán bộ.",
	"signer-revoked":        "Đã thu hồi chứng thư số; kết quả ký bằng chứng thư này không còn được chấp nhận.",
}

func flashText(code string) string { return flashes[code] }

// redirectFlash redirects after a successful POST with a flash message.
func (s *Server) redirectFlash(w http.ResponseWriter, r *http.Request, to, flash string) error {
	http.SetCookie(w, &http.Cookie{Name: "tuphap_flash", Value: flash, Path: "/", HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: 60})
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

type errorPage struct {
	Status    int
	Message   string
	RequestID string
}

func (p *errorPage) title() string {
	switch p.Status {
	case http.StatusNotFound:
		return "Không tìm thấy"
	case http.StatusForbidden:
		return "Không có quyền truy cập"
	case http.StatusUnauthorized:
		return "Cần đăng nhập"
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return "Thông tin chưa hợp lệ"
	case http.StatusConflict:
		return "Không thực hiện được thao tác"
	case http.StatusTooManyRequests:
		return "Thao tác quá nhiều lần"
	}
	return "Có lỗi xảy ra"
}

// actionLabels name audit actions in Vietnamese for the log screen.
var actionLabels = map[string]string{
	"tenant.create":            "Tạo cơ quan",
	"unit.create":              "Thêm đơn vị",
	"unit.update":              "Sửa đơn vị",
	"officer.create":           "Thêm cán bộ",
	"officer.update":           "Sửa cán bộ",
	"auth.login":               "Đăng nhập",
	"auth.login_failed":        "Đăng nhập thất bại",
	"auth.logout":              "Đăng xuất",
	"auth.token_create":        "Tạo mã truy cập API",
	"auth.password_change":     "Đổi mật khẩu",
	"auth.password_reset":      "Đặt lại mật khẩu",
	"auth.totp_enable":         "Bật xác thực hai lớp",
	"calendar.schedule_load":   "Tải lịch nghỉ chính thức",
	"calendar.schedule_remove": "Xóa lịch nghỉ tải lên",
	"calendar.rules_add":       "Thêm quy định giờ làm việc",
	// Added with judicial records.
	"jr.read_denied":           "Truy cập dữ liệu án tích bị từ chối",
	"jr.conviction_read":       "Xem thông tin án tích",
	"jr.declared_read":         "Xem án tích tự khai",
	"jr.conviction_add":        "Cập nhật thông tin án tích",
	"jr.conviction_verify":     "Ghi kết quả xác minh xóa án tích",
	"jr.ban_add":               "Cập nhật thông tin cấm do phá sản",
	"jr.ban_read":              "Xem thông tin cấm do phá sản",
	"jr.check_answer":          "Nhận kết quả xác minh",
	"jr.certificate_issue":     "Cấp Phiếu lý lịch tư pháp",
	"jr.certificate_download":  "Tải Phiếu lý lịch tư pháp",
	"jr.rewrap":                "Bọc lại khóa dữ liệu",
	"function.transfer_out":    "Chuyển giao chức năng",
	"function.transfer_in":     "Tiếp nhận chức năng",
	"function.transfer_offer":  "Đề nghị chuyển giao chức năng",
	"auth.token_revoke":        "Thu hồi mã truy cập API",
	"auth.reauth_failed":       "Nhập sai mật khẩu hoặc mã hiện tại",
	"auth.totp_reenrol":        "Cài lại xác thực hai lớp",
	"auth.totp_disable":        "Tắt xác thực hai lớp",
	"auth.totp_reset":          "Đặt lại xác thực hai lớp của cán bộ",
	"outbox.requeue":           "Gửi lại thông báo",
	"catalog.procedure_update": "Sửa thủ tục trong danh mục",
	"catalog.procedure_add":    "Thêm thủ tục riêng của địa phương",
	"dossier.import":           "Nhập hồ sơ từ hệ thống cũ",
	"result.issue":             "Đính kèm kết quả giải quyết",
	// Added with the letters signed off by a leader (letters.go).
	"letter.draft":             "Soạn dự thảo văn bản gửi người nộp hồ sơ",
	"letter.submit":            "Trình lãnh đạo duyệt, ký văn bản",
	"letter.approve":           "Lãnh đạo duyệt, ký số và gửi văn bản",
	"letter.send_back":         "Lãnh đạo trả lại dự thảo văn bản",
	"letter.cancel":            "Hủy dự thảo văn bản",
	"letter.edit":              "Sửa dự thảo văn bản",
	"signature.register":       "Đăng ký chứng thư số của người ký",
	"signature.revoke":         "Thu hồi chứng thư số của người ký",
	"payment.paid":             "Nhận thanh toán phí, lệ phí",
	"report.rebuild":           "Tính lại số liệu thống kê",
	"citizen.login":            "Công dân đăng nhập",
	"portal.upload":            "Công dân tải tệp lên",
	"portal.supplement_upload": "Công dân tải tệp bổ sung",
	"portal.supplement_remove": "Công dân gỡ tệp bổ sung",
}

// auditDetail shows a logged dossier transition, stored as "4 → 9; reason"
// with national status codes, with the statuses' names. The stored text
// itself is hash-chained and stays as it is.
func auditDetail(action, detail string) string {
	if !strings.HasPrefix(action, "dossier.") {
		return detail
	}
	head, rest, _ := strings.Cut(detail, ";")
	from, to, ok := strings.Cut(head, " → ")
	if !ok {
		return detail
	}
	f, err1 := strconv.Atoi(strings.TrimSpace(from))
	t, err2 := strconv.Atoi(strings.TrimSpace(to))
	if err1 != nil || err2 != nil || !dossier.Status(t).Valid() {
		return detail
	}
	out := dossier.Status(t).Name()
	if f != t && dossier.Status(f).Valid() {
		out = dossier.Status(f).Name() + " → " + out
	}
	if rest != "" {
		out += ";" + rest
	}
	return out
}

// auditObject is a logged object ("dossier:000.00.00.H82-…") named for
// the log screen, with a link to the dossier when it has a national code.
type auditObj struct{ Kind, Value, Href string }

var auditKinds = map[string]string{
	"dossier": "Hồ sơ", "officer": "Cán bộ", "citizen": "Công dân", "unit": "Đơn vị", "tenant": "Cơ quan",
	"jr_subject": "Người được cấp Phiếu", "jr_certificate": "Phiếu lý lịch tư pháp", "jr_conviction": "Án tích", "jr_ban": "Cấm do phá sản",
	"outbox": "Thông báo",
}

// auditWholes name objects logged without an identifier.
var auditWholes = map[string]string{"dossiers": "Hồ sơ (nhiều hồ sơ)", "jr_convictions": "Dữ liệu án tích", "jr_bans": "Dữ liệu cấm do phá sản"}

func auditObject(o string) auditObj {
	if l, ok := auditWholes[o]; ok {
		return auditObj{Value: l}
	}
	kind, v, ok := strings.Cut(o, ":")
	label, known := auditKinds[kind]
	if !ok || !known {
		return auditObj{Value: o}
	}
	r := auditObj{Kind: label, Value: v}
	if kind == "dossier" && strings.Contains(v, ".") {
		r.Href = "/admin/dossiers/" + v
	}
	return r
}

func actionLabel(code string) string {
	if l, ok := actionLabels[code]; ok {
		return l
	}
	// Dossier transitions are logged as "dossier.<action>": name them as
	// the dossier page does.
	if a, ok := strings.CutPrefix(code, "dossier."); ok {
		if l := dossier.Action(a).Label(); l != a {
			return l
		}
	}
	return code
}

func (k kernel) MayOpen(r *http.Request, target string) bool { return k.s.MayOpen(r, target) }
