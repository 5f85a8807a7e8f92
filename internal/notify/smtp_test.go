package notify

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"
)

// smtpServer is a tiny SMTP server on loopback that records what it gets.
type smtpServer struct {
	ln  net.Listener
	tls *tls.Config // STARTTLS offered when set

	mu  sync.Mutex
	got []received
}

type received struct {
	from, to string
	data     string
	tls      bool
}

func newSMTPServer(t *testing.T, tlsCfg *tls.Config) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, tls: tlsCfg}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	say := func(line string) { w.WriteString(line + "\r\n"); w.Flush() }
	say("220 test ESMTP")
	var cur received
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		cmd := strings.ToUpper(line)
		switch {
		case strings.HasPrefix(cmd, "EHLO"):
			if s.tls != nil && !cur.tls {
				say("250-test\r\n250-8BITMIME\r\n250 STARTTLS")
			} else {
				say("250-test\r\n250 8BITMIME")
			}
		case cmd == "STARTTLS":
			say("220 go ahead")
			tc := tls.Server(c, s.tls)
			if err := tc.Handshake(); err != nil {
				return
			}
			c, r, w = tc, bufio.NewReader(tc), bufio.NewWriter(tc)
			cur.tls = true
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			cur.from = strings.Trim(line[len("MAIL FROM:"):], "<> ")
			if i := strings.Index(cur.from, ">"); i >= 0 {
				cur.from = cur.from[:i]
			}
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			cur.to = strings.Trim(line[len("RCPT TO:"):], "<> ")
			switch {
			case strings.HasPrefix(cur.to, "reject"):
				say("550 5.1.1 <" + cur.to + "> user unknown")
			case strings.HasPrefix(cur.to, "busy"):
				say("451 4.3.0 try again later")
			default:
				say("250 ok")
			}
		case cmd == "DATA":
			say("354 end with .")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			cur.data = b.String()
			s.mu.Lock()
			s.got = append(s.got, cur)
			s.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("502 not implemented")
		}
	}
}

func (s *smtpServer) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

// selfSigned returns a server config with a fresh certificate for
// 127.0.0.1 and a client config that trusts it.
func selfSigned(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
}

var mailMsg = Message{TenantID: "t1", ID: "01a2-msg", Channel: Email, To: "Nguyễn Thị Nhung <nhung@example.vn>",
	Subject:   "Tiếp nhận hồ sơ 000.00.00.H82-261123-0001 – hẹn trả 07/12/2026",
	Body:      "Kính gửi Ông/Bà,\nHồ sơ đã được tiếp nhận.\n.dòng bắt đầu bằng dấu chấm",
	CreatedAt: time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)}

func TestSMTPSenderDelivers(t *testing.T) {
	for _, withTLS := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "starttls"}[withTLS]
		t.Run(name, func(t *testing.T) {
			var srvCfg, cliCfg *tls.Config
			if withTLS {
				srvCfg, cliCfg = selfSigned(t)
			}
			srv := newSMTPServer(t, srvCfg)
			s := &SMTPSender{Addr: srv.ln.Addr().String(), From: "Sở Tư pháp <motcua@stp.example.gov.vn>", StartTLS: withTLS, TLSConfig: cliCfg}
			if err := s.Send(context.Background(), mailMsg); err != nil {
				t.Fatal(err)
			}
			got := srv.received()
			if len(got) != 1 {
				t.Fatalf("server received %d messages", len(got))
			}
			r := got[0]
			if r.from != "motcua@stp.example.gov.vn" || r.to != "nhung@example.vn" || r.tls != withTLS {
				t.Fatalf("envelope = %+v", r)
			}
			msg, err := mail.ReadMessage(strings.NewReader(r.data))
			if err != nil {
				t.Fatal(err)
			}
			subj, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
			if err != nil || subj != mailMsg.Subject {
				t.Errorf("subject = %q (%v), want %q", subj, err, mailMsg.Subject)
			}
			if raw := msg.Header.Get("Subject"); !strings.HasPrefix(raw, "=?utf-8?q?") {
				t.Errorf("subject not RFC 2047 encoded: %q", raw)
			}
			to, err := msg.Header.AddressList("To")
			if err != nil || to[0].Name != "Nguyễn Thị Nhung" {
				t.Errorf("To = %v %v", to, err)
			}
			if want := MessageID("t1", "01a2-msg", "stp.example.gov.vn"); msg.Header.Get("Message-Id") != want {
				t.Errorf("Message-ID = %q, want %q", msg.Header.Get("Message-Id"), want)
			}
			if d, err := msg.Header.Date(); err != nil || !d.Equal(mailMsg.CreatedAt) {
				t.Errorf("Date = %v %v", d, err)
			}
			body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
			if want := strings.ReplaceAll(mailMsg.Body, "\n", "\r\n") + "\r\n"; string(body) != want {
				t.Errorf("body = %q, want %q", body, want)
			}
		})
	}
}

func TestSMTPMessageIDDeterministic(t *testing.T) {
	a := MessageID("t1", "m1", "x.vn")
	if a != MessageID("t1", "m1", "x.vn") {
		t.Fatal("same tenant and message give different IDs")
	}
	if a == MessageID("t2", "m1", "x.vn") || a == MessageID("t1", "m2", "x.vn") {
		t.Fatal("different messages share an ID")
	}
	if !strings.HasPrefix(a, "<") || !strings.HasSuffix(a, "@x.vn>") {
		t.Fatalf("Message-ID %q", a)
	}
	// The same message composed twice gives the same bytes.
	s := &SMTPSender{From: "a@x.vn"}
	from, to := &mail.Address{Address: "a@x.vn"}, &mail.Address{Address: "b@y.vn"}
	m1, _ := s.Compose(mailMsg, from, to)
	m2, _ := s.Compose(mailMsg, from, to)
	if string(m1) != string(m2) {
		t.Fatal("Compose is not deterministic")
	}
	// A subject with a line break cannot inject a header.
	inj := mailMsg
	inj.Subject = "Chào\r\nBcc: x@evil.example"
	m3, _ := s.Compose(inj, from, to)
	if strings.Contains(string(m3), "\r\nBcc:") {
		t.Fatalf("header injected:\n%s", m3)
	}
}

func TestSMTPSenderFailures(t *testing.T) {
	srv := newSMTPServer(t, nil)
	s := &SMTPSender{Addr: srv.ln.Addr().String(), From: "motcua@stp.example.gov.vn"}
	ctx := context.Background()
	tests := []struct {
		name      string
		sender    *SMTPSender
		to        string
		permanent bool
	}{
		{"unknown user (550)", s, "reject@example.vn", true},
		{"try later (451)", s, "busy@example.vn", false},
		{"malformed address", s, "không phải địa chỉ", true},
		{"STARTTLS required but not offered", &SMTPSender{Addr: s.Addr, From: s.From, StartTLS: true}, "a@example.vn", false},
		{"relay down", &SMTPSender{Addr: "127.0.0.1:1", From: s.From}, "a@example.vn", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := mailMsg
			m.To = tc.to
			err := tc.sender.Send(ctx, m)
			if err == nil {
				t.Fatal("no error")
			}
			if IsPermanent(err) != tc.permanent {
				t.Errorf("permanent = %v, want %v (%v)", IsPermanent(err), tc.permanent, err)
			}
		})
	}
	if n := len(srv.received()); n != 0 {
		t.Errorf("server accepted %d messages", n)
	}
}

func TestSMTPSenderRespectsContext(t *testing.T) {
	// A server that accepts and never answers.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			defer c.Close()
			io.Copy(io.Discard, c)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	s := &SMTPSender{Addr: ln.Addr().String(), From: "a@x.vn"}
	if err := s.Send(ctx, mailMsg); err == nil || IsPermanent(err) {
		t.Fatalf("err = %v, want a retryable error", err)
	}
}
