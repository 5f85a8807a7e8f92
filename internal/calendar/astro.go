package calendar

import "math"

// The astronomy behind the lunar calendar, written from Jean Meeus,
// "Astronomical Algorithms" (2nd ed., 1998): chapter 49 for the instants of
// new moon, chapter 25 for the Sun's apparent longitude, chapter 10 for ΔT.
// All instants are Julian Ephemeris Days (JDE, Terrestrial Time) unless named
// "UT". Accuracy: new moons to well under a minute, the Sun's longitude to
// about 0.01° (≈15 minutes of time) for 1800–2200, ample for a calendar
// whose unit is the day; the rare dates where an event falls within minutes
// of midnight are the only ones a more precise ephemeris could move.

const (
	unixEpochJD = 2440587.5 // JD (UT) of 1970-01-01 00:00 UT
	j2000       = 2451545.0 // JDE of 2000-01-01 12:00 TT
	synodic     = 29.530588861
	// vnOffsetDays is UTC+7 in days: the Vietnamese calendar is reckoned on
	// the 105°E meridian, never on China's 120°E (UTC+8).
	vnOffsetDays = 7.0 / 24.0
)

func sinDeg(x float64) float64 { return math.Sin(x * math.Pi / 180) }

// newMoonJDE returns the instant (JDE) of the true new moon number k, k = 0
// being the new moon of 6 January 2000 (Meeus 49.1 and the new-moon
// corrections of chapter 49, including the planetary arguments A1–A14).
func newMoonJDE(k int) float64 {
	kf := float64(k)
	t := kf / 1236.85
	t2, t3, t4 := t*t, t*t*t, t*t*t*t
	jde := 2451550.09766 + 29.530588861*kf + 0.00015437*t2 - 0.000000150*t3 + 0.00000000073*t4

	e := 1 - 0.002516*t - 0.0000074*t2
	m := 2.5534 + 29.10535670*kf - 0.0000014*t2 - 0.00000011*t3                      // Sun's mean anomaly
	mp := 201.5643 + 385.81693528*kf + 0.0107582*t2 + 0.00001238*t3 - 0.000000058*t4 // Moon's mean anomaly
	f := 160.7108 + 390.67050284*kf - 0.0016118*t2 - 0.00000227*t3 + 0.000000011*t4  // Moon's argument of latitude
	om := 124.7746 - 1.56375588*kf + 0.0020672*t2 + 0.00000215*t3                    // longitude of the ascending node

	jde += -0.40720*sinDeg(mp) +
		0.17241*e*sinDeg(m) +
		0.01608*sinDeg(2*mp) +
		0.01039*sinDeg(2*f) +
		0.00739*e*sinDeg(mp-m) -
		0.00514*e*sinDeg(mp+m) +
		0.00208*e*e*sinDeg(2*m) -
		0.00111*sinDeg(mp-2*f) -
		0.00057*sinDeg(mp+2*f) +
		0.00056*e*sinDeg(2*mp+m) -
		0.00042*sinDeg(3*mp) +
		0.00042*e*sinDeg(m+2*f) +
		0.00038*e*sinDeg(m-2*f) -
		0.00024*e*sinDeg(2*mp-m) -
		0.00017*sinDeg(om) -
		0.00007*sinDeg(mp+2*m) +
		0.00004*sinDeg(2*mp-2*f) +
		0.00004*sinDeg(3*m) +
		0.00003*sinDeg(mp+m-2*f) +
		0.00003*sinDeg(2*mp+2*f) -
		0.00003*sinDeg(mp+m+2*f) +
		0.00003*sinDeg(mp-m+2*f) -
		0.00002*sinDeg(mp-m-2*f) -
		0.00002*sinDeg(3*mp+m) +
		0.00002*sinDeg(4*mp)

	// Planetary arguments.
	jde += 0.000325*sinDeg(299.77+0.107408*kf-0.009173*t2) +
		0.000165*sinDeg(251.88+0.016321*kf) +
		0.000164*sinDeg(251.83+26.651886*kf) +
		0.000126*sinDeg(349.42+36.412478*kf) +
		0.000110*sinDeg(84.66+18.206239*kf) +
		0.000062*sinDeg(141.74+53.303771*kf) +
		0.000060*sinDeg(207.14+2.453732*kf) +
		0.000056*sinDeg(154.84+7.306860*kf) +
		0.000047*sinDeg(34.52+27.261239*kf) +
		0.000042*sinDeg(207.19+0.121824*kf) +
		0.000040*sinDeg(291.34+1.844379*kf) +
		0.000037*sinDeg(161.72+24.198154*kf) +
		0.000035*sinDeg(239.56+25.513099*kf) +
		0.000023*sinDeg(331.55+3.592518*kf)
	return jde
}

// deltaT returns TT − UT in seconds for a decimal year, from the polynomial
// fits of Espenak and Meeus (NASA, "Polynomial expressions for Delta T",
// 2006), which extend Meeus chapter 10. Only a minute's error matters here,
// so the fit's few seconds of error for recent years are irrelevant.
func deltaT(y float64) float64 {
	switch {
	case y < 1800:
		u := (y - 1820) / 100
		return -20 + 32*u*u
	case y < 1860:
		t := y - 1800
		return 13.72 - 0.332447*t + 0.0068612*t*t + 0.0041116*t*t*t - 0.00037436*t*t*t*t +
			0.0000121272*t*t*t*t*t - 0.0000001699*t*t*t*t*t*t + 0.000000000875*t*t*t*t*t*t*t
	case y < 1900:
		t := y - 1860
		return 7.62 + 0.5737*t - 0.251754*t*t + 0.01680668*t*t*t - 0.0004473624*t*t*t*t + t*t*t*t*t/233174
	case y < 1920:
		t := y - 1900
		return -2.79 + 1.494119*t - 0.0598939*t*t + 0.0061966*t*t*t - 0.000197*t*t*t*t
	case y < 1941:
		t := y - 1920
		return 21.20 + 0.84493*t - 0.076100*t*t + 0.0020936*t*t*t
	case y < 1961:
		t := y - 1950
		return 29.07 + 0.407*t - t*t/233 + t*t*t/2547
	case y < 1986:
		t := y - 1975
		return 45.45 + 1.067*t - t*t/260 - t*t*t/718
	case y < 2005:
		t := y - 2000
		return 63.86 + 0.3345*t - 0.060374*t*t + 0.0017275*t*t*t + 0.000651814*t*t*t*t + 0.00002373599*t*t*t*t*t
	case y < 2050:
		t := y - 2000
		return 62.92 + 0.32217*t + 0.005589*t*t
	case y < 2150:
		u := (y - 1820) / 100
		return -20 + 32*u*u - 0.5628*(2150-y)
	default:
		u := (y - 1820) / 100
		return -20 + 32*u*u
	}
}

func jdeToYear(jde float64) float64 { return 2000 + (jde-j2000)/365.25 }

// newMoonDay returns the Vietnamese day number (days since 1970-01-01, UTC+7)
// of new moon k: the first day of a lunar month.
func newMoonDay(k int) int64 {
	jde := newMoonJDE(k)
	ut := jde - deltaT(jdeToYear(jde))/86400
	local := ut + vnOffsetDays - unixEpochJD
	return int64(math.Floor(local))
}

// sunLongitude returns the Sun's apparent geocentric longitude in degrees,
// [0, 360), at instant jde (Meeus chapter 25, "lower accuracy": geometric
// longitude from the equation of the centre, then aberration and nutation in
// longitude).
func sunLongitude(jde float64) float64 {
	t := (jde - j2000) / 36525
	l0 := 280.46646 + 36000.76983*t + 0.0003032*t*t
	m := 357.52911 + 35999.05029*t - 0.0001537*t*t
	c := (1.914602-0.004817*t-0.000014*t*t)*sinDeg(m) +
		(0.019993-0.000101*t)*sinDeg(2*m) +
		0.000289*sinDeg(3*m)
	om := 125.04 - 1934.136*t
	lambda := l0 + c - 0.00569 - 0.00478*sinDeg(om)
	lambda = math.Mod(lambda, 360)
	if lambda < 0 {
		lambda += 360
	}
	return lambda
}

// termSector returns which 30° sector of the ecliptic the Sun is in at the
// start (00:00, UTC+7) of Vietnamese day number day: 0 for [0°, 30°) (after
// the spring equinox, Xuân phân) … 9 for [270°, 300°) (after the winter
// solstice, Đông chí). A principal solar term (trung khí) falls on day d
// exactly when termSector(d+1) != termSector(d).
func termSector(day int64) int {
	ut := float64(day) + unixEpochJD - vnOffsetDays
	jde := ut + deltaT(jdeToYear(ut))/86400
	return int(sunLongitude(jde) / 30)
}
