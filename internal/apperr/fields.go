package apperr

import (
	"errors"
	"strings"
)

// FieldList gathers every field error of a form or request, so that all
// mistakes are reported at once, in the order they were found.
type FieldList struct {
	order  []string
	fields map[string]string
}

// Add records msg for field (the first message of a field wins).
func (l *FieldList) Add(field, msg string) {
	if l.fields == nil {
		l.fields = map[string]string{}
	}
	if _, ok := l.fields[field]; ok {
		return
	}
	l.fields[field] = msg
	l.order = append(l.order, field)
}

// Merge adds the field errors of err (an *Error with Fields) and reports
// whether it did; any other non-nil error is returned to the caller as it
// is, to stop there.
func (l *FieldList) Merge(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) && e.Code == Invalid && len(e.Fields) > 0 {
		for k, m := range e.Fields {
			l.Add(k, m)
		}
		return nil
	}
	return err
}

// Err is nil when nothing was added, else one Invalid error whose message
// lists every field's message and whose Fields name them.
func (l *FieldList) Err() error {
	if len(l.order) == 0 {
		return nil
	}
	msgs := make([]string, len(l.order))
	for i, k := range l.order {
		msgs[i] = l.fields[k]
	}
	return &Error{Code: Invalid, Message: strings.Join(msgs, " "), Fields: l.fields}
}
