package kit

import (
	"encoding/json"
	"errors"
	"net/http"

	"tuphap/internal/apperr"
)

// Status maps an application error code to its HTTP status.
func Status(c apperr.Code) int {
	switch c {
	case apperr.Invalid:
		return http.StatusBadRequest
	case apperr.Unauthorized:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.TooLarge:
		return http.StatusRequestEntityTooLarge
	case apperr.TooMany:
		return http.StatusTooManyRequests
	case apperr.Unavailable:
		return http.StatusServiceUnavailable
	case apperr.Unsupported:
		return http.StatusUnsupportedMediaType
	case apperr.MethodNotAllowed:
		return http.StatusMethodNotAllowed
	}
	return http.StatusInternalServerError
}

// UserError returns err as an *apperr.Error when it is one the user should
// see on the form (a 4xx), nil otherwise.
func UserError(err error) *apperr.Error {
	var e *apperr.Error
	if errors.As(err, &e) && Status(e.Code) < 500 {
		return e
	}
	return nil
}

// NotFoundAs gives a not-found error a specific message.
func NotFoundAs(err error, msg string) error {
	if errors.Is(err, apperr.ErrNotFound) {
		return apperr.Wrap(apperr.NotFound, msg, err)
	}
	return err
}

// WriteJSON writes v with a status.
func WriteJSON(w http.ResponseWriter, code int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v) // the status is sent; a failed write means the client left
	return nil
}
