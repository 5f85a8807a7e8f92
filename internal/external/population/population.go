// Package population looks a citizen up in the national population
// database (Cơ sở dữ liệu quốc gia về dân cư) by personal ID number, to
// fill the applicant at the counter. The database is reached through the
// national data-sharing platform (NDXP) under Decree 47/2024/NĐ-CP and
// Decree 69/2024/NĐ-CP; a query about a person needs that person's consent
// (Decree 13/2023/NĐ-CP Art. 11), which the caller records and passes.
//
// Registry is the adapter boundary; Simulator is the local one the tests
// and the demo use. The real platform's client is not implemented.
package population

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
)

// Query asks for one person.
type Query struct {
	IDNumber string
	// Consent: the citizen agreed to the look-up (at the counter, or on
	// VNeID). The registry refuses a query without it.
	Consent bool
	// Officer is the account asking, as the platform logs it.
	Officer string
}

// Person is what the counter form needs of the answer: the name and the
// place of residence. The registry holds more (birth date, sex, family);
// the adapter does not ask for it.
type Person struct {
	FullName string
	// Address is the place of residence (nơi cư trú) as one line.
	Address string
	// Commune is the commune of residence, as named in the list of
	// administrative units (empty when unknown).
	Commune string
}

// Registry is the national population database.
type Registry interface {
	Person(ctx context.Context, q Query) (Person, error)
}

var (
	// ErrNotFound: no citizen has this ID number.
	ErrNotFound = errors.New("population: not found")
	// ErrNoConsent: the query carried no consent.
	ErrNoConsent = errors.New("population: consent required")
)

// Simulator is a population database of a few test citizens.
type Simulator struct {
	People map[string]Person // by ID number; nil: DemoPeople
	// Calls counts the queries answered, for tests.
	Calls atomic.Int64
}

var _ Registry = (*Simulator)(nil)

// DemoPeople are the simulator's citizens.
var DemoPeople = map[string]Person{
	"087090001234": {FullName: "Nguyễn Thị Mai", Address: "Số 12 đường Hùng Vương, khóm 3", Commune: "Phường Sa Đéc"},
	"087085004321": {FullName: "Trần Văn Hùng", Address: "Ấp Tân Hòa", Commune: "Xã Tân Dương"},
	"001090012345": {FullName: "Nguyễn Văn An", Address: "Số 5 ngõ 10 phố Huế", Commune: "Phường Hai Bà Trưng"},
}

// Person implements Registry.
func (s *Simulator) Person(_ context.Context, q Query) (Person, error) {
	if !q.Consent {
		return Person{}, ErrNoConsent
	}
	s.Calls.Add(1)
	people := s.People
	if people == nil {
		people = DemoPeople
	}
	p, ok := people[strings.TrimSpace(q.IDNumber)]
	if !ok {
		return Person{}, ErrNotFound
	}
	return p, nil
}
