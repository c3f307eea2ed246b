package main

import (
	"io"

	"tdkt/ui"
)

func cmdGUI(args []string, _, errOut io.Writer) error {
	fs := flags("gui", errOut)
	db := fs.String("db", "", "database file")
	if err := parse(fs, args); err != nil {
		return err
	}
	return runGUI(*db)
}

func runGUI(db string) error { return ui.Run(db) }
