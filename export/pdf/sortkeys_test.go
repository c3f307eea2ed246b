package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tdkt"
)

// TestSortEntriesAsComparators checks that sorting by collation keys gives
// exactly the order of the stable sort by tdkt.CompareNames (people,
// households) and collate (collectives), duplicates in proposal order.
func TestSortEntriesAsComparators(t *testing.T) {
	people := []string{"Nguyễn Văn An", "Lò Thị Xuân", "Giàng A Páo", "Giàng A-Páo", "Hoàng Thị Hòa",
		"Hoàng Thị Hoà", norm.NFD.String("Hoàng Thị Hoà"), "Trần Thị Hồng", "trần thị hồng", "Vàng Seo Chứ",
		"Sùng Mí Dế", "Lường Văn Pẩng", " Nguyễn  Văn An ", "An", "Đặng Ân", "Đỗ Ăn", "Ma Ý", "Ksor H'Lan",
		"Nguyễn Văn An", "Triệu Tài Vần", "Thào A Sình", "Y Ơn", "Lê Ôn", "Lê On", "Lê Văn 2", "Lê Văn 10"}
	collectives := []string{"Trường Tiểu học Nậm Pồ", "Đồn Biên phòng Ka Lăng", "Ban Chỉ huy Quân sự xã Ẳng Cang",
		"Ấp Văn hóa", "An Phú", "An  Phú", "Trường THCS A", "Trường THCS Ả", "Trường THCS A", "Phòng Nội vụ",
		norm.NFD.String("Ấp Văn hoá"), "Công an xã Nậm Xé", "công an xã nậm xé"}
	for _, c := range []struct {
		name  string
		names []string
		key   func(string) tdkt.NameKey
		cmp   func(a, b string) int
	}{
		{"people", people, tdkt.NewNameKey, tdkt.CompareNames},
		{"collectives", collectives, collateKey, collate},
	} {
		var es []tdkt.ListEntry
		for i, n := range c.names {
			es = append(es, tdkt.ListEntry{Name: n, CandidateID: fmt.Sprint(i)})
		}
		want := slices.Clone(es)
		slices.SortStableFunc(want, func(a, b tdkt.ListEntry) int { return c.cmp(a.Name, b.Name) })
		got := slices.Clone(es)
		sortEntries(got, c.key)
		if !slices.Equal(got, want) {
			line := func(es []tdkt.ListEntry) string {
				var s []string
				for _, e := range es {
					s = append(s, e.CandidateID+":"+e.Name)
				}
				return strings.Join(s, " | ")
			}
			t.Errorf("%s: by keys\n%s\nwant\n%s", c.name, line(got), line(want))
		}
	}
}
