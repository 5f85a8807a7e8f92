package judicialrecord

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"tuphap/internal/envelope"
	"tuphap/internal/handover"
)

// MoveTx is what moving the judicial-record register needs of a
// transaction.
type MoveTx interface {
	JRSealedRequest(ctx context.Context, tenantID, dossierID string) (string, error)
	MoveJRRequest(ctx context.Context, from, to, dossierID, sealed string) (bool, error)
	MoveJRChecks(ctx context.Context, from, to, dossierID string) error
	JRConvictionIDs(ctx context.Context, tenantID string) (map[string]string, error)
	MoveJRConviction(ctx context.Context, from, to, id, index, sealed string) error
	JRBanIDs(ctx context.Context, tenantID string) (map[string]string, error)
	MoveJRBan(ctx context.Context, from, to, id, index, sealed string) error
}

// Register is the judicial-record register as a handover.Register: the
// requests of the moved dossiers and every conviction move to the new
// tenant, re-sealed so that they are bound to it (the associated data names
// the tenant); issued certificates stay with the tenant that issued them.
type Register struct{ Keys *envelope.Keyring }

var _ handover.Register = Register{}

// Name names the register.
func (Register) Name() string { return "lý lịch tư pháp" }

// Handles reports whether the procedure is a judicial-record one.
func (Register) Handles(procedure string) bool {
	return strings.HasPrefix(procedure, "judicial_record.")
}

// Move moves the register and names each record moved by its ID (a
// request by its dossier's ID).
func (r Register) Move(ctx context.Context, tx handover.Tx, from, to string, dossierIDs []string) ([]string, error) {
	mt, ok := tx.(MoveTx)
	if !ok {
		return nil, fmt.Errorf("judicialrecord: the store cannot move the register")
	}
	var moved []string // labels: record IDs only, never personal data
	for _, id := range dossierIDs {
		sealed, err := mt.JRSealedRequest(ctx, from, id)
		if err != nil {
			continue // a dossier of the procedure without a request (imported)
		}
		re, err := r.Keys.Rebind(sealed, requestAAD(from, id), requestAAD(to, id))
		if err != nil {
			return moved, err
		}
		ok, err := mt.MoveJRRequest(ctx, from, to, id, re)
		if err != nil {
			return moved, err
		}
		if err := mt.MoveJRChecks(ctx, from, to, id); err != nil {
			return moved, err
		}
		if ok {
			moved = append(moved, "yêu cầu "+id)
		}
	}
	// Every conviction and every bankruptcy ban moves, re-sealed (the
	// plaintext is only re-sealed, never changed) and re-indexed for B, in
	// a stable order, each named in the audit entries.
	for _, reg := range []struct {
		list func(context.Context, string) (map[string]string, error)
		move func(ctx context.Context, from, to, id, index, sealed string) error
		aad  func(tenantID, id string) string
		what string
	}{{mt.JRConvictionIDs, mt.MoveJRConviction, convictionAAD, "án tích "}, {mt.JRBanIDs, mt.MoveJRBan, banAAD, "lệnh cấm "}} {
		rows, err := reg.list(ctx, from)
		if err != nil {
			return moved, err
		}
		for _, id := range slices.Sorted(maps.Keys(rows)) {
			pt, err := r.Keys.Open(rows[id], reg.aad(from, id))
			if err != nil {
				return moved, err
			}
			var c struct {
				IDNumber string `json:"id_number"`
			}
			if err := json.Unmarshal(pt, &c); err != nil {
				clear(pt)
				return moved, err
			}
			err = reg.move(ctx, from, to, id, r.Keys.Index(subjectScope(to), c.IDNumber)[0], r.Keys.Seal(pt, reg.aad(to, id)))
			clear(pt)
			if err != nil {
				return moved, err
			}
			moved = append(moved, reg.what+id)
		}
	}
	return moved, nil
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
