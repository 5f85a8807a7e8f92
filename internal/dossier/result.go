package dossier

// MayAttachResult says whether a may attach the electronic result (the
// signed document the applicant downloads) to d. The result is the
// resolving unit's work (Decree 118/2025/NĐ-CP, Art. 25-26: the unit that
// resolves the dossier hands its result to the desk, which returns it):
//   - while the dossier is processed, only the officer holding the current
//     step (as for every other action on it);
//   - once the result is ready or returned, the handling unit, the
//     reception desk that returns it, or the director.
//
// It returns a Conflict error in the wrong state and a Forbidden one for
// the wrong officer, both with a Vietnamese message.
func MayAttachResult(d *Dossier, a Actor) error {
	switch d.Status {
	case Processing:
		if !holds(a, d.CurrentStep()) {
			return forbidden("Chỉ cán bộ đang giữ bước xử lý của hồ sơ mới được đính kèm kết quả.")
		}
		return nil
	case ResultReady, Returned:
		if isDesk(a) || (a.UnitCode != "" && a.UnitCode == d.Unit()) {
			return nil
		}
		return forbidden("Chỉ đơn vị giải quyết hồ sơ, Bộ phận Một cửa hoặc lãnh đạo Sở mới được đính kèm kết quả.")
	}
	return refuse("Chỉ đính kèm kết quả khi hồ sơ đang xử lý hoặc đã có kết quả.")
}
