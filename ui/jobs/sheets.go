package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
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
// tx while it iterates. report is called on the goroutine that iterates
// the sequence (xlsx.Register iterates on one of its own), with the same
// values as a sequential read would give.
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
// cmd/tdkt's awardFacts. It reads the store's award counters, one fact per
// counter with its count in N, so no award is decoded; the recipients'
// facts are those the store took when each award was written.
func AwardFacts(ctx context.Context, tx *store.Tx, cat *tdkt.Catalog, year int) ([]xlsx.Fact, error) {
	var facts []xlsx.Fact
	for y := year - 2; y <= year; y++ {
		if ctx.Err() != nil {
			return nil, ErrCancelled
		}
		err := tx.AwardCounts(y, func(c store.AwardCount) error {
			if c.DecisionYear != year {
				return nil
			}
			it, ok := cat.Item(c.Code)
			if !ok {
				return nil
			}
			f := xlsx.NewFact(&tdkt.Award{AwardCode: c.Code, Subject: c.Subject, Method: c.Method}, it)
			f.Category, f.UnitKind, f.N = c.Category, c.UnitKind, c.N
			switch c.From {
			case "":
				// no dossier, or it is gone: no submitter
			case store.NoUnit:
				f.Submitter = Submitter(nil)
			default:
				f.Submitter = Submitter(&tdkt.Unit{Type: c.From})
			}
			facts = append(facts, f)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return facts, nil
}

// ErrNoForm is the error of Return for a form other than 0601, 0602, 0603.
var ErrNoForm = errors.New("không có biểu này (0601, 0602 hoặc 0603)")

// ReturnHeader is the heading of a return office off makes for year on
// day made: to the Ministry of Home Affairs, signed by the first signer.
func ReturnHeader(off *tdkt.Office, year int, made tdkt.Date) xlsx.ReturnHeader {
	h := xlsx.ReturnHeader{Reporter: off.IssuingBody, Receiver: "Bộ Nội vụ", Year: year, Made: made, Place: off.Place}
	if len(off.Signers) > 0 {
		h.Signer = off.Signers[0].Name
	}
	return h
}

// Return gathers within tx what return form (0601, 0602 or 0603) counts
// for h.Year and gives the writer of the return, which needs no
// transaction.
func Return(ctx context.Context, tx *store.Tx, cat *tdkt.Catalog, h xlsx.ReturnHeader, form string) (func(io.Writer) error, error) {
	switch form {
	case "0601":
		var facts []xlsx.MovementFact
		err := tx.Each(tdkt.KindMovement, func(r tdkt.Record) error {
			m := r.(*tdkt.Movement)
			// movements running at some time during the year
			if m.Start.Year <= h.Year && (m.End.IsZero() || m.End.Year >= h.Year) {
				facts = append(facts, xlsx.NewMovementFact(m, tdkt.D(h.Year, 12, 31)))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return xlsx.Return0601(w, h, facts) }, nil
	case "0602", "0603":
		facts, err := AwardFacts(ctx, tx, cat, h.Year)
		if err != nil {
			return nil, err
		}
		if form == "0602" {
			return func(w io.Writer) error { return xlsx.Return0602(w, h, facts) }, nil
		}
		return func(w io.Writer) error { return xlsx.Return0603(w, h, facts) }, nil
	}
	return nil, fmt.Errorf("%q: %w", form, ErrNoForm)
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
