package adminunit

// A province before 1/7/2025 and the province that holds its territory since.
// Provinces were merged whole (Resolution 202/2025/QH15), so a province series
// from before 1/7/2025 is re-aggregated exactly by summing the old codes of
// each new province. The new code is the code of the province holding the new
// seat; in 7 cases (15, 24, 44, 52, 80, 82, 91) that is not the code of the
// old province whose name the new one took (research/domain.md §10).
// Communes were merged many-to-many and are not mapped here: pre-2025 commune
// facts keep their legacy codes.
type LegacyProvince struct {
	Code    string // code before 1/7/2025
	Name    string // name before 1/7/2025
	NewCode string // province code since 1/7/2025
}

// legacyProvinces are the 63 provinces in force until 30/6/2025.
var legacyProvinces = []LegacyProvince{
	{"01", "Hà Nội", "01"}, {"02", "Hà Giang", "08"}, {"04", "Cao Bằng", "04"},
	{"06", "Bắc Kạn", "19"}, {"08", "Tuyên Quang", "08"}, {"10", "Lào Cai", "15"},
	{"11", "Điện Biên", "11"}, {"12", "Lai Châu", "12"}, {"14", "Sơn La", "14"},
	{"15", "Yên Bái", "15"}, {"17", "Hòa Bình", "25"}, {"19", "Thái Nguyên", "19"},
	{"20", "Lạng Sơn", "20"}, {"22", "Quảng Ninh", "22"}, {"24", "Bắc Giang", "24"},
	{"25", "Phú Thọ", "25"}, {"26", "Vĩnh Phúc", "25"}, {"27", "Bắc Ninh", "24"},
	{"30", "Hải Dương", "31"}, {"31", "Hải Phòng", "31"}, {"33", "Hưng Yên", "33"},
	{"34", "Thái Bình", "33"}, {"35", "Hà Nam", "37"}, {"36", "Nam Định", "37"},
	{"37", "Ninh Bình", "37"}, {"38", "Thanh Hóa", "38"}, {"40", "Nghệ An", "40"},
	{"42", "Hà Tĩnh", "42"}, {"44", "Quảng Bình", "44"}, {"45", "Quảng Trị", "44"},
	{"46", "Thừa Thiên Huế", "46"}, {"48", "Đà Nẵng", "48"}, {"49", "Quảng Nam", "48"},
	{"51", "Quảng Ngãi", "51"}, {"52", "Bình Định", "52"}, {"54", "Phú Yên", "66"},
	{"56", "Khánh Hòa", "56"}, {"58", "Ninh Thuận", "56"}, {"60", "Bình Thuận", "68"},
	{"62", "Kon Tum", "51"}, {"64", "Gia Lai", "52"}, {"66", "Đắk Lắk", "66"},
	{"67", "Đắk Nông", "68"}, {"68", "Lâm Đồng", "68"}, {"70", "Bình Phước", "75"},
	{"72", "Tây Ninh", "80"}, {"74", "Bình Dương", "79"}, {"75", "Đồng Nai", "75"},
	{"77", "Bà Rịa - Vũng Tàu", "79"}, {"79", "Hồ Chí Minh", "79"}, {"80", "Long An", "80"},
	{"82", "Tiền Giang", "82"}, {"83", "Bến Tre", "86"}, {"84", "Trà Vinh", "86"},
	{"86", "Vĩnh Long", "86"}, {"87", "Đồng Tháp", "82"}, {"89", "An Giang", "91"},
	{"91", "Kiên Giang", "91"}, {"92", "Cần Thơ", "92"}, {"93", "Hậu Giang", "92"},
	{"94", "Sóc Trăng", "92"}, {"95", "Bạc Liêu", "96"}, {"96", "Cà Mau", "96"},
}

// LegacyProvinces returns the 63 provinces in force until 30/6/2025 with the
// province that holds each since 1/7/2025, in old-code order.
func LegacyProvinces() []LegacyProvince { return append([]LegacyProvince(nil), legacyProvinces...) }

// SuccessorProvince returns the code since 1/7/2025 of the province that
// holds the territory of old province code old, and false for an unknown code.
func SuccessorProvince(old string) (string, bool) {
	for _, p := range legacyProvinces {
		if p.Code == old {
			return p.NewCode, true
		}
	}
	return "", false
}

// Predecessors returns the old province codes merged into new province code
// p, in code order.
func Predecessors(p string) []string {
	var out []string
	for _, lp := range legacyProvinces {
		if lp.NewCode == p {
			out = append(out, lp.Code)
		}
	}
	return out
}
