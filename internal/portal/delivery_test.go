package portal

import (
	"testing"

	"tuphap/internal/apperr"
	"tuphap/internal/postal"
)

// A result by public postal service needs an address a postman can find
// (Decision 45/2016/QĐ-TTg); the other ways do not.
func TestContactPostalAddress(t *testing.T) {
	who := Identity{IDNumber: "001090012345", FullName: "Nguyễn Văn An"}
	for _, c := range []struct {
		delivery, address string
		ok                bool
	}{
		{postal.Delivery, "12 Lê Lợi, phường 1, Đồng Tháp", true},
		{postal.Delivery, "phường 1", false},
		{postal.Delivery, "", false},
		{Deliveries[0], "", true},
		{Deliveries[2], "phường 1", true},
	} {
		_, err := Contact{Phone: "0912345678", Address: c.address, Delivery: c.delivery}.check(who)
		if (err == nil) != c.ok {
			t.Errorf("%q at %q: %v", c.delivery, c.address, err)
		}
		if err != nil && apperr.As(err).Fields["address"] == "" {
			t.Errorf("%q at %q: no message on the address: %+v", c.delivery, c.address, apperr.As(err))
		}
	}
}
