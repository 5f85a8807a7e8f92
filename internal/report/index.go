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

// ComputeIndex computes the indicators of Decision 766 for the report's
// period from its Biểu 06 figures and the extra counts.
func ComputeIndex(r Report, c IndexCounts) Index {
	t := r.Total
	ix := Index{From: r.From, To: r.To, FeeExempt: c.FeeExempt}
	add := func(in Indicator) {
		if in.Available {
			in.Rate = Rate(in.Numerator, in.Denominator)
			in.Points = points(in.Numerator, in.Denominator, in.MaxPoints, in.Threshold)
			ix.MaxPoints += in.MaxPoints
			if in.Points != nil {
				ix.Points += *in.Points
			}
		}
		ix.Indicators = append(ix.Indicators, in)
	}
	// 1.4: dossiers received in the period whose receipt reached the
	// national portal ÷ dossiers received in the period; 6 × rate. Scored
	// once the tenant synchronises (the sync log of external/dvcqg).
	sync := Indicator{Code: "1.4", Group: "Công khai, minh bạch", Name: "Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia",
		Formula: "hồ sơ đã đồng bộ có ngày tiếp nhận trong kỳ ÷ hồ sơ tiếp nhận trong kỳ; điểm = 6 × tỷ lệ", MaxPoints: 6,
		Missing: "Cơ quan chưa kết nối đồng bộ hồ sơ với Cổng Dịch vụ công quốc gia nên chưa có nhật ký đồng bộ."}
	if c.SyncOn {
		sync.Available, sync.Numerator, sync.Denominator, sync.Missing = true, c.Synced, c.SyncReceived, ""
	}
	add(sync)
	// 2.1: (resolved early or on time + in progress within time) ÷ dossiers
	// received and processed in the period; 20 × rate. A dossier asked for
	// a supplement more than once counts as late.
	add(Indicator{Code: "2.1", Group: "Tiến độ, kết quả giải quyết", Name: "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn",
		Formula:   "(đã giải quyết trước hạn + đúng hạn + đang giải quyết trong hạn − hồ sơ yêu cầu bổ sung quá 1 lần) ÷ tổng số hồ sơ nhận giải quyết; điểm = 20 × tỷ lệ",
		Available: true, Numerator: max(0, t.Resolved.Early+t.Resolved.OnTime+t.InProgress.WithinTime-c.MultiSupplement),
		Denominator: t.Received.Total, MaxPoints: 20})
	// 3.3: online ÷ received × the sync factor (indicator 1.4); full at
	// 50%. Without 1.4 the indicator cannot be computed: it is listed, not
	// scored (the raw online count stays in the figures).
	add(Indicator{Code: "3.3", Group: "Cung cấp dịch vụ trực tuyến", Name: "Tỷ lệ hồ sơ nộp trực tuyến",
		Formula:   "hồ sơ trực tuyến ÷ hồ sơ tiếp nhận trong kỳ × hệ số đồng bộ (chỉ số 1.4); đủ điểm từ 50%, dưới đó điểm = tỷ lệ × 6 ÷ 50%",
		Numerator: t.Received.Online, Denominator: t.Received.Online + t.Received.DirectPostal, MaxPoints: 6, Threshold: 50,
		Missing: "Cần hệ số đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia (chỉ số 1.4) mà hệ thống chưa có, và điều kiện có kết quả điện tử."})
	// 3.6: paid online ÷ fee-bearing dossiers (zero-fee excluded); full at 30%.
	add(Indicator{Code: "3.6", Group: "Cung cấp dịch vụ trực tuyến", Name: "Tỷ lệ hồ sơ thanh toán trực tuyến",
		Formula:   "hồ sơ đã thanh toán trực tuyến ÷ hồ sơ có phí, lệ phí tiếp nhận trong kỳ; đủ điểm từ 30%",
		Available: true, Numerator: c.PaidOnline, Denominator: c.FeeBearing, MaxPoints: 6, Threshold: 30})
	// What tuphap holds for group 4 (issue 14 item 2): the electronic
	// results attached to dossiers, with their SHA-256, and the files
	// citizens upload when filing or supplementing online. It does not yet
	// hold which procedures yield a paper result (4.1's denominator), a
	// digitised copy of what is received on paper at the desk (4.2), nor
	// which components were taken from shared data (4.3); so the three are
	// described, not scored.
	g41 := Indicator{Code: "4.1", Group: "Số hóa hồ sơ", Name: "Tỷ lệ cấp kết quả giải quyết điện tử",
		Formula: "hồ sơ có tệp kết quả điện tử ÷ hồ sơ có kết quả là giấy tờ", MaxPoints: 6,
		Missing: "Hệ thống lưu tệp kết quả điện tử đính kèm hồ sơ (có mã SHA-256, tra cứu được trên Cổng); chưa lưu danh mục thủ tục có kết quả là giấy tờ nên chưa có mẫu số."}
	g42 := Indicator{Code: "4.2", Group: "Số hóa hồ sơ", Name: "Tỷ lệ số hóa hồ sơ",
		Formula: "hồ sơ có tệp đính kèm thành phần và kết quả ÷ hồ sơ; đủ điểm từ 80%", MaxPoints: 4, Threshold: 80,
		Missing: "Hệ thống lưu tệp thành phần của hồ sơ nộp trực tuyến, tệp bổ sung và tệp kết quả; chưa lưu bản số hóa thành phần hồ sơ nhận trực tiếp tại Bộ phận Một cửa."}
	g43 := Indicator{Code: "4.3", Group: "Số hóa hồ sơ", Name: "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa",
		Formula: "hồ sơ có thành phần được sử dụng lại ÷ hồ sơ; đủ điểm từ 80%", MaxPoints: 2, Threshold: 80,
		Missing: "Hệ thống chưa ghi nhận thành phần hồ sơ được khai thác lại từ kho dữ liệu số hóa hoặc cơ sở dữ liệu dùng chung."}
	// Once the tenant digitises (package digitise), the three are scored
	// over the dossiers resolved with a result in the period (every
	// procedure of the catalogue yields a document).
	if c.DigitOn {
		const note = "Mẫu số: hồ sơ đã giải quyết có kết quả trong kỳ (các thủ tục trong danh mục đều có kết quả là giấy tờ)."
		g41.Available, g41.Numerator, g41.Denominator, g41.Missing = true, c.DigitResult, c.DigitResolved, note
		g42.Available, g42.Numerator, g42.Denominator, g42.Missing = true, c.DigitBoth, c.DigitResolved, note
		g43.Available, g43.Numerator, g43.Denominator, g43.Missing = true, c.DigitReused, c.DigitResolved, note
	}
	add(g41)
	add(g42)
	add(g43)
	// 5.4: 100% − (late rate + rate of dissatisfied ratings), over the
	// dossiers resolved in the period; full at 90%.
	sat := Indicator{Code: "5.4", Group: "Mức độ hài lòng", Name: "Mức độ hài lòng trong giải quyết thủ tục hành chính",
		Formula:   "100% − (tỷ lệ hồ sơ quá hạn + tỷ lệ hồ sơ bị đánh giá không hài lòng), trên hồ sơ đã giải quyết; đủ điểm từ 90%",
		Available: true, Denominator: t.Resolved.Total, MaxPoints: 6, Threshold: 90,
		Missing: "Chưa có dữ liệu phản ánh, kiến nghị (PAKN); chỉ tính đánh giá của người nộp hồ sơ."}
	if sat.Denominator > 0 {
		sat.Numerator = max(0, t.Resolved.Total-t.Resolved.Late-c.Dissatisfied)
	}
	add(sat)
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
