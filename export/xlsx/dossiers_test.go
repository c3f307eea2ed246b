package xlsx

import (
	"io"
	"testing"
	"time"

	"tdkt"
)

func sampleDossiers() []DossierLine {
	return []DossierLine{
		{Ref: "48/TTr-UBND", Title: "Đề nghị khen thưởng năm 2026 – Xã Nậm Xé", Unit: "Xã Nậm Xé", Year: 2026,
			Candidates: 4, Awards: "LĐTT, CSTĐ cơ sở", Status: "Đang thẩm định", Received: tdkt.D(2026, 11, 2), Deadline: tdkt.D(2026, 12, 15)},
		// decomposed text is written composed; no dates leaves the cells empty
		{Ref: "07/TTr-TH", Title: "Đe\u0302\u0300 nghi\u0323 khen thưởng đột xuất thành tích cứu hộ trong lũ quét ở bản Xèo, " + allDiacritics,
			Unit: "Trường Tiểu học Bản Xèo", Candidates: 2, Status: "Đã tiếp nhận"},
	}
}

func TestDossiers(t *testing.T) {
	path := writeFile(t, "ho-so.xlsx", func(w io.Writer) error {
		return Dossiers(w, DossierList{Office: "Sở Nội vụ tỉnh Sơn Lâm", Filters: DossierFilters("Năm 2026", " ", "trạng thái: mọi trạng thái"),
			Made: tdkt.D(2026, 11, 27)}, sampleDossiers())
	})
	f := openBook(t, path)
	const sh = DossiersSheet
	wantText(t, f, sh, "A1", "SỞ NỘI VỤ TỈNH SƠN LÂM")
	wantText(t, f, sh, "A2", "DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG")
	wantText(t, f, sh, "A3", "Năm 2026; trạng thái: mọi trạng thái")
	wantText(t, f, sh, "A4", "Ngày lập: 27/11/2026")
	for i, c := range dossierCols {
		wantText(t, f, sh, cellName(i+1, DossiersHeaderRow), c.title)
	}
	c := func(col, i int) string { return cellName(col, DossiersFirstRow+i) }
	wantNumber(t, f, sh, c(dcNo, 0), 1)
	wantText(t, f, sh, c(dcRef, 0), "48/TTr-UBND")
	wantText(t, f, sh, c(dcTitle, 0), "Đề nghị khen thưởng năm 2026 – Xã Nậm Xé")
	wantText(t, f, sh, c(dcUnit, 0), "Xã Nậm Xé")
	wantNumber(t, f, sh, c(dcYear, 0), 2026)
	wantNumber(t, f, sh, c(dcCandidates, 0), 4)
	wantText(t, f, sh, c(dcAwards, 0), "LĐTT, CSTĐ cơ sở")
	wantText(t, f, sh, c(dcStatus, 0), "Đang thẩm định")
	wantNumber(t, f, sh, c(dcReceived, 0), excelSerial(2026, time.November, 2))
	wantNumber(t, f, sh, c(dcDeadline, 0), excelSerial(2026, time.December, 15))
	if got := numFmt(t, f, sh, c(dcReceived, 0)); got != fmtDate {
		t.Errorf("date format %q", got)
	}
	wantText(t, f, sh, c(dcTitle, 1), "Đề nghị khen thưởng đột xuất thành tích cứu hộ trong lũ quét ở bản Xèo, "+allDiacritics)
	for _, col := range []int{dcYear, dcReceived, dcDeadline} {
		if got := raw(t, f, sh, c(col, 1)); got != "" {
			t.Errorf("%s: %q, want empty", c(col, 1), got)
		}
	}
	wantText(t, f, sh, c(1, 2), "Tổng cộng: 2 hồ sơ")
	wantNumber(t, f, sh, c(dcCandidates, 2), 6)
	checkPrintSetup(t, f, sh, 0, "'"+sh+"'!$5:$5")
	if xml := sheetXML(t, path); !contains(xml, `<autoFilter ref="$A$5:$J$7"`) || !contains(xml, `ySplit="5"`) {
		t.Errorf("autofilter or frozen header missing")
	}
}

func TestDossiersEmpty(t *testing.T) {
	path := writeFile(t, "rong.xlsx", func(w io.Writer) error {
		return Dossiers(w, DossierList{Office: "UBND xã Nậm Xé", Made: tdkt.D(2026, 11, 27)}, nil)
	})
	f := openBook(t, path)
	wantText(t, f, DossiersSheet, "A3", "Tất cả hồ sơ")
	wantText(t, f, DossiersSheet, cellName(1, DossiersFirstRow), "Tổng cộng: 0 hồ sơ")
}
