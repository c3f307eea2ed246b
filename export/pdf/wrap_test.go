package pdf

import (
	"slices"
	"strings"
	"testing"

	"tdkt"
)

// slowWrap is wrap as it was before it measured each word once: every
// candidate line joined and measured whole.
func slowWrap(d *doc, s string, w float64) []string {
	var out []string
	for _, src := range strings.Split(s, "\n") {
		fields := strings.Fields(tdkt.NFC(src))
		if len(fields) == 0 {
			out = append(out, "")
			continue
		}
		cur := ""
		for _, f := range fields {
			for d.pdf.GetStringWidth(f) > w {
				if cur != "" {
					out = append(out, cur)
					cur = ""
				}
				rs := []rune(f)
				n := 1
				for n < len(rs) && d.pdf.GetStringWidth(string(rs[:n+1])) <= w {
					n++
				}
				out = append(out, string(rs[:n]))
				f = string(rs[n:])
			}
			switch {
			case cur == "":
				cur = f
			case d.pdf.GetStringWidth(cur+" "+f) <= w+0.01:
				cur += " " + f
			default:
				out = append(out, cur)
				cur = f
			}
		}
		out = append(out, cur)
	}
	return out
}

func TestWrapAsSlow(t *testing.T) {
	d, err := newDoc(decree30, "thử")
	if err != nil {
		t.Fatal(err)
	}
	d.addPage()
	texts := []string{"", " ", "\n", "Nguyễn Văn An", "  Giáo viên,\tTrường Tiểu học  Cò Lao ",
		"Phó Hiệu trưởng, Trường Phổ thông dân tộc bán trú Bản Mường\nXã Xé Pà",
		"Chiến sĩ, Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Tiền thưởng (đồng)", "2.400.000",
		"Siêudàikhôngcódấucáchnàoởgiữađểngắtdònggiữabảng và một từ ngắn",
		"Công ty Cổ phần Khoáng sản Hồ", "W W W W W W W W W W W W W W W W W W W W W W",
		"ho\u0300a hòa HOÀ\u00a0Hòa", "x" + strings.Repeat("\u0301", 5) + "y z"}
	for _, style := range []string{"", "B", "I"} {
		for _, size := range []float64{12, 13, 14} {
			d.font(style, size)
			for _, s := range texts {
				for _, w := range []float64{0.5, 5, 9.6, 20, 47.6, 70.6, 160} {
					got := d.wrapLines(s, w)
					texts := make([]string, len(got))
					for i, l := range got {
						texts[i] = l.text
						if mw := d.pdf.GetStringWidth(l.text); l.w != mw {
							t.Errorf("%q in %g: line %q is %v wide, measured %v", s, w, l.text, l.w, mw)
						}
					}
					if want := slowWrap(d, s, w); !slices.Equal(texts, want) {
						t.Errorf("%s %g: %q in %g: %q, want %q", style, size, s, w, texts, want)
					}
				}
			}
		}
	}
}
