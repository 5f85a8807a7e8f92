// Package xlsxin reads a register's book kept in Excel: the first sheet of
// an XLSX workbook whose first row names the fields of the register's
// JSON Lines record, one record per row. It turns the sheet into the JSON
// Lines the register's import already reads (so every rule, message and
// all-or-nothing check stays in one place), typing each cell as the
// record's field is typed.
//
// Line N of the result is row N of the sheet (the header row becomes a
// blank line, which the imports skip), so an import's "Dòng N" names the
// row the officer sees in Excel.
package xlsxin

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"tuphap/internal/apperr"
)

// IsXLSX reports whether b starts like an XLSX file (a zip archive).
func IsXLSX(b []byte) bool { return bytes.HasPrefix(b, []byte("PK\x03\x04")) }

// MaxRows bounds a sheet (a register's year is a few thousand rows).
const MaxRows = 200000

// ToJSONL converts the first sheet of the workbook in r. record is the
// register's record (a struct or a pointer to one) whose json tags name
// the columns; a header cell is the field's key, optionally followed by a
// space and a label ("received_on Ngày tiếp nhận"). Empty cells are left
// out, so the import reports a missing required field in its own words;
// a column the record does not have is passed on as text, so the import
// names it as unsupported.
func ToJSONL(r io.Reader, record any) ([]byte, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, apperr.Textf("Không đọc được tệp Excel (XLSX): %s.", strings.TrimSuffix(err.Error(), "."))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, apperr.Textf("Tệp Excel không có trang tính nào.")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, apperr.Textf("Không đọc được trang tính %q.", sheets[0])
	}
	defer rows.Close()
	types := fieldTypes(record)
	var out bytes.Buffer
	var keys []string
	n := 0
	for rows.Next() {
		n++
		if n > MaxRows {
			return nil, apperr.Textf("Trang tính có quá %d dòng.", MaxRows)
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, apperr.Textf("Dòng %d: không đọc được ô (%s).", n, err.Error())
		}
		if keys == nil {
			if keys, err = header(cells); err != nil {
				return nil, err
			}
			out.WriteByte('\n')
			continue
		}
		obj := make([]byte, 0, 256)
		obj = append(obj, '{')
		empty := true
		for i, c := range cells {
			c = strings.TrimSpace(c)
			if c == "" {
				continue
			}
			if i >= len(keys) || keys[i] == "" {
				return nil, apperr.Textf("Dòng %d: ô ở cột %d không có tên trường ở dòng 1.", n, i+1)
			}
			v, err := value(keys[i], types[keys[i]], c)
			if err != nil {
				return nil, apperr.Textf("Dòng %d: %s", n, err.Error())
			}
			if !empty {
				obj = append(obj, ',')
			}
			k, _ := json.Marshal(keys[i])
			obj = append(append(append(obj, k...), ':'), v...)
			empty = false
		}
		if !empty {
			out.Write(append(obj, '}'))
		}
		out.WriteByte('\n')
	}
	if keys == nil {
		return nil, apperr.Textf("Trang tính %q trống: dòng 1 phải ghi tên các trường.", sheets[0])
	}
	return out.Bytes(), nil
}

// header reads the field keys of row 1: each cell's first word.
func header(cells []string) ([]string, error) {
	keys := make([]string, len(cells))
	seen := map[string]bool{}
	named := false
	for i, c := range cells {
		f := strings.Fields(c)
		if len(f) == 0 {
			continue
		}
		k := f[0]
		if seen[k] {
			return nil, apperr.Textf("Dòng 1: trường %q ghi hai lần.", k)
		}
		seen[k], keys[i], named = true, k, true
	}
	if !named {
		return nil, apperr.Textf("Dòng 1 phải ghi tên các trường (ví dụ: received_on).")
	}
	return keys, nil
}

// fieldTypes maps the JSON keys of record's fields to their types.
func fieldTypes(record any) map[string]reflect.Type {
	t := reflect.TypeOf(record)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	out := map[string]reflect.Type{}
	if t == nil || t.Kind() != reflect.Struct {
		return out
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" || !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out[name] = sf.Type
	}
	return out
}

// value is the JSON of cell c for a field of type t (nil: unknown field).
func value(key string, t reflect.Type, c string) ([]byte, error) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return json.Marshal(c)
	}
	switch t.Kind() {
	case reflect.String:
		if dateKey(key) {
			c = day(c)
		}
		return json.Marshal(c)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		x, err := strconv.ParseFloat(strings.ReplaceAll(c, " ", ""), 64)
		if err != nil || x != math.Trunc(x) {
			return nil, apperr.Textf("trường %s phải là số nguyên (ô ghi %q).", key, c)
		}
		return []byte(strconv.FormatInt(int64(x), 10)), nil
	case reflect.Float32, reflect.Float64:
		x, err := strconv.ParseFloat(strings.ReplaceAll(c, " ", ""), 64)
		if err != nil {
			return nil, apperr.Textf("trường %s phải là số (ô ghi %q).", key, c)
		}
		return json.Marshal(x)
	case reflect.Bool:
		switch strings.ToLower(c) {
		case "1", "true", "có", "x", "đúng":
			return []byte("true"), nil
		case "0", "false", "không", "sai":
			return []byte("false"), nil
		}
		return nil, apperr.Textf("trường %s ghi có hoặc không (ô ghi %q).", key, c)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String && !strings.HasPrefix(c, "[") {
			var items []string
			for _, p := range strings.FieldsFunc(c, func(r rune) bool { return r == ';' || r == '\n' }) {
				if p = strings.TrimSpace(p); p != "" {
					items = append(items, p)
				}
			}
			return json.Marshal(items)
		}
	}
	if !json.Valid([]byte(c)) {
		return nil, apperr.Textf("trường %s ghi dạng JSON (ô ghi %q).", key, c)
	}
	return []byte(c), nil
}

// dateKey says whether a field holds a day ("received_on", "birth_date").
func dateKey(key string) bool {
	return strings.HasSuffix(key, "_on") || strings.HasSuffix(key, "_date") || key == "date" || key == "day"
}

// day writes a day as the imports read it (YYYY-MM-DD): an Excel date (a
// serial number of days since 30/12/1899) or dd/mm/yyyy typed as text;
// anything else is passed on for the import to judge.
func day(c string) string {
	if x, err := strconv.ParseFloat(c, 64); err == nil && x >= 1 && x < 2958466 {
		t, err := excelize.ExcelDateToTime(x, false)
		if err == nil {
			return t.Format("2006-01-02")
		}
	}
	for _, layout := range []string{"02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, c); err == nil {
			return t.Format("2006-01-02")
		}
	}
	return c
}
