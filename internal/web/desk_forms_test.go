package web_test

import (
	"html"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

var (
	postFormRe = regexp.MustCompile(`(?is)<form\b[^>]*\bmethod="post"[^>]*>`)
	actionRe   = regexp.MustCompile(`(?i)\baction="([^"]*)"`)
	formActRe  = regexp.MustCompile(`(?i)\bformaction="([^"]*)"`)
	hrefRe     = regexp.MustCompile(`(?i)<a\b[^>]*\bhref="(/admin/[^"#]*)"`)
)

// Issue 14, item 7: every back-office page shows a role only the forms it
// may submit (no 403 after typing a whole form) and only links to pages it
// may open — checked for every role on every page it may open, against the
// permissions of the routes (Server.Routes).
func TestFormsAndLinksFitTheRole(t *testing.T) {
	t.Parallel()
	f := newAuthzFixture(t, sqlstore.SQLite)
	routes := f.srvWeb.Routes()
	mux := http.NewServeMux()
	byPattern := map[string]web.RouteInfo{}
	for _, r := range routes {
		if r.Kind != web.OfficerRoute {
			continue
		}
		byPattern[r.Pattern] = r
		mux.Handle(r.Pattern, http.NotFoundHandler())
	}
	route := func(method, path string) (web.RouteInfo, bool) {
		req, _ := http.NewRequest(method, path, nil)
		_, pat := mux.Handler(req)
		r, ok := byPattern[pat]
		return r, ok
	}
	var problems []string
	for _, p := range f.people {
		if p.tenant != "A" {
			continue
		}
		for _, r := range routes {
			if r.Kind != web.OfficerRoute || r.Method != "GET" || strings.HasPrefix(r.Path, "/api/") || !p.can(r.Permission) {
				continue
			}
			path, _ := f.fill(r.Path)
			st, body, h := f.do(p, "GET", path)
			if st != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
				continue
			}
			for _, tag := range postFormRe.FindAllString(body, -1) {
				m := actionRe.FindStringSubmatch(tag)
				if m == nil {
					continue
				}
				target := html.UnescapeString(m[1])
				if !strings.HasPrefix(target, "/admin/") {
					continue
				}
				if tr, ok := route("POST", strings.SplitN(target, "?", 2)[0]); ok && !p.can(tr.Permission) {
					problems = append(problems, p.name+" on "+path+": form to "+target+" needs "+string(tr.Permission))
				}
			}
			for _, m := range formActRe.FindAllStringSubmatch(body, -1) {
				target := html.UnescapeString(m[1])
				if tr, ok := route("POST", strings.SplitN(target, "?", 2)[0]); ok && !p.can(tr.Permission) {
					problems = append(problems, p.name+" on "+path+": button to "+target+" needs "+string(tr.Permission))
				}
			}
			for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
				target := html.UnescapeString(m[1])
				if tr, ok := route("GET", strings.SplitN(target, "?", 2)[0]); ok && !p.can(tr.Permission) {
					problems = append(problems, p.name+" on "+path+": link to "+target+" needs "+string(tr.Permission))
				}
			}
		}
	}
	sort.Strings(problems)
	problems = compactStrings(problems)
	for _, pr := range problems {
		t.Error(pr)
	}
}

func compactStrings(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
