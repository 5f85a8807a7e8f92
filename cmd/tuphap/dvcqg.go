package main

import (
	"flag"

	"tuphap/internal/external/dvcqg"
	"tuphap/internal/notify"
	"tuphap/internal/web"
)

// nationalPortal is the connection to the national public-service portal
// (package external/dvcqg). Only the simulator exists so far: a real
// connection needs the province's LGSP/NGSP credentials and the portal's
// service contract, and is one more dvcqg.Portal.
type nationalPortal struct {
	portal dvcqg.Portal
	sim    *dvcqg.Simulator
}

// dvcqgFlag declares --dvcqg-simulator.
func dvcqgFlag(fs *flag.FlagSet, e *env) *bool {
	return fs.Bool("dvcqg-simulator", envOr(e, "TUPHAP_DVCQG_SIMULATOR", "") == "1",
		"đồng bộ hồ sơ với Cổng Dịch vụ công quốc gia mô phỏng (chỉ để thử nghiệm; --demo cũng bật) (TUPHAP_DVCQG_SIMULATOR=1)")
}

// enableNationalPortal switches the sync on: every dossier event of the
// status changes enqueues a push in its transaction. Call it before any
// dossier is written (the demo) and before the worker starts.
func (a *app) enableNationalPortal() {
	sim := &dvcqg.Simulator{}
	a.np = &nationalPortal{portal: sim, sim: sim}
	a.dossiers.Sync = dvcqg.Outgoing
}

// addSender adds the portal's outbox channel to the worker's senders.
func (np *nationalPortal) addSender(a *app, senders map[notify.Channel]notify.Sender) {
	if np == nil {
		return
	}
	senders[dvcqg.Channel] = &dvcqg.Sender{Portal: np.portal, Synced: a.db.NationalPortal().MarkSynced}
}

// enableWeb turns on /admin/dvcqg.
func (np *nationalPortal) enableWeb(srv *web.Server) {
	if np == nil {
		return
	}
	srv.EnableNationalPortal(&web.NationalPortal{Portal: np.portal, Simulator: np.sim})
}
