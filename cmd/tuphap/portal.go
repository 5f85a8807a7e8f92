package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/catalog"
	"tuphap/internal/dossier"
	"tuphap/internal/external/eid"
	"tuphap/internal/external/ereceipt"
	"tuphap/internal/external/payment"
	"tuphap/internal/portal"
	"tuphap/internal/render"
	"tuphap/internal/sqlstore"
	"tuphap/internal/web"
)

// portalFlags are the serve flags of the citizens' portal.
type portalFlags struct {
	publicURL        *string
	tenant           *string
	eidSimulator     *bool
	paymentSimulator *bool
	eidIssuer        *string
	eidClientID      *string
	eidClientSecret  *string
	eidScopes        *string
	eidClaimName     *string
	eidClaimID       *string
	eidClaimBirth    *string
	eidACR           *string
	paymentURL       *string
	paymentSecret    *string
	lookupLimit      *int
	agency           *string
}

func addPortalFlags(fs *flag.FlagSet, e *env) *portalFlags {
	return &portalFlags{
		publicURL:        fs.String("public-url", e.getenv("TUPHAP_PUBLIC_URL"), "địa chỉ công khai của cổng, ví dụ https://dichvucong.stp.gov.vn (mặc định: http://ADDR) (TUPHAP_PUBLIC_URL)"),
		lookupLimit:      fs.Int("lookup-limit", atoiOr(e.getenv("TUPHAP_LOOKUP_LIMIT"), 30), "số lần tra cứu hồ sơ bằng mã và PIN cho mỗi địa chỉ trong 10 phút (TUPHAP_LOOKUP_LIMIT)"),
		tenant:           fs.String("portal-tenant", e.getenv("TUPHAP_PORTAL_TENANT"), "mã cơ quan mà cổng dịch vụ công phục vụ (mặc định: cơ quan đầu tiên) (TUPHAP_PORTAL_TENANT)"),
		eidSimulator:     fs.Bool("eid-simulator", envOr(e, "TUPHAP_EID_SIMULATOR", "") == "1", "bật máy mô phỏng định danh điện tử tại /idp-sim/ (chỉ để thử nghiệm; --demo cũng bật) (TUPHAP_EID_SIMULATOR=1)"),
		paymentSimulator: fs.Bool("payment-simulator", envOr(e, "TUPHAP_PAYMENT_SIMULATOR", "") == "1", "bật máy mô phỏng cổng thanh toán tại /pay-sim/ (chỉ để thử nghiệm; --demo cũng bật) (TUPHAP_PAYMENT_SIMULATOR=1)"),
		eidIssuer:        fs.String("eid-issuer", e.getenv("TUPHAP_EID_ISSUER"), "địa chỉ nhà cung cấp định danh (OpenID Connect issuer) (TUPHAP_EID_ISSUER)"),
		eidClientID:      fs.String("eid-client-id", e.getenv("TUPHAP_EID_CLIENT_ID"), "mã ứng dụng đăng ký với nhà cung cấp định danh (TUPHAP_EID_CLIENT_ID)"),
		eidClientSecret:  fs.String("eid-client-secret", e.getenv("TUPHAP_EID_CLIENT_SECRET"), "khóa bí mật của ứng dụng (TUPHAP_EID_CLIENT_SECRET)"),
		eidScopes:        fs.String("eid-scopes", envOr(e, "TUPHAP_EID_SCOPES", "openid profile"), "phạm vi (scope) xin nhà cung cấp định danh, cách nhau bởi dấu cách (TUPHAP_EID_SCOPES)"),
		eidClaimName:     fs.String("eid-claim-name", envOr(e, "TUPHAP_EID_CLAIM_NAME", eid.ClaimName), "tên thuộc tính (claim) chứa họ và tên (TUPHAP_EID_CLAIM_NAME)"),
		eidClaimID:       fs.String("eid-claim-id-number", envOr(e, "TUPHAP_EID_CLAIM_ID_NUMBER", eid.ClaimIDNumber), "tên thuộc tính (claim) chứa số định danh cá nhân (TUPHAP_EID_CLAIM_ID_NUMBER)"),
		eidClaimBirth:    fs.String("eid-claim-birthdate", envOr(e, "TUPHAP_EID_CLAIM_BIRTHDATE", eid.ClaimBirthDate), "tên thuộc tính (claim) chứa ngày sinh (TUPHAP_EID_CLAIM_BIRTHDATE)"),
		eidACR:           fs.String("eid-acr-values", envOr(e, "TUPHAP_EID_ACR_VALUES", "level2"), "mức đảm bảo xác thực chấp nhận (acr_values, cách nhau bởi dấu cách; tài khoản định danh mức 2); rỗng: không yêu cầu (TUPHAP_EID_ACR_VALUES)"),
		paymentURL:       fs.String("payment-url", e.getenv("TUPHAP_PAYMENT_URL"), "trang thanh toán của cổng thanh toán (TUPHAP_PAYMENT_URL)"),
		paymentSecret:    fs.String("payment-secret", e.getenv("TUPHAP_PAYMENT_SECRET"), "khóa HMAC dùng chung với cổng thanh toán (TUPHAP_PAYMENT_SECRET)"),
		agency:           fs.String("portal-agency", e.getenv("TUPHAP_PORTAL_AGENCY"), "loại cơ quan của cổng: department (Sở Tư pháp, mặc định), provincial_police (Công an tỉnh: nhận yêu cầu cấp Phiếu lý lịch tư pháp trực tuyến), commune (TUPHAP_PORTAL_AGENCY)"),
	}
}

// publicAddress is the public address every link in a QR code or a
// message is built on: --public-url; without it, http://ADDR when the
// server listens on the loopback interface only (one computer, a demo);
// otherwise the server refuses to start, since any other guess (the
// request's Host, "localhost") prints addresses citizens cannot reach.
func publicAddress(publicURL, addr string) (string, error) {
	if u := strings.TrimRight(strings.TrimSpace(publicURL), "/"); u != "" {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" || p.RawQuery != "" || p.Fragment != "" {
			return "", usageError("--public-url phải là địa chỉ http(s) đầy đủ, ví dụ https://dichvucong.stp.example.gov.vn")
		}
		return u, nil
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err == nil && (host == "localhost" || (ip != nil && ip.IsLoopback())) {
		return "http://" + addr, nil
	}
	return "", usageError("máy chủ lắng nghe trên " + addr + ", không chỉ trên máy này: cần khai báo địa chỉ công khai --public-url (TUPHAP_PUBLIC_URL) để in vào mã QR và thông báo")
}

// portalConfig wires the citizens' portal on the public address base. The
// simulators are mounted only when asked for (--eid-simulator,
// --payment-simulator, or --demo).
func portalConfig(a *app, pf *portalFlags, base string, demo bool, tenantDefault string) *web.PortalConfig {
	tenant := *pf.tenant
	if tenant == "" {
		tenant = tenantDefault
	}
	// --demo mounts a simulator only where no real peer is configured: a
	// configured issuer or gateway is never silently replaced.
	eidSim := *pf.eidSimulator || (demo && *pf.eidIssuer == "")
	paySim := *pf.paymentSimulator || (demo && *pf.paymentURL == "")
	cfg := newPortalConfig(a.db, a, base, tenant, eidSim, paySim,
		*pf.eidIssuer, *pf.eidClientID, *pf.eidClientSecret, *pf.paymentURL, *pf.paymentSecret)
	if o, ok := cfg.EID.(*eid.OIDC); ok {
		o.Scopes = strings.Fields(*pf.eidScopes)
		o.ACRValues = strings.Fields(*pf.eidACR)
		if !eidSim {
			o.Claims = eid.ClaimNames{Name: *pf.eidClaimName, IDNumber: *pf.eidClaimID, BirthDate: *pf.eidClaimBirth}
		}
	}
	cfg.LookupLimit = *pf.lookupLimit
	if pf.agency != nil {
		cfg.Agency = catalog.Agency(strings.TrimSpace(*pf.agency))
	}
	return cfg
}

// atoiOr parses an environment value, or returns def.
func atoiOr(s string, def int) int {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		return n
	}
	return def
}

func newPortalConfig(db *sqlstore.DB, a *app, base, tenant string, eidSim, paySim bool, issuer, clientID, clientSecret, payURL, paySecret string) *web.PortalConfig {
	store := sqlstore.PortalStore{DB: db}
	cfg := &web.PortalConfig{
		Service:    &portal.Service{Store: store, Dossiers: a.dossiers, Procedure: a.dossiers.Procedure},
		Store:      store,
		TenantCode: tenant,
		BaseURL:    base,
		Mounts:     map[string]http.Handler{},
	}
	if eidSim {
		secret := randomKey()
		issuer, clientID, clientSecret = base+"/idp-sim", "tuphap-portal", secret
		cfg.Mounts["/idp-sim/"] = &eid.Simulator{Issuer: issuer, ClientID: clientID, ClientSecret: clientSecret}
	}
	if issuer != "" && clientID != "" {
		cfg.EID = &eid.OIDC{Issuer: issuer, ClientID: clientID, ClientSecret: clientSecret, RedirectURL: base + "/dang-nhap/xong"}
	}
	if paySim {
		paySecret = randomKey()
		payURL = base + "/pay-sim/checkout"
		cfg.Mounts["/pay-sim/"] = &payment.Simulator{Secret: []byte(paySecret), NotifyURL: base + "/api/v1/payments/callback"}
	}
	if payURL != "" && paySecret != "" {
		cfg.Payments = &payment.HMACGateway{GatewayName: "mô phỏng", CheckoutAt: payURL, Secret: []byte(paySecret)}
		if !paySim {
			cfg.Payments.(*payment.HMACGateway).GatewayName = "cổng thanh toán"
		}
	}
	return cfg
}

func randomKey() string {
	b := make([]byte, 32)
	rand.Read(b)
	return strings.TrimRight(strings.NewReplacer("+", "-", "/", "_").Replace(encodeB64(b)), "=")
}

func encodeB64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// seedPortalDemo gives the first test citizen of the e-ID simulator
// (Nguyễn Văn An) two dossiers in the demo department, once: one returned
// with an electronic result (to download, verify and rate) and one
// accepted and not yet paid (to pay through the payment simulator).
func seedPortalDemo(ctx context.Context, a *app, tenantCode string, out io.Writer) error {
	t, err := a.db.Org().TenantByCode(ctx, tenantCode)
	if err != nil {
		return err
	}
	who := eid.TestCitizens[0]
	if mine, err := a.db.Dossiers().DossiersOf(ctx, t.ID, who.IDNumber, 1); err != nil || len(mine) > 0 {
		return err
	}
	citizen := dossier.Actor{ID: "citizen:demo", Name: who.FullName, Role: "citizen"}
	desk := dossier.Actor{ID: "demo", Name: "Bộ phận Một cửa (dữ liệu mẫu)", Role: "director"}
	req := dossier.IntakeRequest{Procedure: "lawyer.firm_registration", Channel: catalog.ChannelOnline,
		Applicant: dossier.Applicant{FullName: who.FullName, IDNumber: who.IDNumber, Phone: "0912345678", Address: "12 Lê Lợi, phường Cao Lãnh"},
		Delivery:  portal.Deliveries[0]}
	done, err := a.dossiers.Intake(ctx, citizen, t.ID, req)
	if err != nil {
		return err
	}
	if done, err = a.dossiers.Accept(ctx, desk, t.ID, done.ID); err != nil {
		return err
	}
	for i := 0; i < 10 && done.Status != dossier.ResultReady; i++ {
		if done, err = a.dossiers.Act(ctx, desk, t.ID, done.ID, dossier.ActForward, dossier.Input{}); err != nil {
			return err
		}
	}
	svc := &portal.Service{Store: sqlstore.PortalStore{DB: a.db}, Dossiers: a.dossiers, Procedure: a.dossiers.Procedure}
	result, err := demoResultPDF(t.Name, done.Code, who.FullName, time.Now())
	if err != nil {
		return err
	}
	if _, err := svc.IssueResult(ctx, desk, t.ID, done.Code, "Giấy đăng ký hoạt động của tổ chức hành nghề luật sư (bản mẫu)", t.Name, result); err != nil {
		return err
	}
	if !dossier.FeeSettled(&done) {
		receipts := &ereceipt.Simulator{Now: a.dossiers.Now}
		if done, err = a.dossiers.CollectFee(ctx, desk, t.ID, done.ID, t.Name, receipts.Issue); err != nil {
			return err
		}
	}
	if _, err := a.dossiers.Act(ctx, desk, t.ID, done.ID, dossier.ActReturn, dossier.Input{}); err != nil {
		return err
	}
	open, err := a.dossiers.Intake(ctx, citizen, t.ID, req)
	if err != nil {
		return err
	}
	if _, err := a.dossiers.Accept(ctx, desk, t.ID, open.ID); err != nil {
		return err
	}
	fmt.Fprintf(out, "Cổng dịch vụ công: đăng nhập bằng công dân thử nghiệm %s (mô phỏng VNeID) để xem hồ sơ mẫu.\n", who.FullName)
	return nil
}

// demoResultPDF is the demo's sample electronic result: a registration
// certificate in correct Vietnamese (embedded fonts), marked as a sample.
func demoResultPDF(agency, code, founder string, at time.Time) ([]byte, error) {
	return render.NoticePDF(render.Notice{
		Agency: render.Agency{Superior: "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", Name: "SỞ TƯ PHÁP", FullName: agency, Place: "Đồng Tháp"},
		Number: "01/TP-ĐKHĐ (bản mẫu)", At: at,
		Title:    "GIẤY ĐĂNG KÝ HOẠT ĐỘNG",
		Subtitle: "của tổ chức hành nghề luật sư (bản mẫu, dữ liệu thử nghiệm)",
		Paragraphs: []string{
			"Tên tổ chức hành nghề luật sư: Văn phòng luật sư An Bình (dữ liệu mẫu).",
			"Trưởng văn phòng: Luật sư " + founder + ".",
			"Địa chỉ trụ sở: 12 Lê Lợi, phường Cao Lãnh, tỉnh Đồng Tháp.",
			"Mã hồ sơ: " + code + ". Văn bản này chỉ dùng để thử nghiệm hệ thống, không có giá trị pháp lý.",
		},
		SignerTitle: "GIÁM ĐỐC", Signer: "Trần Minh Đức (dữ liệu mẫu)",
	})
}
