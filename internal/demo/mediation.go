package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"tuphap/internal/adminunit"
	"tuphap/internal/audit"
	"tuphap/internal/auth"
	"tuphap/internal/mediation"
	"tuphap/internal/org"
)

// Mediation is what the demo's mediation book needs.
type Mediation struct {
	Service *mediation.Service
	Clubs   mediation.ClubStore
	Units   *adminunit.List
}

var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Lâm", "Thạch", "Danh"}
	womenNames  = []string{"Thị Lan", "Thị Hoa", "Ngọc Hạnh", "Thị Mai", "Kim Loan", "Thị Thu", "Thanh Hương", "Thị Bích", "Mỹ Dung"}
	menNames    = []string{"Văn Bình", "Văn Cường", "Minh Tâm", "Hữu Phước", "Văn Hùng", "Thanh Sơn", "Quốc Dũng", "Văn Lợi", "Tấn Phát"}
	teamPlaces  = []string{"Ấp 1", "Ấp 2", "Ấp 3", "Khóm 1", "Khóm 2", "Ấp Tân Hòa", "Ấp Phú Long", "Khóm 5"}
)

// LoadMediation fills a year of the grassroots mediation book of twelve
// communes of the demo province: grassroots units, teams (one without a
// woman mediator, so the warning shows), recognised mediators, clubs, and
// about 600 cases ending mostly in agreement, with a few late starts and
// cases still open. It is deterministic.
func LoadMediation(ctx context.Context, m Mediation, sc mediation.Scope, now time.Time, out io.Writer) error {
	rng := rand.New(rand.NewPCG(18, 2025))
	communes := m.Units.Communes(sc.ProvinceCode)
	if len(communes) < 12 {
		return fmt.Errorf("demo: province %s has %d communes", sc.ProvinceCode, len(communes))
	}
	picked := DemoCommunes(communes)
	a := mediation.Actor{Name: "demo"}
	today := dateOnly(now)
	yearAgo := today.AddDate(-1, 0, 0)
	var recs []mediation.Imported
	line := 0
	for ci, code := range picked {
		csc := sc
		csc.CommuneCode = code
		nTeams := 2 + rng.IntN(3)
		for ti := 0; ti < nTeams; ti++ {
			place := teamPlaces[(ci+ti)%len(teamPlaces)]
			if _, err := m.Service.AddGrassroots(ctx, a, csc, mediation.Grassroots{CommuneCode: code, Name: place}); err != nil {
				return err
			}
			team, _, err := m.Service.SaveTeam(ctx, a, csc, mediation.Team{CommuneCode: code, Grassroots: place,
				Name: "Tổ hòa giải " + place, Model: ci == 0 && ti == 0, MinorityArea: ci == 3})
			if err != nil {
				return err
			}
			size := 3 + rng.IntN(4)
			for mi := 0; mi < size; mi++ {
				female := mi == 0 || rng.IntN(3) == 0
				if ci == 5 && ti == 0 {
					female = false // a team to fix: no woman mediator (Law 35/2013 Art. 12(1))
				}
				name := familyNames[rng.IntN(len(familyNames))] + " "
				sex := mediation.SexMale
				if female {
					name += womenNames[rng.IntN(len(womenNames))]
					sex = mediation.SexFemale
				} else {
					name += menNames[rng.IntN(len(menNames))]
				}
				ethnicity, minority := "Kinh", false
				if ci == 3 && mi == 1 {
					ethnicity, minority = "Khmer", true
				}
				_, _, err := m.Service.Recognise(ctx, a, csc, mediation.Mediator{TeamID: team.ID, FullName: name, Sex: sex,
					Ethnicity: ethnicity, EthnicMinority: minority, BirthYear: 1955 + rng.IntN(45), LegalTraining: rng.IntN(4) == 0,
					Leader: mi == 0, RecognisedNo: fmt.Sprintf("%d/QĐ-UBND", 10+ci*7+ti), RecognisedOn: yearAgo.AddDate(0, -6, 0),
					TrainingsAttend: rng.IntN(3)})
				if err != nil {
					return err
				}
			}
			// About 25 cases a team over the year.
			for k := 0; k < 18+rng.IntN(15); k++ {
				line++
				rec := yearAgo.AddDate(0, 0, rng.IntN(365))
				c := mediation.Case{CommuneCode: code, Kind: mediation.CaseKinds[weightedKind(rng)], Origin: mediation.OriginRequest, ReceivedOn: rec}
				assigned := rec
				c.AssignedOn = &assigned
				start := rec.AddDate(0, 0, 1+rng.IntN(3))
				if rng.IntN(20) == 0 {
					start = rec.AddDate(0, 0, 5+rng.IntN(6)) // a late start (Art. 20(2))
				}
				end := start.AddDate(0, 0, rng.IntN(25))
				switch r := rng.IntN(100); {
				case end.After(today) || r < 6:
					c.Outcome = mediation.OutcomeInProgress
				case r < 80:
					c.Outcome = mediation.OutcomeSuccessful
				case r < 94:
					c.Outcome = mediation.OutcomeUnsuccessful
				default:
					c.Outcome = mediation.OutcomeStopped
				}
				if !start.After(today) {
					c.StartedOn = &start
				}
				if c.Outcome.Ended() {
					c.EndedOn = &end
				}
				recs = append(recs, mediation.Imported{Line: line, TeamName: team.Name, Case: c})
			}
		}
		if ci%2 == 0 {
			club, err := m.Service.AddClub(ctx, m.Clubs, a, csc, mediation.Club{CommuneCode: code, Name: "Câu lạc bộ hòa giải " + m.Units.NameOn(code, today),
				FoundedNo: fmt.Sprintf("%d/QĐ-UBND", 100+ci), FoundedOn: yearAgo.AddDate(0, -3, 0), Members: 20 + rng.IntN(20), Women: 8 + rng.IntN(8)})
			if err != nil {
				return err
			}
			for q := 0; q < 4; q++ {
				if _, err := m.Service.AddClubActivity(ctx, m.Clubs, a, csc, mediation.ClubActivity{ClubID: club.ID,
					On: yearAgo.AddDate(0, 3*q+1, 0), Topic: clubTopics[q], Participants: 25 + rng.IntN(30)}); err != nil {
					return err
				}
			}
		}
	}
	n, _, err := m.Service.Import(ctx, a, sc, recs)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Đã nạp sổ hòa giải ở cơ sở mẫu: 12 xã, phường, %d vụ việc trong một năm.\n", n)
	return nil
}

var clubTopics = []string{
	"Luật Hòa giải ở cơ sở và kỹ năng hòa giải",
	"Luật Đất đai 2024: tranh chấp ranh giới, lối đi",
	"Luật Hôn nhân và gia đình; phòng, chống bạo lực gia đình",
	"Trao đổi kinh nghiệm các vụ việc hòa giải thành",
}

// weightedKind picks a case kind as commune books show them: land and
// neighbours' disputes most, then family and civil matters.
func weightedKind(rng *rand.Rand) int {
	switch r := rng.IntN(100); {
	case r < 35:
		return 0 // land
	case r < 55:
		return 1 // family
	case r < 72:
		return 2 // civil
	case r < 92:
		return 3 // neighbours
	default:
		return 4
	}
}

func dateOnly(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// CommuneOfficer is the demo commune's justice officer, who keeps the
// mediation book of Phường Sa Đéc.
var CommuneOfficer = org.Officer{Username: "xa.sadec", FullName: "Lê Thị Thanh Trúc", Role: org.CommuneOfficer}

// LoadCommunes attaches the demo communes to the demo department as tenants
// (with demonstration agency IDs: a real province's come from its own list)
// and gives Phường Sa Đéc a commune justice officer, whose one-time
// password is written to out.
func LoadCommunes(ctx context.Context, svc *org.Service, dept org.Tenant, units *adminunit.List, codes []string, out io.Writer) error {
	by := audit.Actor{Name: "demo"}
	ts := make([]org.Tenant, len(codes))
	today := time.Now()
	for i, c := range codes {
		ts[i] = org.Tenant{Code: dept.Code + "-" + c, Name: adminunit.PeoplesCommittee(units.NameOn(c, today)),
			AgencyID: fmt.Sprintf("000.01.%02d.H%s", i+1, dept.ProvinceCode), Hours: dept.Hours}
	}
	created, err := svc.CreateCommunes(ctx, by, dept, ts, codes)
	if err != nil {
		return err
	}
	o := CommuneOfficer
	o.TenantID = created[0].ID
	pw := auth.NewSecret()[:16]
	if _, err := svc.CreateOfficer(ctx, by, o, pw); err != nil {
		return fmt.Errorf("demo officer %s: %w", o.Username, err)
	}
	fmt.Fprintf(out, "Đã gắn %d xã, phường mẫu với %s. Tài khoản cán bộ xã (cơ quan %s):\n  %-12s %-26s mật khẩu: %s\n",
		len(created), dept.Code, created[0].Code, o.Username, o.Role.Label(), pw)
	return nil
}

// DemoCommunes are the twelve communes of the demo book: Sa Đéc and Mỹ Tho
// first (the names the seeds and the docs use), then the province's first.
func DemoCommunes(province []string) []string {
	picked := []string{"29905", "28261"}
	for _, c := range province {
		if len(picked) == 12 {
			break
		}
		if c != "29905" && c != "28261" {
			picked = append(picked, c)
		}
	}
	return picked
}
