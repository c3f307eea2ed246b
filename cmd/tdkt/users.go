package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"tdkt"
	"tdkt/store"
)

// readSecret reads the first line of a file ("-" for standard input).
func readSecret(path string) (string, error) {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("đọc mật khẩu: %w", err)
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("đọc mật khẩu: %w", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// actor logs in the acting user of a headless write: --as LOGIN with the
// password in TDKT_PASSWORD. Before any account exists no login is needed.
func actor(db *store.DB, as string) (string, error) {
	if !db.HasUsers() {
		if as == "" {
			as = "setup"
		}
		return as, nil
	}
	if as == "" {
		return "", fmt.Errorf("cần --as LOGIN (và mật khẩu trong TDKT_PASSWORD): cơ sở dữ liệu đã có tài khoản")
	}
	if _, err := db.Login(as, os.Getenv("TDKT_PASSWORD")); err != nil {
		return "", err
	}
	return as, nil
}

// cmdUser runs "tdkt user add|list".
func cmdUser(args []string, out, errOut io.Writer) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "list") {
		return fmt.Errorf("user: dùng 'tdkt user add|list --db PATH …' (usage)")
	}
	fs := flags("user "+args[0], errOut)
	dbPath := fs.String("db", "", "database file")
	login := fs.String("login", "", "login name")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "specialist", "admin, specialist, leader or viewer")
	pwFile := fs.String("password-file", "-", "file whose first line is the new password")
	as := fs.String("as", "", "acting administrator")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if err := needDB(fs, *dbPath); err != nil {
		return err
	}
	if args[0] == "list" {
		db, err := openRO(*dbPath)
		if err != nil {
			return err
		}
		defer db.Close()
		return db.View(func(tx *store.Tx) error {
			return tx.Each(tdkt.KindUser, func(r tdkt.Record) error {
				u := r.(*tdkt.User)
				fmt.Fprintf(out, "%s\t%s\t%s\t%v\n", u.Login, u.Name, u.Role, u.Disabled)
				return nil
			})
		})
	}
	db, err := store.Open(*dbPath, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	by, err := actor(db, *as)
	if err != nil {
		return err
	}
	pw, err := readSecret(*pwFile)
	if err != nil {
		return err
	}
	u := &tdkt.User{Login: *login, Name: tdkt.NFC(*name), Role: tdkt.Role(*role)}
	if err := db.Update(by, func(tx *store.Tx) error { return tx.AddUser(u, pw) }); err != nil {
		return err
	}
	fmt.Fprintln(out, u.ID)
	return nil
}

func jsonIndent(v any) ([]byte, error) { return json.MarshalIndent(v, "", "  ") }
