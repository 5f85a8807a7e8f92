// Package apperr holds the one application error type of tuphap.
//
// An *Error carries a machine code, a message that is safe to show to a user
// (in Vietnamese) and, optionally, the internal cause that goes to the log and
// never to the user. The web layer maps Code to an HTTP status and renders the
// message as an HTML page or a JSON problem document.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error for the user and for HTTP.
type Code string

const (
	Invalid          Code = "invalid"            // 400/422: bad input
	Unauthorized     Code = "unauthorized"       // 401: not signed in
	Forbidden        Code = "forbidden"          // 403: signed in but not allowed
	NotFound         Code = "not_found"          // 404
	Conflict         Code = "conflict"           // 409: duplicate, stale state
	TooLarge         Code = "too_large"          // 413
	TooMany          Code = "too_many"           // 429: rate limited or locked
	Unavailable      Code = "unavailable"        // 503: database down, retry later
	Internal         Code = "internal"           // 500: a bug; the message is generic
	Unsupported      Code = "unsupported"        // 415
	MethodNotAllowed Code = "method_not_allowed" // 405
)

// Error is the application error. Message is shown to users; Cause is not.
type Error struct {
	Code    Code
	Message string
	// Fields maps a form or JSON field to its own message, for forms that
	// show errors beside inputs.
	Fields map[string]string
	Cause  error
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Cause)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Cause }

// New returns an error with a safe message.
func New(code Code, msg string) *Error { return &Error{Code: code, Message: msg} }

// Newf formats a safe message.
func Newf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap attaches an internal cause to a safe message.
func Wrap(code Code, msg string, cause error) *Error {
	return &Error{Code: code, Message: msg, Cause: cause}
}

// Field returns an Invalid error about one field.
func Field(field, msg string) *Error {
	return &Error{Code: Invalid, Message: msg, Fields: map[string]string{field: msg}}
}

// Sentinels shared by every store so that domain code and the web layer can
// recognise them with errors.Is whatever the engine.
var (
	ErrNotFound    = New(NotFound, "Không tìm thấy dữ liệu yêu cầu.")
	ErrConflict    = New(Conflict, "Dữ liệu đã tồn tại hoặc vừa bị thay đổi.")
	ErrUnavailable = New(Unavailable, "Cơ sở dữ liệu tạm thời không sẵn sàng. Vui lòng thử lại sau.")
)

// As returns the *Error in err's chain, or an Internal error wrapping err.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: Internal, Message: "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.", Cause: err}
}

// CodeOf returns the code of err, Internal when err is not an *Error.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	return As(err).Code
}

// Sentence is a message written for a user as a Vietnamese sentence: it
// starts with a capital and ends with a full stop, as the forms and the
// import reports print it. Domain rules that answer with such a sentence
// return Textf rather than fmt.Errorf, whose strings Go keeps lower-case
// and unpunctuated (they are meant to be wrapped, and these are not).
type Sentence string

func (s Sentence) Error() string { return string(s) }

// Textf formats a Sentence.
func Textf(format string, args ...any) error {
	return Sentence(fmt.Sprintf(format, args...))
}
