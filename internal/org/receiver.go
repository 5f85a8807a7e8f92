package org

import (
	"slices"
	"strings"

	"tuphap/internal/apperr"
	"tuphap/internal/calendar"
)

// Receiver says who receives and returns the tenant's dossiers, in force
// from EffectiveFrom: since 1/7/2025 the provincial Public Administration
// Service Centre (Trung tâm Phục vụ hành chính công) receives and returns
// dossiers for the provincial departments (Decree 118/2025/NĐ-CP Art. 3(3),
// 7, 14); before, the department's own desk (Bộ phận Tiếp nhận và Trả kết
// quả, Decree 61/2018/NĐ-CP). Every slip and receipt names the organisation,
// its address and the competent agency of the version in force on the day
// the dossier was received.
type Receiver struct {
	EffectiveFrom calendar.Date `json:"effective_from"`
	// Organisation in running text: "Trung tâm Phục vụ hành chính công tỉnh
	// Đồng Tháp", or "Bộ phận Tiếp nhận và Trả kết quả".
	Organisation string `json:"organisation"`
	Address      string `json:"address,omitempty"`
	// CompetentAgency is the agency that resolves the dossiers ("Sở Tư
	// pháp tỉnh Đồng Tháp"); empty: the tenant's name.
	CompetentAgency string `json:"competent_agency,omitempty"`
	// Centre marks an organisation apart from the competent agency (the
	// provincial centre): its slips carry its own name under the provincial
	// People's Committee, not the department's.
	Centre bool   `json:"centre,omitempty"`
	Basis  string `json:"basis"`
}

// DefaultReceiver is the tenant's own desk, as tuphap printed before
// reception became a setting.
func DefaultReceiver(t Tenant) Receiver {
	return Receiver{Organisation: "Bộ phận Tiếp nhận và Trả kết quả", CompetentAgency: t.Name,
		Basis: "Bộ phận Tiếp nhận và Trả kết quả của cơ quan (mặc định)"}
}

// Normalize cleans the text fields.
func (r *Receiver) Normalize() {
	r.Organisation, r.Address = CleanText(r.Organisation), CleanText(r.Address)
	r.CompetentAgency, r.Basis = CleanText(r.CompetentAgency), CleanText(r.Basis)
}

// Validate checks a version before it is stored.
func (r Receiver) Validate() error {
	switch {
	case r.EffectiveFrom.IsZero() || !r.EffectiveFrom.IsValid():
		return apperr.Field("effective_from", "Cần ghi ngày có hiệu lực hợp lệ.")
	case r.Organisation == "":
		return apperr.Field("organisation", "Tên tổ chức tiếp nhận và trả kết quả không được để trống.")
	case len([]rune(r.Organisation)) > 200 || len([]rune(r.CompetentAgency)) > 200:
		return apperr.Field("organisation", "Tên tổ chức, cơ quan không được dài quá 200 ký tự.")
	case len([]rune(r.Address)) > 300:
		return apperr.Field("address", "Địa chỉ không được dài quá 300 ký tự.")
	case r.Basis == "":
		return apperr.Field("basis", "Cần ghi căn cứ (văn bản giao tiếp nhận hồ sơ).")
	case len([]rune(r.Basis)) > 500:
		return apperr.Field("basis", "Căn cứ không được dài quá 500 ký tự.")
	}
	return nil
}

// ReceiverAt returns the version in force on day among versions (any
// order), or DefaultReceiver(t) before the first; an empty competent agency
// is the tenant's name.
func ReceiverAt(versions []Receiver, t Tenant, day calendar.Date) Receiver {
	out, found := DefaultReceiver(t), calendar.Date{}
	for _, v := range versions {
		if !v.EffectiveFrom.After(day) && (found.IsZero() || v.EffectiveFrom.After(found)) {
			out, found = v, v.EffectiveFrom
		}
	}
	if strings.TrimSpace(out.CompetentAgency) == "" {
		out.CompetentAgency = t.Name
	}
	return out
}

// SortReceivers orders versions by effective date.
func SortReceivers(vs []Receiver) {
	slices.SortFunc(vs, func(a, b Receiver) int { return a.EffectiveFrom.Compare(b.EffectiveFrom) })
}
