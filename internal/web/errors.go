package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/web/kit"
)

// status maps an application error code to its HTTP status.
func status(c apperr.Code) int { return kit.Status(c) }

// problem is an RFC 9457 problem document.
type problem struct {
	Type      string            `json:"type"`
	Title     string            `json:"title"`
	Status    int               `json:"status"`
	Detail    string            `json:"detail"`
	Code      apperr.Code       `json:"code"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
}

// renderError writes err as a Vietnamese HTML page or a JSON problem. Only
// the safe message reaches the user; the cause goes to the log.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	e := apperr.As(err)
	code := status(e.Code)
	rid := requestID(r.Context())
	if code >= 500 {
		s.log.ErrorContext(r.Context(), "request failed", slog.String("request_id", rid), slog.String("path", r.URL.Path), slog.Any("error", err))
	} else if e.Cause != nil {
		s.log.DebugContext(r.Context(), "request refused", slog.String("request_id", rid), slog.Any("error", err))
	}
	if code == http.StatusServiceUnavailable && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", "5")
	}
	if code == http.StatusUnauthorized && !wantsHTML(r) {
		// RFC 6750 §3: a bearer-protected resource names its scheme; a
		// token that was presented and refused is an invalid_token.
		v := `Bearer realm="tuphap"`
		if r.Header.Get("Authorization") != "" {
			v += `, error="invalid_token"`
		}
		w.Header().Set("WWW-Authenticate", v)
	}
	if code == http.StatusTooManyRequests && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", "60")
	}
	if !wantsHTML(r) {
		w.Header().Set("Content-Type", "application/problem+json; charset=utf-8")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(problem{Type: "about:blank", Title: http.StatusText(code), Status: code,
			Detail: e.Message, Code: e.Code, Fields: e.Fields, RequestID: rid})
		return
	}
	page := errorPage{Status: code, Message: e.Message, RequestID: rid}
	s.renderPage(w, r, code, "error", &page)
}

// notFound answers any unknown path.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	err := apperr.New(apperr.NotFound, "Không tìm thấy trang hoặc tài nguyên yêu cầu.")
	if s.portalPages != nil && !strings.HasPrefix(r.URL.Path, "/admin") && !strings.HasPrefix(r.URL.Path, "/api/") {
		// A citizen's mistyped address: the portal's page, with its ways on.
		s.renderPortalError(w, r, err)
		return nil
	}
	return err
}

// formError explains a form body that could not be read.
func formError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return apperr.Wrap(apperr.TooLarge, fmt.Sprintf("Dữ liệu gửi lên vượt quá giới hạn %d KB.", mbe.Limit/1024), err)
	}
	return apperr.Wrap(apperr.Invalid, "Không đọc được dữ liệu biểu mẫu.", err)
}

// decodeJSON reads one JSON object into dst strictly: the body must be
// JSON, at most maxFormBytes, with no unknown fields and nothing after it.
// Every failure becomes a 4xx with a Vietnamese message.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return apperr.New(apperr.Unsupported, "Dữ liệu phải ở định dạng JSON (Content-Type: application/json).")
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxFormBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		if err == nil {
			return apperr.New(apperr.Invalid, "Dữ liệu JSON chỉ được chứa một đối tượng.")
		}
		return jsonError(err)
	}
	return nil
}

func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return apperr.Wrap(apperr.TooLarge, fmt.Sprintf("Dữ liệu gửi lên vượt quá giới hạn %d KB.", mbe.Limit/1024), err)
	case errors.Is(err, io.EOF):
		return apperr.Wrap(apperr.Invalid, "Thiếu dữ liệu JSON trong nội dung yêu cầu.", err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.Wrap(apperr.Invalid, "Dữ liệu JSON bị cắt cụt, không đầy đủ.", err)
	case errors.As(err, &syn):
		return apperr.Wrap(apperr.Invalid, fmt.Sprintf("Dữ liệu JSON sai cú pháp tại vị trí %d.", syn.Offset), err)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return apperr.Wrap(apperr.Invalid, fmt.Sprintf("Dữ liệu JSON phải là một đối tượng, không phải %s.", jsonKind(typ.Value)), err)
		}
		return apperr.Wrap(apperr.Invalid, fmt.Sprintf("Trường %q phải có kiểu %s, không phải %s.", field, goKind(typ.Type.Kind().String()), jsonKind(typ.Value)), err)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		return apperr.Wrap(apperr.Invalid, "Trường không được hỗ trợ: "+name+".", err)
	}
	return apperr.Wrap(apperr.Invalid, "Dữ liệu JSON không hợp lệ.", err)
}

func jsonKind(v string) string {
	switch v {
	case "string":
		return "chuỗi"
	case "number":
		return "số"
	case "bool":
		return "giá trị đúng/sai"
	case "array":
		return "mảng"
	case "object":
		return "đối tượng"
	case "null":
		return "null"
	}
	if strings.HasPrefix(v, "number") {
		return "số"
	}
	return v
}

func goKind(k string) string {
	switch k {
	case "string":
		return "chuỗi"
	case "bool":
		return "giá trị đúng/sai"
	case "slice", "array":
		return "mảng"
	case "map", "struct":
		return "đối tượng"
	}
	if strings.HasPrefix(k, "int") || strings.HasPrefix(k, "uint") || strings.HasPrefix(k, "float") {
		return "số"
	}
	return k
}

// writeJSON writes v with a status.
func writeJSON(w http.ResponseWriter, code int, v any) error { return kit.WriteJSON(w, code, v) }

// retryAfter tells the client when to try again (every 429 and 503 carries
// it, issue 12 §6-7).
func retryAfter(w http.ResponseWriter, d time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(d.Round(time.Second)/time.Second)))
}
