package web

import "testing"

func TestAuditDetail(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ action, detail, want string }{
		// dossier.Service.record stores "from → to[; reason]" with the
		// national status codes (dossier/status.go).
		{"dossier.accept", "1 → 2", "Mới đăng ký → Được tiếp nhận"},
		{"dossier.stop", "4 → 8; Người đề nghị không còn đủ điều kiện", "Đang xử lý → Dừng xử lý; Người đề nghị không còn đủ điều kiện"},
		{"dossier.submit", "0 → 1", "Mới đăng ký"},
		{"dossier.forward", "4 → 4", "Đang xử lý"},
		{"dossier.import", "1.234 hồ sơ", "1.234 hồ sơ"},
		{"dossier.accept", "1 → 42", "1 → 42"},
		{"unit.update", "1 → 2", "1 → 2"},
	} {
		if got := auditDetail(c.action, c.detail); got != c.want {
			t.Errorf("auditDetail(%q, %q) = %q, want %q", c.action, c.detail, got, c.want)
		}
	}
}

func TestActionLabelDossier(t *testing.T) {
	t.Parallel()
	for code, want := range map[string]string{
		"dossier.accept":  "Tiếp nhận hồ sơ",
		"dossier.consult": "Gửi cơ quan phối hợp xác minh",
		"result.issue":    "Đính kèm kết quả giải quyết",
		"dossier.unknown": "dossier.unknown",
	} {
		if got := actionLabel(code); got != want {
			t.Errorf("actionLabel(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestAuditObject(t *testing.T) {
	t.Parallel()
	for o, want := range map[string]auditObj{
		"dossier:000.00.00.H82-261129-0001":          {"Hồ sơ", "000.00.00.H82-261129-0001", "/admin/dossiers/000.00.00.H82-261129-0001"},
		"dossier:01a22596-e161-7d3a-9f51-4d313ff43b": {"Hồ sơ", "01a22596-e161-7d3a-9f51-4d313ff43b", ""},
		"officer:giamdoc":                            {"Cán bộ", "giamdoc", ""},
		"dossiers":                                   {"", "Hồ sơ (nhiều hồ sơ)", ""},
		"jr_convictions":                             {"", "Dữ liệu án tích", ""},
		"nothing":                                    {"", "nothing", ""},
		"sqlite:x":                                   {"", "sqlite:x", ""},
	} {
		if got := auditObject(o); got != want {
			t.Errorf("auditObject(%q) = %+v, want %+v", o, got, want)
		}
	}
}

func TestErrorPageTitle(t *testing.T) {
	t.Parallel()
	for status, want := range map[int]string{
		400: "Thông tin chưa hợp lệ", 403: "Không có quyền truy cập", 404: "Không tìm thấy",
		409: "Không thực hiện được thao tác", 429: "Thao tác quá nhiều lần", 500: "Có lỗi xảy ra",
	} {
		if got := (&errorPage{Status: status}).title(); got != want {
			t.Errorf("title for %d = %q, want %q", status, got, want)
		}
	}
}
