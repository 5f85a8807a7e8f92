package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuphap/internal/sqlstore"
)

// TestLegalDocReviewVerdicts: a review round shows each document's verdict
// and the counts by verdict; a verdict on an unknown number or a bad
// verdict is refused beside its field; a later verdict on the same
// document replaces the earlier one; a statistician reads but cannot
// write; another department reaches neither the round nor its documents.
// A check with findings shows its conclusion.
func TestLegalDocReviewVerdicts(t *testing.T) {
	f := newLegalDocFixture(t, sqlstore.SQLite)
	b := f.browser()
	b.mustLogin(f.a.Code, "chuyenvien")
	b.get("/admin/van-ban/co-so-du-lieu/moi")
	var ids []string
	for _, d := range []url.Values{
		{"kind": {"council_resolution"}, "number": {"12/2024/NQ-HĐND"}, "title": {"Quy định mức thu học phí"}, "issuer": {"HĐND tỉnh"}, "signed_on": {"10/07/2024"}, "in_force_on": {"01/08/2024"}},
		{"kind": {"pc_decision"}, "number": {"30/2024/QĐ-UBND"}, "title": {"Quy chế quản lý cụm công nghiệp"}, "issuer": {"UBND tỉnh"}, "signed_on": {"10/07/2024"}, "in_force_on": {"01/08/2024"}},
	} {
		d.Set("csrf", b.csrf)
		code, loc, body := b.postLoc("/admin/van-ban/co-so-du-lieu/moi", d)
		if code != http.StatusSeeOther {
			t.Fatalf("document: %d %s", code, body)
		}
		ids = append(ids, idFrom(t, b, loc))
	}
	b.get("/admin/van-ban/ra-soat")
	code, _, body := b.postLoc("/admin/van-ban/ra-soat", url.Values{"csrf": {b.csrf}, "kind": {"topic"}, "title": {"Rà soát văn bản về giáo dục năm 2026"}, "started_on": {"02/03/2026"}})
	if code != http.StatusSeeOther {
		t.Fatalf("review: %d %s", code, body)
	}
	_, list := b.get("/admin/van-ban/ra-soat")
	i := strings.Index(list, `href="/admin/van-ban/ra-soat/`)
	if i < 0 {
		t.Fatal("the rounds list links no round")
	}
	rid := list[i+len(`href="/admin/van-ban/ra-soat/`):]
	rid = rid[:strings.Index(rid, `"`)]
	base := "/admin/van-ban/ra-soat/" + rid
	for _, bad := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"doc_number": {"99/2024/NQ-HĐND"}, "verdict": {"amend"}}, "Không có văn bản số 99/2024/NQ-HĐND"},
		{url.Values{"doc_number": {""}, "verdict": {"amend"}}, "Nhập số, ký hiệu văn bản"},
		{url.Values{"doc_number": {"12/2024/NQ-HĐND"}, "verdict": {"abolish"}}, "Chọn kết quả rà soát"},
		{url.Values{"doc_number": {"12/2024/NQ-HĐND"}, "verdict": {"amend"}, "note": {strings.Repeat("x", 2001)}}, "Ghi chú dài quá 2000 ký tự"},
	} {
		bad.form.Set("csrf", b.csrf)
		if code, _, body := b.postLoc(base+"/van-ban", bad.form); code != http.StatusUnprocessableEntity || !strings.Contains(body, bad.want) {
			t.Errorf("%v: %d, want 422 with %q", bad.form, code, bad.want)
		}
	}
	for _, v := range []url.Values{
		{"doc_number": {"12/2024/nq-hđnd"}, "verdict": {"keep"}},
		{"doc_number": {"30/2024/QĐ-UBND"}, "verdict": {"repeal"}, "note": {"Luật mới bãi bỏ cơ sở ban hành"}},
		{"doc_number": {"12/2024/NQ-HĐND"}, "verdict": {"amend"}, "note": {"Sửa mức thu theo Nghị định mới"}},
	} {
		v.Set("csrf", b.csrf)
		if code, loc, body := b.postLoc(base+"/van-ban", v); code != http.StatusSeeOther || loc != base {
			t.Fatalf("verdict %v: %d %s", v, code, body)
		}
	}
	code, page := b.get(base)
	if code != http.StatusOK {
		t.Fatalf("round: %d", code)
	}
	for _, want := range []string{"Rà soát văn bản về giáo dục năm 2026", "/admin/van-ban/co-so-du-lieu/" + ids[0], "Cần sửa đổi, bổ sung", "Sửa mức thu theo Nghị định mới",
		"Cần bãi bỏ", "Luật mới bãi bỏ cơ sở ban hành", "Cần sửa đổi, bổ sung: <strong>1</strong>", "Cần bãi bỏ: <strong>1</strong>", "Còn phù hợp: <strong>0</strong>"} {
		if !strings.Contains(page, want) {
			t.Errorf("round page: %q missing", want)
		}
	}
	// The statistician reads, cannot write.
	s := f.browser()
	s.mustLogin(f.a.Code, "thongke")
	if code, body := s.get(base); code != http.StatusOK || !strings.Contains(body, "Cần bãi bỏ") || strings.Contains(body, base+"/van-ban") {
		t.Errorf("statistician reads the round: %d (without the form)", code)
	}
	if code, _ := s.post(base+"/van-ban", url.Values{"csrf": {s.csrf}, "doc_number": {"12/2024/NQ-HĐND"}, "verdict": {"keep"}}); code != http.StatusForbidden {
		t.Errorf("statistician writes a verdict: %d", code)
	}
	// Another department.
	o := f.browser()
	o.mustLogin(f.b.Code, "chuyenvien")
	if code, _ := o.get(base); code != http.StatusNotFound {
		t.Errorf("another department reads the round: %d", code)
	}
	if code, _ := o.post(base+"/van-ban", url.Values{"csrf": {o.csrf}, "doc_number": {"12/2024/NQ-HĐND"}, "verdict": {"keep"}}); code != http.StatusNotFound {
		t.Errorf("another department writes a verdict: %d", code)
	}
	if code, _ := b.get("/admin/van-ban/ra-soat/00000000-0000-0000-0000-000000000000"); code != http.StatusNotFound {
		t.Errorf("unknown round: %d", code)
	}
	// A check with a finding shows its conclusion.
	b.get("/admin/van-ban/kiem-tra")
	code, loc, body := b.postLoc("/admin/van-ban/kiem-tra", url.Values{"csrf": {b.csrf}, "mode": {"issued"}, "doc_number": {"01/2026/NQ-HĐND"}, "doc_title": {"Nghị quyết của xã"}, "issuer": {"HĐND xã A"}, "received_on": {"02/03/2026"}})
	if code != http.StatusSeeOther {
		t.Fatalf("check: %d %s", code, body)
	}
	cid := idFrom(t, b, loc)
	if code, _, body := b.postLoc("/admin/van-ban/kiem-tra/"+cid+"/ket-qua", url.Values{"csrf": {b.csrf}, "on": {"05/03/2026"}, "article": {"khoản 2 Điều 3"},
		"content": {"Đặt thêm phí"}, "basis": {"Luật Phí và lệ phí"}, "proposed": {"Bãi bỏ khoản 2 Điều 3"}}); code != http.StatusSeeOther {
		t.Fatalf("check result: %d %s", code, body)
	}
	if _, body := b.get("/admin/van-ban/kiem-tra/" + cid); !strings.Contains(body, "Kết luận kiểm tra") || !strings.Contains(body, "Có nội dung trái pháp luật") {
		t.Error("the check's conclusion is not shown")
	}
	// A document's page lists its checks and the review verdicts on it:
	// a check opened by the number of a book document is linked to it, one
	// opened from the page too; the other document's verdict stays on its
	// own page; the public page shows neither.
	code, loc, body = b.postLoc("/admin/van-ban/kiem-tra", url.Values{"csrf": {b.csrf}, "mode": {"self"}, "doc_number": {"12/2024/nq-hđnd"}, "doc_title": {"x"}, "issuer": {"x"}, "received_on": {"03/03/2026"}})
	if code != http.StatusSeeOther {
		t.Fatalf("check by number: %d %s", code, body)
	}
	byNumber := idFrom(t, b, loc)
	if code, _, body := b.postLoc("/admin/van-ban/kiem-tra/"+byNumber+"/ket-qua", url.Values{"csrf": {b.csrf}, "on": {"06/03/2026"}, "article": {"Điều 4"},
		"content": {"Mức thu vượt khung"}, "basis": {"Nghị định 81/2021/NĐ-CP"}, "proposed": {"sửa đổi Điều 4"}}); code != http.StatusSeeOther {
		t.Fatalf("check result: %d %s", code, body)
	}
	if code, loc, body := b.postLoc("/admin/van-ban/kiem-tra", url.Values{"csrf": {b.csrf}, "mode": {"issued"}, "document_id": {ids[0]}, "received_on": {"04/03/2026"}}); code != http.StatusSeeOther || idFrom(t, b, loc) == byNumber {
		t.Fatalf("check from the page: %d %s", code, body)
	}
	_, doc := b.get("/admin/van-ban/co-so-du-lieu/" + ids[0])
	i = strings.Index(doc, `id="kiem-tra-ra-soat"`)
	if i < 0 {
		t.Fatal("the document page has no checks and reviews section")
	}
	sec := doc[i:]
	sec = sec[:strings.Index(sec, "</section>")]
	for _, want := range []string{"/admin/van-ban/kiem-tra/" + byNumber, "Phát hiện 1 nội dung trái pháp luật", "sửa đổi Điều 4", "Tự kiểm tra", "Kiểm tra văn bản gửi đến",
		"Đang kiểm tra", base, "Cần sửa đổi, bổ sung", "Sửa mức thu theo Nghị định mới"} {
		if !strings.Contains(sec, want) {
			t.Errorf("the document's checks and reviews: %q missing", want)
		}
	}
	for _, not := range []string{"Cần bãi bỏ", "/admin/van-ban/kiem-tra/" + cid} {
		if strings.Contains(sec, not) {
			t.Errorf("the document's section shows another document's %q", not)
		}
	}
	if _, doc := b.get("/admin/van-ban/co-so-du-lieu/" + ids[1]); !strings.Contains(doc, "Cần bãi bỏ") || !strings.Contains(doc, "Văn bản chưa được kiểm tra") {
		t.Error("the other document's page lacks its own verdict")
	}
	if _, pub := f.browser().get("/van-ban/" + ids[0]); strings.Contains(pub, "kiem-tra-ra-soat") || strings.Contains(pub, "Cần sửa đổi") {
		t.Error("the public page shows the checks or reviews")
	}
}
