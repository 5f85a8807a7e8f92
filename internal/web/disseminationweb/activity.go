package disseminationweb

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"tuphap/internal/apperr"
	"tuphap/internal/dissemination"
	"tuphap/internal/vnfmt"
	"tuphap/internal/web/kit"
)

// ---- The book of activities: a list with filters, a page, a form.

type activitiesPage struct {
	Scope      dissemination.Scope
	Communes   []Commune
	Channels   []channelOpt
	Activities []dissemination.Activity
	Copies     map[string]int
	Pager      kit.Pager
	Q          url.Values
	CanKeep    bool
	Names      func(string) string
	OwnCode    string
}

type channelOpt struct {
	Code dissemination.Channel
	Name string
}

func channelOpts() []channelOpt {
	out := make([]channelOpt, len(dissemination.Channels))
	for i, c := range dissemination.Channels {
		out[i] = channelOpt{c.Code, c.Name}
	}
	return out
}

func (*activitiesPage) Title() string {
	return "Sổ hoạt động phổ biến, giáo dục pháp luật"
}

func (s *Screens) filter(sc dissemination.Scope, q url.Values) (dissemination.ActivityFilter, error) {
	f := dissemination.ActivityFilter{Channel: dissemination.Channel(q.Get("channel")), Query: q.Get("q"), LawDay: q.Get("law_day") == "1",
		PlanTask: q.Get("task"), Material: q.Get("material")}
	switch c := q.Get("commune"); {
	case sc.CommuneCode != "":
		f.CommuneCode = sc.CommuneCode
	case c == ownCode:
		f.OwnOnly = true
	case c != "":
		if s.cfg.Units != nil && !s.cfg.Units.InProvince(c, sc.ProvinceCode) {
			return f, apperr.Field("commune", "Xã, phường, đặc khu không thuộc tỉnh.")
		}
		f.CommuneCode = c
	}
	if f.Channel != "" && f.Channel.Name() == string(f.Channel) {
		return f, apperr.Field("channel", "Hình thức phổ biến không hợp lệ.")
	}
	var err error
	if f.From, err = parseDay("from", q.Get("from")); err != nil {
		return f, err
	}
	if f.To, err = parseDay("to", q.Get("to")); err != nil {
		return f, err
	}
	return f, nil
}

// Activities is GET /admin/pho-bien/hoat-dong.
func (s *Screens) Activities(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f, err := s.filter(sc, q)
	if err != nil {
		return err
	}
	pager := kit.PagerFrom(base+"/hoat-dong", q, 50, 200)
	f.Limit, f.Offset = pager.Limit(), pager.Offset()
	acts, err := s.cfg.Service.Store.Activities(r.Context(), sc.TenantID, f)
	if err != nil {
		return err
	}
	acts = kit.Trim(&pager, acts)
	page := &activitiesPage{Scope: sc, Communes: s.communes(sc), Channels: channelOpts(), Activities: acts, Copies: map[string]int{},
		Pager: pager, Q: q, CanKeep: canKeep(r), Names: s.name, OwnCode: ownCode}
	for _, a := range acts {
		for _, h := range a.Handouts {
			page.Copies[a.ID] += h.Copies
		}
	}
	s.k.Page(w, r, http.StatusOK, "dis_activities", page)
	return nil
}

// handoutRows is how many handout lines the form offers.
const handoutRows = 4

type activityPage struct {
	Scope    dissemination.Scope
	Activity dissemination.Activity
	New      bool
	// Edit shows the form filled with the recorded activity.
	Edit     bool
	DelForm  kit.Form
	Form     kit.Form
	Communes []Commune
	Channels []channelOpt
	Kinds    []struct{ Code, Name string }
	Tasks    []dissemination.PlanTask
	Rows     []int
	CanKeep  bool
	Commune  string
	Task     string
	Copies   int
}

func (p *activityPage) Title() string {
	if p.New {
		return "Ghi hoạt động phổ biến, giáo dục pháp luật"
	}
	if p.Edit {
		return "Sửa hoạt động phổ biến, giáo dục pháp luật"
	}
	return "Hoạt động phổ biến, giáo dục pháp luật"
}

// Value is a field's value as sent (the form came back) or its default.
func (p *activityPage) Value(field string) string {
	if p.Form.Values != nil {
		return p.Form.Value(field)
	}
	a := p.Activity
	if field == "held_on" {
		return vnDay(a.HeldOn)
	}
	if !p.Edit {
		return ""
	}
	num := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	switch field {
	case "commune_code":
		if a.CommuneCode == "" {
			return ownCode
		}
		return a.CommuneCode
	case "theme":
		return a.Theme
	case "documents":
		return a.Documents
	case "audience":
		return a.Audience
	case "channel":
		return string(a.Channel)
	case "place":
		return a.Place
	case "organiser":
		return a.Organiser
	case "plan_task":
		return a.PlanTask
	case "participants":
		return strconv.Itoa(a.Participants)
	case "women":
		return num(int64(a.Women))
	case "cost_vnd":
		if a.CostVND == 0 {
			return ""
		}
		return vnfmt.Int(a.CostVND) // read back as typed: the dots are dropped
	case "law_day":
		if a.LawDay {
			return "1"
		}
	}
	return ""
}

// Handout is the sent value of a handout line's field.
func (p *activityPage) Handout(i int, field string) string {
	if p.Form.Values == nil {
		if !p.Edit || i >= len(p.Activity.Handouts) {
			return ""
		}
		h := p.Activity.Handouts[i]
		switch field {
		case "material":
			return h.Material
		case "kind":
			return h.Kind
		case "copies":
			return strconv.Itoa(h.Copies)
		}
		return ""
	}
	vs := p.Form.Values["handout_"+field]
	if i < len(vs) {
		return vs[i]
	}
	return ""
}

// HandoutErr is the message of a handout line.
func (p *activityPage) HandoutErr(i int) string { return p.Form.Err(fmt.Sprintf("handouts.%d", i)) }

func activityFrom(r *http.Request) (dissemination.Activity, error) {
	v := r.PostFormValue
	var fs fields
	a := dissemination.Activity{CommuneCode: v("commune_code"), Theme: v("theme"), Documents: v("documents"), Audience: v("audience"),
		Channel: dissemination.Channel(v("channel")), Place: v("place"), Organiser: v("organiser"), PlanTask: v("plan_task"),
		LawDay: v("law_day") == "1"}
	a.HeldOn = fs.day("held_on", v("held_on"))
	a.Participants = int(fs.num("participants", v("participants")))
	a.Women = int(fs.num("women", v("women")))
	a.CostVND = fs.num("cost_vnd", v("cost_vnd"))
	mats, kinds, copies := r.PostForm["handout_material"], r.PostForm["handout_kind"], r.PostForm["handout_copies"]
	for i, m := range mats {
		c := ""
		if i < len(copies) {
			c = copies[i]
		}
		if m == "" && c == "" {
			continue
		}
		h := dissemination.Handout{Material: m}
		if i < len(kinds) {
			h.Kind = kinds[i]
		}
		h.Copies = int(fs.num(fmt.Sprintf("handouts.%d", len(a.Handouts)), c))
		a.Handouts = append(a.Handouts, h)
	}
	if a.CommuneCode == ownCode {
		a.CommuneCode = ""
	}
	return a, fs.err()
}

func (s *Screens) showActivity(w http.ResponseWriter, r *http.Request, code int, sc dissemination.Scope, page *activityPage) error {
	page.Scope, page.Communes, page.Channels, page.Kinds, page.CanKeep = sc, s.communes(sc), channelOpts(), dissemination.Kinds, canKeep(r)
	page.Rows = make([]int, max(handoutRows, len(page.Activity.Handouts)+1))
	for i := range page.Rows {
		page.Rows[i] = i
	}
	year := s.today().Year()
	if !page.Activity.HeldOn.IsZero() {
		year = page.Activity.HeldOn.Year()
	}
	tasks, err := s.cfg.Service.Store.PlanTasks(r.Context(), sc.TenantID, "", year)
	if err != nil {
		return err
	}
	for _, t := range tasks {
		if t.CommuneCode == "" || sc.CommuneCode == "" || t.CommuneCode == sc.CommuneCode {
			page.Tasks = append(page.Tasks, t)
		}
		if t.ID == page.Activity.PlanTask {
			page.Task = t.PlanNo + ": " + t.Title
		}
	}
	if !page.New && !page.Edit {
		page.Commune = s.name(page.Activity.CommuneCode)
		for _, h := range page.Activity.Handouts {
			page.Copies += h.Copies
		}
	}
	s.k.Page(w, r, code, "dis_activity", page)
	return nil
}

// NewActivity is GET /admin/pho-bien/hoat-dong/moi.
func (s *Screens) NewActivity(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	return s.showActivity(w, r, http.StatusOK, sc, &activityPage{New: true, Activity: dissemination.Activity{HeldOn: s.today()}})
}

// CreateActivity is POST /admin/pho-bien/hoat-dong/moi.
func (s *Screens) CreateActivity(w http.ResponseWriter, r *http.Request) error {
	return s.saveActivity(w, r, nil)
}

// saveActivity records the form's activity, or corrects old with it: a
// form refused comes back as sent, with the form's and the use case's
// messages beside their fields.
func (s *Screens) saveActivity(w http.ResponseWriter, r *http.Request, old *dissemination.Activity) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không đọc được.")
	}
	a, ferr := activityFrom(r)
	if old != nil {
		a.ID = old.ID
	}
	switch {
	case ferr != nil:
		var l apperr.FieldList
		_ = l.Merge(ferr)
		check := a
		_ = l.Merge(dissemination.Validate(&check, s.today()))
		err = l.Err()
	case old != nil:
		a, err = s.cfg.Service.Correct(r.Context(), s.actor(r), sc, a)
	default:
		a, err = s.cfg.Service.Record(r.Context(), s.actor(r), sc, a)
	}
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showActivity(w, r, http.StatusUnprocessableEntity, sc, &activityPage{New: old == nil, Edit: old != nil, Activity: a, Form: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/hoat-dong/"+a.ID, "dissemination-saved")
}

// Activity is GET /admin/pho-bien/hoat-dong/{id}.
func (s *Screens) Activity(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	a, err := s.cfg.Service.Activity(r.Context(), sc, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.showActivity(w, r, http.StatusOK, sc, &activityPage{Activity: a})
}

// EditActivity is GET /admin/pho-bien/hoat-dong/{id}/sua: the form filled
// with the recorded activity.
func (s *Screens) EditActivity(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	a, err := s.cfg.Service.Activity(r.Context(), sc, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.showActivity(w, r, http.StatusOK, sc, &activityPage{Edit: true, Activity: a})
}

// UpdateActivity is POST /admin/pho-bien/hoat-dong/{id}/sua.
func (s *Screens) UpdateActivity(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	old, err := s.cfg.Service.Activity(r.Context(), sc, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.saveActivity(w, r, &old)
}

// DeleteActivity is POST /admin/pho-bien/hoat-dong/{id}/xoa: an activity
// recorded by mistake goes, with the reason in the audit log.
func (s *Screens) DeleteActivity(w http.ResponseWriter, r *http.Request) error {
	sc, err := s.scope(r)
	if err != nil {
		return err
	}
	a, err := s.cfg.Service.Activity(r.Context(), sc, r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "Biểu mẫu không đọc được.")
	}
	err = s.cfg.Service.Remove(r.Context(), s.actor(r), sc, a.ID, r.PostForm.Get("reason"))
	if e := kit.UserError(err); e != nil && e.Code == apperr.Invalid {
		return s.showActivity(w, r, http.StatusUnprocessableEntity, sc, &activityPage{Activity: a, DelForm: kit.FormOf(r.PostForm, err)})
	}
	if err != nil {
		return err
	}
	return s.k.Redirect(w, r, base+"/hoat-dong", "dissemination-deleted")
}

// KindName names a material kind.
func (*activityPage) KindName(k string) string { return dissemination.KindName(k) }
