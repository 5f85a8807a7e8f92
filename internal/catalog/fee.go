package catalog

import "fmt"

// Fee is one charge of a procedure. The law distinguishes "Lệ phí" (a charge
// for a state service, Law on Fees and Charges 2015) from "Phí" (a charge that
// recovers costs, e.g. a fee for appraising practice conditions); Name holds
// which one. A procedure without fees is free.
type Fee struct {
	Name        string `json:"name"`                  // "Lệ phí" or "Phí"
	Description string `json:"description,omitempty"` // "Phí thẩm định điều kiện hành nghề..."
	Amount      int64  `json:"amount"`                // VND
	Per         string `json:"per,omitempty"`         // "hồ sơ", "thẻ", "bản sao", "lần"
	// When, if set, says in which case alone the fee is charged ("từ Phiếu
	// thứ 3 trở đi"). Such fees are shown but not counted by FeeFor.
	When       string      `json:"when,omitempty"`
	Reductions []Reduction `json:"reductions,omitempty"`
}

// Reduction is what one category of payer pays instead of the fee's amount;
// an Amount of 0 is an exemption.
type Reduction struct {
	Category FeeCategory `json:"category"`
	Amount   int64       `json:"amount"`
}

// FeeCategory is a category of payer with a reduced fee or an exemption.
type FeeCategory string

// Payer categories named by the fee circulars (TT 244/2016/TT-BTC for
// judicial records, TT 281/2016/TT-BTC for nationality).
const (
	FeeStandard            FeeCategory = "standard"             // Người nộp phí thông thường
	FeeStudent             FeeCategory = "student"              // Sinh viên
	FeeMeritorious         FeeCategory = "meritorious"          // Người có công với cách mạng
	FeeMartyrRelative      FeeCategory = "martyr_relative"      // Thân nhân liệt sĩ
	FeeChild               FeeCategory = "child"                // Trẻ em
	FeeElderly             FeeCategory = "elderly"              // Người cao tuổi
	FeeDisabled            FeeCategory = "disabled"             // Người khuyết tật
	FeePoorHousehold       FeeCategory = "poor_household"       // Người thuộc hộ nghèo
	FeeHardshipArea        FeeCategory = "hardship_area"        // Người ở xã đặc biệt khó khăn
	FeeSpecialContribution FeeCategory = "special_contribution" // Người có công lao đặc biệt
	FeeStatelessHardship   FeeCategory = "stateless_hardship"   // Người không quốc tịch có hoàn cảnh khó khăn
)

// FeeCategories lists the known payer categories in display order.
func FeeCategories() []FeeCategory {
	return []FeeCategory{
		FeeStandard, FeeStudent, FeeMeritorious, FeeMartyrRelative, FeeChild,
		FeeElderly, FeeDisabled, FeePoorHousehold, FeeHardshipArea,
		FeeSpecialContribution, FeeStatelessHardship,
	}
}

// Label is the Vietnamese name of the category.
func (c FeeCategory) Label() string {
	switch c {
	case FeeStandard, "":
		return "Người nộp phí, lệ phí thông thường"
	case FeeStudent:
		return "Sinh viên"
	case FeeMeritorious:
		return "Người có công với cách mạng"
	case FeeMartyrRelative:
		return "Thân nhân liệt sĩ"
	case FeeChild:
		return "Trẻ em"
	case FeeElderly:
		return "Người cao tuổi"
	case FeeDisabled:
		return "Người khuyết tật"
	case FeePoorHousehold:
		return "Người thuộc hộ nghèo"
	case FeeHardshipArea:
		return "Người cư trú tại xã có điều kiện kinh tế - xã hội đặc biệt khó khăn, đồng bào dân tộc thiểu số ở xã đặc biệt khó khăn"
	case FeeSpecialContribution:
		return "Người có công lao đặc biệt"
	case FeeStatelessHardship:
		return "Người không quốc tịch có hoàn cảnh kinh tế khó khăn"
	}
	return string(c)
}

// Valid reports whether c is a known category.
func (c FeeCategory) Valid() bool {
	for _, k := range FeeCategories() {
		if c == k {
			return true
		}
	}
	return false
}

// AmountFor is what a payer of category c pays for this fee.
func (f Fee) AmountFor(c FeeCategory) int64 {
	for _, r := range f.Reductions {
		if r.Category == c {
			return r.Amount
		}
	}
	return f.Amount
}

// FeeFor is the total a payer of category c pays for one dossier: the sum of
// the procedure's unconditional fees, each reduced for c where the law says
// so. The empty category is the standard payer.
func (p Procedure) FeeFor(c FeeCategory) int64 {
	var total int64
	for _, f := range p.Fees {
		if f.When == "" {
			total += f.AmountFor(c)
		}
	}
	return total
}

func (f Fee) check(ps *problems, path string) {
	if f.Name == "" {
		ps.add(path+".name", "Tên khoản phí, lệ phí không được để trống")
	}
	if f.Amount < 0 {
		ps.add(path+".amount", fmt.Sprintf("Mức phí, lệ phí không được âm (%d đồng)", f.Amount))
	}
	seen := map[FeeCategory]bool{}
	for j, r := range f.Reductions {
		rp := fmt.Sprintf("%s.reductions[%d]", path, j)
		switch {
		case !r.Category.Valid() || r.Category == FeeStandard:
			ps.add(rp+".category", fmt.Sprintf("Đối tượng miễn, giảm không hợp lệ: %q", r.Category))
		case seen[r.Category]:
			ps.add(rp+".category", fmt.Sprintf("Đối tượng miễn, giảm bị lặp: %s", r.Category.Label()))
		}
		seen[r.Category] = true
		if r.Amount < 0 || r.Amount > f.Amount {
			ps.add(rp+".amount", fmt.Sprintf("Mức thu sau miễn, giảm cho %s phải từ 0 đến %d đồng", r.Category.Label(), f.Amount))
		}
	}
}
