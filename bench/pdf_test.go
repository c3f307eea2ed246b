package bench

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"tdkt"
	"tdkt/assets"
	"tdkt/bench/floors"
	"tdkt/bench/measure"
	"tdkt/export"
	"tdkt/export/pdf"
	"tdkt/store"
)

// docData is what the document benchmarks print, read from the province
// database once per benchmark.
type docData struct {
	off    *tdkt.Office
	cat    *tdkt.Catalog
	dec    *tdkt.Decision // with a list of listSize names
	awards []*tdkt.Award  // certSize register lines of the same form
	gender map[string]tdkt.Gender
}

const (
	listSize = 500
	certSize = 1000
)

// loadDocs takes the issued decision with the longest list (the demo's
// longest has about 240 names) and lengthens its list to 500 with the
// lists of other decisions on the same form, and gathers 1,000 register
// lines of that form for the certificates, as a province prints after a
// year-end decision.
func loadDocs(b *testing.B) *docData {
	b.Helper()
	d := openRO(b)
	dd := &docData{gender: map[string]tdkt.Gender{}}
	err := d.View(func(tx *store.Tx) error {
		var err error
		if dd.cat, err = tx.Catalog(); err != nil {
			return err
		}
		var all []*tdkt.Decision
		err = tx.Each(tdkt.KindDecision, func(r tdkt.Record) error {
			if dec := r.(*tdkt.Decision); dec.Status == tdkt.DecisionIssued && len(dec.List) > 0 {
				all = append(all, dec)
			}
			return nil
		})
		if err != nil {
			return err
		}
		sort.SliceStable(all, func(i, j int) bool { return len(all[i].List) > len(all[j].List) })
		dd.dec = all[0]
		seen := map[string]bool{dd.dec.ID: true}
		ids := tx.IDs("award.decision", dd.dec.ID)
		for _, o := range all {
			if len(dd.dec.List) >= listSize && len(ids) >= certSize {
				break
			}
			if seen[o.ID] || o.AwardCode != dd.dec.AwardCode {
				continue
			}
			seen[o.ID] = true
			dd.dec.List = append(dd.dec.List, o.List...)
			ids = append(ids, tx.IDs("award.decision", o.ID)...)
		}
		if len(dd.dec.List) < listSize || len(ids) < certSize {
			return fmt.Errorf("chỉ có %d tên, %d khen thưởng của %s", len(dd.dec.List), len(ids), dd.dec.AwardCode)
		}
		dd.dec.List = dd.dec.List[:listSize]
		for _, id := range ids[:certSize] {
			a := &tdkt.Award{}
			if err := tx.Get(id, a); err != nil {
				return err
			}
			dd.awards = append(dd.awards, a)
			if a.PersonID != "" {
				p := &tdkt.Person{}
				if tx.Get(a.PersonID, p) == nil {
					dd.gender[a.PersonID] = p.Gender
				}
			}
		}
		sort.Slice(dd.awards, func(i, j int) bool { return dd.awards[i].Number < dd.awards[j].Number })
		dd.off, err = tx.IssuerOffice(dd.dec)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return dd
}

func fonts(b *testing.B) floors.Fonts {
	f := floors.Fonts{}
	for style, name := range map[string]string{"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"} {
		data, err := assets.Fonts.ReadFile("fonts/LiberationSerif-" + name + ".ttf")
		if err != nil {
			b.Fatal(err)
		}
		f[style] = data
	}
	return f
}

// reportPDF puts the pages and text runs of the last file on b, so that
// the table can show that tdkt and the floor drew the same amount.
func reportPDF(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	pages, texts := measure.PDFStats(data)
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(texts), "texts")
	b.ReportMetric(float64(len(data))/(1<<20), "file-MB")
}

// BenchmarkDecisionPDF renders a decision with a 500-name list (tdkt:
// pdf.Decision; floor: the same body paragraphs and list rows with gofpdf
// alone, fonts embedded the same way).
func BenchmarkDecisionPDF(b *testing.B) {
	measure.DB(b)
	dd := loadDocs(b)
	dir := b.TempDir()
	b.Run("tdkt", func(b *testing.B) {
		path := filepath.Join(dir, "qd.pdf")
		b.ResetTimer()
		for range b.N {
			if err := export.WriteFile(path, func(w io.Writer) error { return pdf.Decision(w, dd.off, dd.dec, dd.cat) }); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		reportPDF(b, path)
	})
	b.Run("floor", func(b *testing.B) {
		d := dd.dec
		body := []string{d.Authority, "QUYẾT ĐỊNH", d.Summary}
		body = append(body, d.Bases...)
		body = append(body, d.Proposal)
		for i, a := range d.Articles {
			body = append(body, fmt.Sprintf("Điều %d. %s", i+1, a))
		}
		t := floors.Table{Widths: []float64{12, 50, 73, 30},
			Header: []string{"STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Tiền thưởng (đồng)"}}
		for i, e := range d.List {
			t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), e.Name, e.Position, tdkt.Money(e.Bonus)})
		}
		f := fonts(b)
		path := filepath.Join(dir, "floor.pdf")
		b.ResetTimer()
		for range b.N {
			if err := measure.WriteFile(path, func(w io.Writer) error { return floors.Decision(w, f, body, t) }); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		reportPDF(b, path)
	})
}

// BenchmarkCertificates prints 1,000 certificates on the default A4
// landscape layout (tdkt: pdf.Certificates; floor: the same eight texts
// per page at the same places, wrapped and drawn by gofpdf alone).
func BenchmarkCertificates(b *testing.B) {
	measure.DB(b)
	dd := loadDocs(b)
	dir := b.TempDir()
	layout := pdf.DefaultLayout(dd.dec.AwardCode)
	b.Run("tdkt", func(b *testing.B) {
		path := filepath.Join(dir, "bang.pdf")
		opt := pdf.CertOptions{Layout: layout, Gender: dd.gender}
		b.ResetTimer()
		for range b.N {
			if err := export.WriteFile(path, func(w io.Writer) error {
				return pdf.Certificates(w, dd.off, dd.dec, dd.awards, opt)
			}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		reportPDF(b, path)
	})
	b.Run("floor", func(b *testing.B) {
		field := func(f pdf.Field, text string) floors.Field {
			return floors.Field{X: f.X, Y: f.Y, W: f.W, Size: f.Size, Style: f.Style, Align: f.Align, Text: text}
		}
		citation := fmt.Sprintf("Đã có thành tích xuất sắc trong phong trào thi đua năm %d", dd.dec.Year-1)
		var pages [][]floors.Field
		for _, a := range dd.awards {
			sal := "Tặng"
			if a.Subject == tdkt.SubjectPerson {
				sal = map[tdkt.Gender]string{tdkt.Male: "Tặng Ông", tdkt.Female: "Tặng Bà"}[dd.gender[a.PersonID]]
				if sal == "" {
					sal = "Tặng Ông/Bà"
				}
			}
			pages = append(pages, []floors.Field{
				field(layout.Salutation, sal),
				field(layout.Name, a.Name),
				field(layout.Position, a.Position),
				field(layout.Citation, citation),
				field(layout.Decision, "Quyết định số "+a.DecisionNo+" "+tdkt.DateWords(a.DecisionDate.Time())),
				field(layout.Number, "Số sổ: "+a.Number),
				field(layout.PlaceDate, tdkt.DateLine(dd.off.Place, a.DecisionDate.Time())),
				field(layout.Signer, dd.dec.Signer.Name),
			})
		}
		f := fonts(b)
		path := filepath.Join(dir, "floor.pdf")
		b.ResetTimer()
		for range b.N {
			if err := measure.WriteFile(path, func(w io.Writer) error { return floors.Certificates(w, f, pages) }); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		reportPDF(b, path)
	})
}
