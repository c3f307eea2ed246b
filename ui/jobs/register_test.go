package jobs

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"testing"
	"time"

	"tdkt"
	"tdkt/export/xlsx"
	"tdkt/store"
)

// sequentialRows is the register as RegisterRows read it before reading
// moved into a goroutine: the reference its rows must equal.
func sequentialRows(t *testing.T, tx *store.Tx, cat *tdkt.Catalog, from, to int) []xlsx.RegisterRow {
	t.Helper()
	var rows []xlsx.RegisterRow
	getUnit := func(id string) (*tdkt.Unit, bool) {
		u := &tdkt.Unit{}
		return u, tx.Get(id, u) == nil
	}
	for y := from; y <= to; y++ {
		for _, id := range tx.IDs("award.year", year4(y)) {
			a := &tdkt.Award{}
			if err := tx.Get(id, a); err != nil {
				t.Fatal(err)
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
			rows = append(rows, row)
		}
	}
	return rows
}

func TestRegisterRowsAsSequential(t *testing.T) {
	d := smallDemo(t)
	err := d.View(func(tx *store.Tx) error {
		cat, err := tx.Catalog()
		if err != nil {
			return err
		}
		for _, c := range []struct{ from, to int }{{2000, 2026}, {2020, 2020}, {2030, 2031}} {
			want := sequentialRows(t, tx, cat, c.from, c.to)
			var got []xlsx.RegisterRow
			var reports [][2]int
			for r, err := range RegisterRows(context.Background(), tx, cat, c.from, c.to, func(done, total int) {
				reports = append(reports, [2]int{done, total})
			}) {
				if err != nil {
					t.Fatalf("%d–%d: %v", c.from, c.to, err)
				}
				got = append(got, r)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%d–%d: %d rows differ from the sequential read's %d", c.from, c.to, len(got), len(want))
			}
			total := 0
			for y := c.from; y <= c.to; y++ {
				total += tx.CountIndex("award.year", year4(y))
			}
			// one report before each batch of ids, as the sequential read did
			for i, r := range reports {
				if r != [2]int{i * registerBatch, total} {
					t.Errorf("%d–%d: report %d = %v, want [%d %d]", c.from, c.to, i, r, i*registerBatch, total)
				}
			}
			if n := (total + registerBatch - 1) / registerBatch; len(reports) != n {
				t.Errorf("%d–%d: %d reports for %d ids, want %d", c.from, c.to, len(reports), total, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRegisterRowsStops(t *testing.T) {
	d := smallDemo(t)
	err := d.View(func(tx *store.Tx) error {
		cat, err := tx.Catalog()
		if err != nil {
			return err
		}
		all := len(sequentialRows(t, tx, cat, 2000, 2026))
		if all < 3*registerBatch {
			t.Fatalf("the demo has %d register lines: too few to test stopping", all)
		}
		cases := []struct {
			name      string
			cancelAt  int // cancel the context after this many rows; -1: never
			breakAt   int // stop iterating after this many rows; -1: never
			cancelled bool
		}{
			{"cancelled before the start", 0, -1, true},
			{"cancelled midway", registerBatch + 10, -1, true},
			{"caller breaks midway", -1, registerBatch + 10, false},
		}
		for _, c := range cases {
			before := runtime.NumGoroutine()
			ctx, cancel := context.WithCancel(context.Background())
			n, cancelled := 0, false
			for _, err := range RegisterRows(ctx, tx, cat, 2000, 2026, nil) {
				if err != nil {
					if !errors.Is(err, ErrCancelled) {
						t.Fatalf("%s: %v", c.name, err)
					}
					cancelled = true
					break
				}
				n++
				if n == c.cancelAt || c.cancelAt == 0 {
					cancel()
				}
				if n == c.breakAt {
					break
				}
			}
			cancel()
			if cancelled != c.cancelled {
				t.Errorf("%s: cancelled %v, want %v", c.name, cancelled, c.cancelled)
			}
			// the reader may be a few batches ahead, never the whole register
			if c.cancelled && n > c.cancelAt+(registerAhead+2)*registerBatch {
				t.Errorf("%s: %d rows after cancelling at %d", c.name, n, c.cancelAt)
			}
			if c.breakAt > 0 && n != c.breakAt {
				t.Errorf("%s: %d rows, want %d", c.name, n, c.breakAt)
			}
			// the reading goroutine is gone once the sequence returns
			deadline := time.Now().Add(time.Second)
			for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if g := runtime.NumGoroutine(); g > before {
				t.Errorf("%s: %d goroutines after the sequence, %d before", c.name, g, before)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
