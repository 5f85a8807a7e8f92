package kit

import (
	"maps"
	"net/url"
	"strings"
)

// Figure is one number with the link to the records behind it (the
// drill-down). Render a row of them with {{template "kit.figures" $d.Figures}}.
type Figure struct {
	Label string
	Value string // formatted: vnfmt's 1.234 or 97,0%
	// Href lists the records the number counts ("" when it has no list).
	Href string
	// Bad marks a number that should not be there (overdue, late).
	Bad bool
}

// Exports are the download buttons of a page: each format of the same
// figures, with the page's own query. {{template "kit.exports" $d.Exports}}.
type Exports struct {
	Base    string // e.g. "/admin/reports/export/"
	Query   string // the page's period and filters, encoded
	Formats []ExportFormat
}

// ExportFormat is one button.
type ExportFormat struct{ Key, Label string }

// Href is the button's link.
func (e Exports) Href(f ExportFormat) string {
	if e.Query == "" {
		return e.Base + f.Key
	}
	return e.Base + f.Key + "?" + e.Query
}

// Form is a submitted form coming back: the values as they were sent and
// the errors, each beside its field. Templates read Value, Checked and Err
// ({{template "kit.fielderror" ($d.Form.Err "name")}}); Message is the
// summary shown above the form.
type Form struct {
	Values url.Values
	Errors map[string]string
	// Message is the error's safe text ("" when the form is fresh).
	Message string
}

// FormOf returns the form as it was sent with err's messages (an
// *apperr.Error's Fields; its Message as the summary).
func FormOf(values url.Values, err error) Form {
	f := Form{Values: values, Errors: map[string]string{}}
	if e := UserError(err); e != nil {
		f.Message = e.Message
		maps.Copy(f.Errors, e.Fields)
	}
	return f
}

// Value is the field's sent value.
func (f Form) Value(name string) string { return f.Values.Get(name) }

// Checked reports whether a checkbox (name, value) was ticked.
func (f Form) Checked(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// Err is the field's message, "" when none.
func (f Form) Err(name string) string { return f.Errors[name] }

// Invalid is "true" for aria-invalid when the field has an error.
func (f Form) Invalid(name string) string {
	if f.Errors[name] != "" {
		return "true"
	}
	return "false"
}

// Others are the messages of fields the form does not show itself (fields
// listed in shown are beside their inputs).
func (f Form) Others(shown ...string) []string {
	var out []string
	for k, m := range f.Errors {
		if !contains(shown, k) && !strings.Contains(f.Message, m) {
			out = append(out, m)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
