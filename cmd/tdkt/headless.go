package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"tdkt/store"
	"tdkt/store/demo"
)

// flags builds a flag set whose errors come back as values: one line on
// stderr, no usage dump, non-zero exit.
func flags(name string, errOut io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return fmt.Errorf("xem 'tdkt help' (see 'tdkt help')")
		}
		return fmt.Errorf("%s: %w", fs.Name(), err)
	}
	return nil
}

func needDB(fs *flag.FlagSet, db string) error {
	if db == "" {
		return fmt.Errorf("%s: thiếu --db PATH (missing --db)", fs.Name())
	}
	return nil
}

// parseFlagsOnly parses args into fs for a command that takes flags and
// no other arguments, --db among them.
func parseFlagsOnly(fs *flag.FlagSet, args []string, db *string) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needDB(fs, *db); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: thừa tham số %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

// dbOnly parses the arguments of a command whose only flag is --db and
// opens that database read-only.
func dbOnly(name string, args []string, errOut io.Writer) (*store.DB, error) {
	fs := flags(name, errOut)
	db := fs.String("db", "", "database file")
	if err := parseFlagsOnly(fs, args, db); err != nil {
		return nil, err
	}
	return openRO(*db)
}

// openRO opens the database for reading. A file an older version wrote is
// upgraded first by one writable open (the upgrade is one transaction), so
// that reports work on it as they did before the update.
func openRO(path string) (*store.DB, error) {
	o := store.Options{ReadOnly: true, Timeout: time.Second}
	db, err := store.Open(path, o)
	if !errors.Is(err, store.ErrNeedsUpgrade) {
		return db, err
	}
	fmt.Fprintf(os.Stderr, "tdkt: đang nâng cấp cấu trúc %s (chỉ một lần)…\n", path)
	w, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("nâng cấp %s: %w", path, err)
	}
	return store.Open(path, o)
}

func cmdDemo(args []string, out, errOut io.Writer) error {
	fs := flags("demo", errOut)
	db := fs.String("db", "", "database file")
	scale := fs.String("scale", "small", "small, province or large")
	seed := fs.Uint64("seed", 1, "random seed")
	quiet := fs.Bool("quiet", false, "no progress")
	if err := parseFlagsOnly(fs, args, db); err != nil {
		return err
	}
	start := time.Now()
	progress := func(s string) {
		if !*quiet {
			fmt.Fprintf(errOut, "demo: %s (%s)\n", s, time.Since(start).Round(time.Second))
		}
	}
	if err := demo.Generate(*db, *scale, *seed, progress); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s\n", *db)
	return nil
}

func cmdSearch(args []string, out, errOut io.Writer) error {
	fs := flags("search", errOut)
	db := fs.String("db", "", "database file")
	limit := fs.Int("limit", 20, "maximum hits")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := needDB(fs, *db); err != nil {
		return err
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		return fmt.Errorf("search: thiếu từ khóa (missing QUERY)")
	}
	if *limit <= 0 {
		return fmt.Errorf("search: --limit phải lớn hơn 0")
	}
	d, err := openRO(*db)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.View(func(tx *store.Tx) error {
		hits, err := tx.Search(q, *limit)
		if err != nil {
			return err
		}
		for _, h := range hits {
			fmt.Fprintf(out, "%s\t%s\t%s\n", h.Kind, h.ID, h.Text)
		}
		return nil
	})
}

func cmdStats(args []string, out, errOut io.Writer) error {
	d, err := dbOnly("stats", args, errOut)
	if err != nil {
		return err
	}
	defer d.Close()
	stats, digest, err := d.Stats()
	if err != nil {
		return err
	}
	for _, s := range stats {
		fmt.Fprintf(out, "%s\t%d\n", s.Kind, s.Count)
	}
	fmt.Fprintf(out, "digest\t%s\n", digest)
	return nil
}

func cmdCheck(args []string, out, errOut io.Writer) error {
	fs := flags("check", errOut)
	path := fs.String("db", "", "database file")
	repair := fs.Bool("repair", false, "rebuild what is derived from the records")
	if err := parseFlagsOnly(fs, args, path); err != nil {
		return err
	}
	if *repair {
		return checkRepair(*path, out)
	}
	d, err := openRO(*path)
	if err != nil {
		return err
	}
	defer d.Close()
	// not a fault of the file, told first: the office has a bundle to
	// import again
	us, err := d.Unfinished()
	if err != nil {
		return err
	}
	for _, u := range us {
		fmt.Fprintf(out, "Lưu ý: lần nhập gói số %d từ %s dừng giữa chừng lúc %s (mới ghi %d/%d phần); hãy nhập lại chính tệp gói đó.\n",
			u.Seq, u.From, u.At.Local().Format("15:04 02/01/2006"), u.Done, u.Parts)
	}
	probs, err := d.Check()
	if err != nil {
		return err
	}
	for _, p := range probs {
		fmt.Fprintln(out, p)
	}
	if len(probs) > 0 {
		derived := true
		for _, p := range probs {
			derived = derived && p.Derived
		}
		if derived {
			fmt.Fprintln(out, "Chỉ dữ liệu dẫn xuất (chỉ mục, tìm kiếm, số liệu tổng hợp) bị hỏng; bản ghi còn nguyên: chạy 'tdkt check --repair --db "+d.Path()+"' để dựng lại.")
		}
		return fmt.Errorf("check: %d lỗi trong %s (%d problems)", len(probs), d.Path(), len(probs))
	}
	fmt.Fprintln(out, "ok")
	return nil
}

// checkRepair runs store.DB.Repair on the file at path and says what it
// found, kept and rebuilt.
func checkRepair(path string, out io.Writer) error {
	d, err := store.Open(path, store.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	defer d.Close()
	rep, err := d.Repair(time.Now())
	for _, p := range rep.Before {
		fmt.Fprintln(out, p)
	}
	if err != nil {
		return fmt.Errorf("check --repair: %w", err)
	}
	if len(rep.Before) == 0 {
		fmt.Fprintln(out, "ok (không có gì phải sửa)")
		return nil
	}
	fmt.Fprintf(out, "Đã chép tệp như trước khi sửa vào %s\n", rep.Copy)
	fmt.Fprintf(out, "Đã dựng lại từ các bản ghi: %s\n", strings.Join(rep.Built, ", "))
	for _, p := range rep.After {
		fmt.Fprintln(out, p)
	}
	if len(rep.After) > 0 {
		return fmt.Errorf("check --repair: sau khi sửa vẫn còn %d lỗi", len(rep.After))
	}
	fmt.Fprintln(out, "ok")
	return nil
}
