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
	convs, err := mt.JRConvictionIDs(ctx, from)
	if err != nil {
		return moved, err
	}
	for _, id := range slices.Sorted(maps.Keys(convs)) {
		sealed := convs[id]
		pt, err := r.Keys.Open(sealed, convictionAAD(from, id))
		if err != nil {
			return moved, err
		}
		var c Conviction
		if err := json.Unmarshal(pt, &c); err != nil {
			return moved, err
		}
		clear(pt)
		if err := mt.MoveJRConviction(ctx, from, to, id, r.Keys.Index(subjectScope(to), c.IDNumber)[0],
			r.Keys.Seal(mustJSON(c), convictionAAD(to, id))); err != nil {
			return moved, err
		}
		moved = append(moved, "án tích "+id)
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
