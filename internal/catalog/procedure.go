package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"tuphap/internal/calendar"
)

// Procedure is an administrative procedure (thủ tục hành chính) as one
// tenant handles it, in one version: the rules in force from EffectiveFrom
// to EffectiveTo. The JSON form is documented in the package comment.
type Procedure struct {
	// ID is the stable key of the procedure in a tenant's catalogue. Built-in
	// procedures have fixed IDs ("notary.card_issue"); the national code
	// cannot be the key because it is sometimes unknown.
	ID string `json:"id"`
	// Code is the national code in the national database of procedures
	// ("1.013859", without a province suffix), empty when not certain. For a
	// local procedure it is the code the tenant chose.
	Code string `json:"code"`
	Name string `json:"name"`
	// Field is the procedure's field (lĩnh vực).
	Field Field `json:"field"`
	Level Level `json:"level"`
	// Agency is the kind of agency that receives and resolves the dossiers.
	Agency Agency `json:"agency"`
	// Authority is who decides or signs the result, in Vietnamese
	// ("Giám đốc Sở Tư pháp", "Chủ tịch Ủy ban nhân dân tỉnh").
	Authority string `json:"authority"`
	// Local marks a procedure the tenant added itself.
	Local bool `json:"local"`

	LegalBasis    []LegalRef    `json:"legal_basis"`
	EffectiveFrom calendar.Date `json:"effective_from"`
	EffectiveTo   calendar.Date `json:"effective_to,omitzero"` // last day in force; zero: open
	// Replaces names the version this one follows (a scheduled change:
	// competent agency, authority or time limit changing on EffectiveFrom);
	// Upcoming shows officers what changes.
	Replaces string `json:"replaces,omitempty"`

	Channels    []Channel   `json:"channels"`
	OnlineLevel OnlineLevel `json:"online_level"`

	// TimeLimit is the statutory time limit (thời hạn giải quyết) counted
	// from receipt of a complete dossier.
	TimeLimit calendar.Duration `json:"time_limit"`
	// ExtendedTimeLimit, if set, is the longer limit the law allows in the
	// cases ExtendedWhen describes.
	ExtendedTimeLimit calendar.Duration `json:"extended_time_limit,omitzero"`
	ExtendedWhen      string            `json:"extended_when,omitempty"`
	// ChannelRules hold the time limits that differ by channel.
	ChannelRules []ChannelRule `json:"channel_rules,omitempty"`

	Fees      []Fee      `json:"fees"`
	Documents []Document `json:"documents"`
	Result    string     `json:"result"`
	// Steps is the internal process; the allotments add up to TimeLimit.
	Steps []Step `json:"steps"`
	// Note is shown to officers and applicants with the procedure.
	Note string `json:"note,omitempty"`
	// ResultMustBeSigned: the tenant issues this procedure's result
	// electronically, digitally signed; a dossier is not returned until
	// its latest electronic result is signed (dossier.SignedResultRule).
	ResultMustBeSigned bool `json:"result_must_be_signed,omitempty"`

	Provenance Provenance `json:"provenance"`
	// Unverified is set when some fact is not sourced (see
	// UnverifiedFields), so that screens show a warning.
	Unverified       bool   `json:"unverified"`
	UnverifiedFields []Fact `json:"unverified_fields,omitempty"`
}

// Level is the administrative level a procedure belongs to.
type Level string

const (
	LevelProvince Level = "province" // Cấp tỉnh
	LevelCommune  Level = "commune"  // Cấp xã
)

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return l == LevelProvince || l == LevelCommune }

// Label is the Vietnamese name of the level.
func (l Level) Label() string {
	switch l {
	case LevelProvince:
		return "Cấp tỉnh"
	case LevelCommune:
		return "Cấp xã"
	}
	return string(l)
}

// Agency is the kind of agency that resolves a procedure's dossiers; it
// tells which tenants the procedure is for.
type Agency string

const (
	AgencyDepartment       Agency = "department"        // Sở Tư pháp
	AgencyProvincialPolice Agency = "provincial_police" // Công an tỉnh
	AgencyCommune          Agency = "commune"           // Ủy ban nhân dân cấp xã
)

// Valid reports whether a is a known agency.
func (a Agency) Valid() bool {
	return a == AgencyDepartment || a == AgencyProvincialPolice || a == AgencyCommune
}

// Label is the Vietnamese name of the agency.
func (a Agency) Label() string {
	switch a {
	case AgencyDepartment:
		return "Sở Tư pháp"
	case AgencyProvincialPolice:
		return "Công an tỉnh"
	case AgencyCommune:
		return "Ủy ban nhân dân cấp xã"
	}
	return string(a)
}

// Channel is a way to file a dossier and receive the result.
type Channel string

const (
	ChannelDirect Channel = "direct" // Trực tiếp
	ChannelOnline Channel = "online" // Trực tuyến
	ChannelPostal Channel = "postal" // Qua dịch vụ bưu chính công ích
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool {
	switch c {
	case ChannelDirect, ChannelOnline, ChannelPostal:
		return true
	}
	return false
}

// Label is the Vietnamese name of the channel.
func (c Channel) Label() string {
	switch c {
	case ChannelDirect:
		return "Trực tiếp"
	case ChannelOnline:
		return "Trực tuyến"
	case ChannelPostal:
		return "Qua dịch vụ bưu chính công ích"
	}
	return string(c)
}

// OnlineLevel is the level of the online public service (Decree 42/2022/NĐ-CP).
type OnlineLevel string

const (
	OnlineFull    OnlineLevel = "full"    // Toàn trình
	OnlinePartial OnlineLevel = "partial" // Một phần
	OnlineNone    OnlineLevel = "none"    // Không cung cấp trực tuyến
)

// Label is the Vietnamese name of the online level.
func (o OnlineLevel) Label() string {
	switch o {
	case OnlineFull:
		return "Toàn trình"
	case OnlinePartial:
		return "Một phần"
	case OnlineNone:
		return "Không cung cấp dịch vụ công trực tuyến"
	}
	return string(o)
}

// LegalRef cites one legal document of a procedure's legal basis.
type LegalRef struct {
	Title    string `json:"title"`              // "Luật Lý lịch tư pháp số 28/2009/QH12"
	Articles string `json:"articles,omitempty"` // "Điều 48"
	Note     string `json:"note,omitempty"`     // "phí cung cấp thông tin lý lịch tư pháp"
}

// Document is one component of the dossier (thành phần hồ sơ).
type Document struct {
	Name      string `json:"name"`
	Form      string `json:"form,omitempty"` // the form to use, if any ("Mẫu 03/2024/LLTP")
	Originals int    `json:"originals"`      // bản chính
	Copies    int    `json:"copies"`         // bản sao
	Required  bool   `json:"required"`
	// MustDigitise: the reception desk scans it into the dossier
	// (Circular 01/2023/TT-VPCP).
	MustDigitise bool   `json:"must_digitise"`
	Note         string `json:"note,omitempty"`
}

var (
	// nationalCodeRe is the national procedure code without the province
	// suffix: "1.013859", "2.000596", "3.000444".
	nationalCodeRe = regexp.MustCompile(`^[0-9]\.[0-9]{6}$`)
	idRe           = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)*$`)
	fieldCodeRe    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// InForceAt reports whether this version of the procedure applies to a
// dossier received on day d: EffectiveFrom ≤ d ≤ EffectiveTo.
func (p Procedure) InForceAt(d calendar.Date) bool {
	if d.Before(p.EffectiveFrom) {
		return false
	}
	return p.EffectiveTo.IsZero() || !d.After(p.EffectiveTo)
}

// TimeLimitFor is the statutory time limit for dossiers filed through
// channel c.
func (p Procedure) TimeLimitFor(c Channel) calendar.Duration {
	if r, ok := p.channelRule(c); ok {
		return r.TimeLimit
	}
	return p.TimeLimit
}

// StepsFor is the internal process for dossiers filed through channel c.
func (p Procedure) StepsFor(c Channel) []Step {
	if r, ok := p.channelRule(c); ok {
		return r.Steps
	}
	return p.Steps
}

func (p Procedure) channelRule(c Channel) (ChannelRule, bool) {
	for _, r := range p.ChannelRules {
		if r.Channel == c {
			return r, true
		}
	}
	return ChannelRule{}, false
}

// Allows reports whether dossiers may be filed through channel c.
func (p Procedure) Allows(c Channel) bool { return slices.Contains(p.Channels, c) }

// SearchText is the folded text the procedure is found by (see Fold): code,
// name, field and result.
func (p Procedure) SearchText() string {
	return Fold(strings.Join([]string{p.Code, p.Name, p.Field.Name, p.Result}, " "))
}

// Validate checks a procedure before it is stored or served. The error is an
// *apperr.Error of code Invalid listing every problem, in Vietnamese.
func (p Procedure) Validate() error {
	var ps problems
	p.check(&ps)
	return ps.err()
}

func (p Procedure) check(ps *problems) {
	p.checkIdentity(ps)
	p.checkValidity(ps)
	p.checkChannels(ps)
	p.checkTime(ps)
	for i, f := range p.Fees {
		f.check(ps, fmt.Sprintf("fees[%d]", i))
	}
	for i, d := range p.Documents {
		d.check(ps, fmt.Sprintf("documents[%d]", i))
	}
	if strings.TrimSpace(p.Result) == "" {
		ps.add("result", "Kết quả thực hiện thủ tục không được để trống")
	}
	p.Provenance.check(ps, p)
}

func (p Procedure) checkIdentity(ps *problems) {
	if !idRe.MatchString(p.ID) {
		ps.add("id", fmt.Sprintf("Mã định danh thủ tục không hợp lệ: %q (chữ thường không dấu, chữ số, dấu gạch dưới, dấu chấm)", p.ID))
	}
	switch {
	case p.Local && strings.TrimSpace(p.Code) == "":
		ps.add("code", "Mã thủ tục riêng của địa phương không được để trống")
	case p.Local && strings.ContainsFunc(p.Code, unicode.IsSpace):
		ps.add("code", fmt.Sprintf("Mã thủ tục không được chứa khoảng trắng: %q", p.Code))
	case !p.Local && p.Code != "" && !nationalCodeRe.MatchString(p.Code):
		ps.add("code", fmt.Sprintf("Mã thủ tục quốc gia không hợp lệ: %q (dạng 1.013859)", p.Code))
	}
	if strings.TrimSpace(p.Name) == "" {
		ps.add("name", "Tên thủ tục không được để trống")
	}
	known, ok := FieldByCode(p.Field.Code)
	switch {
	case p.Field.Code == "":
		ps.add("field", "Lĩnh vực không được để trống")
	case ok && p.Field.Name != known.Name:
		ps.add("field", fmt.Sprintf("Tên lĩnh vực %q không khớp với mã %q (%s)", p.Field.Name, p.Field.Code, known.Name))
	case !ok && !p.Local:
		ps.add("field", fmt.Sprintf("Lĩnh vực không xác định: %q", p.Field.Code))
	case !ok && (!fieldCodeRe.MatchString(p.Field.Code) || strings.TrimSpace(p.Field.Name) == ""):
		ps.add("field", fmt.Sprintf("Lĩnh vực riêng của địa phương phải có mã (chữ thường không dấu) và tên: %q", p.Field.Code))
	}
	if !p.Level.Valid() {
		ps.add("level", fmt.Sprintf("Cấp thực hiện không hợp lệ: %q", p.Level))
	}
	if !p.Agency.Valid() {
		ps.add("agency", fmt.Sprintf("Cơ quan thực hiện không hợp lệ: %q", p.Agency))
	}
	if strings.TrimSpace(p.Authority) == "" {
		ps.add("authority", "Cơ quan, người có thẩm quyền quyết định không được để trống")
	}
	if len(p.LegalBasis) == 0 {
		ps.add("legal_basis", "Căn cứ pháp lý không được để trống")
	}
	for i, l := range p.LegalBasis {
		if strings.TrimSpace(l.Title) == "" {
			ps.add(fmt.Sprintf("legal_basis[%d].title", i), fmt.Sprintf("Căn cứ pháp lý thứ %d chưa có tên văn bản", i+1))
		}
	}
}

func (p Procedure) checkValidity(ps *problems) {
	// calendar.Date does not normalise: a date built in Go may be 30/02,
	// which would not survive the JSON round trip.
	switch {
	case p.EffectiveFrom.IsZero():
		ps.add("effective_from", "Ngày có hiệu lực không được để trống")
	case !p.EffectiveFrom.IsValid():
		ps.add("effective_from", fmt.Sprintf("Ngày có hiệu lực không hợp lệ: %s", p.EffectiveFrom))
	case !p.EffectiveTo.IsZero() && !p.EffectiveTo.IsValid():
		ps.add("effective_to", fmt.Sprintf("Ngày hết hiệu lực không hợp lệ: %s", p.EffectiveTo))
	case !p.EffectiveTo.IsZero() && p.EffectiveTo.Before(p.EffectiveFrom):
		ps.add("effective_to", fmt.Sprintf("Ngày hết hiệu lực (%s) trước ngày có hiệu lực (%s)", p.EffectiveTo.FormatVN(), p.EffectiveFrom.FormatVN()))
	}
}

func (p Procedure) checkChannels(ps *problems) {
	if len(p.Channels) == 0 {
		ps.add("channels", "Phải có ít nhất một cách thức thực hiện")
	}
	for i, c := range p.Channels {
		switch {
		case !c.Valid():
			ps.add(fmt.Sprintf("channels[%d]", i), fmt.Sprintf("Cách thức thực hiện không hợp lệ: %q", c))
		case slices.Index(p.Channels, c) != i:
			ps.add(fmt.Sprintf("channels[%d]", i), fmt.Sprintf("Cách thức thực hiện bị lặp: %s", c.Label()))
		}
	}
	switch p.OnlineLevel {
	case OnlineFull, OnlinePartial:
		if !p.Allows(ChannelOnline) {
			ps.add("online_level", fmt.Sprintf("Mức độ trực tuyến %q nhưng không cho nộp hồ sơ trực tuyến", p.OnlineLevel.Label()))
		}
	case OnlineNone:
		if p.Allows(ChannelOnline) {
			ps.add("online_level", "Cho nộp hồ sơ trực tuyến nhưng mức độ dịch vụ công trực tuyến là không cung cấp")
		}
	default:
		ps.add("online_level", fmt.Sprintf("Mức độ dịch vụ công trực tuyến không hợp lệ: %q", p.OnlineLevel))
	}
}

func (p Procedure) checkTime(ps *problems) {
	if err := p.TimeLimit.Valid(); err != nil {
		ps.add("time_limit", fmt.Sprintf("Thời hạn giải quyết: %v", err))
	} else {
		checkSteps(ps, "steps", p.TimeLimit, p.Steps)
	}
	ext := p.ExtendedTimeLimit
	switch {
	case ext == (calendar.Duration{}):
		if p.ExtendedWhen != "" {
			ps.add("extended_time_limit", "Có trường hợp kéo dài nhưng chưa ghi thời hạn kéo dài")
		}
	case ext.Valid() != nil:
		ps.add("extended_time_limit", fmt.Sprintf("Thời hạn kéo dài: %v", ext.Valid()))
	case ext.Unit != p.TimeLimit.Unit || ext.Amount <= p.TimeLimit.Amount:
		ps.add("extended_time_limit", fmt.Sprintf("Thời hạn kéo dài (%s) phải dài hơn thời hạn giải quyết (%s), cùng đơn vị", durationText(ext), durationText(p.TimeLimit)))
	case strings.TrimSpace(p.ExtendedWhen) == "":
		ps.add("extended_when", "Phải ghi trường hợp được kéo dài thời hạn")
	}
	for i, r := range p.ChannelRules {
		rp := fmt.Sprintf("channel_rules[%d]", i)
		switch {
		case !r.Channel.Valid():
			ps.add(rp+".channel", fmt.Sprintf("Cách thức thực hiện không hợp lệ: %q", r.Channel))
		case !p.Allows(r.Channel):
			ps.add(rp+".channel", fmt.Sprintf("Có thời hạn riêng cho cách thức %q nhưng thủ tục không cho thực hiện theo cách này", r.Channel.Label()))
		case slices.IndexFunc(p.ChannelRules, func(o ChannelRule) bool { return o.Channel == r.Channel }) != i:
			ps.add(rp+".channel", fmt.Sprintf("Thời hạn riêng cho cách thức %q bị lặp", r.Channel.Label()))
		}
		if err := r.TimeLimit.Valid(); err != nil {
			ps.add(rp+".time_limit", fmt.Sprintf("Thời hạn giải quyết (%s): %v", r.Channel.Label(), err))
			continue
		}
		checkSteps(ps, rp+".steps", r.TimeLimit, r.Steps)
	}
}

func (d Document) check(ps *problems, path string) {
	if strings.TrimSpace(d.Name) == "" {
		ps.add(path+".name", "Tên giấy tờ trong thành phần hồ sơ không được để trống")
	}
	if d.Originals < 0 || d.Copies < 0 || d.Originals+d.Copies == 0 {
		ps.add(path, fmt.Sprintf("Giấy tờ %q: số bản chính, bản sao không hợp lệ (%d bản chính, %d bản sao)", d.Name, d.Originals, d.Copies))
	}
}
