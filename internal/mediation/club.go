package mediation

import (
	"context"
	"fmt"
	"time"

	"tuphap/internal/apperr"
)

// Club is a mediation club (câu lạc bộ hòa giải): a commune's initiative
// where mediators and residents meet to learn the law and share practice.
// The seeds count them ("143 Câu lạc bộ … /141 xã", 002). Clubs are not a
// body of Law 35/2013; they are founded by a commune decision.
type Club struct {
	ID          string
	CommuneCode string
	Name        string
	FoundedNo   string // the commune's founding decision
	FoundedOn   time.Time
	Members     int
	Women       int
	Dissolved   *time.Time
}

// ClubActivity is one meeting or event of a club.
type ClubActivity struct {
	ID           string
	ClubID       string
	On           time.Time
	Topic        string
	Participants int
}

// ActiveOn reports whether the club exists on day.
func (c Club) ActiveOn(day time.Time) bool {
	if dateOf(c.FoundedOn).After(dateOf(day)) {
		return false
	}
	return c.Dissolved == nil || dateOf(*c.Dissolved).After(dateOf(day))
}

// ClubStore is what the clubs' use cases need of storage.
type ClubStore interface {
	Clubs(ctx context.Context, tenantID, commune string) ([]Club, error)
	Club(ctx context.Context, tenantID, id string) (Club, error)
	ClubActivities(ctx context.Context, tenantID, clubID string) ([]ClubActivity, error)
	TransactClubs(ctx context.Context, fn func(ClubTx) error) error
}

// ClubTx is a write transaction on clubs.
type ClubTx interface {
	Tx
	InsertClub(ctx context.Context, tenantID string, c Club) error
	InsertClubActivity(ctx context.Context, tenantID string, a ClubActivity) error
}

// AddClub records a club founded by a commune decision.
func (s *Service) AddClub(ctx context.Context, st ClubStore, a Actor, sc Scope, c Club) (Club, error) {
	if err := s.commune(sc, c.CommuneCode); err != nil {
		return Club{}, err
	}
	var err error
	if c.Name, err = text("name", "tên câu lạc bộ", c.Name, 200, true); err != nil {
		return Club{}, err
	}
	if c.FoundedNo, err = text("founded_no", "số quyết định thành lập", c.FoundedNo, 60, false); err != nil {
		return Club{}, err
	}
	if c.FoundedOn.IsZero() || dateOf(c.FoundedOn).After(dateOf(s.now())) {
		return Club{}, apperr.Field("founded_on", "Nhập ngày thành lập (không ở tương lai).")
	}
	if c.Members < 0 || c.Members > 10000 || c.Women < 0 || c.Women > c.Members {
		return Club{}, apperr.Field("members", "Số thành viên, số thành viên nữ không hợp lệ.")
	}
	c.ID, c.Dissolved = newID(), nil
	err = st.TransactClubs(ctx, func(tx ClubTx) error {
		if err := tx.InsertClub(ctx, sc.TenantID, c); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "mediation.club_add", "mediation_club:"+c.ID, c.Name)
	})
	return c, err
}

// AddClubActivity records a club's meeting or event.
func (s *Service) AddClubActivity(ctx context.Context, st ClubStore, a Actor, sc Scope, act ClubActivity) (ClubActivity, error) {
	c, err := st.Club(ctx, sc.TenantID, act.ClubID)
	if err != nil {
		return ClubActivity{}, err
	}
	if err := visible(sc, c.CommuneCode); err != nil {
		return ClubActivity{}, err
	}
	if err := s.commune(sc, c.CommuneCode); err != nil {
		return ClubActivity{}, err
	}
	if act.Topic, err = text("topic", "nội dung sinh hoạt", act.Topic, 500, true); err != nil {
		return ClubActivity{}, err
	}
	if act.On.IsZero() || dateOf(act.On).After(dateOf(s.now())) || dateOf(act.On).Before(dateOf(c.FoundedOn)) {
		return ClubActivity{}, apperr.Field("on", "Ngày sinh hoạt phải từ ngày thành lập câu lạc bộ đến hôm nay.")
	}
	if act.Participants < 0 || act.Participants > 100000 {
		return ClubActivity{}, apperr.Field("participants", "Số người tham dự không hợp lệ.")
	}
	act.ID = newID()
	err = st.TransactClubs(ctx, func(tx ClubTx) error {
		if err := tx.InsertClubActivity(ctx, sc.TenantID, act); err != nil {
			return err
		}
		return s.audit(ctx, tx, sc, a, "mediation.club_activity", "mediation_club:"+c.ID, fmt.Sprintf("%d người", act.Participants))
	})
	return act, err
}
