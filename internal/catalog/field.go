package catalog

// Field is a procedure field (lĩnh vực): a stable code used by the software
// and the Vietnamese name users read.
type Field struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Codes of the justice-sector fields a provincial department (or, for
// judicial records since 01/3/2025, the provincial police) handles.
const (
	FieldNotary                  = "notary"                   // Công chứng
	FieldLawyer                  = "lawyer"                   // Luật sư
	FieldLegalAdvice             = "legal_advice"             // Tư vấn pháp luật
	FieldAssetAuction            = "asset_auction"            // Đấu giá tài sản
	FieldBailiff                 = "bailiff"                  // Thừa phát lại
	FieldJudicialExpertise       = "judicial_expertise"       // Giám định tư pháp
	FieldCommercialArbitration   = "commercial_arbitration"   // Trọng tài thương mại
	FieldCommercialMediation     = "commercial_mediation"     // Hòa giải thương mại
	FieldInsolvencyAdministrator = "insolvency_administrator" // Quản tài viên
	FieldLegalAid                = "legal_aid"                // Trợ giúp pháp lý
	FieldStateCompensation       = "state_compensation"       // Bồi thường nhà nước
	FieldNationality             = "nationality"              // Quốc tịch
	FieldAdoption                = "adoption"                 // Nuôi con nuôi
	FieldCivilStatus             = "civil_status"             // Hộ tịch
	FieldJudicialRecord          = "judicial_record"          // Lý lịch tư pháp
	FieldLegalDissemination      = "legal_dissemination"      // Phổ biến, giáo dục pháp luật
	FieldSMELegalSupport         = "sme_legal_support"        // Hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa
)

// Fields lists the known fields in display order. It returns a new slice on
// every call.
func Fields() []Field {
	return []Field{
		{FieldNotary, "Công chứng"},
		{FieldLawyer, "Luật sư"},
		{FieldLegalAdvice, "Tư vấn pháp luật"},
		{FieldAssetAuction, "Đấu giá tài sản"},
		{FieldBailiff, "Thừa phát lại"},
		{FieldJudicialExpertise, "Giám định tư pháp"},
		{FieldCommercialArbitration, "Trọng tài thương mại"},
		{FieldCommercialMediation, "Hòa giải thương mại"},
		{FieldInsolvencyAdministrator, "Quản tài viên"},
		{FieldLegalAid, "Trợ giúp pháp lý"},
		{FieldStateCompensation, "Bồi thường nhà nước"},
		{FieldNationality, "Quốc tịch"},
		{FieldAdoption, "Nuôi con nuôi"},
		{FieldCivilStatus, "Hộ tịch"},
		{FieldJudicialRecord, "Lý lịch tư pháp"},
		{FieldLegalDissemination, "Phổ biến, giáo dục pháp luật"},
		{FieldSMELegalSupport, "Hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa"},
	}
}

// FieldByCode returns the known field with the given code.
func FieldByCode(code string) (Field, bool) {
	for _, f := range Fields() {
		if f.Code == code {
			return f, true
		}
	}
	return Field{}, false
}
