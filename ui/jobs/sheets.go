package jobs

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"

	"tdkt"
	"tdkt/export/xlsx"
	"tdkt/store"
)

// ErrCancelled is returned when a job's context ends before it finished.
var ErrCancelled = errors.New("đã hủy")

func year4(y int) string { return fmt.Sprintf("%04d", y) }

// registerBatch is the number of award ids RegisterRows reads between two
// checks of its context and two progress reports.
const registerBatch = 256

// registerAhead is how many batches the reader may run ahead of the
// writer: enough to keep both cores busy, small enough (about 1,000 rows)
// that memory stays flat.
const registerAhead = 4

// rowBatch is what the reading goroutine of RegisterRows hands over: the
// rows of up to registerBatch ids, the number of ids read before them (for
// the progress report), and the error that ended the reading, if any.
type rowBatch struct {
	rows []xlsx.RegisterRow
	done int
	err  error
}

// RegisterRows yields the register lines of achievement years from..to,
// one year index at a time, with each recipient's unit followed to today's
// unit; it yields ErrCancelled once ctx is done.
//
// Reading (a B-tree lookup and a JSON decode per award, about 40 % of a
// register's time) runs in a goroutine a few batches ahead of the caller,
// so on two cores it overlaps the writing of the sheet. That goroutine is
// the only user of tx until the sequence returns: the caller must not use
// tx while it iterates. report is called on the caller's goroutine, with
// the same values as a sequential read would give.
func RegisterRows(ctx context.Context, tx *store.Tx, cat *tdkt.Catalog, from, to int, report func(int, int)) iter.Seq2[xlsx.RegisterRow, error] {
	if report == nil {
		report = func(int, int) {}
	}
	return func(yield func(xlsx.RegisterRow, error) bool) {
		total := 0
		for y := from; y <= to; y++ {
			total += tx.CountIndex("award.year", year4(y))
		}
		batches := make(chan rowBatch, registerAhead)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(batches)
			readRegister(ctx, tx, cat, from, to, batches, stop)
		}()
		// Whether the caller stops early or the rows run out, the reader
		// is gone (and tx free again) before the sequence returns.
		defer func() {
			close(stop)
			wg.Wait()
		}()
		for b := range batches {
			if b.err == ErrCancelled || ctx.Err() != nil {
				yield(xlsx.RegisterRow{}, ErrCancelled)
				return
			}
			report(b.done, total)
			for _, r := range b.rows {
				if !yield(r, nil) {
					return
				}
			}
			if b.err != nil {
				yield(xlsx.RegisterRow{}, b.err)
				return
			}
		}
	}
}

// readRegister is the reading half of RegisterRows: it sends the rows in
// batches of registerBatch ids until the years are read, an error occurs
// (sent as the last batch's err), ctx ends (ErrCancelled) or stop closes.
func readRegister(ctx context.Context, tx *store.Tx, cat *tdkt.Catalog, from, to int, out chan<- rowBatch, stop <-chan struct{}) {
	send := func(b rowBatch) bool {
		select {
		case out <- b:
			return true
		case <-stop:
			return false
		}
	}
	units := map[string]*tdkt.Unit{}
	getUnit := func(id string) (*tdkt.Unit, bool) {
		if u, ok := units[id]; ok {
			return u, u != nil
		}
		u := &tdkt.Unit{}
		if tx.Get(id, u) != nil {
			units[id] = nil
			return nil, false
		}
		units[id] = u
		return u, true
	}
	done := 0
	var b rowBatch
	for y := from; y <= to; y++ {
		for _, id := range tx.IDs("award.year", year4(y)) {
			if done%registerBatch == 0 {
				if b.rows != nil && !send(b) {
					return
				}
				if ctx.Err() != nil {
					send(rowBatch{err: ErrCancelled})
					return
				}
				b = rowBatch{rows: make([]xlsx.RegisterRow, 0, registerBatch), done: done}
			}
			done++
			a := &tdkt.Award{}
			if err := tx.Get(id, a); err != nil {
				b.err = err
				send(b)
				return
			}
			if a.Deleted {
				continue
			}
			row := xlsx.RegisterRow{Award: a, AwardName: a.AwardCode}
			if it, ok := cat.Item(a.AwardCode); ok {
				row.AwardName = it.Name
			}
			if a.UnitID != "" {
				if u, ok := getUnit(tdkt.CurrentUnit(a.UnitID, getUnit)); ok {
					row.Unit = u.Name
				}
			}
			b.rows = append(b.rows, row)
		}
	}
	if b.rows != nil {
		send(b)
	}
}

// AwardFacts builds the counting facts of returns 0602/0603 for the awards
// decided during year (achievements of that year or the two before), as
// cmd/tdkt's awardFacts.
func AwardFacts(ctx context.Context, tx *store.Tx, cat *tdkt.Catalog, year int) ([]xlsx.Fact, error) {
	var facts []xlsx.Fact
	units := map[string]*tdkt.Unit{}
	unit := func(id string) *tdkt.Unit {
		if u, ok := units[id]; ok {
			return u
		}
		u := &tdkt.Unit{}
		if tx.Get(id, u) != nil {
			u = nil
		}
		units[id] = u
		return u
	}
	submitters := map[string]string{}
	for y := year - 2; y <= year; y++ {
		for i, id := range tx.IDs("award.year", year4(y)) {
			if i%1024 == 0 && ctx.Err() != nil {
				return nil, ErrCancelled
			}
			a := &tdkt.Award{}
			if err := tx.Get(id, a); err != nil {
				return nil, err
			}
			if a.Deleted || a.Revoked || a.DecisionDate.Year != year {
				continue
			}
			it, ok := cat.Item(a.AwardCode)
			if !ok {
				continue
			}
			f := xlsx.NewFact(a, it)
			if a.PersonID != "" {
				p := &tdkt.Person{}
				if tx.Get(a.PersonID, p) == nil {
					f.Category = p.Category
				}
			}
			if u := unit(a.UnitID); u != nil {
				f.UnitKind = u.Type
			}
			if a.DossierID != "" {
				s, ok := submitters[a.DossierID]
				if !ok {
					ds := &tdkt.Dossier{}
					if tx.Get(a.DossierID, ds) == nil {
						s = Submitter(unit(ds.UnitID))
					}
					submitters[a.DossierID] = s
				}
				f.Submitter = s
			}
			facts = append(facts, f)
		}
	}
	return facts, nil
}

// Submitter groups the submitting unit as the returns do.
func Submitter(u *tdkt.Unit) string {
	if u == nil {
		return xlsx.SubmitterOther
	}
	switch u.Type {
	case tdkt.UnitProvince, tdkt.UnitDepartment, tdkt.UnitArmed:
		return xlsx.SubmitterDepartment
	case tdkt.UnitCommune, tdkt.UnitSchool, tdkt.UnitVillage:
		return xlsx.SubmitterCommune
	case tdkt.UnitEnterprise:
		return xlsx.SubmitterEnterprise
	}
	return xlsx.SubmitterOther
}
