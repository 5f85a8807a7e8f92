package report

// The service-quality index of Decision 766/QĐ-TTg (23/6/2022): 100 points
// in five groups, computed per period. tuphap computes the indicators its
// own data supports (research/onestop.md §4) with F766's formulas, and says
// which ones need data it does not hold.

// IndexCounts are the counts the index needs beyond the form.
type IndexCounts struct {
	FeeBearing   int64 `json:"fee_bearing"`  // dossiers received in the period that bear a fee
	PaidOnline   int64 `json:"paid_online"`  // of those, paid online
	Dissatisfied int64 `json:"dissatisfied"` // dossiers resolved in the period rated "not satisfied"
	Rated        int64 `json:"rated"`        // dossiers resolved in the period with a rating
	// MultiSupplement counts the dossiers resolved early or on time, or in
	// progress within time, that were asked for a supplement more than once:
	// Decision 766 counts them as late in indicator 2.1.
	MultiSupplement int64 `json:"multi_supplement"`
	// SyncOn says the tenant synchronises dossiers with the national
	// portal (package external/dvcqg); SyncReceived counts the dossiers
	// received in the period and Synced those whose receipt reached the
	// portal (indicator 1.4).
	SyncOn       bool  `json:"sync_on"`
	SyncReceived int64 `json:"sync_received"`
	Synced       int64 `json:"synced"`
	// FeeExempt counts the dossiers received in the period exempted from
	// their fee (not in FeeBearing).
	FeeExempt int64 `json:"fee_exempt"`
	// Digitisation (package digitise), over the dossiers resolved with a
	// result in the period: DigitOn once the tenant digitises;
	// DigitResolved the dossiers, DigitResult those with an electronic
	// result, DigitBoth with digitised components and result, DigitReused
	// with a component reused from an earlier dossier.
	DigitOn       bool  `json:"digit_on"`
	DigitResolved int64 `json:"digit_resolved"`
	DigitResult   int64 `json:"digit_result"`
	DigitBoth     int64 `json:"digit_both"`
	DigitReused   int64 `json:"digit_reused"`
	// Catalogue (CountCatalogue): CatalogOn once counted; 1.3, 3.1,
	// 3.2, 3.4 and 3.5 are computed from it.
	CatalogOn bool            `json:"catalog_on"`
	Catalog   CatalogueCounts `json:"catalog"`
	// ProcPaidOnline counts the fee-bearing procedures with a dossier
	// received in the period and paid online (3.4).
	ProcPaidOnline int64 `json:"proc_paid_online"`
	// Satisfaction surveys (package survey), once the tenant surveys:
	// SurveyDisliked counts the dossiers resolved in the period whose
	// survey answer is "not satisfied" overall and whose rating is not
	// (5.4 counts a dossier once); FeedbackAnswered and FeedbackSatisfied
	// the answers of the survey's feedback-handling group in the period
	// (5.3).
	SurveyOn          bool  `json:"survey_on"`
	SurveyDisliked    int64 `json:"survey_disliked"`
	FeedbackAnswered  int64 `json:"feedback_answered"`
	FeedbackSatisfied int64 `json:"feedback_satisfied"`
	// ResolvedDays sums, over the ResolvedN dossiers resolved in the
	// period, the calendar days from acceptance to the end (2.2), when
	// counted.
	ResolvedDaysOn bool  `json:"resolved_days_on"`
	ResolvedDays   int64 `json:"resolved_days"`
	ResolvedN      int64 `json:"resolved_n"`
}

// Indicator is one indicator with its raw numerator and denominator.
type Indicator struct {
	Code        string   `json:"code"`
	Group       string   `json:"group"`
	Name        string   `json:"name"`
	Formula     string   `json:"formula"`
	Available   bool     `json:"available"`
	Numerator   int64    `json:"numerator"`
	Denominator int64    `json:"denominator"`
	Rate        *float64 `json:"rate"`   // percent, one decimal; null when the denominator is 0
	Points      *float64 `json:"points"` // null when not available or undefined
	MaxPoints   float64  `json:"max_points"`
	Threshold   float64  `json:"full_at,omitempty"` // rate (percent) at or above which the full points are given
	Missing     string   `json:"missing,omitempty"` // the data tuphap does not hold yet
	// Source is the indicator's legal source; PointsSource where its
	// points come from; PointsKnown false: computed, not scored.
	Source        string `json:"source"`
	PointsSource  string `json:"points_source"`
	PointsKnown   bool   `json:"points_known"`
	Informational bool   `json:"informational,omitempty"`
	// Value is an informational indicator's figure (2.2: days), already
	// formatted; empty otherwise.
	Value string `json:"value,omitempty"`
}

// Index is the indicators of a period.
type Index struct {
	From       string      `json:"from"`
	To         string      `json:"to"`
	Indicators []Indicator `json:"indicators"`
	// Points and MaxPoints add up the available indicators only.
	Points    float64 `json:"points"`
	MaxPoints float64 `json:"max_points"`
	// FeeExempt counts the dossiers received in the period exempted from
	// their fee (beside indicator 3.6, whose denominator leaves them out).
	FeeExempt int64 `json:"fee_exempt"`
}

// points scores a rate (in tenths of a percent) against its maximum:
// proportional (rate × max) when threshold is 0, else full at or above the
// threshold and rate × max ÷ threshold below it (F766); two decimals.
func points(num, den int64, maxPts, threshold float64) *float64 {
	if den <= 0 {
		return nil
	}
	frac := float64(num) / float64(den) // 0..1
	var p float64
	switch {
	case threshold == 0:
		p = frac * maxPts
	case frac*100 >= threshold:
		p = maxPts
	default:
		p = frac * 100 * maxPts / threshold
	}
	p = float64(int64(p*100+0.5)) / 100
	return &p
}

// ComputeIndex computes every indicator of Decision 766 (Defs766) for the
// report's period from its Biểu 06 figures and the extra counts: those
// tuphap holds the data for are computed (and scored when their points are
// known); the others say what is missing.
func ComputeIndex(r Report, c IndexCounts) Index {
	t := r.Total
	ix := Index{From: r.From, To: r.To, FeeExempt: c.FeeExempt}
	byCode := map[string]Indicator{}
	set := func(code string, available bool, num, den int64, missing string) {
		in := byCode[code]
		in.Available, in.Numerator, in.Denominator, in.Missing = available, num, den, missing
		byCode[code] = in
	}
	const catalogNote = "Tính từ danh mục thủ tục hành chính của cơ quan trên hệ thống."
	// 1.1, 1.2: the dates of publication decisions are not kept.
	set("1.1", false, 0, 0, "Hệ thống chưa lưu quyết định công bố TTHC và ngày hiệu lực của văn bản quy định TTHC.")
	set("1.2", false, 0, 0, "Hệ thống chưa lưu ngày có quyết định công bố và ngày công khai TTHC trên Cơ sở dữ liệu quốc gia.")
	// 1.3 from the catalogue.
	if c.CatalogOn {
		set("1.3", true, c.Catalog.Complete, c.Catalog.Procedures, catalogNote+" Thành phần \"đối tượng thực hiện\" chưa được lưu riêng nên không kiểm tra.")
	} else {
		set("1.3", false, 0, 0, "Chưa đếm danh mục thủ tục của cơ quan.")
	}
	// 1.4: dossiers received in the period whose receipt reached the
	// national portal ÷ dossiers received in the period; 6 × rate. Scored
	// once the tenant synchronises (the sync log of external/dvcqg).
	if c.SyncOn {
		set("1.4", true, c.Synced, c.SyncReceived, "")
	} else {
		set("1.4", false, 0, 0, "Cơ quan chưa kết nối đồng bộ hồ sơ với Cổng Dịch vụ công quốc gia nên chưa có nhật ký đồng bộ.")
	}
	// 2.1: (resolved early or on time + in progress within time) ÷ dossiers
	// received and processed in the period; 20 × rate. A dossier asked for
	// a supplement more than once counts as late.
	set("2.1", true, max(0, t.Resolved.Early+t.Resolved.OnTime+t.InProgress.WithinTime-c.MultiSupplement), t.Received.Total, "")
	// 2.2: informational, in calendar days (the procedures' units differ).
	if c.ResolvedDaysOn {
		set("2.2", true, c.ResolvedDays, c.ResolvedN, "Tính theo ngày dương lịch từ ngày tiếp nhận đến ngày có kết quả, trên hồ sơ đã giải quyết trong kỳ.")
	} else {
		set("2.2", false, 0, 0, "Chưa cộng dồn thời gian giải quyết của từng hồ sơ.")
	}
	// 3.1, 3.2, 3.5 from the catalogue; 3.4 from the catalogue and the
	// dossiers paid online.
	if c.CatalogOn {
		set("3.1", true, c.Catalog.Online, c.Catalog.Procedures, catalogNote)
		set("3.2", true, c.Catalog.OnlineUsed, c.Catalog.Online, catalogNote+" Tử số: thủ tục có hồ sơ nộp trực tuyến trong kỳ.")
		set("3.4", true, min(c.ProcPaidOnline, c.Catalog.FeeBearing), c.Catalog.FeeBearing, catalogNote+" Tử số: thủ tục có hồ sơ tiếp nhận trong kỳ đã thanh toán trực tuyến.")
		set("3.5", true, c.Catalog.FeeOnline, c.Catalog.FeeBearing, catalogNote+" Thanh toán qua cổng thanh toán của Cổng dịch vụ công của tỉnh.")
	} else {
		for _, code := range []string{"3.1", "3.2", "3.4", "3.5"} {
			set(code, false, 0, 0, "Chưa đếm danh mục thủ tục của cơ quan.")
		}
	}
	// 3.3: online ÷ received × the sync factor (indicator 1.4); full at
	// 50%. Without 1.4 the indicator cannot be computed: it is listed, not
	// scored (the raw online count stays in the figures).
	set("3.3", false, t.Received.Online, t.Received.Online+t.Received.DirectPostal,
		"Cần hệ số đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia (chỉ số 1.4) mà hệ thống chưa có, và điều kiện có kết quả điện tử.")
	// 3.6: paid online ÷ fee-bearing dossiers (zero-fee excluded); full at 30%.
	set("3.6", true, c.PaidOnline, c.FeeBearing, "")
	// What tuphap holds for group 4 (issue 14 item 2): the electronic
	// results attached to dossiers and the files citizens upload. Once the
	// tenant digitises (package digitise), 4.1–4.3 are scored over the
	// dossiers resolved with a result in the period (every procedure of
	// the catalogue yields a document).
	if c.DigitOn {
		const note = "Mẫu số: hồ sơ đã giải quyết có kết quả trong kỳ (các thủ tục trong danh mục đều có kết quả là giấy tờ)."
		set("4.1", true, c.DigitResult, c.DigitResolved, note)
		set("4.2", true, c.DigitBoth, c.DigitResolved, note)
		set("4.3", true, c.DigitReused, c.DigitResolved, note)
	} else {
		set("4.1", false, 0, 0, "Hệ thống lưu tệp kết quả điện tử đính kèm hồ sơ (có mã SHA-256, tra cứu được trên Cổng); chưa lưu danh mục thủ tục có kết quả là giấy tờ nên chưa có mẫu số.")
		set("4.2", false, 0, 0, "Hệ thống lưu tệp thành phần của hồ sơ nộp trực tuyến, tệp bổ sung và tệp kết quả; chưa lưu bản số hóa thành phần hồ sơ nhận trực tiếp tại Bộ phận Một cửa.")
		set("4.3", false, 0, 0, "Hệ thống chưa ghi nhận thành phần hồ sơ được khai thác lại từ kho dữ liệu số hóa hoặc cơ sở dữ liệu dùng chung.")
	}
	set("4.4", false, 0, 0, "Hệ thống chưa gửi bản số hóa, kết quả vào kho dữ liệu của công dân trên Cổng Dịch vụ công quốc gia.")
	// 4.5: every online dossier is filed by a citizen signed in with the
	// national e-ID (portal sign-in, or the national portal's own).
	set("4.5", true, t.Received.Online, t.Received.Online+t.Received.DirectPostal,
		"Tử số: hồ sơ nộp trực tuyến (người nộp đăng nhập bằng tài khoản định danh điện tử); hồ sơ nhận trực tiếp chưa ghi nhận việc tra cứu Cơ sở dữ liệu quốc gia về dân cư.")
	const pakn = "Phản ánh, kiến nghị về quy định hành chính được tiếp nhận trên Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị quốc gia, chưa kết nối với hệ thống; sổ đơn thư của cơ quan không thay thế được."
	set("5.1", false, 0, 0, pakn)
	set("5.2", false, 0, 0, pakn)
	if c.SurveyOn {
		set("5.3", true, c.FeedbackSatisfied, c.FeedbackAnswered, "Từ phiếu khảo sát mức độ hài lòng của cơ quan (nhóm tiêu chí tiếp nhận, xử lý góp ý, phản ánh, kiến nghị), không phải từ Hệ thống phản ánh, kiến nghị quốc gia.")
	} else {
		set("5.3", false, 0, 0, "Cơ quan chưa thu phiếu khảo sát mức độ hài lòng.")
	}
	// 5.4: 100% − (late rate + rate of dissatisfied ratings or surveys),
	// over the dossiers resolved in the period; full at 90%.
	sat := "Chưa có dữ liệu phản ánh, kiến nghị (PAKN); chỉ tính đánh giá của người nộp hồ sơ."
	if c.SurveyOn {
		sat = "Chưa có dữ liệu phản ánh, kiến nghị (PAKN); tính đánh giá của người nộp hồ sơ và phiếu khảo sát không hài lòng (mỗi hồ sơ một lần)."
	}
	var satNum int64
	if t.Resolved.Total > 0 {
		satNum = max(0, t.Resolved.Total-t.Resolved.Late-c.Dissatisfied-c.SurveyDisliked)
	}
	set("5.4", true, satNum, t.Resolved.Total, sat)

	for _, d := range Defs766 {
		in := byCode[d.Code]
		in.Code, in.Group, in.Name, in.Formula = d.Code, d.Group, d.Name, d.Formula
		in.MaxPoints, in.Threshold, in.Source, in.PointsSource, in.PointsKnown, in.Informational =
			d.MaxPoints, d.Threshold, d.Source, d.PointsSource, d.PointsKnown, d.Informational
		if in.Available {
			switch {
			case d.Informational:
				if in.Denominator > 0 {
					in.Value = FormatDecimal(float64(int64(float64(in.Numerator)/float64(in.Denominator)*10+0.5))/10) + " ngày"
				}
			default:
				in.Rate = Rate(in.Numerator, in.Denominator)
				if d.PointsKnown {
					in.Points = points(in.Numerator, in.Denominator, in.MaxPoints, in.Threshold)
					ix.MaxPoints += in.MaxPoints
					if in.Points != nil {
						ix.Points += *in.Points
					}
				}
			}
		}
		ix.Indicators = append(ix.Indicators, in)
	}
	return ix
}

// DirectIndex computes IndexCounts from the facts of every dossier, one by
// one: the definition the roll-ups (sqlstore.IndexCounts) must equal.
func DirectIndex(facts []Facts, p Period, flt Filter) IndexCounts {
	var c IndexCounts
	for _, f := range facts {
		if !flt.Match(f.Unit, f.Field) {
			continue
		}
		cl := Classify(f, p)
		if (cl.Received == "online" || cl.Received == "direct_postal") && f.Fee {
			c.FeeBearing++
			if f.PaidOnline {
				c.PaidOnline++
			}
		}
		if cl.Resolved != "" && f.Rating != 0 {
			c.Rated++
			if f.Rating < 0 {
				c.Dissatisfied++
			}
		}
		if f.Multi && (cl.Resolved == Early || cl.Resolved == OnTime || cl.InProgress == "within_time") {
			c.MultiSupplement++
		}
	}
	return c
}

// DirectAcceptance counts a tenant's online submissions of the days [from,
// to] ('YYYY-MM-DD') by acceptance class, one by one.
func DirectAcceptance(facts []Facts, from, to string) (submitted, onTime, late int64) {
	for _, f := range facts {
		if f.Acceptance == "" || f.Submitted < from || f.Submitted > to {
			continue
		}
		submitted++
		switch f.Acceptance {
		case AcceptOnTime:
			onTime++
		case AcceptLate:
			late++
		}
	}
	return
}
