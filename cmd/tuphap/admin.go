package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/calendar"
	"tuphap/internal/demo"
	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// cli is the audit actor of command-line changes.
var cli = audit.Actor{Name: "cli"}

// dbAndKey adds --db and --key-file and returns a function that opens the
// database (refusing a stale schema) after parsing.
func dbAndKey(fs interface {
	String(name, value, usage string) *string
}, e *env) (dsn, keyFile *string) {
	dsn = fs.String("db", envOr(e, "TUPHAP_DB", "sqlite:data/tuphap.db"), "cơ sở dữ liệu: sqlite:ĐƯỜNG_DẪN hoặc postgres://... (TUPHAP_DB)")
	keyFile = fs.String("key-file", e.getenv("TUPHAP_KEY_FILE"), "tệp khóa mã hóa bí mật (TUPHAP_KEY_FILE)")
	return dsn, keyFile
}

func openCLI(ctx context.Context, e *env, dsn, keyFile string, migrate bool) (*app, error) {
	if keyFile == "" {
		keyFile = defaultKeyFile(dsn)
	}
	return open(ctx, e.getenv, dsn, keyFile, migrate, nil)
}

func cmdMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "migrate", "Áp dụng các bản cập nhật cấu trúc cơ sở dữ liệu còn thiếu.")
	dsn := dbFlag(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := sqlstore.Open(ctx, *dsn, sqlstore.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(e.stdout, "Cấu trúc cơ sở dữ liệu đã ở phiên bản mới nhất.")
		return nil
	}
	fmt.Fprintf(e.stdout, "Đã áp dụng %d bản cập nhật: %v\n", len(applied), applied)
	return nil
}

func cmdDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo", "Nạp dữ liệu mẫu của một Sở Tư pháp (chỉ một lần).")
	dsn, keyFile := dbAndKey(fs, e)
	publicURL := fs.String("public-url", e.getenv("TUPHAP_PUBLIC_URL"), "địa chỉ công khai in vào mã QR của Phiếu lý lịch tư pháp mẫu (mặc định: http://TUPHAP_ADDR nếu là địa chỉ trên máy này) (TUPHAP_PUBLIC_URL)")
	if err := parse(fs, args); err != nil {
		return err
	}
	public, err := publicAddress(*publicURL, envOr(e, "TUPHAP_ADDR", "127.0.0.1:8080"))
	if err != nil {
		return err
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, true)
	if err != nil {
		return err
	}
	defer a.Close()
	a.publicURL = public
	before, err := a.db.Org().Tenants(ctx)
	if err != nil {
		return err
	}
	book := &demo.AccountBook{Writer: e.stdout}
	if err := loadDemo(ctx, a, *dsn, book); err != nil {
		return err
	}
	if err := printDemoAccounts(e.stdout, book, *keyFile, *dsn); err != nil {
		return err
	}
	after, err := a.db.Org().Tenants(ctx)
	if err != nil {
		return err
	}
	if len(after) == len(before) {
		fmt.Fprintf(e.stdout, "Dữ liệu mẫu %s đã có, không nạp lại.\n", demo.TenantCode)
	}
	return nil
}

func cmdTenant(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "communes" {
		return tenantCommunes(ctx, e, args[1:])
	}
	if len(args) == 0 || (args[0] != "add" && args[0] != "list") {
		return usageError("cách dùng: tuphap tenant add|list|communes [tùy chọn]")
	}
	fs := newFlags(e, "tenant "+args[0], "Thêm hoặc liệt kê cơ quan (Sở Tư pháp) sử dụng hệ thống.")
	dsn, keyFile := dbAndKey(fs, e)
	code := fs.String("code", "", "mã cơ quan, ví dụ STP-DT")
	name := fs.String("name", "", "tên cơ quan, ví dụ \"Sở Tư pháp tỉnh Đồng Tháp\"")
	agency := fs.String("agency-id", "", "mã định danh điện tử, ví dụ 000.00.00.H82")
	province := fs.String("province", "", "mã tỉnh 2 chữ số, ví dụ 82")
	kind := fs.String("kind", org.KindDepartment, "loại cơ quan: department (Sở Tư pháp), provincial_police (Công an tỉnh), commune (UBND cấp xã)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if args[0] == "add" {
		if err := requireFlags("code", *code, "name", *name, "agency-id", *agency, "province", *province); err != nil {
			return err
		}
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	if args[0] == "list" {
		ts, err := a.db.Org().Tenants(ctx)
		if err != nil {
			return err
		}
		for _, t := range ts {
			fmt.Fprintf(e.stdout, "%-12s %-16s %s  %-17s %s\n", t.Code, t.AgencyID, t.ProvinceCode, t.Kind, t.Name)
		}
		return nil
	}
	t, err := a.org.CreateTenant(ctx, cli, org.Tenant{Code: *code, Name: *name, AgencyID: *agency, ProvinceCode: *province, Kind: *kind})
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã tạo cơ quan %s (%s), mã định danh %s.\n", t.Code, t.Name, t.AgencyID)
	return nil
}

func cmdUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "passwd") {
		return usageError("cách dùng: tuphap user add|passwd [tùy chọn]")
	}
	fs := newFlags(e, "user "+args[0], "Thêm tài khoản cán bộ, hoặc đặt lại mật khẩu (và mở khóa) một tài khoản.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (TUPHAP_TENANT)")
	username := fs.String("username", "", "tên đăng nhập")
	role := fs.String("role", "", "vai trò: reception_clerk, specialist, unit_head, director, agency_liaison, admin, auditor, statistician")
	unit := fs.String("unit", "", "mã đơn vị (bắt buộc với một số vai trò)")
	fullName := fs.String("name", "", "họ và tên (mặc định: tên đăng nhập)")
	stdinPw := fs.Bool("password-stdin", false, "đọc mật khẩu từ đầu vào chuẩn (một dòng)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant, "username", *username); err != nil {
		return err
	}
	if args[0] == "add" {
		if err := requireFlags("role", *role); err != nil {
			return err
		}
	}
	if !*stdinPw {
		return usageError("cần --password-stdin: mật khẩu không bao giờ được truyền qua tham số dòng lệnh")
	}
	pw, err := readSecret(e.stdin)
	if err != nil {
		return err
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*tenant))
	if err != nil {
		return userErr(notFound(err, "không tìm thấy cơ quan "+*tenant))
	}
	if args[0] == "passwd" {
		o, err := a.db.Org().OfficerByUsername(ctx, t.ID, strings.ToLower(*username))
		if err != nil {
			return userErr(notFound(err, "không tìm thấy tài khoản "+*username))
		}
		if err := a.auth.ResetPassword(ctx, cli, o, pw); err != nil {
			return userErr(err)
		}
		fmt.Fprintf(e.stdout, "Đã đặt lại mật khẩu và mở khóa tài khoản %s.\n", o.Username)
		return nil
	}
	r, err := org.ParseRole(*role)
	if err != nil {
		return userErr(err)
	}
	o := org.Officer{TenantID: t.ID, Username: *username, FullName: *fullName, Role: r}
	if o.FullName == "" {
		o.FullName = *username
	}
	if *unit != "" {
		u, err := a.db.Org().UnitByCode(ctx, t.ID, strings.ToUpper(*unit))
		if err != nil {
			return userErr(notFound(err, "không tìm thấy đơn vị "+*unit))
		}
		o.UnitID = u.ID
	}
	o, err = a.org.CreateOfficer(ctx, cli, o, pw)
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã tạo tài khoản %s (%s) của %s.\n", o.Username, o.Role.Label(), t.Code)
	return nil
}

func cmdToken(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || (args[0] != "create" && args[0] != "list" && args[0] != "revoke") {
		return usageError("cách dùng: tuphap token create|list|revoke --tenant CODE [--username U] [--id ID]")
	}
	about := map[string]string{
		"create": "Tạo mã truy cập API (Bearer) cho một tài khoản; mã chỉ hiển thị một lần.",
		"list":   "Liệt kê mã truy cập API của cơ quan (hoặc của một tài khoản) với thời hạn và trạng thái.",
		"revoke": "Thu hồi vĩnh viễn một mã truy cập API (theo mã số trong danh sách).",
	}
	fs := newFlags(e, "token "+args[0], about[args[0]])
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (TUPHAP_TENANT)")
	username := fs.String("username", "", "tên đăng nhập")
	name := fs.String("name", "cli", "tên gợi nhớ của mã truy cập")
	ttl := fs.Duration("ttl", 0, "thời hạn, ví dụ 720h (mặc định: 90 ngày)")
	id := fs.String("id", "", "mã số của mã truy cập cần thu hồi (12 ký tự đầu trong danh sách trở lên)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant); err != nil {
		return err
	}
	switch args[0] {
	case "create":
		if err := requireFlags("username", *username); err != nil {
			return err
		}
	case "revoke":
		if len(*id) < 12 {
			return usageError("--id: cần ít nhất 12 ký tự đầu của mã số")
		}
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	if args[0] == "create" {
		tok, err := a.auth.CreateToken(ctx, cli, strings.ToUpper(*tenant), *username, *name, *ttl)
		if err != nil {
			return userErr(err)
		}
		fmt.Fprintln(e.stdout, tok)
		return nil
	}
	t, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*tenant))
	if err != nil {
		return userErr(notFound(err, "không tìm thấy cơ quan "+*tenant))
	}
	list, err := a.auth.Tokens(ctx, t.ID, "")
	if err != nil {
		return err
	}
	now := time.Now()
	if args[0] == "list" {
		for _, k := range list {
			if *username != "" && !strings.EqualFold(k.Username, *username) {
				continue
			}
			fmt.Fprintf(e.stdout, "%s  %-16s %-24s tạo %s  %s\n", auth.ShortTokenID(k.ID), k.Username, k.Name, k.CreatedAt.In(calendar.Zone()).Format("02/01/2006"), tokenState(k, now))
		}
		return nil
	}
	var match []auth.TokenInfo
	for _, k := range list {
		if strings.HasPrefix(k.ID, strings.ToLower(*id)) {
			match = append(match, k)
		}
	}
	if len(match) != 1 {
		return userErr(apperr.New(apperr.NotFound, fmt.Sprintf("có %d mã truy cập khớp với %s", len(match), *id)))
	}
	if err := a.auth.RevokeToken(ctx, cli, t.ID, match[0]); err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã thu hồi mã truy cập %s (%s) của %s.\n", auth.ShortTokenID(match[0].ID), match[0].Name, match[0].Username)
	return nil
}

// tokenState says in Vietnamese whether a token is live.
func tokenState(k auth.TokenInfo, now time.Time) string {
	switch {
	case k.RevokedAt != nil:
		return "đã thu hồi " + k.RevokedAt.In(calendar.Zone()).Format("02/01/2006")
	case !k.Live(now):
		return "hết hạn " + k.ExpiresAt.In(calendar.Zone()).Format("02/01/2006")
	case k.ExpiresAt != nil:
		return "còn hiệu lực đến " + k.ExpiresAt.In(calendar.Zone()).Format("02/01/2006")
	}
	return "còn hiệu lực, không hết hạn"
}

func cmdAudit(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || (args[0] != "verify" && args[0] != "anchor") {
		return usageError("cách dùng: tuphap audit verify [--tenant CODE] [--anchor FILE] | tuphap audit anchor --out FILE [--tenant CODE]")
	}
	about := "Kiểm tra chuỗi băm của nhật ký hệ thống; báo lỗi nếu có dòng bị sửa hoặc xóa, hoặc nếu chuỗi không còn khớp với các mốc neo đã lưu (--anchor)."
	if args[0] == "anchor" {
		about = "Ghi thêm đầu chuỗi nhật ký (số thứ tự và mã băm của dòng cuối) của từng cơ quan vào một tệp ngoài cơ sở dữ liệu, để `audit verify --anchor` phát hiện việc cắt các dòng cuối."
	}
	fs := newFlags(e, "audit "+args[0], about)
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (mặc định: tất cả)")
	anchorFile := fs.String("anchor", "", "tệp mốc neo do `audit anchor` ghi (verify)")
	out := fs.String("out", "", "tệp mốc neo để ghi thêm (anchor); nên ở ngoài máy chủ cơ sở dữ liệu")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if args[0] == "anchor" {
		if err := requireFlags("out", *out); err != nil {
			return err
		}
	}
	var anchors []audit.Anchor
	if *anchorFile != "" {
		b, err := os.ReadFile(*anchorFile)
		if err != nil {
			return userErr(apperr.Wrap(apperr.Invalid, "không đọc được tệp mốc neo "+*anchorFile, err))
		}
		if anchors, err = audit.ParseAnchors(string(b)); err != nil {
			return err
		}
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	tenants, err := a.db.Org().Tenants(ctx)
	if err != nil {
		return err
	}
	if args[0] == "anchor" {
		return auditAnchor(ctx, e, a, tenants, *tenant, *out)
	}
	known := map[string]bool{}
	broken := 0
	for _, t := range tenants {
		known[t.ID] = true
		if *tenant != "" && !strings.EqualFold(t.Code, *tenant) {
			continue
		}
		var mine []audit.Anchor
		for _, an := range anchors {
			if an.TenantID == t.ID {
				mine = append(mine, an)
			}
		}
		n, err := a.db.Audit().VerifyAudit(ctx, t.ID, mine...)
		if err != nil {
			broken++
			fmt.Fprintf(e.stdout, "%s: LỖI sau %d dòng: %v\n", t.Code, n, err)
			continue
		}
		if len(mine) > 0 {
			fmt.Fprintf(e.stdout, "%s: toàn vẹn, %d dòng, khớp %d mốc neo\n", t.Code, n, len(mine))
		} else {
			fmt.Fprintf(e.stdout, "%s: toàn vẹn, %d dòng\n", t.Code, n)
		}
	}
	for _, an := range anchors {
		if !known[an.TenantID] && (*tenant == "" || strings.EqualFold(an.TenantCode, *tenant)) {
			broken++
			fmt.Fprintf(e.stdout, "%s: LỖI: có mốc neo nhưng cơ quan không còn trong cơ sở dữ liệu\n", an.TenantCode)
		}
	}
	if broken > 0 {
		return fmt.Errorf("nhật ký của %d cơ quan không toàn vẹn", broken)
	}
	return nil
}

// auditAnchor appends each tenant's chain head to the anchor file (created
// 0600).
func auditAnchor(ctx context.Context, e *env, a *app, tenants []org.Tenant, only, path string) error {
	var lines []string
	for _, t := range tenants {
		if only != "" && !strings.EqualFold(t.Code, only) {
			continue
		}
		seq, hash, err := a.db.Audit().AuditHead(ctx, t.ID)
		if err != nil {
			return err
		}
		if seq == 0 {
			continue
		}
		an := audit.Anchor{TenantID: t.ID, TenantCode: t.Code, Seq: seq, Hash: hash, At: time.Now()}
		lines = append(lines, an.String())
		fmt.Fprintf(e.stdout, "%s: mốc neo dòng %d, %s\n", t.Code, seq, hash)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintln(f, strings.Join(lines, "\n")); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// userErr turns an application error into its safe message for the
// terminal.
func userErr(err error) error {
	var e *apperr.Error
	if errors.As(err, &e) && e.Code != apperr.Internal {
		return errors.New(e.Message)
	}
	return err
}

func notFound(err error, msg string) error {
	if errors.Is(err, apperr.ErrNotFound) {
		return errors.New(msg)
	}
	return err
}
