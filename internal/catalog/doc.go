// Package catalog holds administrative procedures (thủ tục hành chính, TTHC):
// their fields, time limits, fees, dossier documents and internal process,
// the rules that keep them sound, and the built-in catalogue of the justice
// sector's provincial procedures, embedded as data/procedures.json. It does
// no I/O beyond reading its own embedded file.
//
// # Rules
//
//   - [Procedure.Validate] checks one procedure; the error is an Invalid
//     *apperr.Error listing every problem in Vietnamese, with the JSON path
//     of each in Fields.
//   - The internal process must fill the statutory time limit exactly: steps
//     are in the limit's unit, except that working-hour steps may sit inside
//     a working-day limit (1 working day = 8 working hours). A channel with
//     its own limit (ChannelRules) has its own process.
//   - [ValidateOverride] checks a tenant's edit of a procedure: time limits
//     may only be shortened, in the same unit; the ID, national code and
//     field of a built-in procedure are fixed. Local procedures (Local: true)
//     carry a tenant-chosen code without spaces.
//   - [ValidateCatalog] checks a tenant's whole list: unique IDs and codes,
//     and no two procedures of one agency with the same name in force on the
//     same day.
//   - [Procedure.InForceAt] picks the version for a date (EffectiveFrom and
//     EffectiveTo are inclusive); [Procedure.TimeLimitFor],
//     [Procedure.StepsFor] and [Procedure.FeeFor] answer per channel and per
//     payer category; [Fold] and [Procedure.SearchText] serve search.
//
// # Provenance
//
// Every fact of a built-in procedure carries a mark in
// provenance.verified, as in research/catalog.json: "S" sourced, "S-old"
// sourced before the 2025 reforms, "M" from memory or inference, "-" no
// data. unverified_fields lists the facts not marked "S" (the internal
// process is left out: provinces approve their own, so a built-in one is
// always a template marked "M"), and unverified is true when that list is
// not empty, so that screens can warn. A national code that is not certain
// is left empty, and a fee that is not known is left out (fee marked "-"),
// rather than invented.
//
// # Built-in data
//
// [Builtin] decodes the embedded file (unknown keys are an error), validates
// every procedure and the catalogue, and returns fresh values. Current
// versions are in force from 01/7/2025, when two-tier local government and
// the 2025 decrees on decentralisation (NĐ 120/2025, 121/2025) took effect
// and provinces republished their catalogues. The judicial record
// certificate has two versions: the department's (01/7/2010 to 28/02/2025)
// and the provincial police's (from 01/3/2025, agency "provincial_police").
// Steps name the units of a department as "MOTCUA" (reception desk), "BTTP"
// (Phòng Bổ trợ tư pháp), "HCTP" (Phòng Hành chính tư pháp) and "PBGDPL"
// (Phòng Phổ biến, giáo dục pháp luật), and coordinating agencies as
// "UBND_TINH", "CA_TINH", "BTP", "VP_CTN" and "SO_NOI_VU". Run
//
//	go test ./internal/catalog -run TestBuiltinCanonical -update
//
// after editing the file to restore its canonical form and the derived
// unverified flags.
//
// # JSON
//
// The store persists procedures and the API serves them in this form; keys
// are stable. Dates are calendar.Date, "YYYY-MM-DD"; durations are
// calendar.Duration, {"amount", "unit"} with unit "working_days",
// "working_hours", "calendar_days" or "same_day"; amounts of money are whole
// VND.
//
//	{
//	  "id": "notary.card_issue",            // stable key; lower case, dots
//	  "code": "1.013859",                   // national code, "" if unknown
//	  "name": "Cấp thẻ công chứng viên",
//	  "field": {"code": "notary", "name": "Công chứng"},
//	  "level": "province",                  // province | commune
//	  "agency": "department",               // department | provincial_police | commune
//	  "authority": "Giám đốc Sở Tư pháp",
//	  "local": false,
//	  "legal_basis": [{"title": "Luật Công chứng số 46/2024/QH15", "articles": "Điều 26", "note": "..."}],
//	  "effective_from": "2025-07-01",
//	  "effective_to": "2027-02-28",         // last day in force; omitted while open
//	  "channels": ["direct", "online", "postal"],
//	  "online_level": "partial",            // full | partial | none
//	  "time_limit": {"amount": 5, "unit": "working_days"},
//	  "extended_time_limit": {...},         // optional, with "extended_when"
//	  "channel_rules": [{"channel": "online", "time_limit": {...}, "steps": [...]}],
//	  "fees": [{"name": "Lệ phí", "description": "...", "amount": 100000, "per": "thẻ",
//	            "when": "...", "reductions": [{"category": "student", "amount": 50000}]}],
//	  "documents": [{"name": "...", "form": "...", "originals": 1, "copies": 0,
//	                 "required": true, "must_digitise": true, "note": "..."}],
//	  "result": "Thẻ công chứng viên",
//	  "steps": [{"name": "Tiếp nhận, kiểm tra hồ sơ, chuyển xử lý", "role": "reception_clerk",
//	             "unit": "MOTCUA", "allotted": {"amount": 4, "unit": "working_hours"}}],
//	  "note": "...",
//	  "provenance": {"sources": ["..."], "verified": {"code": "S", "time": "S", ...}, "notes": ["..."]},
//	  "unverified": true,
//	  "unverified_fields": ["documents"]
//	}
//
// Optional keys (articles, note, description, per, when, reductions, form,
// role or unit of a step, extended_*, channel_rules, effective_to, notes,
// unverified_fields) are omitted when empty. A fee with "when" is charged
// only in that case and is not counted by FeeFor; a reduction's amount is
// what that payer category pays (0: exempt).
package catalog
