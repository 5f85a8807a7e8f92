// Package contest is the online legal-knowledge contest engine (cuộc thi
// tìm hiểu pháp luật trực tuyến): contests with rounds, a question bank
// tagged by legal document and article, participants who register once per
// contest, attempts that draw their own questions and option order, answers
// kept by the server's clock, scoring and the configured tie-break chain,
// rankings of persons and of units, and the organisers' voiding of entries.
//
// The rules are data and small pure functions (rules.go, rank.go) with
// table tests; the use cases are in service.go; storage is the Store
// interface (internal/sqlstore/contest.go). See
// ../../shared/research/contests.md for how Vietnamese contests run.
package contest

import (
	"time"
)

// Mode is how a round is sat.
type Mode string

const (
	// Window: an open window of days or weeks; each attempt has its own
	// time limit from its start (the norm, e.g. MoJ 2021: 1–30/4, 20 min).
	Window Mode = "window"
	// Sitting: a scheduled sitting with one start time; every attempt ends
	// at OpensAt + TimeLimit whenever it was started (school sittings).
	Sitting Mode = "sitting"
)

// Counts says which of a person's attempts in a round counts.
type Counts string

const (
	CountBest  Counts = "best"  // the best by the round's chain ("to improve the result", MoJ 2021)
	CountFirst Counts = "first" // the first submitted
	CountLast  Counts = "last"  // the last submitted
)

// TieKey is one key of a ranking chain.
type TieKey string

const (
	ByScore      TieKey = "score"      // more points first
	ByPrediction TieKey = "prediction" // |prediction − actual| smaller first
	ByDuration   TieKey = "duration"   // shorter time first
	BySubmitted  TieKey = "submitted"  // earlier submission first
	ByStarted    TieKey = "started"    // earlier start ("earlier login") first
)

// PredictionOf is what the auxiliary (prediction) question asks for.
type PredictionOf string

const (
	// PredictNone: the round has no prediction question.
	PredictNone PredictionOf = ""
	// PredictAllCorrectPeople: how many people answer every question
	// correctly (MoJ 2021, TP.HCM 2026), counted over valid entries.
	PredictAllCorrectPeople PredictionOf = "all_correct_people"
	// PredictAllCorrectAttempts: how many attempts have every answer right.
	PredictAllCorrectAttempts PredictionOf = "all_correct_attempts"
	// PredictParticipants: how many people take part (Quảng Nam THCS 2022).
	PredictParticipants PredictionOf = "participants"
)

// Contest is one contest.
type Contest struct {
	ID         string
	Code       string // used in public addresses: /thi/{code}
	Title      string
	LegalBasis string // "Kế hoạch 609/KH-BTP; Thể lệ 610/TL-BTC"
	Organiser  string
	// Eligibility.
	MinAge int      // 0 = none; age on the round's opening day
	Units  []Unit   // the units one competes for ("đơn vị dự thi"); empty = communes of the province
	Secret []byte   // signs participants' session cookies (shared by every server process)
	Status string   // "draft", "open", "closed"
	Rules  string   // the published rules text (thể lệ)
	Prizes []Prize  // individual prize quotas, in order
	Tags   []string // free tags
	// ProvinceCode is the province whose communes participants may name as
	// their residence when Units is empty.
	ProvinceCode string
	CreatedAt    time.Time
}

// Unit is a unit participants compete for, with its headcount for the
// participation rate (Quảng Nam's collective score needs it).
type Unit struct {
	Code      string
	Name      string
	Headcount int
}

// Prize is an individual prize level and how many are awarded.
type Prize struct {
	Name  string // "Giải Nhất"
	Count int
}

// Round is one round (kỳ, tuần, đợt) of a contest.
type Round struct {
	ID        string
	ContestID string
	No        int
	Title     string
	Mode      Mode
	OpensAt   time.Time
	ClosesAt  time.Time
	TimeLimit time.Duration
	// Questions is how many questions an attempt draws; Points each.
	Questions int
	Points    int
	// Attempts allowed per person; Counts says which one counts.
	Attempts int
	Counts   Counts
	// Chain is the ranking chain, e.g. score, prediction, duration, submitted.
	Chain      []TieKey
	Prediction PredictionOf
	// MinSecondsPerQuestion: attempts faster than this on average are
	// flagged for review after close (not blocked).
	MinSecondsPerQuestion int
	// Set when the round is closed and ranked.
	RankedAt *time.Time
	Actual   int // the actual number the prediction is compared with
}

// Question is an item of the bank.
type Question struct {
	ID         string
	ContestID  string
	Stem       string
	Options    []string // 2–6 options
	Correct    int      // index into Options
	Difficulty int      // 1 easy, 2 medium, 3 hard
	Document   string   // "Luật Phổ biến, giáo dục pháp luật 14/2012/QH13"
	Article    string   // "Điều 8"
	Explain    string
}

// Participant is a person registered for a contest.
type Participant struct {
	ID           string
	ContestID    string
	Phone        string // normalised 0xxxxxxxxx, unique per contest
	FullName     string
	BirthDate    time.Time
	UnitCode     string // the unit (or commune) they compete for
	IDHash       string // hash of the national ID number, when given (unique per contest)
	PassHash     string
	RegisteredAt time.Time
	IP           string
}

// State of an attempt.
type State string

const (
	Open      State = "open"
	Submitted State = "submitted"
	Expired   State = "expired" // finalised by the sweeper after the deadline
)

// Item is one question of an attempt's layout: the question and the order
// its options are shown in (Perm[i] = the bank option shown at place i).
type Item struct {
	QuestionID string `json:"q"`
	Perm       []int  `json:"p"`
}

// Attempt is one sitting of a round by a participant.
type Attempt struct {
	ID            string
	RoundID       string
	ParticipantID string
	UnitCode      string
	No            int // 1, 2, … per person and round
	Layout        []Item
	StartedAt     time.Time
	Deadline      time.Time
	State         State
	SubmittedAt   *time.Time
	Correct       int
	Score         int
	Prediction    *int64
	Voided        string // the organisers' reason; "" = valid
	IP            string
}

// Answer is a saved answer: the option chosen at its shown place.
type Answer struct {
	AttemptID  string
	Pos        int // 0-based place in the layout
	Choice     int // shown place chosen
	AnsweredAt time.Time
}

// Entry is what a ranking compares: one counted attempt.
type Entry struct {
	AttemptID     string
	ParticipantID string
	UnitCode      string
	Score         int
	Correct       int
	Questions     int
	Prediction    *int64
	Duration      time.Duration
	StartedAt     time.Time
	SubmittedAt   time.Time
}

// Ranked is an entry with its place.
type Ranked struct {
	Entry
	Rank     int
	Distance int64 // |prediction − actual|, -1 without a prediction
}
