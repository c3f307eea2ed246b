package main

import (
	"context"
	"errors"
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
		var render func(io.Writer) error
		err := d.View(func(tx *store.Tx) (err error) {
			render, err = jobs.Return(context.Background(), tx, cat, jobs.ReturnHeader(off, year, tdkt.Today()), form)
			return err
		})
		if errors.Is(err, jobs.ErrNoForm) {
			return nil, fmt.Errorf("export returns: --form phải là 0601, 0602 hoặc 0603")
		}
		return render, err
	}
	return nil, fmt.Errorf("export: không có loại %q", what)
}
