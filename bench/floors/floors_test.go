package floors_test

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"

	"tdkt/assets"
	"tdkt/bench/floors"
	"tdkt/bench/measure"
)

// The floors run in every `go test ./...` on a few rows, so that a change
// of library API breaks here and not in the middle of bench/run.sh.

func fonts(t *testing.T) floors.Fonts {
	f := floors.Fonts{}
	for style, name := range map[string]string{"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"} {
		b, err := assets.Fonts.ReadFile("fonts/LiberationSerif-" + name + ".ttf")
		if err != nil {
			t.Fatal(err)
		}
		f[style] = b
	}
	return f
}

func TestXLSX(t *testing.T) {
	var buf bytes.Buffer
	s := floors.Sheet{Name: "Sổ khen thưởng", Cols: []floors.Col{{Width: 6}, {Width: 26, Wrap: true}, {Width: 12, NumFmt: "dd/mm/yyyy"}},
		Header: [][]any{{"STT", "Họ và tên", "Ngày"}},
		Rows:   [][]any{{1, "Giàng A Páo", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}, {2, "Lò Thị Xuân", nil}}}
	if err := floors.XLSX(&buf, []floors.Sheet{s}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Sổ khen thưởng", "B3"); v != "Lò Thị Xuân" {
		t.Fatalf("B3 = %q", v)
	}
}

func TestPDF(t *testing.T) {
	var buf bytes.Buffer
	page := []floors.Field{{X: 30, Y: 90, W: 237, Size: 26, Style: "B", Align: "C", Text: "Giàng A Páo"},
		{X: 40, Y: 120, W: 217, Size: 15, Style: "I", Align: "C", Text: "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025"}}
	if err := floors.Certificates(&buf, fonts(t), [][]floors.Field{page, page}); err != nil {
		t.Fatal(err)
	}
	if pages, texts := measure.PDFStats(buf.Bytes()); pages != 2 || texts != 4 {
		t.Fatalf("certificates: %d pages, %d texts; want 2, 4", pages, texts)
	}
	buf.Reset()
	tb := floors.Table{Widths: []float64{12, 50, 73, 30}, Header: []string{"STT", "Họ và tên", "Chức vụ, đơn vị", "Tiền thưởng"}}
	for range 60 {
		tb.Rows = append(tb.Rows, []string{"1", "Nguyễn Văn An", "Giáo viên Trường Tiểu học Nậm Xé, xã Nậm Xé", "1.000.000"})
	}
	if err := floors.Decision(&buf, fonts(t), []string{"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"}, tb); err != nil {
		t.Fatal(err)
	}
	if pages, _ := measure.PDFStats(buf.Bytes()); pages < 3 {
		t.Fatalf("decision: %d pages; want the body and a list over several pages", pages)
	}
}

func TestBoltPut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.db")
	if err := floors.BoltPut(path, []floors.KV{{Bucket: "dossier", Key: []byte("a"), Value: []byte("{}")}}); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket([]byte("dossier")).Get([]byte("a")); string(v) != "{}" {
			t.Fatalf("got %q", v)
		}
		return nil
	})
}

func TestSeal(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := floors.Seal(&buf, id.Recipient().String(), [][]byte{[]byte("hồ sơ"), []byte(" tệp")}); err != nil {
		t.Fatal(err)
	}
	got, err := floors.Open(&buf, id.String())
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "hồ sơ tệp" {
		t.Fatalf("got %q", got)
	}
}
