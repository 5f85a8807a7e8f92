package practitioner

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tuphap/internal/apperr"
)

// ---- Periodic reports -----------------------------------------------------

// File records an organisation's periodic report. The organisation files
// for itself (through its portal account); the department may file for it.
// Filing again replaces the earlier figures and is kept in the audit log.
func (s *Service) File(ctx context.Context, a Actor, sc Scope, orgID string, year int, p ReportPeriod, figs map[string]int64, note string) (Filing, error) {
	o, err := s.Store.Org(ctx, sc.TenantID, orgID)
	if err != nil {
		return Filing{}, err
	}
	if o.Status != StatusActive && o.Status != StatusSuspended {
		return Filing{}, apperr.New(apperr.Conflict, "Tổ chức không còn hoạt động, không gửi báo cáo.")
	}
	f, ok := FormFor(o.Profession)
	if !ok {
		return Filing{}, apperr.New(apperr.Invalid, "Chưa có biểu báo cáo cho nghề "+o.Profession.Name()+".")
	}
	if !p.Valid() {
		return Filing{}, apperr.Field("period", "Chọn kỳ báo cáo.")
	}
	now := s.now()
	if year < 2000 || year > now.Year() {
		return Filing{}, apperr.Field("year", "Năm báo cáo không hợp lệ.")
	}
	from, _ := Covers(year, p)
	if from.After(now) {
		return Filing{}, apperr.Field("period", "Kỳ báo cáo chưa bắt đầu.")
	}
	var bad apperr.FieldList
	for _, pr := range CheckFiling(f, figs) {
		bad.Add(pr.Key, pr.Message)
	}
	if err := bad.Err(); err != nil {
		return Filing{}, err
	}
	if note, err = text("note", "ghi chú", note, 1000, false); err != nil {
		return Filing{}, err
	}
	fl := Filing{ID: newID(), OrgID: orgID, Form: f.Code, Year: year, Period: p, Figures: figs, FiledBy: a.Name, Note: note}
	err = s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		fl.FiledAt = tx.Now()
		fl.Late = dateOf(fl.FiledAt.In(vnZone)).After(f.Due(year, p))
		if err := tx.SaveFiling(ctx, sc.TenantID, fl); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "practitioner.report_file", "practitioner_org:"+orgID,
			fmt.Sprintf("%s %s %d", f.Code, p.Name(), year))
	})
	return fl, err
}

var vnZone = time.FixedZone("ICT", 7*3600)

// RollUp returns the province's totals of a profession's form for a year
// and period, with who filed and who has not.
func (s *Service) RollUp(ctx context.Context, sc Scope, prof Profession, year int, p ReportPeriod) (RollUp, error) {
	f, ok := FormFor(prof)
	if !ok {
		return RollUp{}, apperr.Field("profession", "Chưa có biểu báo cáo cho nghề này.")
	}
	if !p.Valid() {
		return RollUp{}, apperr.Field("period", "Chọn kỳ báo cáo.")
	}
	orgs, err := s.Store.Orgs(ctx, sc.TenantID, OrgFilter{Profession: prof})
	if err != nil {
		return RollUp{}, err
	}
	fs, err := s.Store.Filings(ctx, sc.TenantID, f.Code, year, p)
	if err != nil {
		return RollUp{}, err
	}
	return Roll(f, year, p, orgs, fs), nil
}

// ---- Bailiffs' records ----------------------------------------------------

// ReceiveViBang records a bailiff's record received from an office and
// registers it (an entry number of the year) unless refused.
func (s *Service) ReceiveViBang(ctx context.Context, a Actor, sc Scope, v ViBang, register bool) (ViBang, error) {
	var bad apperr.FieldList
	var err error
	o, oerr := s.Store.Org(ctx, sc.TenantID, v.OfficeID)
	if oerr != nil || o.Profession != Bailiff {
		bad.Add("office_id", "Chọn Văn phòng thừa phát lại.")
	} else if o.Status != StatusActive {
		bad.Add("office_id", "Văn phòng thừa phát lại không còn hoạt động ("+o.Status.Name()+").")
	}
	if v.BailiffID != "" {
		if p, err := s.Store.Person(ctx, sc.TenantID, v.BailiffID); err != nil || p.OrgID != v.OfficeID {
			bad.Add("bailiff_id", "Thừa phát lại không thuộc văn phòng đã chọn.")
		}
	}
	if v.No, err = text("no", "số vi bằng", v.No, 40, true); err != nil {
		bad.Merge(err)
	}
	if v.Title, err = text("title", "nội dung vi bằng", v.Title, 300, true); err != nil {
		bad.Merge(err)
	}
	if v.Requester, err = text("requester", "người yêu cầu", v.Requester, 200, true); err != nil {
		bad.Merge(err)
	}
	today := dateOf(s.now())
	if v.MadeOn.IsZero() || dateOf(v.MadeOn).After(today) {
		bad.Add("made_on", "Nhập ngày lập vi bằng (không ở tương lai).")
	}
	if v.ReceivedOn.IsZero() {
		v.ReceivedOn = today
	}
	if dateOf(v.ReceivedOn).After(today) || (!v.MadeOn.IsZero() && v.ReceivedOn.Before(dateOf(v.MadeOn))) {
		bad.Add("received_on", "Ngày Sở nhận vi bằng không hợp lệ.")
	}
	if v.Refused, err = text("refused", "lý do từ chối", v.Refused, 500, false); err != nil {
		bad.Merge(err)
	}
	if !register && v.Refused == "" {
		bad.Add("refused", "Nhập lý do từ chối vào sổ.")
	}
	if err := bad.Err(); err != nil {
		return ViBang{}, err
	}
	v.ID = newID()
	err = s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		if register {
			n, err := tx.NextViBangNo(ctx, sc.TenantID, today.Year())
			if err != nil {
				return err
			}
			v.RegNo, v.RegisteredOn, v.Refused = fmt.Sprintf("%d/%d/VB", n, today.Year()), &today, ""
		}
		if err := tx.InsertViBang(ctx, sc.TenantID, v); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "practitioner.vibang_receive", "practitioner_org:"+v.OfficeID, v.No)
	})
	return v, err
}

// ---- Inspections ----------------------------------------------------------

// PlanInspection opens a check of an organisation: in the year's plan or ad
// hoc, with its decision and team once decided.
func (s *Service) PlanInspection(ctx context.Context, a Actor, sc Scope, in Inspection) (Inspection, error) {
	var bad apperr.FieldList
	if _, err := s.Store.Org(ctx, sc.TenantID, in.OrgID); err != nil {
		bad.Add("org_id", "Chọn tổ chức được kiểm tra.")
	}
	now := s.now()
	if in.Year < now.Year()-1 || in.Year > now.Year()+1 {
		bad.Add("year", "Năm kế hoạch không hợp lệ.")
	}
	var err error
	if in.DecisionNo, err = text("decision_no", "số quyết định kiểm tra", in.DecisionNo, 60, false); err != nil {
		bad.Merge(err)
	}
	if in.Team, err = text("team", "thành viên đoàn kiểm tra", in.Team, 500, false); err != nil {
		bad.Merge(err)
	}
	in.Status = InspPlanned
	if in.DecisionNo != "" {
		if in.DecisionOn == nil || dateOf(*in.DecisionOn).After(dateOf(now)) {
			bad.Add("decision_on", "Nhập ngày quyết định kiểm tra (không ở tương lai).")
		}
		if in.Team == "" {
			bad.Add("team", "Quyết định kiểm tra nêu thành viên đoàn.")
		}
		in.Status = InspOngoing
	}
	if err := bad.Err(); err != nil {
		return Inspection{}, err
	}
	in.ID, in.Findings, in.Sanctions, in.Recommendations, in.ConcludedOn = newID(), nil, nil, nil, nil
	err = s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		if err := tx.SaveInspection(ctx, sc.TenantID, in); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "practitioner.inspection_plan", "practitioner_org:"+in.OrgID, fmt.Sprintf("%d %s", in.Year, in.DecisionNo))
	})
	return in, err
}

// Conclude records an inspection's conclusion: findings by article,
// sanctions (each fine within its clause's range, CheckFine) and
// recommendations with their due days.
func (s *Service) Conclude(ctx context.Context, a Actor, sc Scope, id string, on time.Time, fs []Finding, ss []Sanction, rs []Recommendation) (Inspection, error) {
	in, err := s.Store.Inspection(ctx, sc.TenantID, id)
	if err != nil {
		return Inspection{}, err
	}
	if in.Status != InspOngoing {
		return Inspection{}, apperr.New(apperr.Conflict, "Chỉ kết luận cuộc kiểm tra đã có quyết định và chưa kết luận.")
	}
	var bad apperr.FieldList
	if on.IsZero() || dateOf(on).After(dateOf(s.now())) || (in.DecisionOn != nil && on.Before(dateOf(*in.DecisionOn))) {
		bad.Add("concluded_on", "Ngày kết luận không hợp lệ.")
	}
	for i, f := range fs {
		if strings.TrimSpace(f.Article) == "" || strings.TrimSpace(f.Text) == "" {
			bad.Add(fmt.Sprintf("findings.%d", i), "Mỗi vi phạm nêu nội dung và điều khoản bị vi phạm.")
		}
	}
	for i, x := range ss {
		field := fmt.Sprintf("sanctions.%d", i)
		v, ok := ViolationByCode(x.Code)
		if !ok {
			bad.Add(field, "Chọn hành vi vi phạm theo Nghị định 82/2020/NĐ-CP.")
			continue
		}
		if !x.Kind.Valid() {
			bad.Add(field, "Chọn hình thức xử phạt.")
			continue
		}
		if strings.TrimSpace(x.DecisionNo) == "" {
			bad.Add(field, "Nhập số quyết định xử phạt.")
		}
		switch x.Kind {
		case SanctionFine:
			if err := CheckFine(v, x.AmountVND, x.AgainstOrg); err != nil {
				bad.Add(field, err.Error())
			}
		case SanctionSuspend:
			if !v.Suspend {
				bad.Add(field, v.Article+" không quy định hình thức tước quyền, đình chỉ.")
			} else if x.Months < 1 || x.Months > 24 {
				bad.Add(field, "Thời hạn tước quyền, đình chỉ từ 1 đến 24 tháng.")
			}
		}
	}
	for i, r := range rs {
		if strings.TrimSpace(r.Text) == "" || r.DueOn.IsZero() {
			bad.Add(fmt.Sprintf("recommendations.%d", i), "Mỗi kiến nghị có nội dung và thời hạn thực hiện.")
		}
	}
	if err := bad.Err(); err != nil {
		return Inspection{}, err
	}
	in.ConcludedOn, in.Findings, in.Sanctions, in.Recommendations = &on, fs, ss, rs
	in.Status = InspConcluded
	if in.Open() == 0 {
		in.Status = InspClosed
	}
	err = s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		if err := tx.SaveInspection(ctx, sc.TenantID, in); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "practitioner.inspection_conclude", "practitioner_org:"+in.OrgID,
			fmt.Sprintf("%d vi phạm, %d xử phạt, %d kiến nghị", len(fs), len(ss), len(rs)))
	})
	return in, err
}

// FollowUp records a recommendation done; the inspection closes when none
// is left open.
func (s *Service) FollowUp(ctx context.Context, a Actor, sc Scope, id string, idx int, on time.Time, result string) (Inspection, error) {
	in, err := s.Store.Inspection(ctx, sc.TenantID, id)
	if err != nil {
		return Inspection{}, err
	}
	if idx < 0 || idx >= len(in.Recommendations) {
		return Inspection{}, apperr.ErrNotFound
	}
	if in.Recommendations[idx].DoneOn != nil {
		return Inspection{}, apperr.New(apperr.Conflict, "Kiến nghị này đã ghi nhận thực hiện.")
	}
	if result, err = text("result", "kết quả thực hiện", result, 500, true); err != nil {
		return Inspection{}, err
	}
	if on.IsZero() || dateOf(on).After(dateOf(s.now())) {
		return Inspection{}, apperr.Field("done_on", "Nhập ngày thực hiện (không ở tương lai).")
	}
	in.Recommendations[idx].DoneOn, in.Recommendations[idx].Result = &on, result
	if in.Open() == 0 {
		in.Status = InspClosed
	}
	err = s.Store.TransactPractitioner(ctx, func(tx Tx) error {
		if err := tx.SaveInspection(ctx, sc.TenantID, in); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "practitioner.inspection_follow_up", "practitioner_org:"+in.OrgID, result)
	})
	return in, err
}

// ---- One-stop dossiers ----------------------------------------------------

// Resolved is what the register needs of a one-stop dossier resolved with
// a result (status 9, EndResult).
type Resolved struct {
	Code          string
	ProcedureID   string
	ProcedureCode string
	ProcedureName string
	Organisation  string
	Head          string // the applicant (the organisation's representative)
	Address       string
	CommuneCode   string
	TaxCode       string
	Phone         string
	ResolvedAt    time.Time
}

// ProcedureLink ties a one-stop procedure to the register change its
// resolution makes. Procedures are matched by the catalogue's ID, then by
// national code (codes changed in 2025, catalog.md), then by name.
type ProcedureLink struct {
	ID    string
	Code  string
	Name  string
	Kind  OrgKind
	Event EventKind
}

// ProcedureLinks are the registration procedures whose result enters the
// register (the built-in catalogue; research/catalog.md rows 16, 20, 32, 34).
var ProcedureLinks = []ProcedureLink{
	{ID: "notary.office_registration", Name: "Đăng ký hoạt động Văn phòng công chứng", Kind: "notary_office", Event: EvRegistered},
	{ID: "notary.merged_office_registration", Name: "Đăng ký hoạt động Văn phòng công chứng hợp nhất", Kind: "notary_office", Event: EvRegistered},
	{Name: "Thay đổi nội dung đăng ký hoạt động của Văn phòng công chứng", Kind: "notary_office", Event: EvChanged},
	{ID: "lawyer.firm_registration", Code: "1.002010", Name: "Đăng ký hoạt động của tổ chức hành nghề luật sư", Kind: "law_company", Event: EvRegistered},
	{Name: "Thay đổi nội dung đăng ký hoạt động của tổ chức hành nghề luật sư", Kind: "law_company", Event: EvChanged},
	{ID: "lawyer.branch_registration", Name: "Đăng ký hoạt động của chi nhánh của tổ chức hành nghề luật sư", Kind: "law_branch", Event: EvRegistered},
	{ID: "judicial_expertise.office_registration", Name: "Đăng ký hoạt động Văn phòng giám định tư pháp", Kind: "expertise_office", Event: EvRegistered},
	{ID: "commercial_arbitration.centre_registration", Code: "1.008889", Kind: "arbitration_centre", Event: EvRegistered},
	{ID: "commercial_arbitration.branch_registration", Kind: "arbitration_branch", Event: EvRegistered},
	{ID: "commercial_mediation.centre_registration", Name: "Đăng ký hoạt động Trung tâm hòa giải thương mại", Kind: "mediation_centre", Event: EvRegistered},
	{Name: "Đăng ký hoạt động Văn phòng thừa phát lại", Kind: "bailiff_office", Event: EvRegistered},
	{Name: "Đăng ký hoạt động của doanh nghiệp đấu giá tài sản", Kind: "auction_company", Event: EvRegistered},
}

// LinkOf finds the register change a procedure makes, by catalogue ID,
// national code or name.
func LinkOf(id, code, name string) (ProcedureLink, bool) {
	base := code
	if i := strings.Index(code, ".H"); i > 0 {
		base = code[:i] // a province's suffix: 1.002010.H38
	}
	n := strings.ToLower(strings.Join(strings.Fields(name), " "))
	for _, l := range ProcedureLinks {
		if l.ID != "" && l.ID == id {
			return l, true
		}
	}
	for _, l := range ProcedureLinks {
		if l.Code != "" && l.Code == base {
			return l, true
		}
	}
	for _, l := range ProcedureLinks {
		if l.Name != "" && strings.ToLower(l.Name) == n {
			return l, true
		}
	}
	return ProcedureLink{}, false
}

// FromDossier updates the register in the transaction that resolves a
// one-stop dossier: a registration enters the organisation, a change of
// registration records the change on the organisation with the same tax
// code. Procedures that are not registrations change nothing.
func (s *Service) FromDossier(ctx context.Context, tx Tx, sc Scope, a Actor, d Resolved) error {
	l, ok := LinkOf(d.ProcedureID, d.ProcedureCode, d.ProcedureName)
	if !ok {
		return nil
	}
	day := dateOf(d.ResolvedAt.In(vnZone))
	c := Cause{DossierCode: d.Code, Note: d.ProcedureName}
	switch l.Event {
	case EvRegistered:
		// The dossier never fails for the register's sake: what the
		// applicant gave enters the register, and an officer completes
		// the rest on the organisation's page (a missing commune shows).
		name := d.Organisation
		if strings.TrimSpace(name) == "" {
			name = l.Kind.Name() + " (" + d.Head + ")"
		}
		o := Organisation{Kind: l.Kind, Profession: l.Kind.Profession(), Name: clip(name, 200), Head: clip(d.Head, 120),
			Address: clip(d.Address, 300), TaxCode: clip(d.TaxCode, 14), Phone: clip(d.Phone, 20), RegisteredOn: day, RegNo: d.Code}
		if d.CommuneCode != "" && (s.InProvince == nil || s.InProvince(d.CommuneCode, sc.ProvinceCode)) {
			o.CommuneCode = d.CommuneCode
		}
		_, err := s.registerOrg(ctx, tx, a, sc, o, c)
		return err
	case EvChanged:
		o, err := tx.OrgByRegNo(ctx, sc.TenantID, "", d.TaxCode)
		if d.TaxCode == "" || err != nil {
			// Not in the register (or no tax code to find it by): the
			// change is noted in the audit log for an officer to enter.
			return s.audit(ctx, tx, sc, a, "practitioner.dossier_unmatched", "dossier:"+d.Code, d.ProcedureName)
		}
		if _, err := Next(SubjectOrg, o.Status, EvChanged); err != nil {
			return s.audit(ctx, tx, sc, a, "practitioner.dossier_unmatched", "dossier:"+d.Code, err.Error())
		}
		if d.Address != "" {
			o.Address = d.Address
		}
		if d.CommuneCode != "" {
			o.CommuneCode = d.CommuneCode
		}
		if err := tx.UpdateOrg(ctx, sc.TenantID, o); err != nil {
			return err
		}
		ev := Event{ID: newID(), Subject: SubjectOrg, SubjectID: o.ID, Kind: EvChanged, On: day, From: o.Status, To: o.Status,
			DossierCode: d.Code, Note: d.ProcedureName, Officer: a.Name}
		if err := tx.InsertEvent(ctx, sc.TenantID, ev); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "practitioner.org_changed", "practitioner_org:"+o.ID, causeText(c))
	}
	return nil
}

func clip(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max])
}
