package main

import (
	"crypto/rand"
	"encoding/base64"
	"flag"
	"net/http"
	"strings"

	"tuphap/internal/external/eid"
	"tuphap/internal/external/payment"
	"tuphap/internal/portal"
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
	paymentURL       *string
	paymentSecret    *string
}

func addPortalFlags(fs *flag.FlagSet, e *env) *portalFlags {
	return &portalFlags{
		publicURL:        fs.String("public-url", e.getenv("TUPHAP_PUBLIC_URL"), "địa chỉ công khai của cổng, ví dụ https://dichvucong.stp.gov.vn (mặc định: http://ADDR) (TUPHAP_PUBLIC_URL)"),
		tenant:           fs.String("portal-tenant", e.getenv("TUPHAP_PORTAL_TENANT"), "mã cơ quan mà cổng dịch vụ công phục vụ (mặc định: cơ quan đầu tiên) (TUPHAP_PORTAL_TENANT)"),
		eidSimulator:     fs.Bool("eid-simulator", envOr(e, "TUPHAP_EID_SIMULATOR", "") == "1", "bật máy mô phỏng định danh điện tử tại /idp-sim/ (chỉ để thử nghiệm; --demo cũng bật) (TUPHAP_EID_SIMULATOR=1)"),
		paymentSimulator: fs.Bool("payment-simulator", envOr(e, "TUPHAP_PAYMENT_SIMULATOR", "") == "1", "bật máy mô phỏng cổng thanh toán tại /pay-sim/ (chỉ để thử nghiệm; --demo cũng bật) (TUPHAP_PAYMENT_SIMULATOR=1)"),
		eidIssuer:        fs.String("eid-issuer", e.getenv("TUPHAP_EID_ISSUER"), "địa chỉ nhà cung cấp định danh (OpenID Connect issuer) (TUPHAP_EID_ISSUER)"),
		eidClientID:      fs.String("eid-client-id", e.getenv("TUPHAP_EID_CLIENT_ID"), "mã ứng dụng đăng ký với nhà cung cấp định danh (TUPHAP_EID_CLIENT_ID)"),
		eidClientSecret:  fs.String("eid-client-secret", e.getenv("TUPHAP_EID_CLIENT_SECRET"), "khóa bí mật của ứng dụng (TUPHAP_EID_CLIENT_SECRET)"),
		paymentURL:       fs.String("payment-url", e.getenv("TUPHAP_PAYMENT_URL"), "trang thanh toán của cổng thanh toán (TUPHAP_PAYMENT_URL)"),
		paymentSecret:    fs.String("payment-secret", e.getenv("TUPHAP_PAYMENT_SECRET"), "khóa HMAC dùng chung với cổng thanh toán (TUPHAP_PAYMENT_SECRET)"),
	}
}

// portalConfig wires the citizens' portal. The simulators are mounted only
// when asked for (--eid-simulator, --payment-simulator, or --demo).
func portalConfig(a *app, pf *portalFlags, addr string, demo bool, tenantDefault string) *web.PortalConfig {
	base := strings.TrimSuffix(*pf.publicURL, "/")
	if base == "" {
		base = "http://" + addr
	}
	tenant := *pf.tenant
	if tenant == "" {
		tenant = tenantDefault
	}
	return newPortalConfig(a.db, a, base, tenant, demo || *pf.eidSimulator, demo || *pf.paymentSimulator,
		*pf.eidIssuer, *pf.eidClientID, *pf.eidClientSecret, *pf.paymentURL, *pf.paymentSecret)
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
