package notify

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"tuphap/internal/dossier"
)

func ptr(t time.Time) *time.Time { return &t }

// vnTime is a time in Vietnam (UTC+7).
func vnTime(y int, m time.Month, d, hh int) time.Time {
	return time.Date(y, m, d, hh, 0, 0, 0, vietnam)
}

func sampleDossier() *dossier.Dossier {
	return &dossier.Dossier{TenantID: "t1", ID: "01a2255d-70c5-74e6-9f42-d605f8fb510f", Ref: "01a2255d-70c5-74e6-9f42-d605f8fb510f",
		Code: "000.00.00.H82-261123-0001", ProcedureName: "Bổ nhiệm công chứng viên", Version: 2,
		Applicant: dossier.Applicant{FullName: "Nguyễn Thị Hồng Nhung", Phone: "0912345678", Email: "nhung@example.vn"},
		// 23/11 08:00 in Vietnam; 22/12 17:30 is still 22/12 although it is 10:30 UTC.
		SubmittedAt: vnTime(2026, 11, 23, 8), AcceptedAt: ptr(vnTime(2026, 11, 23, 8)),
		DueAt: ptr(time.Date(2026, 12, 22, 17, 30, 0, 0, vietnam)), LookupPIN: "493027",
		Delivery: "Tại Bộ phận Tiếp nhận và Trả kết quả", EndReason: "Hồ sơ không thuộc thẩm quyền giải quyết của Sở Tư pháp",
		Supplements: []dossier.Supplement{{At: vnTime(2026, 11, 25, 9), Reason: "Thiếu bản sao chứng chỉ hành nghề luật sư có chứng thực",
			Items: []string{"Bản sao chứng chỉ"}, Deadline: ptr(vnTime(2026, 12, 2, 17))}},
		Apology:    &dossier.Apology{Reason: "Chờ ý kiến cơ quan phối hợp", NewDueAt: time.Date(2026, 12, 29, 0, 30, 0, 0, time.UTC)},
		ReturnedAt: ptr(vnTime(2026, 12, 21, 10)),
	}
}

func TestMessagesPerKind(t *testing.T) {
	tests := []struct {
		kind    string
		sms     []string // must appear in the SMS
		subject string   // must appear in the subject
	}{
		{KindSubmitted, []string{"đã được gửi trực tuyến"}, "Đã nhận hồ sơ trực tuyến"},
		{KindAccepted, []string{"000.00.00.H82-261123-0001", "22/12/2026", "Mã tra cứu: 493027"}, "hẹn trả 22/12/2026"},
		{KindRefused, []string{"không được tiếp nhận", "Lý do: Hồ sơ không thuộc thẩm quyền"}, "Từ chối tiếp nhận"},
		{KindSupplement, []string{"cần bổ sung", "trước ngày 02/12/2026", "Thiếu bản sao"}, "Yêu cầu bổ sung"},
		// 00:30 UTC on 29/12 is 07:30 on 29/12 in Vietnam.
		{KindApology, []string{"Xin lỗi", "Ngày hẹn mới: 29/12/2026", "22/12/2026"}, "xin lỗi"},
		{KindResultReady, []string{"đã có kết quả"}, "đã có kết quả"},
		{KindReturned, []string{"đã trả kết quả ngày 21/12/2026"}, "Đã trả kết quả"},
		// Decree 118/2025/NĐ-CP Art. 19(5) and 19(3).
		{KindReturnedIncomplete, []string{"trả lại", "chưa bổ sung"}, "Trả lại hồ sơ"},
		{KindRefusedResolution, []string{"từ chối giải quyết", "Lý do: Hồ sơ không thuộc thẩm quyền"}, "Từ chối giải quyết"},
	}
	for _, tc := range tests {
		t.Run(tc.kind, func(t *testing.T) {
			d := sampleDossier()
			if tc.kind == KindSubmitted {
				d.Code = ""
			}
			out := Messages(tc.kind, d)
			if len(out) != 2 {
				t.Fatalf("%d messages, want SMS and e-mail", len(out))
			}
			sms, mail := out[0], out[1]
			if sms.Channel != "sms" || sms.To != "0912345678" || sms.Subject != "" {
				t.Errorf("sms = %+v", sms)
			}
			for _, want := range tc.sms {
				if !strings.Contains(sms.Body, want) {
					t.Errorf("SMS %q lacks %q", sms.Body, want)
				}
			}
			if n := len([]rune(Unaccent(sms.Body))); n > 160 {
				t.Errorf("SMS unaccented is %d characters, over one segment: %q", n, Unaccent(sms.Body))
			}
			if mail.Channel != "email" || mail.To != "nhung@example.vn" || !strings.Contains(strings.ToLower(mail.Subject), strings.ToLower(tc.subject)) {
				t.Errorf("mail = %+v", mail)
			}
			if !strings.Contains(mail.Body, "Kính gửi Ông/Bà Nguyễn Thị Hồng Nhung") || !strings.Contains(mail.Body, "Bổ nhiệm công chứng viên") {
				t.Errorf("mail body:\n%s", mail.Body)
			}
			if sms.Key == "" || sms.Key == mail.Key || !strings.HasPrefix(sms.Key, tc.kind+":") {
				t.Errorf("keys %q %q", sms.Key, mail.Key)
			}
			// The next event of the same kind (a second supplement request)
			// has another version and so another key.
			d.Version++
			if again := Messages(tc.kind, d); again[0].Key == sms.Key {
				t.Errorf("key %q does not change with the dossier version", sms.Key)
			}
		})
	}
}

func TestMessagesChannelsAndUnknownKinds(t *testing.T) {
	d := sampleDossier()
	d.Applicant.Email = ""
	if out := Messages(KindAccepted, d); len(out) != 1 || out[0].Channel != "sms" {
		t.Errorf("no e-mail address: %+v", out)
	}
	d.Applicant.Phone = ""
	if out := Messages(KindAccepted, d); len(out) != 0 {
		t.Errorf("no contact: %+v", out)
	}
	if out := Messages("dossier.something_else", sampleDossier()); out != nil {
		t.Errorf("unknown kind: %+v", out)
	}
	d = sampleDossier()
	d.Apology = nil
	if out := Messages(KindApology, d); out != nil {
		t.Errorf("apology without apology: %+v", out)
	}
}

func TestMessagesLongReasonClipped(t *testing.T) {
	d := sampleDossier()
	d.EndReason = strings.Repeat("Thành phần hồ sơ không đúng quy định ", 10)
	out := Messages(KindRefused, d)
	if n := len([]rune(Unaccent(out[0].Body))); n > 160 {
		t.Errorf("refusal SMS %d characters: %q", n, out[0].Body)
	}
	if !strings.Contains(out[1].Body, strings.TrimSpace(d.EndReason)) {
		t.Error("the e-mail must carry the whole reason")
	}
}

func TestUnaccentAndSegments(t *testing.T) {
	for in, want := range map[string]string{
		"Hồ sơ đã được tiếp nhận": "Ho so da duoc tiep nhan",
		"ĐỒNG THÁP, Quảng Trị":    "DONG THAP, Quang Tri",
		"Mã tra cứu: 493027.":     "Ma tra cuu: 493027.",
	} {
		if got := Unaccent(in); got != want {
			t.Errorf("Unaccent(%q) = %q, want %q", in, got, want)
		}
	}
	for _, tc := range []struct {
		text string
		want int
	}{
		{strings.Repeat("a", 160), 1}, {strings.Repeat("a", 161), 2}, {strings.Repeat("a", 306), 2}, {strings.Repeat("a", 307), 3},
		{strings.Repeat("ồ", 70), 1}, {strings.Repeat("ồ", 71), 2},
	} {
		if got := Segments(tc.text); got != tc.want {
			t.Errorf("Segments(%d × %q) = %d, want %d", len([]rune(tc.text)), []rune(tc.text)[0], got, tc.want)
		}
	}
}

func TestSMSSenderAndSimulator(t *testing.T) {
	var logBuf bytes.Buffer
	sim := &SMSSimulator{Size: 3, Log: slog.New(slog.NewTextHandler(&logBuf, nil))}
	s := &SMSSender{Gateway: sim, Unaccented: true}
	ctx := context.Background()
	if err := s.Send(ctx, Message{TenantID: "t1", ID: "m1", Channel: SMS, To: "+84 912.345.678", Body: "Hồ sơ đã được tiếp nhận"}); err != nil {
		t.Fatal(err)
	}
	in := sim.Inbox("t1")
	if len(in) != 1 || in[0].To != "0912345678" || in[0].Text != "Ho so da duoc tiep nhan" || in[0].Key != "m1" {
		t.Fatalf("inbox = %+v", in)
	}
	if strings.Contains(logBuf.String(), "0912345678") || !strings.Contains(logBuf.String(), "091****678") {
		t.Errorf("log line must mask the number: %s", logBuf.String())
	}
	if len(sim.Inbox("t2")) != 0 {
		t.Error("another tenant sees the inbox")
	}

	err := s.Send(ctx, Message{TenantID: "t1", ID: "m2", To: "12345", Body: "x"})
	if !IsPermanent(err) {
		t.Errorf("bad number: %v, want permanent", err)
	}
	err = s.Send(ctx, Message{TenantID: "t1", ID: "m3", To: "0912345678", Body: strings.Repeat("a", 153*3+1)})
	if !IsPermanent(err) {
		t.Errorf("too long: %v, want permanent", err)
	}
	if err := (&SMSSender{}).Send(ctx, Message{To: "0912345678"}); err == nil || IsPermanent(err) {
		t.Errorf("no gateway: %v, want a retryable error", err)
	}

	// The ring keeps the newest Size messages, newest first.
	for _, id := range []string{"a", "b", "c", "d"} {
		sim.SendSMS(ctx, TextMessage{TenantID: "t1", To: "0912345678", Text: id})
	}
	in = sim.Inbox("t1")
	var got []string
	for _, m := range in {
		got = append(got, m.Text)
	}
	if strings.Join(got, ",") != "d,c,b" {
		t.Errorf("ring = %v, want d,c,b", got)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := sim.SendSMS(cctx, TextMessage{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{"0912345678": "091****678", "12345": "*****", "": ""} {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}
