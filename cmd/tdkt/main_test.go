package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"

	tdktpkg "tdkt"
	"tdkt/store"
)

func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestDemoCheckSearchStats(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, p := range []string{a, b} {
		if _, _, err := runCLI(t, "demo", "--db", p, "--scale", "small", "--seed", "42", "--quiet"); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := runCLI(t, "check", "--db", a)
	if err != nil || strings.TrimSpace(out) != "ok" {
		t.Fatalf("check: %q %v", out, err)
	}
	out, _, err = runCLI(t, "search", "--db", a, "--limit", "5", "nguyen", "van")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) == 0 || len(lines) > 5 {
		t.Fatalf("search lines %q", lines)
	}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			t.Fatalf("hit %q is not kind<TAB>id<TAB>text", l)
		}
		words := " " + tdktpkg.Fold(f[2])
		if !strings.Contains(words, " nguyen") || !strings.Contains(words, " van") {
			t.Errorf("hit %q does not match both words", l)
		}
	}
	sa, _, err := runCLI(t, "stats", "--db", a)
	if err != nil {
		t.Fatal(err)
	}
	sb, _, _ := runCLI(t, "stats", "--db", b)
	if sa != sb {
		t.Fatalf("same seed, different stats:\n%s\n%s", sa, sb)
	}
	if !strings.Contains(sa, "award\t") || !strings.Contains(sa, "\ndigest\t") {
		t.Fatalf("stats output %q", sa)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, bytes.Repeat([]byte("rác "), 5000), 0o600)
	good := filepath.Join(dir, "good.db")
	if _, _, err := runCLI(t, "demo", "--db", good, "--quiet"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"missing db flag", []string{"stats"}, "--db"},
		{"missing file", []string{"check", "--db", filepath.Join(dir, "nope.db")}, "does not exist"},
		{"not a database", []string{"stats", "--db", junk}, "not a tdkt database"},
		{"unknown flag", []string{"stats", "--db", good, "--frob"}, "frob"},
		{"empty query", []string{"search", "--db", good, "  "}, "QUERY"},
		{"bad limit", []string{"search", "--db", good, "--limit", "0", "an"}, "--limit"},
		{"bad scale", []string{"demo", "--db", filepath.Join(dir, "x.db"), "--scale", "huge"}, "huge"},
		{"demo over existing file", []string{"demo", "--db", good}, "already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(good)
			_, _, err := runCLI(t, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if after, _ := os.ReadFile(good); !bytes.Equal(before, after) {
				t.Error("the database file changed")
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "nope.db")); err == nil {
		t.Error("check created the missing file")
	}
	if _, err := os.Stat(filepath.Join(dir, "x.db")); err == nil {
		t.Error("failed demo left a file")
	}
}

func TestLockedDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	if _, _, err := runCLI(t, "demo", "--db", path, "--quiet"); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{}) // as the window would
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, _, err = runCLI(t, "check", "--db", path)
	if err == nil || !strings.Contains(err.Error(), "already open") {
		t.Fatalf("err = %v", err)
	}
}

func TestVersion(t *testing.T) {
	out, _, err := runCLI(t, "version")
	if err != nil || !strings.HasPrefix(out, "tdkt ") {
		t.Fatalf("%q %v", out, err)
	}
}

func TestBackupRestoreAuditUserCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "o.db")
	if _, _, err := runCLI(t, "demo", "--db", db, "--quiet", "--seed", "9"); err != nil {
		t.Fatal(err)
	}
	before, _, _ := runCLI(t, "stats", "--db", db)
	out, _, err := runCLI(t, "audit", "verify", "--db", db)
	if err != nil || !strings.HasPrefix(out, "ok\t") {
		t.Fatalf("audit verify: %q %v", out, err)
	}
	bak := filepath.Join(dir, "bak.db")
	if _, _, err := runCLI(t, "backup", "--db", db, "--out", bak); err != nil {
		t.Fatal(err)
	}
	os.Remove(db)
	if _, _, err := runCLI(t, "restore", "--db", db, "--from", bak); err != nil {
		t.Fatal(err)
	}
	after, _, _ := runCLI(t, "stats", "--db", db)
	if before != after {
		t.Fatalf("stats changed by backup → wipe → restore:\n%s\n%s", before, after)
	}
	pw := filepath.Join(dir, "pw")
	os.WriteFile(pw, []byte("mật khẩu dài\n"), 0o600)
	if _, _, err := runCLI(t, "user", "add", "--db", db, "--login", "admin", "--name", "Quản trị", "--role", "admin", "--password-file", pw); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "user", "add", "--db", db, "--login", "cv", "--name", "Chuyên viên", "--password-file", pw); err == nil {
		t.Fatal("second account without --as")
	}
	t.Setenv("TDKT_PASSWORD", "mật khẩu dài")
	if _, _, err := runCLI(t, "user", "add", "--db", db, "--login", "cv", "--name", "Chuyên viên", "--password-file", pw, "--as", "admin"); err != nil {
		t.Fatal(err)
	}
	out, _, _ = runCLI(t, "user", "list", "--db", db)
	if !strings.Contains(out, "admin\tQuản trị\tadmin") || !strings.Contains(out, "cv\tChuyên viên\tspecialist") {
		t.Fatalf("user list %q", out)
	}
}

func pdftotext(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

func TestListAndExportDocuments(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "o.db")
	if _, _, err := runCLI(t, "demo", "--db", db, "--quiet"); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "list", "decisions", "--db", db, "--year", "2026")
	if err != nil {
		t.Fatal(err)
	}
	var provincial, commune []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		f := strings.Split(l, "\t")
		if len(f) != 4 || f[3] != "issued" || !strings.HasPrefix(f[2], "2026-") {
			t.Fatalf("list line %q", l)
		}
		if strings.HasSuffix(f[1], "/QĐ-UBND") {
			provincial = append(provincial, f[0])
		} else {
			commune = append(commune, f[0])
		}
	}
	if len(provincial) == 0 {
		t.Fatal("no QĐ-UBND decisions in 2026")
	}
	pdf := filepath.Join(dir, "qd.pdf")
	if _, _, err := runCLI(t, "export", "decision", "--db", db, "--id", provincial[0], "--out", pdf); err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, pdf)
	for _, want := range []string{"QUYẾT ĐỊNH", "/QĐ-UBND", "năm 2026", "DANH SÁCH", "Bằng chữ"} {
		if !strings.Contains(text, want) {
			t.Errorf("decision PDF lacks %q", want)
		}
	}
	out, _, _ = runCLI(t, "list", "meetings", "--db", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	meeting := strings.Split(lines[len(lines)-1], "\t")[0]
	if _, _, err := runCLI(t, "export", "minutes", "--db", db, "--meeting", meeting, "--out", filepath.Join(dir, "minutes.pdf")); err != nil {
		t.Fatal(err)
	}
	// ballot papers exist for meetings with a secret ballot
	papers := 0
	for _, l := range lines {
		id := strings.Split(l, "\t")[0]
		if _, _, err := runCLI(t, "export", "ballots", "--db", db, "--meeting", id, "--out", filepath.Join(dir, id+".pdf")); err == nil {
			papers++
		} else if !strings.Contains(err.Error(), "bỏ phiếu kín") {
			t.Fatal(err)
		}
	}
	if papers == 0 {
		t.Error("no meeting had ballot papers")
	}
	if text := pdftotext(t, filepath.Join(dir, "minutes.pdf")); !strings.Contains(text, "BIÊN BẢN") || !strings.Contains(text, "Đạt") {
		t.Error("minutes lack the title or results")
	}
	cert := filepath.Join(dir, "bang.pdf")
	if _, _, err := runCLI(t, "export", "certificates", "--db", db, "--decision", provincial[0], "--out", cert, "--preview"); err != nil {
		t.Fatal(err)
	}
	// bad ids leave no file behind
	bad := filepath.Join(dir, "bad.pdf")
	for _, args := range [][]string{
		{"export", "decision", "--db", db, "--id", "SL-Q9999999", "--out", bad},
		{"export", "minutes", "--db", db, "--meeting", "nope", "--out", bad},
		{"export", "decision", "--db", db, "--out", bad},
		{"list", "awards", "--db", db},
	} {
		if _, _, err := runCLI(t, args...); err == nil {
			t.Errorf("%v succeeded", args)
		}
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("a failed export left a file")
	}
}

func TestExportRegisterAndReturns(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "o.db")
	if _, _, err := runCLI(t, "demo", "--db", db, "--quiet"); err != nil {
		t.Fatal(err)
	}
	reg := filepath.Join(dir, "so.xlsx")
	if _, _, err := runCLI(t, "export", "register", "--db", db, "--year", "2024", "--to", "2025", "--out", reg); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(reg)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	f.Close()
	years := map[string]int{}
	for _, r := range rows {
		if len(r) > 6 {
			years[r[6]]++
		}
	}
	if years["2024"] == 0 || years["2025"] == 0 || years["2023"] != 0 {
		t.Errorf("register years %v", years)
	}
	for _, form := range []string{"0601", "0602", "0603"} {
		p := filepath.Join(dir, form+".xlsx")
		if _, _, err := runCLI(t, "export", "returns", "--db", db, "--year", "2025", "--form", form, "--out", p); err != nil {
			t.Fatalf("%s: %v", form, err)
		}
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := f.GetCellValue(f.GetSheetName(0), "A1")
		f.Close()
		if !strings.Contains(v, form) {
			t.Errorf("%s: A1 = %q", form, v)
		}
	}
	for _, args := range [][]string{
		{"export", "returns", "--db", db, "--year", "2025", "--form", "0604", "--out", filepath.Join(dir, "x.xlsx")},
		{"export", "register", "--db", db, "--year", "20", "--out", filepath.Join(dir, "x.xlsx")},
		{"export", "register", "--db", db, "--year", "2025", "--to", "2020", "--out", filepath.Join(dir, "x.xlsx")},
	} {
		if _, _, err := runCLI(t, args...); err == nil {
			t.Errorf("%v succeeded", args)
		}
	}
}

// TestReportsUpgradeOldFile: a file an older version wrote (schema 1) is
// upgraded by the first report instead of refusing it as read-only.
func TestReportsUpgradeOldFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "old.db")
	if _, _, err := runCLI(t, "demo", "--db", p, "--scale", "small", "--seed", "7", "--quiet"); err != nil {
		t.Fatal(err)
	}
	want, _, err := runCLI(t, "stats", "--db", p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bolt.Open(p, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, 1))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	if need, err := store.NeedsUpgrade(p); err != nil || !need {
		t.Fatalf("NeedsUpgrade = %v, %v after setting schema 1", need, err)
	}
	got, _, err := runCLI(t, "stats", "--db", p)
	if err != nil || got != want {
		t.Fatalf("stats on the old file: %v\n%s\nwant\n%s", err, got, want)
	}
	if need, err := store.NeedsUpgrade(p); err != nil || need {
		t.Errorf("NeedsUpgrade = %v, %v after a report", need, err)
	}
	if out, _, err := runCLI(t, "check", "--db", p); err != nil || strings.TrimSpace(out) != "ok" {
		t.Errorf("check after the upgrade: %q %v", out, err)
	}
}

// TestCheckRepair damages what a demo file derives from its records (the
// search text lines gone, an award's facts gone): check names the damage
// and says to repair; check --repair keeps a copy of the file as it was,
// rebuilds, and the file checks ok with its records and search unchanged.
func TestCheckRepair(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	if _, _, err := runCLI(t, "demo", "--db", path, "--scale", "small", "--seed", "42", "--quiet"); err != nil {
		t.Fatal(err)
	}
	stats, _, _ := runCLI(t, "stats", "--db", path)
	search, _, _ := runCLI(t, "search", "--db", path, "--limit", "20", "nguyen", "van")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		f := tx.Bucket([]byte("award.facts"))
		k, _ := f.Cursor().First()
		if err := f.Delete(bytes.Clone(k)); err != nil {
			return err
		}
		return tx.DeleteBucket([]byte("text"))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "check", "--db", path)
	if err == nil || !strings.Contains(out, "text: thiếu bucket") || !strings.Contains(out, "award.facts") || !strings.Contains(out, "check --repair") {
		t.Fatalf("check of a damaged file: %q, %v", out, err)
	}
	out, _, err = runCLI(t, "check", "--repair", "--db", path)
	if err != nil || !strings.Contains(out, "Đã chép tệp như trước khi sửa vào "+path+".truoc-sua-") || !strings.HasSuffix(out, "ok\n") {
		t.Fatalf("repair: %q, %v", out, err)
	}
	if out, _, err := runCLI(t, "check", "--db", path); err != nil || out != "ok\n" {
		t.Fatalf("check after the repair: %q, %v", out, err)
	}
	if s, _, _ := runCLI(t, "stats", "--db", path); s != stats {
		t.Errorf("records changed: %s, was %s", s, stats)
	}
	if s, _, _ := runCLI(t, "search", "--db", path, "--limit", "20", "nguyen", "van"); s != search {
		t.Errorf("search changed: %s, was %s", s, search)
	}
	copies, _ := filepath.Glob(path + ".truoc-sua-*")
	if len(copies) != 1 {
		t.Fatalf("copies %v", copies)
	}
	// (the writable open before the repair made the missing bucket, empty)
	if out, _, err := runCLI(t, "check", "--db", copies[0]); err == nil || !strings.Contains(out, "text: có 0 mục") {
		t.Errorf("the copy is not the file as it was: %q, %v", out, err)
	}
	if out, _, err := runCLI(t, "check", "--repair", "--db", path); err != nil || !strings.Contains(out, "không có gì phải sửa") {
		t.Errorf("repair of a sound file: %q, %v", out, err)
	}
}

// TestCheckTellsUnfinishedImport: a bundle import that stopped between
// parts is not a fault of the file, but check says what to do about it.
func TestCheckTellsUnfinishedImport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	if _, _, err := runCLI(t, "office", "init", "--db", path, "--code", "SL-X001", "--name", "Xã Nậm Xé", "--level", "commune"); err != nil {
		t.Fatal(err)
	}
	if out, _, err := runCLI(t, "check", "--db", path); err != nil || strings.Contains(out, "Lưu ý") {
		t.Fatalf("clean office: %q, %v", out, err)
	}
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("import.unfinished/SL"), []byte(`{"from":"SL","seq":7,"done":2,"parts":5,"at":"2026-11-26T02:15:00Z"}`))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "check", "--db", path)
	if err != nil || !strings.Contains(out, "lần nhập gói số 7 từ SL dừng giữa chừng") || !strings.Contains(out, "mới ghi 2/5 phần") || !strings.HasSuffix(out, "ok\n") {
		t.Errorf("check: %q, %v", out, err)
	}
}
