package main

import (
	"context"
	"fmt"
	"io"

	"tdkt"
	"tdkt/export/xlsx"
	"tdkt/store"
	"tdkt/ui/jobs"
)

// sheetRender prepares the Excel exports. The register streams its rows
// from a read transaction of its own while the file is written.
func sheetRender(d *store.DB, what string, year, to int, form string) (func(io.Writer) error, error) {
	if year < 1945 || year > 2100 {
		return nil, fmt.Errorf("export %s: cần --year YYYY hợp lệ", what)
	}
	var off *tdkt.Office
	var cat *tdkt.Catalog
	err := d.View(func(tx *store.Tx) (err error) {
		if off, err = tx.OfficeRecord(); err != nil {
			return err
		}
		cat, err = tx.Catalog()
		return err
	})
	if err != nil {
		return nil, err
	}
	switch what {
	case "register":
		if to == 0 {
			to = year
		}
		if to < year || to > 2100 {
			return nil, fmt.Errorf("export register: --to %d phải từ %d trở đi", to, year)
		}
		h := xlsx.Header{Office: off.IssuingBody, From: year, To: to, Made: tdkt.Today()}
		return func(w io.Writer) error {
			return d.View(func(tx *store.Tx) error {
				return xlsx.Register(w, h, jobs.RegisterRows(context.Background(), tx, cat, year, to, nil))
			})
		}, nil
	case "returns":
		h := xlsx.ReturnHeader{Reporter: off.IssuingBody, Receiver: "Bộ Nội vụ", Year: year, Made: tdkt.Today(), Place: off.Place}
		if len(off.Signers) > 0 {
			h.Signer = off.Signers[0].Name
		}
		switch form {
		case "0601":
			var facts []xlsx.MovementFact
			err := d.View(func(tx *store.Tx) error {
				return tx.Each(tdkt.KindMovement, func(r tdkt.Record) error {
					m := r.(*tdkt.Movement)
					// movements running at some time during the year
					if m.Start.Year <= year && (m.End.IsZero() || m.End.Year >= year) {
						facts = append(facts, xlsx.NewMovementFact(m, tdkt.D(year, 12, 31)))
					}
					return nil
				})
			})
			if err != nil {
				return nil, err
			}
			return func(w io.Writer) error { return xlsx.Return0601(w, h, facts) }, nil
		case "0602", "0603":
			var facts []xlsx.Fact
			err := d.View(func(tx *store.Tx) (err error) {
				facts, err = jobs.AwardFacts(context.Background(), tx, cat, year)
				return err
			})
			if err != nil {
				return nil, err
			}
			if form == "0602" {
				return func(w io.Writer) error { return xlsx.Return0602(w, h, facts) }, nil
			}
			return func(w io.Writer) error { return xlsx.Return0603(w, h, facts) }, nil
		}
		return nil, fmt.Errorf("export returns: --form phải là 0601, 0602 hoặc 0603")
	}
	return nil, fmt.Errorf("export: không có loại %q", what)
}
