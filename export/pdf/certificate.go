package pdf

import (
	"fmt"
	"io"
	"strings"

	"tdkt"
)

// Field places one text on a pre-printed certificate blank. X, Y (top of the
// first line) and W are millimetres from the top-left corner of the sheet;
// the text wraps inside W. A Size of zero leaves the field out, for blanks
// that already carry it.
type Field struct {
	X, Y, W float64
	Size    float64 // points
	Style   string  // "", "B", "I" or "BI"
	Align   string  // "L", "C" (default) or "R"
}

// CertLayout is where a blank wants each text. Offices calibrate it once for
// their printer and blank, with the preview frames as a guide.
type CertLayout struct {
	Page      string // "A4" or "A3"
	Landscape bool

	// Where each text goes.
	Name, Salutation, Position, Citation, Decision, Number, PlaceDate, Signer Field
}

// CertOptions controls a certificate run.
type CertOptions struct {
	Layout CertLayout
	// Preview draws a thin frame round the sheet and a light box, labelled,
	// round every field, to hold against the blank when calibrating.
	Preview bool
	// Gender by PersonID chooses "Tặng Ông" or "Tặng Bà"; people whose
	// gender is unknown get "Tặng Ông/Bà", collectives "Tặng".
	Gender map[string]tdkt.Gender
	// Citation overrides the achievement line; when empty it is taken from
	// Điều 1 of the decision ("đã có thành tích …").
	Citation string
}

// DefaultLayout is a starting layout for an A4 landscape Bằng khen or Giấy
// khen blank: the blank's own decoration (emblem, issuer, "BẰNG KHEN") is
// printed in the upper third, so the texts begin a little above the middle;
// the decision reference and register number go bottom left, place, date
// and signer bottom right under the space for the seal.
func DefaultLayout(code string) CertLayout {
	l := CertLayout{Page: "A4", Landscape: true,
		Salutation: Field{X: 30, Y: 83, W: 237, Size: 16, Style: "I", Align: "C"},
		Name:       Field{X: 30, Y: 93.5, W: 237, Size: 26, Style: "B", Align: "C"},
		Position:   Field{X: 40, Y: 107.5, W: 217, Size: 15, Align: "C"},
		Citation:   Field{X: 40, Y: 120, W: 217, Size: 15, Style: "I", Align: "C"},
		Decision:   Field{X: 28, Y: 168, W: 110, Size: 12, Align: "L"},
		Number:     Field{X: 28, Y: 176, W: 110, Size: 12, Align: "L"},
		PlaceDate:  Field{X: 150, Y: 140, W: 120, Size: 14, Style: "I", Align: "C"},
		Signer:     Field{X: 150, Y: 180, W: 120, Size: 16, Style: "B", Align: "C"},
	}
	if code == "GK" {
		// Giấy khen blanks carry less decoration: smaller type.
		l.Name.Size = 22
		l.Salutation.Size = 15
		l.Position.Size = 14
		l.Citation.Size = 14
	}
	return l
}

// certField pairs a field's place with its text and a label for previews.
type certField struct {
	label string
	f     Field
	text  string
}

// Certificates prints one page per award onto pre-printed blanks: no
// header, footer or page number, every text at its layout position.
func Certificates(w io.Writer, off *tdkt.Office, d *tdkt.Decision, awards []*tdkt.Award, opt CertOptions) error {
	if off == nil || d == nil {
		return fmt.Errorf("in bằng khen: thiếu cơ quan hoặc quyết định")
	}
	if len(awards) == 0 {
		return fmt.Errorf("in bằng khen: không có khen thưởng nào để in")
	}
	l := opt.Layout
	doc, err := newDoc(pageSpec{size: l.Page, landscape: l.Landscape}, "Bằng khen "+d.NumberText())
	if err != nil {
		return fmt.Errorf("in bằng khen: %w", err)
	}
	citation := tdkt.NFC(opt.Citation)
	if citation == "" {
		citation = citationOf(d)
	}
	for i, a := range awards {
		if a == nil {
			return fmt.Errorf("in bằng khen: khen thưởng thứ %d trống", i+1)
		}
		decNo, decDate := a.DecisionNo, a.DecisionDate
		if decNo == "" {
			decNo = d.NumberText()
		}
		if decDate.IsZero() {
			decDate = d.Date
		}
		position := tdkt.NFC(a.Position)
		if a.Subject != tdkt.SubjectPerson {
			position = "" // a collective's name already says where it is
		}
		fields := []certField{
			{"Salutation", l.Salutation, salutation(a, opt.Gender)},
			{"Name", l.Name, a.Name},
			{"Position", l.Position, position},
			{"Citation", l.Citation, citation},
			{"Decision", l.Decision, "Quyết định số " + decNo + " " + dateWords(decDate)},
			{"Number", l.Number, "Số sổ: " + a.Number},
			{"PlaceDate", l.PlaceDate, dateLine(off.Place, decDate)},
			{"Signer", l.Signer, d.Signer.Name},
		}
		doc.addPage()
		if opt.Preview {
			doc.pdf.SetDrawColor(120, 120, 120)
			doc.pdf.SetLineWidth(0.2)
			doc.pdf.Rect(3, 3, doc.pageW-6, doc.pageH-6, "D")
		}
		for _, cf := range fields {
			doc.certText(cf, opt.Preview)
		}
		doc.pdf.SetDrawColor(0, 0, 0)
		doc.pdf.SetTextColor(0, 0, 0)
	}
	return doc.finish(w, "bằng khen")
}

// certText writes one field, and in preview its box and label.
func (d *doc) certText(cf certField, preview bool) {
	f := cf.f
	if f.Size <= 0 {
		return
	}
	w := f.W
	if w <= 0 {
		w = d.pageW - f.X
	}
	style := strings.ToUpper(f.Style)
	d.font(style, f.Size)
	lines := d.wrap(cf.text, w)
	if strings.TrimSpace(cf.text) == "" {
		lines = nil
	}
	a := alignCenter
	switch strings.ToUpper(f.Align) {
	case "L":
		a = alignLeft
	case "R":
		a = alignRight
	}
	if preview {
		h := float64(max(len(lines), 1)) * lineH(f.Size)
		d.pdf.SetDrawColor(170, 190, 220)
		d.pdf.SetLineWidth(0.15)
		d.pdf.Rect(f.X, f.Y, w, h, "D")
		d.pdf.SetTextColor(120, 140, 180)
		d.font("", 6)
		d.text(f.X+0.5, f.Y-lineH(6), cf.label, 6)
		d.pdf.SetTextColor(0, 0, 0)
		d.font(style, f.Size)
	}
	d.block(f.X, w, f.Y, lines, a, f.Size)
}

// salutation is the "Tặng …" line of a certificate.
func salutation(a *tdkt.Award, gender map[string]tdkt.Gender) string {
	if a.Subject != tdkt.SubjectPerson {
		return "Tặng"
	}
	switch gender[a.PersonID] {
	case tdkt.Male:
		return "Tặng Ông"
	case tdkt.Female:
		return "Tặng Bà"
	}
	return "Tặng Ông/Bà"
}

// citationOf takes the achievement from Điều 1 of the decision: the words
// from "đã có thành tích" on, without the pointer to the attached list.
func citationOf(d *tdkt.Decision) string {
	fallback := "Đã có thành tích xuất sắc trong phong trào thi đua"
	if d.Year > 0 {
		fallback += fmt.Sprintf(" năm %d", d.Year)
	}
	arts := nonEmpty(d.Articles...)
	if len(arts) == 0 {
		return fallback
	}
	a := tdkt.NFC(arts[0])
	// Fold keeps one letter per letter, so a position found in the folded
	// text maps back through the runes.
	folded := []rune(tdkt.Fold(a))
	runes := []rune(a)
	i := strings.Index(string(folded), "da co thanh tich")
	if i < 0 || len(folded) != len(runes) {
		return fallback
	}
	start := len([]rune(string(folded)[:i]))
	c := string(runes[start:])
	if j := strings.Index(c, "("); j > 0 {
		c = c[:j]
	}
	return capFirst(strings.TrimRight(strings.TrimSpace(c), " ,;./"))
}
