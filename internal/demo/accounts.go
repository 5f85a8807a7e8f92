package demo

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"tuphap/internal/org"
)

// Account is a demo account with its one-time password (shown once, never
// stored in clear).
type Account struct {
	Tenant   string // the agency's code, chosen at sign-in
	Agency   string // its name
	Username string
	FullName string
	Role     string // the role's name within the agency
	Password string
}

// AccountBook collects the accounts the loaders create when it is their
// output, so that start-up can end with one table (Table) instead of lines
// scattered through the log.
type AccountBook struct {
	io.Writer
	Accounts []Account
}

// noteTenant announces a new demo agency; its accounts follow as lines, or
// in the book's table at the end.
func noteTenant(out io.Writer, t org.Tenant) {
	if _, ok := out.(*AccountBook); ok {
		fmt.Fprintf(out, "Đã tạo cơ quan mẫu %s (%s); tài khoản và mật khẩu ở bảng cuối.\n", t.Code, t.Name)
		return
	}
	fmt.Fprintf(out, "Đã tạo cơ quan mẫu %s (%s). Mật khẩu chỉ hiển thị một lần:\n", t.Code, t.Name)
}

// noteAccount records a new account in the book, or prints it when out is
// a plain writer.
func noteAccount(out io.Writer, t org.Tenant, o org.Officer, pw string) {
	a := Account{Tenant: t.Code, Agency: t.Name, Username: o.Username, FullName: o.FullName, Role: t.RoleLabel(o.Role), Password: pw}
	if b, ok := out.(*AccountBook); ok {
		b.Accounts = append(b.Accounts, a)
		return
	}
	fmt.Fprintf(out, "  %-12s %-26s mật khẩu: %s\n", a.Username, a.Role, a.Password)
}

// order puts the department before the police and, within an agency, the
// director first (what the department's head sees is the first thing to
// try), then the desk, the specialists and the rest as loaded.
func order(as []Account) []Account {
	rank := func(a Account) int {
		switch a.Username {
		case "giamdoc", "lanhdao":
			return 0
		case "motcua":
			return 1
		}
		return 2
	}
	out := append([]Account(nil), as...)
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Tenant == TenantCode) != (out[j].Tenant == TenantCode) {
			return out[i].Tenant == TenantCode
		}
		if out[i].Tenant != out[j].Tenant {
			return out[i].Tenant < out[j].Tenant
		}
		return rank(out[i]) < rank(out[j])
	})
	return out
}

// Table is the demo accounts as a short text table: agency (its code, as
// chosen at sign-in), user, role, one-time password; the director first.
func Table(as []Account) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "Cơ quan\tTài khoản\tVai trò\tMật khẩu dùng một lần")
	for _, a := range order(as) {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", a.Tenant, a.Username, a.Role, a.Password)
	}
	w.Flush()
	return b.String()
}
