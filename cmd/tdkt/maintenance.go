package main

import (
	"fmt"
	"io"

	"tdkt/store"
)

func cmdBackup(args []string, out, errOut io.Writer) error {
	fs := flags("backup", errOut)
	db := fs.String("db", "", "database file")
	to := fs.String("out", "", "backup file")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needDB(fs, *db); err != nil {
		return err
	}
	if *to == "" {
		return fmt.Errorf("backup: thiếu --out FILE (missing --out)")
	}
	d, err := openRO(*db)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Backup(*to); err != nil {
		return err
	}
	fmt.Fprintln(out, *to)
	return nil
}

func cmdRestore(args []string, out, errOut io.Writer) error {
	fs := flags("restore", errOut)
	db := fs.String("db", "", "database file to replace")
	from := fs.String("from", "", "backup file")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needDB(fs, *db); err != nil {
		return err
	}
	if *from == "" {
		return fmt.Errorf("restore: thiếu --from FILE (missing --from)")
	}
	if err := store.Restore(*db, *from); err != nil {
		return err
	}
	fmt.Fprintln(out, *db)
	return nil
}

// cmdAudit runs "tdkt audit verify --db PATH".
func cmdAudit(args []string, out, errOut io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return fmt.Errorf("audit: dùng 'tdkt audit verify --db PATH' (usage)")
	}
	d, err := dbOnly("audit verify", args[1:], errOut)
	if err != nil {
		return err
	}
	defer d.Close()
	n := 0
	err = d.View(func(tx *store.Tx) error {
		var e error
		n, e = tx.AuditLen(), tx.VerifyAudit(nil)
		return e
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "ok\t%d\n", n)
	return nil
}
