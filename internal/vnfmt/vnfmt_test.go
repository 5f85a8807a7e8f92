package vnfmt

import "testing"

func TestFormats(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{Int(0), "0"}, {Int(999), "999"}, {Int(1000), "1.000"}, {Int(1234567), "1.234.567"},
		{Int(-1234), "-1.234"}, {Int(-123456), "-123.456"}, {Int(-1234567), "-1.234.567"},
		{Decimal(97.05), "97,1"}, {Decimal(1234.54), "1.234,5"}, {Decimal(0), "0,0"}, {Decimal(-0.04), "0,0"},
		{Decimal(-0.06), "-0,1"}, {Decimal(-1234.56), "-1.234,6"}, {Decimal(100), "100,0"},
		{VND(200000), "200.000 đồng"}, {VND(5000), "5.000 đồng"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
