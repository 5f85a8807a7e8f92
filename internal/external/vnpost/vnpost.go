// Package vnpost connects the one-stop desk to a postal carrier (VNPost's
// public postal service, or another carrier) to send a dossier's result
// by post (issue 25 item 6; Decision 45/2016/QĐ-TTg).
//
// The desk orders a consignment in the dossier's transaction (Ship): a row
// in postal_consignments with status "requested" and an outbox message on
// channel "post". The notify worker's Sender hands the order to the
// Carrier, with the worker's retries on an outage, and records the tracking
// code it gets; a refused order is recorded as failed with the carrier's
// reason and may be ordered again. Poll asks the carrier for the status of
// the consignments on their way. Carrier is the adapter; Simulator stands in
// for a real carrier's API (VNPost's order and tracking services need the
// agency's contract credentials) in the tests and the demo.
package vnpost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"tuphap/internal/apperr"
	"tuphap/internal/audit"
	"tuphap/internal/dossier"
	"tuphap/internal/notify"
	"tuphap/internal/postal"
)

// Channel is the outbox channel of the consignment orders.
const Channel notify.Channel = "post"

// Shipment is one order as the carrier receives it.
type Shipment struct {
	TenantID string `json:"-"`
	// Ref is the sender's reference, the dossier's ID: the carrier keeps
	// one consignment per reference, so a retried order creates nothing new.
	Ref       string `json:"ref"`
	DossierNo string `json:"dossier_no"` // the dossier's code, printed on the label
	Recipient string `json:"recipient"`
	Phone     string `json:"phone,omitempty"`
	Address   string `json:"address"`
	COD       int64  `json:"cod"`
	Content   string `json:"content"`
}

// Receipt is the carrier's answer to an order.
type Receipt struct {
	TrackingCode string
	Status       postal.Status
}

// Tracking is a consignment's state at the carrier.
type Tracking struct {
	Status postal.Status
	At     time.Time // when it reached that status
	Note   string    // where, or why (a failed delivery)
}

// Carrier is a postal carrier's API.
type Carrier interface {
	// Name is the carrier's name as the dossier page shows it.
	Name() string
	// Create orders a consignment; it must be idempotent by Shipment.Ref.
	// An order the carrier refuses (an address it does not serve) is a
	// *Rejected error; any other error is an outage, retried.
	Create(ctx context.Context, s Shipment) (Receipt, error)
	// Track returns the consignment's current status.
	Track(ctx context.Context, tenantID, trackingCode string) (Tracking, error)
}

// Rejected is a carrier's refusal of an order, with its reason.
type Rejected struct{ Reason string }

func (r *Rejected) Error() string { return "carrier rejected the order: " + r.Reason }

// Store is what the consignments need of the storage.
type Store interface {
	// Within is the consignment writer of a dossier transaction.
	Within(tx dossier.Tx) (Tx, bool)
	// Created records the carrier's tracking code of a requested order.
	Created(ctx context.Context, tenantID, dossierID string, r Receipt) error
	// Refused records that the carrier refused a requested order.
	Refused(ctx context.Context, tenantID, dossierID, reason string) error
}

// Tx writes a consignment in the dossier's transaction.
type Tx interface {
	// LockConsignment returns the dossier's consignment, if any.
	LockConsignment(ctx context.Context, tenantID, dossierID string) (*postal.Consignment, error)
	// PutConsignment inserts the consignment, or replaces a failed one.
	PutConsignment(ctx context.Context, c postal.Consignment) error
}

// Ship orders the consignment of a dossier's result: in one transaction it
// checks postal.MayShip on the locked dossier, writes the consignment
// (status requested) and enqueues the order for the worker, and audits it.
// A second order while one is under way is refused (409): Ship is
// idempotent for the desk, and the carrier is idempotent by reference for
// the worker's retries.
func Ship(ctx context.Context, ds dossier.Store, st Store, carrier string, a dossier.Actor, tenantID, key string, o postal.Order) (postal.Consignment, error) {
	var c postal.Consignment
	err := ds.Transact(ctx, func(tx dossier.Tx) error {
		d, err := tx.LockDossier(ctx, tenantID, key)
		if err != nil {
			return err
		}
		ct, ok := st.Within(tx)
		if !ok {
			return errors.New("vnpost: the store cannot keep consignments")
		}
		existing, err := ct.LockConsignment(ctx, tenantID, d.ID)
		if err != nil {
			return err
		}
		o.Recipient, o.Address, o.Phone = strings.TrimSpace(o.Recipient), strings.TrimSpace(o.Address), strings.TrimSpace(o.Phone)
		if err := postal.MayShip(&d, existing, o); err != nil {
			return err
		}
		now := tx.Now()
		c = postal.Consignment{TenantID: tenantID, DossierID: d.ID, Carrier: carrier, Status: postal.Requested,
			Recipient: o.Recipient, Phone: o.Phone, Address: o.Address, COD: o.COD, Officer: a.Name, CreatedAt: now, UpdatedAt: now}
		if err := ct.PutConsignment(ctx, c); err != nil {
			return err
		}
		body, err := json.Marshal(Shipment{Ref: d.ID, DossierNo: d.Code, Recipient: o.Recipient, Phone: o.Phone, Address: o.Address,
			COD: o.COD, Content: "Kết quả giải quyết TTHC: " + d.ProcedureName})
		if err != nil {
			return err
		}
		if err := tx.Enqueue(ctx, dossier.Outgoing{TenantID: tenantID, Channel: string(Channel), To: carrier,
			Subject: "Bưu gửi kết quả hồ sơ " + d.Code, Body: string(body),
			Key: "post:" + d.ID + ":" + uuid.Must(uuid.NewV7()).String()}); err != nil {
			return err
		}
		return tx.Audit(ctx, audit.Entry{TenantID: tenantID, ActorID: a.ID, Actor: a.Name, IP: a.IP,
			Action: "dossier.post_order", Object: "dossier:" + d.Code, Detail: "Đơn vị bưu chính: " + carrier})
	})
	return c, err
}

// Sender is the notify.Sender of channel "post": it hands an order to the
// carrier and records the outcome.
type Sender struct {
	Carrier Carrier
	Store   Store
}

// Send implements notify.Sender.
func (s *Sender) Send(ctx context.Context, m notify.Message) error {
	var sh Shipment
	if err := json.Unmarshal([]byte(m.Body), &sh); err != nil || sh.Ref == "" {
		return notify.Permanent(fmt.Errorf("vnpost: unreadable order: %v", err))
	}
	sh.TenantID = m.TenantID
	r, err := s.Carrier.Create(ctx, sh)
	var rej *Rejected
	if errors.As(err, &rej) {
		if err := s.Store.Refused(ctx, m.TenantID, sh.Ref, rej.Reason); err != nil {
			return err
		}
		return notify.Permanent(err)
	}
	if err != nil {
		return err
	}
	return s.Store.Created(ctx, m.TenantID, sh.Ref, r)
}

// Open is a consignment on its way, as the poll reads it.
type Open struct {
	TenantID, DossierID, TrackingCode string
	Status                            postal.Status
}

// Updates is what the poll needs of the storage.
type Updates interface {
	// OpenConsignments lists up to limit consignments with a tracking code
	// whose status is not final, least recently updated first.
	OpenConsignments(ctx context.Context, limit int) ([]Open, error)
	// Track records a status; it changes a consignment only forward
	// (postal.Status.Advances) and reports whether it did.
	Track(ctx context.Context, tenantID, dossierID string, t Tracking) (bool, error)
}

// Poll asks the carrier for the status of up to limit consignments on
// their way and records the changes. It returns the number changed; a
// consignment the carrier cannot answer for is skipped this round.
func Poll(ctx context.Context, c Carrier, u Updates, limit int) (int, error) {
	open, err := u.OpenConsignments(ctx, limit)
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, o := range open {
		changed, err := Refresh(ctx, c, u, o)
		var se storeError
		if errors.As(err, &se) {
			return n, se.error
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if changed {
			n++
		}
	}
	if len(errs) == len(open) && len(errs) > 0 {
		return n, apperr.Wrap(apperr.Unavailable, "Không kết nối được đơn vị bưu chính để cập nhật trạng thái bưu gửi.", errors.Join(errs...))
	}
	return n, nil
}

// storeError marks a failure of the storage (not of the carrier).
type storeError struct{ error }

// Refresh asks the carrier for one consignment's status and records it
// when it moved forward; it reports whether it did.
func Refresh(ctx context.Context, c Carrier, u Updates, o Open) (bool, error) {
	t, err := c.Track(ctx, o.TenantID, o.TrackingCode)
	if err != nil {
		return false, err
	}
	if !o.Status.Advances(t.Status) {
		return false, nil
	}
	changed, err := u.Track(ctx, o.TenantID, o.DossierID, t)
	if err != nil {
		return false, storeError{err}
	}
	return changed, nil
}
