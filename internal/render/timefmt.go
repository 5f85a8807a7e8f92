package render

// Dates and times as the slips print them, always in Vietnam's time.

import (
	"fmt"
	"strings"
	"time"
)

// blankTime stands for a time the officer fills in by hand.
const blankTime = "..... giờ ..... phút, ngày ..../..../........"

// slipTime formats "10 giờ 05 phút, ngày 21/11/2026", the style of the
// receipt and appointment times on Mẫu 01 and of the control sheet.
func slipTime(t time.Time) string {
	if t.IsZero() {
		return blankTime
	}
	t = t.In(ict)
	return fmt.Sprintf("%02d giờ %02d phút, ngày %02d/%02d/%04d", t.Hour(), t.Minute(), t.Day(), int(t.Month()), t.Year())
}

// longDate formats "ngày 21 tháng 11 năm 2026". Decree 30/2020, Annex I,
// §II.4: days below 10 and the months January and February take a leading
// zero ("ngày 05 tháng 02", but "tháng 3").
func longDate(t time.Time) string {
	if t.IsZero() {
		return "ngày ..... tháng ..... năm ........"
	}
	t = t.In(ict)
	month := fmt.Sprint(int(t.Month()))
	if t.Month() <= time.February {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
}

// placeDate formats the place-and-date line: "Đồng Tháp, ngày 21 tháng 11 năm 2026".
func placeDate(place string, t time.Time) string {
	place = strings.TrimSpace(place)
	if place == "" {
		place = "............"
	}
	return place + ", " + longDate(t)
}
