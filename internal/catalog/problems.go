package catalog

import (
	"strings"

	"tuphap/internal/apperr"
)

// problems collects what is wrong with a procedure, so that one error lists
// every problem and forms can show each beside its field.
type problems struct {
	fields map[string]string
	msgs   []string
}

// add records msg about the JSON path field ("steps", "fees[0].amount").
func (ps *problems) add(field, msg string) {
	if ps.fields == nil {
		ps.fields = map[string]string{}
	}
	if _, ok := ps.fields[field]; !ok {
		ps.fields[field] = msg
	}
	ps.msgs = append(ps.msgs, msg)
}

// err returns nil when nothing was recorded, else an Invalid *apperr.Error
// whose message joins every problem.
func (ps *problems) err() error {
	if len(ps.msgs) == 0 {
		return nil
	}
	return &apperr.Error{Code: apperr.Invalid, Message: strings.Join(ps.msgs, "; "), Fields: ps.fields}
}
