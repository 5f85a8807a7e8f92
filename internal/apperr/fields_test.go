package apperr

import "testing"

func TestFieldListReportsEveryField(t *testing.T) {
	var l FieldList
	if l.Err() != nil {
		t.Fatal("empty list is an error")
	}
	l.Add("a", "A sai.")
	l.Add("a", "A sai lần hai.")
	if err := l.Merge(Field("b", "B sai.")); err != nil {
		t.Fatal(err)
	}
	if err := l.Merge(New(Conflict, "x")); err == nil {
		t.Fatal("a conflict was swallowed")
	}
	e := As(l.Err())
	if e.Code != Invalid || e.Message != "A sai. B sai." || e.Fields["a"] != "A sai." || e.Fields["b"] != "B sai." {
		t.Fatalf("%+v", e)
	}
}
