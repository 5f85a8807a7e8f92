package emulation

import "time"

// Figures are the register's figures for a period [From, To], computed from
// the records by their direct definition:
//   - commendations: awards decided in the period that stand (status
//     awarded), collectives and individuals apart;
//   - models recognised: "Dân vận khéo" models recognised in the period;
//   - PAR tasks: tasks due in the period, and those done by their due day.
type Figures struct {
	Commendations    int               `json:"commendations"`
	Collectives      int               `json:"collectives"`
	Individuals      int               `json:"individuals"`
	ByTitle          map[TitleCode]int `json:"by_title"`
	ModelsRecognised int               `json:"danvan_models"`
	TasksDue         int               `json:"par_tasks_due"`
	TasksOnTime      int               `json:"par_tasks_on_time"`
}

func in(d time.Time, from, to time.Time) bool { return !d.Before(from) && !d.After(to) }

// Compute computes the figures of [from, to] from the records.
func Compute(awards []Award, models []Model, tasks []Task, from, to time.Time) Figures {
	f := Figures{ByTitle: map[TitleCode]int{}}
	for _, a := range awards {
		if a.Status != Awarded || a.DecidedOn == nil || !in(*a.DecidedOn, from, to) {
			continue
		}
		f.Commendations++
		f.ByTitle[a.Title]++
		if a.Kind == Collective {
			f.Collectives++
		} else {
			f.Individuals++
		}
	}
	for _, m := range models {
		if m.RecognisedOn != nil && in(*m.RecognisedOn, from, to) {
			f.ModelsRecognised++
		}
	}
	for _, t := range tasks {
		if in(t.Due, from, to) {
			f.TasksDue++
			if t.State(to) == TaskOnTime {
				f.TasksOnTime++
			}
		}
	}
	return f
}
