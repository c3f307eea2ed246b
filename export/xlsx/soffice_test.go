package xlsx

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tdkt"
	"tdkt/export"
)

// TestLibreOfficeOpensOutputs converts every kind of output to CSV with
// LibreOffice, which refuses files it cannot parse. It is skipped where
// soffice is not installed.
func TestLibreOfficeOpensOutputs(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) not installed")
	}
	h := testHeader()
	m := council(8)
	m.Items = []tdkt.AgendaItem{{Name: "Nguyễn Văn Ước", AwardCode: "CSTDT", Secret: true, Counted: true,
		Ballot: tdkt.Ballot{Issued: 10, Returned: 10, Valid: 10, Agree: 9}}}
	outputs := []struct {
		name, want string
		render     func(io.Writer) error
	}{
		{"so.xlsx", "Nguyễn Thị Ngọc Ánh", func(w io.Writer) error {
			return Register(w, Header{Office: "UBND tỉnh Sơn Lâm"}, seq(sampleAwards()))
		}},
		{"0601.xlsx", "SỐ PHONG TRÀO THI ĐUA", func(w io.Writer) error { return Return0601(w, h, nil) }},
		{"0602.xlsx", "Hoàng Thị Nguyệt", func(w io.Writer) error { return Return0602(w, h, nil) }},
		{"0603.xlsx", "Đỗ Văn Ước", func(w io.Writer) error { return Return0603(w, h, nil) }},
		{"phieu.xlsx", "Nguyễn Văn Ước", func(w io.Writer) error { return Candidates(w, "", m, testCatalog()) }},
		{"ho-so.xlsx", "Trường Tiểu học Bản Xèo", func(w io.Writer) error {
			return Dossiers(w, DossierList{Office: "Sở Nội vụ tỉnh Sơn Lâm"}, sampleDossiers())
		}},
	}
	// One conversion for all files: LibreOffice takes seconds to start.
	in, out := t.TempDir(), t.TempDir()
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(t.TempDir()),
		"--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out}
	for _, o := range outputs {
		path := filepath.Join(in, o.name)
		if err := export.WriteFile(path, o.render); err != nil {
			t.Fatalf("%s: %v", o.name, err)
		}
		args = append(args, path)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// A private profile directory (above), so that a LibreOffice the user
	// has open does not take over the conversion.
	if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, o := range outputs {
		csv, err := os.ReadFile(filepath.Join(out, strings.TrimSuffix(o.name, ".xlsx")+".csv"))
		if err != nil {
			t.Errorf("%s was not converted: %v", o.name, err)
			continue
		}
		if !strings.Contains(string(csv), o.want) {
			t.Errorf("%s: CSV lacks %q", o.name, o.want)
		}
	}
}
