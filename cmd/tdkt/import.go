package main

import (
	"fmt"
	"io"
	"os"

	"tdkt/export/xlsx"
	"tdkt/store"
)

// cmdImport runs "tdkt import xlsx --db PATH [--dry-run] FILE".
func cmdImport(args []string, out, errOut io.Writer) error {
	if len(args) == 0 || args[0] != "xlsx" {
		return fmt.Errorf("import: dùng 'tdkt import xlsx --db PATH [--dry-run] FILE'")
	}
	fs := flags("import xlsx", errOut)
	db := fs.String("db", "", "database file")
	dry := fs.Bool("dry-run", false, "check and report, write nothing")
	as := fs.String("as", "", "acting user")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := needDB(fs, *db); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("import xlsx: cần đúng một tệp .xlsx")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("mở %s: %w", fs.Arg(0), err)
	}
	defer f.Close()
	sheet, err := xlsx.ReadSheet(f)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	d, err := store.Open(*db, store.Options{})
	if err != nil {
		return err
	}
	defer d.Close()
	by, err := actor(d, *as)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "sheet\t%s\theader-row\t%d\n", sheet.Name, sheet.HeaderLine)
	for c, f := range sheet.Fields {
		if f != "" && c < len(sheet.Headings) {
			fmt.Fprintf(out, "column\t%d\t%s\t%s\n", c+1, sheet.Headings[c], f)
		}
	}
	rep, err := d.ImportRegister(by, sheet.ImportRows(), *dry)
	for _, p := range rep.Problems {
		fmt.Fprintf(out, "problem\t%s\n", p)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "rows\t%d\nawards\t%d\nduplicates\t%d\npeople\t%d\nunits\t%d\n", rep.Rows, rep.Awards, rep.Duplicates, rep.People, rep.Units)
	if *dry {
		fmt.Fprintln(out, "dry-run\tkhông ghi gì (nothing written)")
	}
	return nil
}
