package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
	"tuphap/internal/dossier"
	"tuphap/internal/org"
	"tuphap/internal/render"
)

// slipForm is one of the one-stop slips of Circular 03/2025/TT-VPCP, Annex I.
type slipForm struct {
	key   string // "mau-01"
	alias string // older link names: "receipt"
	name  string // Vietnamese title
	// has reports whether the dossier's state has this document.
	has func(d *dossier.Dossier) bool
	// why explains, in Vietnamese, why it has not.
	why string
}

var slipForms = []slipForm{
	{"mau-01", "receipt", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)",
		func(d *dossier.Dossier) bool { return d.Code != "" && d.AcceptedAt != nil && d.DueAt != nil },
		"hồ sơ chưa được tiếp nhận"},
	{"mau-02", "supplement", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
		func(d *dossier.Dossier) bool { return latestSupplement(d) != nil },
		"hồ sơ chưa có yêu cầu bổ sung, hoàn thiện"},
	{"mau-03", "refusal", "Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)",
		func(d *dossier.Dossier) bool { return d.Status == dossier.Refused },
		"hồ sơ không bị từ chối tiếp nhận"},
	{"mau-04", "apology", "Văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
		func(d *dossier.Dossier) bool { return d.Apology != nil && d.AcceptedAt != nil && d.DueAt != nil },
		"hồ sơ chưa có văn bản xin lỗi"},
	{"mau-05", "stop", "Thông báo dừng giải quyết hồ sơ (Mẫu 05)",
		func(d *dossier.Dossier) bool {
			return d.Status == dossier.Stopped && d.Ended != dossier.EndIncomplete && d.Code != ""
		},
		"hồ sơ không bị dừng giải quyết"},
	{"mau-06", "control", "Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 06)",
		func(d *dossier.Dossier) bool { return d.Code != "" && d.AcceptedAt != nil },
		"hồ sơ chưa được tiếp nhận"},
	{"tu-choi-giai-quyet", "", "Văn bản từ chối giải quyết hồ sơ (Nghị định 118/2025/NĐ-CP, Điều 19 khoản 3)",
		func(d *dossier.Dossier) bool { return d.Ended == dossier.EndRejected && d.Code != "" },
		"hồ sơ không bị từ chối giải quyết"},
	{"tra-lai", "", "Phiếu trả lại hồ sơ do không bổ sung (Nghị định 118/2025/NĐ-CP, Điều 19 khoản 5)",
		func(d *dossier.Dossier) bool { return d.Ended == dossier.EndIncomplete && d.Code != "" },
		"hồ sơ không bị trả lại do không bổ sung"},
	// The printed e-receipt of the fee (issue 14 item 5; fee_exemption.go).
	{"bien-lai", "", "Biên lai thu phí, lệ phí (biên lai điện tử)",
		func(d *dossier.Dossier) bool { return d.FeeReceipt != nil },
		"hồ sơ chưa có biên lai thu phí, lệ phí"},
}

func findSlipForm(name string) (slipForm, bool) {
	for _, f := range slipForms {
		if name == f.key || (f.alias != "" && name == f.alias) {
			return f, true
		}
	}
	return slipForm{}, false
}

// latestSupplement is the last request to supplement or complete the
// dossier, which Mẫu 02 prints.
func latestSupplement(d *dossier.Dossier) *dossier.Supplement {
	s := d.Completion
	if n := len(d.Supplements); n > 0 && (s == nil || !d.Supplements[n-1].At.Before(s.At)) {
		s = &d.Supplements[n-1]
	}
	return s
}

var asciiNameRe = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// dossierForm sends one slip of a dossier as a PDF, if the dossier's state
// has it: a 404 for an unknown form, a 409 for one the dossier has not (yet).
func (s *Server) dossierForm(w http.ResponseWriter, r *http.Request) error {
	p := principalFrom(r.Context())
	f, ok := findSlipForm(r.PathValue("form"))
	if !ok {
		return apperr.New(apperr.NotFound, "Không có biểu mẫu "+r.PathValue("form")+". Các biểu mẫu: Mẫu 01 đến Mẫu 06 (mau-01 … mau-06), tu-choi-giai-quyet, tra-lai, bien-lai.")
	}
	d, evs, err := s.loadDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	if !f.has(&d) {
		return apperr.New(apperr.Conflict, "Chưa in được "+f.name+": "+f.why+" (trạng thái: "+d.Status.Name()+").")
	}
	t, err := s.db.Org().Tenant(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	names, err := s.slipNames(r, p.TenantID)
	if err != nil {
		return err
	}
	receivers, err := s.db.Org().Receivers(r.Context(), p.TenantID)
	if err != nil {
		return err
	}
	received := d.SubmittedAt
	if d.AcceptedAt != nil {
		received = *d.AcceptedAt
	}
	agency := slipAgencyFor(t, org.ReceiverAt(receivers, t, calendar.DateOf(received)))
	m := slipMapper{d: &d, evs: evs, agency: agency, names: names, lookup: s.lookupURL(&d)}
	var pdf []byte
	switch f.key {
	case "mau-01":
		pdf, err = render.Receipt(m.receipt())
	case "mau-02":
		pdf, err = render.Supplement(m.supplement())
	case "mau-03":
		pdf, err = render.Refuse(m.refusal())
	case "mau-04":
		pdf, err = render.ApologyPDF(m.apology())
	case "mau-05":
		pdf, err = render.Stop(m.stop())
	case "mau-06":
		pdf, err = render.Control(m.control())
	case "tu-choi-giai-quyet":
		pdf, err = render.Stop(m.stopAs(render.StopRefusal, dossier.ActRefuseResolution))
	case "tra-lai":
		pdf, err = render.Stop(m.stopAs(render.StopIncomplete, dossier.ActReturnIncomplete))
	case "bien-lai":
		pdf, err = render.FeeReceiptPDF(feeReceiptSlip(m))
	}
	if err != nil {
		return err
	}
	ref := d.Code
	if ref == "" {
		ref = d.ID
	}
	name := asciiNameRe.ReplaceAllString(ref, "_") + "-" + f.key + ".pdf"
	return writePDF(w, name, pdf)
}

// lookupURL is the public look-up page of a dossier, printed as a QR
// code: /tra-cuu?ma=<code> on the configured public
// address (the portal serves that page), never on the Host the request
// named (an officer's intranet name means nothing to the citizen). Without
// a public address the slip has no link. The PIN, printed beside it, is
// typed, never put in an address.
func (s *Server) lookupURL(d *dossier.Dossier) string {
	if d.Code == "" || d.LookupPIN == "" || s.publicURL == "" {
		return ""
	}
	q := url.Values{"ma": {d.Code}}
	return s.publicURL + "/tra-cuu?" + q.Encode()
}

// slipNames are the tenant's unit names by code and officers' full names by
// username, for the slips.
type slipNameBook struct {
	units    map[string]org.Unit
	officers map[string]string
	leaders  string // "Lãnh đạo Sở", "Lãnh đạo Công an tỉnh"
}

func (s *Server) slipNames(r *http.Request, tenantID string) (slipNameBook, error) {
	b := slipNameBook{units: map[string]org.Unit{}, officers: map[string]string{}, leaders: "Lãnh đạo Sở"}
	if t, err := s.db.Org().Tenant(r.Context(), tenantID); err == nil {
		b.leaders = t.RoleLabel(org.Director)
	}
	units, err := s.db.Org().Units(r.Context(), tenantID)
	if err != nil {
		return b, err
	}
	for _, u := range units {
		b.units[u.Code] = u
	}
	officers, err := s.db.Org().Officers(r.Context(), tenantID)
	if err != nil {
		return b, err
	}
	for _, o := range officers {
		b.officers[o.Username] = o.FullName
	}
	return b, nil
}

func (b slipNameBook) unit(code string) string {
	if code == "" {
		return b.leaders
	}
	if u, ok := b.units[code]; ok {
		return u.Name
	}
	return code
}

func (b slipNameBook) officer(username string) string {
	if n := b.officers[username]; n != "" {
		return n
	}
	return username
}

// slipAgency builds the letterhead from the tenant: "Sở Tư pháp tỉnh Đồng
// Tháp" gives the superior "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", the agency
// "SỞ TƯ PHÁP" and the place "Đồng Tháp".
func slipAgency(t org.Tenant) render.Agency {
	a := render.Agency{Name: strings.ToUpper(t.Name), Desk: "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", FullName: t.Name}
	name := t.Name
	if i := strings.Index(name, " ("); i > 0 { // "(dữ liệu mẫu)" and the like
		name = name[:i]
	}
	for _, kind := range []string{" tỉnh ", " thành phố ", " Tỉnh ", " Thành phố "} {
		if i := strings.Index(name, kind); i > 0 {
			province := strings.TrimSpace(name[i:])
			a.Name = strings.ToUpper(strings.TrimSpace(name[:i]))
			a.Superior = "ỦY BAN NHÂN DÂN " + strings.ToUpper(province)
			a.Place = strings.TrimSpace(name[i+len(kind):])
			if a.Place == "Hồ Chí Minh" {
				// Units named after a person keep their full name in the
				// place line (Decree 30/2020/NĐ-CP, Annex I).
				a.Place = "Thành phố Hồ Chí Minh"
			}
			break
		}
	}
	return a
}

// slipAgencyFor is slipAgency with the receiving organisation of rcv
// (org.Receiver): the tenant's own desk prints as before; another
// organisation is named with its address, and the competent agency is rcv's.
// A provincial centre heads its slips under the provincial People's
// Committee with its own name (Decree 118/2025/NĐ-CP Art. 14).
func slipAgencyFor(t org.Tenant, rcv org.Receiver) render.Agency {
	a := slipAgency(t)
	def := org.DefaultReceiver(t)
	if rcv.Organisation == def.Organisation && rcv.Address == "" && rcv.CompetentAgency == t.Name && !rcv.Centre {
		return a
	}
	if rcv.CompetentAgency != "" && rcv.CompetentAgency != t.Name {
		a.FullName = rcv.CompetentAgency
	}
	a.Receiver, a.Address, a.Centre = rcv.Organisation, rcv.Address, rcv.Centre
	desk := rcv.Organisation
	if rcv.Centre && a.Place != "" {
		for _, kind := range []string{" tỉnh ", " thành phố ", " Tỉnh ", " Thành phố "} {
			if i := strings.Index(desk, kind); i > 0 && strings.HasSuffix(desk, a.Place) {
				desk = desk[:i]
				break
			}
		}
	}
	a.Desk = strings.ToUpper(strings.TrimSpace(desk))
	return a
}

// slipMapper maps a dossier onto the render package's slips.
type slipMapper struct {
	d      *dossier.Dossier
	evs    []dossier.Event
	agency render.Agency
	names  slipNameBook
	lookup string
}

func (m slipMapper) person() render.Person {
	a := m.d.Applicant
	name := a.FullName
	if a.Organisation != "" {
		// The representative files for the organisation (name, tax code).
		name += ", đại diện " + a.Organisation
		if a.TaxCode != "" {
			name += " (mã số thuế " + a.TaxCode + ")"
		}
	}
	return render.Person{FullName: name, IDNumber: a.IDNumber, Address: a.Address, Phone: a.Phone, Email: a.Email}
}

// event returns the last event of an action.
func (m slipMapper) event(act dossier.Action) (dossier.Event, bool) {
	for i := len(m.evs) - 1; i >= 0; i-- {
		if m.evs[i].Action == act {
			return m.evs[i], true
		}
	}
	return dossier.Event{}, false
}

func (m slipMapper) receipt() render.ReceiptSlip {
	d := m.d
	var docs []render.Document
	for _, x := range d.Documents {
		docs = append(docs, render.Document{Name: x.Name, Originals: x.Originals, Copies: x.Copies})
	}
	receiver := ""
	if ev, ok := m.event(dossier.ActAccept); ok {
		receiver = m.names.officer(ev.Actor)
	}
	delivery := d.Delivery
	if m.agency.Receiver != "" && delivery == dossier.DefaultDelivery {
		delivery = m.agency.Receiver
	}
	return render.ReceiptSlip{Agency: m.agency, Code: d.Code, Applicant: m.person(), Procedure: d.ProcedureName, Documents: docs,
		Sets: 1, TimeLimit: strings.ToLower(d.TimeLimit.String()), ReceivedAt: *d.AcceptedAt, DueAt: *d.DueAt, Delivery: delivery,
		Receiver: receiver, LookupPIN: d.LookupPIN, QR: m.lookup}
}

func (m slipMapper) supplement() render.SupplementRequest {
	s := latestSupplement(m.d)
	return render.SupplementRequest{Agency: m.agency, Code: m.d.Code, Applicant: m.person(), Procedure: m.d.ProcedureName,
		Items: s.Items, Reason: s.Reason, Deadline: s.Deadline, Officer: m.names.officer(s.By), At: s.At, QR: m.lookup}
}

func (m slipMapper) refusal() render.Refusal {
	at, officer := m.d.UpdatedAt, ""
	if ev, ok := m.event(dossier.ActRefuse); ok {
		at, officer = ev.At, m.names.officer(ev.Actor)
	}
	return render.Refusal{Agency: m.agency, Applicant: m.person(), Procedure: m.d.ProcedureName, Reason: m.d.EndReason, Officer: officer, At: at}
}

func (m slipMapper) apology() render.Apology {
	a := m.d.Apology
	return render.Apology{Agency: m.agency, Code: m.d.Code, Applicant: m.person(), Procedure: m.d.ProcedureName,
		ReceivedAt: *m.d.AcceptedAt, OriginalDue: *m.d.DueAt, NewDue: a.NewDueAt, Reason: a.Reason,
		UnitAtFault: m.names.unit(a.UnitCode), Signer: m.names.officer(a.By), SignerTitle: a.SignerTitle, Number: a.Number, At: a.At, QR: m.lookup}
}

func (m slipMapper) stop() render.StopNotice { return m.stopAs(render.StopProcessing, dossier.ActStop) }

// stopAs is a letter in Mẫu 05's layout, dated and signed by the action's
// event.
func (m slipMapper) stopAs(kind render.StopKind, act dossier.Action) render.StopNotice {
	at, signer := m.d.UpdatedAt, ""
	if ev, ok := m.event(act); ok {
		at, signer = ev.At, m.names.officer(ev.Actor)
	}
	var received time.Time
	if m.d.AcceptedAt != nil {
		received = *m.d.AcceptedAt
	}
	return render.StopNotice{Agency: m.agency, Code: m.d.Code, Applicant: m.person(), Procedure: m.d.ProcedureName,
		ReceivedAt: received, Reason: m.d.EndReason, Signer: signer, At: at, QR: m.lookup, Kind: kind}
}

// control is Mẫu 06: one row per hand-over, giver → receiver, with the
// receiving step's due time and its outcome.
func (m slipMapper) control() render.ControlSheet {
	d := m.d
	cs := render.ControlSheet{Agency: m.agency, Code: d.Code, Applicant: m.person(), Procedure: d.ProcedureName,
		ReceivedAt: *d.AcceptedAt, QR: m.lookup}
	if d.DueAt != nil {
		cs.DueAt = *d.DueAt
	}
	if u := d.Unit(); u != "" {
		cs.Handling = m.names.unit(u)
	}
	seen := map[string]bool{}
	for _, st := range d.Steps {
		if u, ok := m.names.units[st.UnitCode]; ok && u.Kind == org.Agency && !seen[u.Code] {
			seen[u.Code] = true
			cs.Coordinating = append(cs.Coordinating, u.Name)
		}
	}
	giver := "Bộ phận Tiếp nhận và Trả kết quả"
	if m.agency.Receiver != "" {
		giver = m.agency.Receiver
	}
	for i, st := range d.Steps {
		if st.StartedAt == nil {
			break
		}
		row := render.ControlRow{Giver: giver, Receiver: m.names.unit(st.UnitCode) + " – " + st.Name, At: *st.StartedAt, Note: st.Note}
		if i == 0 {
			row.Giver = "Người nộp hồ sơ"
		}
		if st.DueAt != nil {
			row.StepDue = *st.DueAt
		}
		switch st.Outcome {
		case dossier.Early:
			row.Outcome = render.Early
		case dossier.OnTime:
			row.Outcome = render.OnTime
		case dossier.Late:
			row.Outcome = render.Late
		}
		cs.Rows = append(cs.Rows, row)
		giver = m.names.unit(st.UnitCode)
		if st.GivenBy != "" {
			giver += " – " + m.names.officer(st.GivenBy)
		}
	}
	return cs
}

// writePDF sends a PDF shown in the browser (never cached: it names a
// person) under an ASCII file name.
func writePDF(w http.ResponseWriter, name string, pdf []byte) error {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(pdf)))
	w.WriteHeader(http.StatusOK)
	w.Write(pdf) // the status is sent: a client gone is not an error to render
	return nil
}
