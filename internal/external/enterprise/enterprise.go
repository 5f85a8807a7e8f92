// Package enterprise looks an organisation up in the national enterprise
// registration database (Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp,
// Law on Enterprises 2020 Art. 34) by its enterprise code, which is its tax
// code (Art. 29), to fill the organisation at the counter. Public data of
// an enterprise needs no consent.
//
// Registry is the adapter boundary; Simulator is the local one the tests
// and the demo use. The real service's client is not implemented.
package enterprise

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
)

// Enterprise is what the counter form needs: the registered name (and the
// head office, shown to the officer).
type Enterprise struct {
	Name       string
	HeadOffice string
	// Status is the legal status ("Đang hoạt động", "Đã giải thể"...).
	Status string
}

// Registry is the national enterprise registration database.
type Registry interface {
	Enterprise(ctx context.Context, taxCode string) (Enterprise, error)
}

// ErrNotFound: no enterprise has this code.
var ErrNotFound = errors.New("enterprise: not found")

// Simulator is a registry of a few test enterprises.
type Simulator struct {
	Enterprises map[string]Enterprise // by code; nil: DemoEnterprises
	Calls       atomic.Int64
}

var _ Registry = (*Simulator)(nil)

// DemoEnterprises are the simulator's enterprises.
var DemoEnterprises = map[string]Enterprise{
	"1401234567":     {Name: "Công ty Luật TNHH Sa Đéc", HeadOffice: "Số 8 đường Nguyễn Huệ, Phường Sa Đéc, tỉnh Đồng Tháp", Status: "Đang hoạt động"},
	"1409876543":     {Name: "Văn phòng công chứng Cao Lãnh", HeadOffice: "Số 20 đường Lý Thường Kiệt, Phường Cao Lãnh, tỉnh Đồng Tháp", Status: "Đang hoạt động"},
	"1401234567-001": {Name: "Chi nhánh Công ty Luật TNHH Sa Đéc tại Cao Lãnh", HeadOffice: "Phường Cao Lãnh, tỉnh Đồng Tháp", Status: "Đang hoạt động"},
}

// Enterprise implements Registry.
func (s *Simulator) Enterprise(_ context.Context, taxCode string) (Enterprise, error) {
	s.Calls.Add(1)
	all := s.Enterprises
	if all == nil {
		all = DemoEnterprises
	}
	e, ok := all[strings.TrimSpace(taxCode)]
	if !ok {
		return Enterprise{}, ErrNotFound
	}
	return e, nil
}
