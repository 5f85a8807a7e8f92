package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"tuphap/internal/adminunit"
	"tuphap/internal/org"
)

// tenantCommunes: tuphap tenant communes --db DSN --department CODE --agency-ids FILE.csv
//
// Sets up a province's communes in one command: every commune of the
// department's province named in the file becomes a tenant attached to the
// department. The file is the province's list of electronic agency IDs
// (commune_code,agency_id per line); those IDs are issued by the province
// and cannot be guessed, so a commune missing from it is reported, not made
// up. Running it again adds only what is new.
func tenantCommunes(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "tenant communes", "Tạo một lần các xã, phường, đặc khu của tỉnh làm cơ quan sử dụng hệ thống, gắn với Sở Tư pháp.\n"+
		"Tệp CSV: mỗi dòng commune_code,agency_id (mã xã 5 chữ số theo Quyết định 19/2025/QĐ-TTg, mã định danh điện tử do tỉnh cấp).")
	dsn, keyFile := dbAndKey(fs, e)
	dept := fs.String("department", e.getenv("TUPHAP_TENANT"), "mã cơ quan của Sở Tư pháp, ví dụ STP-DT")
	ids := fs.String("agency-ids", "", "tệp CSV commune_code,agency_id")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("department", *dept, "agency-ids", *ids); err != nil {
		return err
	}
	f, err := os.Open(*ids)
	if err != nil {
		return err
	}
	defer f.Close()
	codes, err := readAgencyIDs(f)
	if err != nil {
		return err
	}
	units, err := adminunit.Builtin()
	if err != nil {
		return err
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	d, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*dept))
	if err != nil {
		return userErr(notFound(err, "không tìm thấy cơ quan "+*dept))
	}
	if _, err := a.db.Org().CommuneLink(ctx, d.ID); err == nil {
		return errors.New(d.Code + " là một xã, không phải Sở Tư pháp")
	}
	have, err := a.db.Org().CommuneLinks(ctx, d.ID)
	if err != nil {
		return err
	}
	linked := map[string]bool{}
	for _, l := range have {
		linked[l.CommuneCode] = true
	}
	var ts []org.Tenant
	var cs []string
	missing := 0
	today := a.db.Now()
	for _, c := range units.Communes(d.ProvinceCode) {
		if linked[c] {
			continue
		}
		id, ok := codes[c]
		if !ok {
			missing++
			continue
		}
		ts = append(ts, org.Tenant{Code: d.Code + "-" + c, Name: adminunit.PeoplesCommittee(units.NameOn(c, today)), AgencyID: id, Hours: d.Hours})
		cs = append(cs, c)
	}
	for c := range codes {
		if !units.InProvince(c, d.ProvinceCode) {
			return fmt.Errorf("mã xã %s trong tệp không thuộc tỉnh của %s", c, d.Code)
		}
	}
	if _, err := a.org.CreateCommunes(ctx, cli, d, ts, cs); err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã tạo %d xã, phường, đặc khu gắn với %s; %d đã có từ trước; %d chưa có mã định danh trong tệp.\n",
		len(ts), d.Code, len(have), missing)
	return nil
}

// readAgencyIDs reads commune_code,agency_id lines (a header line and blank
// lines are skipped).
func readAgencyIDs(r io.Reader) (map[string]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	out := map[string]string{}
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("dòng %d: %w", line, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) < 2 {
			return nil, fmt.Errorf("dòng %d: cần commune_code,agency_id", line)
		}
		code, id := strings.TrimSpace(strings.TrimPrefix(rec[0], "\ufeff")), strings.TrimSpace(rec[1])
		if line == 1 && code == "commune_code" {
			continue
		}
		if _, dup := out[code]; dup {
			return nil, fmt.Errorf("dòng %d: mã xã %s lặp lại", line, code)
		}
		out[code] = id
	}
}
