package dossier

// ResultSignature is how a dossier's result stands towards the digital
// signature: whether an electronic result is attached, and whether the
// latest one carries an intact digital signature.
type ResultSignature struct {
	Attached bool
	Signed   bool
	// Untrusted: the signature is intact but made with a certificate the
	// tenant does not trust (neither the agency's nor an officer's
	// registered signing identity, signature.Trusted).
	Untrusted bool
}

// SignedResultRule: a dossier of a procedure whose result must be signed
// (catalog.Procedure.ResultMustBeSigned) is returned only with a signed
// electronic result. Electronic results have the legal value of paper ones
// only when digitally signed by the competent person (Decree
// 45/2020/NĐ-CP, Art. 25(1); Law on Electronic Transactions 2023, Art. 22-23);
// the tenant marks the procedures for which it issues results this way.
// Dossiers ended otherwise (refused, withdrawn) and procedures without the
// mark are not concerned.
func SignedResultRule(d *Dossier, act Action, mustBeSigned bool, rs ResultSignature) error {
	if act != ActReturn || !mustBeSigned || d.Ended != EndResult {
		return nil
	}
	switch {
	case !rs.Attached:
		return refuse("Thủ tục này yêu cầu kết quả điện tử có chữ ký số: hãy đính kèm tệp kết quả và ký số trước khi trả kết quả.")
	case !rs.Signed:
		return refuse("Thủ tục này yêu cầu kết quả phải được ký số: tệp kết quả mới nhất chưa có chữ ký số hợp lệ. Hãy ký số kết quả trước khi trả.")
	case rs.Untrusted:
		return refuse("Tệp kết quả mới nhất được ký bằng chứng thư số không phải của cơ quan hoặc của cán bộ đã đăng ký chứng thư: hãy ký bằng chứng thư của cơ quan, ký số từ xa, hoặc đề nghị quản trị viên đăng ký chứng thư USB token của người ký.")
	}
	return nil
}
