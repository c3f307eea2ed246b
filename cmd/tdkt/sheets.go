package main

import (
	"fmt"
	"io"

	"tdkt"
	"tdkt/store"
)

// exportSheet prepares the Excel exports (register, returns).
func exportSheet(tx *store.Tx, cat *tdkt.Catalog, what string, year, to int, form string, render *func(io.Writer) error) error {
	return fmt.Errorf("export %s: chưa có (not yet available)", what)
}
