package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
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
	if err := parse(fs, args); err != nil {
		return err
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, true)
	if err != nil {
		return err
	}
	defer a.Close()
	before, err := a.db.Tenants(ctx)
	if err != nil {
		return err
	}
	if err := loadDemo(ctx, a, *dsn, e.stdout); err != nil {
		return err
	}
	after, err := a.db.Tenants(ctx)
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
		ts, err := a.db.Tenants(ctx)
		if err != nil {
			return err
		}
		for _, t := range ts {
			fmt.Fprintf(e.stdout, "%-12s %-16s %s  %s\n", t.Code, t.AgencyID, t.ProvinceCode, t.Name)
		}
		return nil
	}
	t, err := a.org.CreateTenant(ctx, cli, org.Tenant{Code: *code, Name: *name, AgencyID: *agency, ProvinceCode: *province})
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
	t, err := a.db.TenantByCode(ctx, strings.ToUpper(*tenant))
	if err != nil {
		return userErr(notFound(err, "không tìm thấy cơ quan "+*tenant))
	}
	if args[0] == "passwd" {
		o, err := a.db.OfficerByUsername(ctx, t.ID, strings.ToLower(*username))
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
		u, err := a.db.UnitByCode(ctx, t.ID, strings.ToUpper(*unit))
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
	if len(args) == 0 || args[0] != "create" {
		return usageError("cách dùng: tuphap token create --tenant CODE --username U")
	}
	fs := newFlags(e, "token create", "Tạo mã truy cập API (Bearer) cho một tài khoản; mã chỉ hiển thị một lần.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (TUPHAP_TENANT)")
	username := fs.String("username", "", "tên đăng nhập")
	name := fs.String("name", "cli", "tên gợi nhớ của mã truy cập")
	ttl := fs.Duration("ttl", 0, "thời hạn, ví dụ 720h (mặc định: không hết hạn)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := requireFlags("tenant", *tenant, "username", *username); err != nil {
		return err
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	tok, err := a.auth.CreateToken(ctx, cli, strings.ToUpper(*tenant), *username, *name, *ttl)
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintln(e.stdout, tok)
	return nil
}

func cmdAudit(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return usageError("cách dùng: tuphap audit verify [--tenant CODE]")
	}
	fs := newFlags(e, "audit verify", "Kiểm tra chuỗi băm của nhật ký hệ thống; báo lỗi nếu có dòng bị sửa hoặc xóa.")
	dsn, keyFile := dbAndKey(fs, e)
	tenant := fs.String("tenant", e.getenv("TUPHAP_TENANT"), "mã cơ quan (mặc định: tất cả)")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	tenants, err := a.db.Tenants(ctx)
	if err != nil {
		return err
	}
	broken := 0
	for _, t := range tenants {
		if *tenant != "" && !strings.EqualFold(t.Code, *tenant) {
			continue
		}
		n, err := a.db.VerifyAudit(ctx, t.ID)
		if err != nil {
			broken++
			fmt.Fprintf(e.stdout, "%s: LỖI sau %d dòng: %v\n", t.Code, n, err)
			continue
		}
		fmt.Fprintf(e.stdout, "%s: toàn vẹn, %d dòng\n", t.Code, n)
	}
	if broken > 0 {
		return fmt.Errorf("nhật ký của %d cơ quan không toàn vẹn", broken)
	}
	return nil
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
