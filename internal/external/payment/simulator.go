package payment

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/portal"
)

// Simulator is a local payment gateway: a checkout page (the request's
// signature is checked, so the amount cannot be edited in the URL) where the
// tester pays or cancels; it then sends the signed notification to
// NotifyURL (server to server) and redirects the browser to the merchant's
// return URL with the same signed fields. Mount it at the path of
// CheckoutAt with http.StripPrefix.
type Simulator struct {
	Secret    []byte
	NotifyURL string // the merchant's IPN endpoint
	Client    *http.Client
	Now       func() time.Time
}

var simTmpl = template.Must(template.New("p").Funcs(template.FuncMap{"vnd": portal.FormatVND}).Parse(payPage))

type payPageData struct {
	Error  string
	Amount int64
	Info   string
	Txn    string
	Fields map[string]string
}

// ServeHTTP serves the checkout page (GET) and its answer (POST).
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	var v url.Values
	switch r.Method {
	case http.MethodGet:
		v = r.URL.Query()
	case http.MethodPost:
		r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		v = r.PostForm
	default:
		http.Error(w, "method", http.StatusMethodNotAllowed)
		return
	}
	req := url.Values{}
	for _, k := range []string{FieldTxn, FieldAmount, FieldInfo, FieldReturn, FieldSig} {
		req.Set(k, v.Get(k))
	}
	amount, err := strconv.ParseInt(req.Get(FieldAmount), 10, 64)
	d := payPageData{Amount: amount, Info: req.Get(FieldInfo), Txn: req.Get(FieldTxn), Fields: map[string]string{}}
	for k := range req {
		d.Fields[k] = req.Get(k)
	}
	if !VerifySignature(s.Secret, req) || err != nil || amount <= 0 || !strings.HasPrefix(req.Get(FieldReturn), "http") {
		d.Error = "Yêu cầu thanh toán không hợp lệ (sai chữ ký hoặc thiếu thông tin)."
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		simTmpl.Execute(w, d)
		return
	}
	if r.Method == http.MethodGet {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		simTmpl.Execute(w, d)
		return
	}
	result := "24" // cancelled by the payer
	if v.Get("decision") == "pay" {
		result = "00"
	}
	b := make([]byte, 6)
	rand.Read(b)
	note := url.Values{}
	note.Set(FieldTxn, req.Get(FieldTxn))
	note.Set(FieldAmount, req.Get(FieldAmount))
	note.Set(FieldRef, "SIM"+strings.ToUpper(hex.EncodeToString(b)))
	note.Set(FieldResult, result)
	note.Set(FieldSig, Sign(s.Secret, note))
	s.notify(r.Context(), note)
	back, err := url.Parse(req.Get(FieldReturn))
	if err != nil {
		http.Error(w, "bad return", http.StatusBadRequest)
		return
	}
	q := back.Query()
	for k := range note {
		q.Set(k, note.Get(k))
	}
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusSeeOther)
}

// notify posts the signed outcome to the merchant, as a gateway's IPN.
// A failure is left to the return page, which shows the payment as still
// pending; a real gateway retries.
func (s *Simulator) notify(ctx context.Context, note url.Values) {
	if s.NotifyURL == "" {
		return
	}
	c := s.Client
	if c == nil {
		c = &http.Client{Timeout: 10 * time.Second}
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.NotifyURL, strings.NewReader(note.Encode()))
	if err != nil {
		return
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, err := c.Do(req); err == nil {
		resp.Body.Close()
	}
}

const payPage = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mô phỏng cổng thanh toán</title><link rel="stylesheet" href="/static/portal.css"></head>
<body class="sim"><main class="pwrap">
<p class="sim-banner" role="note">MÔI TRƯỜNG MÔ PHỎNG — không có tiền thật được chuyển. Chỉ dùng để thử nghiệm.</p>
<h1>Cổng thanh toán (mô phỏng)</h1>
{{if .Error}}<p class="perror" role="alert">{{.Error}}</p>{{else}}
<div class="pcard"><dl class="pfacts"><dt>Nội dung</dt><dd>{{.Info}}</dd><dt>Mã giao dịch</dt><dd>{{.Txn}}</dd>
<dt>Số tiền</dt><dd class="pbig" id="sim-amount">{{vnd .Amount}}</dd></dl>
<form method="post" action="">{{range $k, $v := .Fields}}<input type="hidden" name="{{$k}}" value="{{$v}}">{{end}}
<div class="pactions"><button class="pbtn primary" type="submit" name="decision" value="pay" id="sim-pay">Xác nhận thanh toán</button>
<button class="pbtn ghost" type="submit" name="decision" value="cancel">Hủy giao dịch</button></div></form></div>{{end}}
</main></body></html>`
