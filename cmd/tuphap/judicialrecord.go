package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"tuphap/internal/calendar"
	"tuphap/internal/demo"
	"tuphap/internal/dossier"
	"tuphap/internal/envelope"
	"tuphap/internal/external/verification"
	"tuphap/internal/external/vneid"
	"tuphap/internal/handover"
	"tuphap/internal/judicialrecord"
	"tuphap/internal/org"
	"tuphap/internal/render"
	"tuphap/internal/signature"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// jrParts are the judicial-record services of the app.
type jrParts struct {
	svc      *judicialrecord.Service
	issuing  judicialrecord.Issuing
	handover *handover.Service
	verifier *verification.Simulator
	vneid    *vneid.Simulator
	keys     *envelope.Keyring
}

// wireJR builds the judicial-record services: the envelope keyring from
// the key file (the same file as the TOTP keys: one "ID:BASE64" key a line,
// the first current), and the certificate signer from a PKCS#12 file beside
// it, generated (self-signed, for demonstrations) at first start.
func (a *app) wireJR(keyFile string, getenv func(string) string) error {
	keys, err := loadEnvelopeKeys(keyFile)
	if err != nil {
		return err
	}
	signer, err := loadSigner(filepath.Dir(keyFile), getenv("TUPHAP_SIGN_P12"), getenv("TUPHAP_SIGN_PASS_FILE"))
	if err != nil {
		return err
	}
	svc := &judicialrecord.Service{Store: sqlstore.JRStore{DB: a.db}, Dossiers: a.dossiers, Keys: keys,
		OfficeProvince: func(ctx context.Context, tenantID string) (string, error) {
			t, err := a.db.Org().Tenant(ctx, tenantID)
			return t.ProvinceCode, err
		}}
	a.jr = &jrParts{
		svc:  svc,
		keys: keys,
		issuing: judicialrecord.Issuing{Signer: signer, Issuer: a.issuer,
			VerifyURL: func(id string) string { return a.publicURL + "/xac-thuc/lltp/" + id }},
		handover: &handover.Service{Store: sqlstore.HandoverStore{DB: a.db}, Registers: []handover.Register{judicialrecord.Register{Keys: keys}},
			Procedures: a.catalog},
		verifier: &verification.Simulator{Delay: 2 * time.Minute},
		vneid:    &vneid.Simulator{},
	}
	return nil
}

// issuer prints a tenant as the certificate's header: a provincial police
// tenant under the Ministry of Public Security, a department under the
// provincial people's committee.
func (a *app) issuer(ctx context.Context, tenantID string) (judicialrecord.Issuer, error) {
	t, err := a.db.Org().Tenant(ctx, tenantID)
	if err != nil {
		return judicialrecord.Issuer{}, err
	}
	place := t.Name
	for _, p := range []string{"tỉnh ", "thành phố "} {
		if i := strings.Index(t.Name, p); i >= 0 {
			place = t.Name[i+len(p):]
		}
	}
	place, _, _ = strings.Cut(place, " (") // "Đồng Tháp (dữ liệu mẫu)"
	ag := render.Agency{FullName: t.Name, Place: place, Name: strings.ToUpper(t.Name)}
	switch {
	case strings.HasPrefix(t.Name, "Công an"):
		ag.Superior = "BỘ CÔNG AN"
	case strings.HasPrefix(t.Name, "Sở Tư pháp"):
		ag.Superior = strings.ToUpper("Ủy ban nhân dân tỉnh " + place)
		ag.Name = "SỞ TƯ PHÁP"
	}
	iss := judicialrecord.Issuer{Agency: ag, SignerTitle: "THỦ TRƯỞNG CƠ QUAN"}
	// The certificate names its signer (issue 14.15): the agency's leader,
	// the first active officer with the director role, as its head
	// ("GIÁM ĐỐC" of the provincial police or of the department). Officers
	// carry no position yet, so a deputy signing "KT." is not expressible.
	officers, err := a.db.Org().Officers(ctx, tenantID)
	if err != nil {
		return judicialrecord.Issuer{}, err
	}
	for _, o := range officers {
		if o.Role == org.Director && o.Active {
			iss.SignerName = o.FullName
			if ag.Superior != "" {
				iss.SignerTitle = "GIÁM ĐỐC"
			}
			break
		}
	}
	return iss, nil
}

// jrWeb is what the web layer needs.
func (a *app) jrWeb() *web.JudicialRecords {
	return &web.JudicialRecords{Service: a.jr.svc, Issuing: a.jr.issuing, Handover: a.jr.handover, Verifier: a.jr.verifier, VNeID: a.jr.vneid}
}

// loadEnvelopeKeys reads the key file's keys in order (current first).
func loadEnvelopeKeys(path string) (*envelope.Keyring, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	defer f.Close()
	keys := map[string][]byte{}
	var order []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, b64, _ := strings.Cut(line, ":")
		key, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, fmt.Errorf("key file %s: malformed line", path)
		}
		order = append(order, id)
		keys[id] = key
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return envelope.NewKeyring(order, keys)
}

// loadSigner reads jr-signing.p12 and its passphrase file
// (jr-signing.pass, mode 0600) from dir, or the files named by
// TUPHAP_SIGN_P12 / TUPHAP_SIGN_PASS_FILE; when none exists a
// demonstration certificate issued by a demonstration CA is generated
// there, with the CA's certificate as jr-signing-ca.pem. Never commit these
// files.
func loadSigner(dir, p12Path, passPath string) (*signature.PDFSigner, error) {
	if p12Path == "" {
		p12Path = filepath.Join(dir, "jr-signing.p12")
	}
	if passPath == "" {
		passPath = filepath.Join(dir, "jr-signing.pass")
	}
	if _, err := os.Stat(p12Path); os.IsNotExist(err) {
		b := make([]byte, 18)
		rand.Read(b)
		pass := hex.EncodeToString(b)
		p12, caPEM, err := signature.GenerateDemoCA("tuphap - chứng thư thử nghiệm", "tuphap demo", time.Now(), pass)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
		// The demonstration CA's certificate (public), to trust the demo's
		// signatures in a PDF reader or an NSS database.
		if err := os.WriteFile(filepath.Join(filepath.Dir(p12Path), "jr-signing-ca.pem"), caPEM, 0o644); err != nil {
			return nil, err
		}
		if err := os.WriteFile(passPath, []byte(pass+"\n"), 0o600); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p12Path, p12, 0o600); err != nil {
			return nil, err
		}
	}
	p12, err := os.ReadFile(p12Path)
	if err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	pass, err := os.ReadFile(passPath)
	if err != nil {
		return nil, fmt.Errorf("signing key passphrase: %w", err)
	}
	return signature.LoadPKCS12(p12, strings.TrimSpace(string(pass)))
}

func cmdTransfer(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "transfer", "Chuyển giao một chức năng (thủ tục) cùng hồ sơ đang giải quyết và sổ sách sang cơ quan khác, trong một giao dịch.")
	dsn, keyFile := dbAndKey(fs, e)
	from := fs.String("from-tenant", "", "mã cơ quan chuyển giao")
	to := fs.String("to-tenant", "", "mã cơ quan tiếp nhận")
	proc := fs.String("procedure", "", "mã thủ tục (ID trong danh mục hoặc mã quốc gia)")
	asOf := fs.String("as-of", "", "ngày chuyển giao dd/mm/yyyy hoặc yyyy-mm-dd (mặc định hôm nay)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := requireFlags("from-tenant", *from, "to-tenant", *to, "procedure", *proc); err != nil {
		return err
	}
	var day calendar.Date
	if *asOf != "" {
		var err error
		if day, err = calendar.ParseDateVN(*asOf); err != nil {
			if day, err = calendar.ParseDate(*asOf); err != nil {
				return usageError("--as-of: ngày không hợp lệ")
			}
		}
	}
	a, err := openCLI(ctx, e, *dsn, *keyFile, false)
	if err != nil {
		return err
	}
	defer a.Close()
	ft, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*from))
	if err != nil {
		return userErr(notFound(err, "không tìm thấy cơ quan "+*from))
	}
	tt, err := a.db.Org().TenantByCode(ctx, strings.ToUpper(*to))
	if err != nil {
		return userErr(notFound(err, "không tìm thấy cơ quan "+*to))
	}
	rec, err := a.jr.handover.Transfer(ctx, dossier.Actor{Name: "Quản trị nền tảng (dòng lệnh)"}, tenantRef(ft), tenantRef(tt),
		handover.Request{Procedure: *proc, AsOf: day})
	if err != nil {
		return userErr(err)
	}
	fmt.Fprintf(e.stdout, "Đã chuyển giao thủ tục %s từ %s sang %s (từ ngày %s): %d hồ sơ đang giải quyết, %d bản ghi sổ.\n",
		rec.Procedure, ft.Name, tt.Name, rec.AsOf.FormatVN(), rec.Dossiers, rec.Records)
	return nil
}

func tenantRef(t org.Tenant) handover.Tenant {
	return handover.Tenant{ID: t.ID, Code: t.Code, Name: t.Name, Kind: t.Kind}
}

func cmdJR(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "rewrap" {
		return usageError("cách dùng: tuphap jr rewrap [--db DSN] [--key-file FILE]")
	}
	fs := newFlags(e, "jr rewrap", "Bọc lại khóa dữ liệu của mọi bản ghi lý lịch tư pháp bằng khóa chủ hiện hành (dòng đầu của tệp khóa), sau khi thêm khóa mới.")
	dsn, keyFile := dbAndKey(fs, e)
	if err := parse(fs, args[1:]); err != nil {
		return err
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
	total := 0
	for _, t := range tenants {
		n, err := a.jr.svc.Rewrap(ctx, t.ID)
		if err != nil {
			return fmt.Errorf("%s: %w", t.Code, err)
		}
		total += n
	}
	fmt.Fprintf(e.stdout, "Đã bọc lại %d khóa dữ liệu bằng khóa chủ %s.\n", total, a.jr.keys.Current())
	return nil
}

// loadJRDemo loads the demo provincial police and its judicial-record
// request, played with a clock of its own (as loadDemo does).
func loadJRDemo(ctx context.Context, a *app, dsn string, out io.Writer) error {
	clock := &demo.Clock{}
	db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{Now: clock.Now})
	if err != nil {
		return err
	}
	defer db.Close()
	dsvc := *a.dossiers
	dsvc.Store, dsvc.Now = sqlstore.DossierStore{DB: db}, clock.Now
	svc := *a.jr.svc
	svc.Store, svc.Dossiers, svc.Now = sqlstore.JRStore{DB: db}, &dsvc, clock.Now
	return demo.LoadJudicialRecords(ctx, a.org, demo.JR{Service: &svc, Issuing: a.jr.issuing}, clock, time.Now(), out)
}
