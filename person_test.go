package tdkt_test

import (
	"strings"
	"testing"

	"tdkt"
	"tdkt/assets"
)

func TestValidateCCCD(t *testing.T) {
	tests := []struct {
		id     string
		g      tdkt.Gender
		birth  tdkt.Date
		ok     bool
		reason string
	}{
		{"001085012345", tdkt.Male, tdkt.D(1985, 3, 1), true, ""},
		{"001185012345", tdkt.Female, tdkt.D(1985, 3, 1), true, ""},
		{"034205001234", tdkt.Male, tdkt.D(2005, 1, 1), true, ""},
		{"034305001234", tdkt.Female, tdkt.D(2005, 1, 1), true, ""},
		{"001085012345", "", tdkt.Date{}, true, ""},
		{"00108501234", tdkt.Male, tdkt.Date{}, false, "12 chữ số"},
		{"00108501234a", tdkt.Male, tdkt.Date{}, false, "12 chữ số"},
		{"000085012345", tdkt.Male, tdkt.Date{}, false, "mã tỉnh"},
		{"097085012345", tdkt.Male, tdkt.Date{}, false, "mã tỉnh"},
		{"001185012345", tdkt.Male, tdkt.D(1985, 3, 1), false, "giới tính"},
		{"001086012345", tdkt.Male, tdkt.D(1985, 3, 1), false, "năm sinh"},
	}
	for _, tt := range tests {
		err := tdkt.ValidateCCCD(tt.id, tt.g, tt.birth)
		if (err == nil) != tt.ok || (err != nil && !strings.Contains(err.Error(), tt.reason)) {
			t.Errorf("ValidateCCCD(%q) = %v", tt.id, err)
		}
	}
}

func TestCleanPerson(t *testing.T) {
	today := tdkt.D(2026, 11, 26)
	p := &tdkt.Person{Name: "  nguye\u0302\u0303n   văn  an ", Gender: tdkt.Male, Birth: tdkt.D(1985, 3, 1), IDNumber: " 001 085 012345 "}
	if err := tdkt.CleanPerson(p, today); err != nil {
		t.Fatal(err)
	}
	if p.Name != "Nguyễn Văn An" || p.IDNumber != "001085012345" {
		t.Fatalf("cleaned %q %q", p.Name, p.IDNumber)
	}
	bad := &tdkt.Person{Name: " ", Birth: tdkt.D(2030, 1, 1), IDNumber: "12"}
	err := tdkt.CleanPerson(bad, today)
	for _, want := range []string{"họ và tên", "ngày sinh", "12 chữ số"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v lacks %q", err, want)
		}
	}
}

// FuzzParseCatalog feeds arbitrary bytes to the catalogue reader: it must
// never panic, and whatever it accepts must validate and survive a Bonus
// lookup for every item.
func FuzzParseCatalog(f *testing.F) {
	f.Add(assets.Catalog)
	f.Add([]byte(`{"items":[{"code":"A","name":"B","threshold":50}],"baseSalary":[{"from":"2024-07-01","amount":1}],"quorumNum":2,"quorumDen":3}`))
	f.Add([]byte(`{"items":[{"code":"A","name":"B","criteria":[{"type":"consecutive","awards":["A"],"n":2}]}],"baseSalary":[{"from":"2024-02-30","amount":1}],"quorumNum":1,"quorumDen":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := tdkt.ParseCatalog(b)
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("accepted an invalid catalogue: %v", err)
		}
		for _, it := range c.Items {
			c.Bonus(it.Code, tdkt.SubjectPerson, tdkt.D(2025, 1, 1))
			tdkt.Check(c, &tdkt.Candidate{AwardCode: it.Code, Subject: tdkt.SubjectPerson}, 2025, []tdkt.Past{{Year: 2024, Code: it.Code}})
		}
	})
}

func TestCheckAttachment(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		max  int
		want string
		err  string
	}{
		{"to-trinh.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), 1000, "application/pdf", ""},
		{"anh.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), 1000, "image/jpeg", ""},
		{"anh.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 1000, "image/png", ""},
		{"scan.tif", []byte("II*\x00\x08\x00\x00\x00"), 1000, "image/tiff", ""},
		{"virus.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00"), 1000, "", "không phải PDF"},
		{"ghi-chu.pdf", []byte("chỉ là chữ"), 1000, "", "không phải PDF"},
		{"lon.pdf", append([]byte("%PDF-1.7\n"), make([]byte, 2000)...), 1000, "", "vượt giới hạn"},
		{"rong.pdf", nil, 1000, "", "rỗng"},
	}
	for _, tt := range tests {
		got, err := tdkt.CheckAttachment(tt.name, tt.data, tt.max)
		if got != tt.want || (tt.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("CheckAttachment(%s) = %q, %v", tt.name, got, err)
		}
	}
}

// TestMergePerson: two records of one person merge, the kept one learning
// what it did not know; records that may be two people are refused and
// left as they were; a split gives back what the merge took.
func TestMergePerson(t *testing.T) {
	birth := tdkt.D(1980, 5, 2)
	today := tdkt.D(2026, 11, 26)
	base := func() (*tdkt.Person, *tdkt.Person) {
		dup := &tdkt.Person{Meta: tdkt.Meta{ID: "SL-P0000002"}, Name: "Nguyễn Thi Hoa", Gender: tdkt.Female, Birth: birth,
			IDNumber: "001180000123", Ethnicity: "Kinh", Category: tdkt.CatWorker, Model: &tdkt.Exemplary{Since: "2024"}}
		keep := &tdkt.Person{Meta: tdkt.Meta{ID: "SL-P0000001"}, Name: "Nguyễn Thị Hoa", Position: "Công nhân", UnitID: "U1"}
		return dup, keep
	}
	tests := []struct {
		name string
		edit func(dup, keep *tdkt.Person)
		want string // part of the refusal; "" when merged
	}{
		{"itself", func(dup, keep *tdkt.Person) { dup.ID = keep.ID }, "chính mình"},
		{"other name", func(dup, _ *tdkt.Person) { dup.Name = "Nguyễn Thị Hồng" }, "tên khác nhau"},
		{"other CCCD", func(dup, keep *tdkt.Person) { keep.IDNumber = "001180000124" }, "số CCCD khác nhau"},
		{"other birth", func(_, keep *tdkt.Person) { keep.Birth = tdkt.D(1981, 5, 2) }, "ngày sinh khác nhau"},
		{"year of birth only, another year", func(_, keep *tdkt.Person) { keep.Birth = tdkt.D(1979, 1, 1) }, "ngày sinh khác nhau"},
		{"other gender", func(_, keep *tdkt.Person) { keep.Gender = tdkt.Male }, "giới tính khác nhau"},
		// the duplicate's CCCD says a man born in 1980; the kept record is a woman
		{"CCCD against the kept record", func(dup, keep *tdkt.Person) {
			dup.Gender, dup.Birth, dup.IDNumber = "", tdkt.Date{}, "001080000123"
			keep.Gender, keep.Birth = tdkt.Female, birth
		}, "bản ghi không hợp lệ"},
		{"already merged", func(dup, _ *tdkt.Person) { dup.MergedInto = "P9" }, "đã được gộp"},
		{"into a merged one", func(_, keep *tdkt.Person) { keep.MergedInto = "P9" }, "hãy gộp vào bản ghi còn lại"},
		// a commune's record does not reach the other communes that have
		// the province's duplicate, nor another commune's
		{"province's into a commune's", func(_, keep *tdkt.Person) { keep.ID = "SL-X001-P0000001" }, "hãy gộp theo chiều ngược lại"},
		{"one commune's into another's", func(dup, keep *tdkt.Person) { dup.ID, keep.ID = "SL-X002-P0000002", "SL-X001-P0000001" }, "không đến được mọi nơi"},
		{"a commune's into the province's", func(dup, _ *tdkt.Person) { dup.ID = "SL-X001-P0000002" }, ""},
		{"deleted", func(dup, _ *tdkt.Person) { dup.Deleted = true }, "đã bị xóa"},
		{"accents aside, one person", func(*tdkt.Person, *tdkt.Person) {}, ""},
		// an old register knew only the year: the day from the other record
		{"year of birth only", func(_, keep *tdkt.Person) { keep.Birth = tdkt.D(1980, 1, 1) }, ""},
	}
	for _, tt := range tests {
		dup, keep := base()
		tt.edit(dup, keep)
		d0, k0 := *dup, *keep
		err := tdkt.MergePerson(dup, keep, "SL", today)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		case tt.want != "" && (dup.MergedInto != d0.MergedInto || keep.Birth != k0.Birth || keep.IDNumber != k0.IDNumber || dup.Model != d0.Model):
			t.Errorf("%s: refused but changed: dup %+v, keep %+v", tt.name, dup, keep)
		case tt.want == "":
			if dup.MergedInto != keep.ID || dup.MergedBy != "SL" || keep.Birth != birth || keep.IDNumber != "001180000123" || keep.Gender != tdkt.Female ||
				keep.Ethnicity != "Kinh" || keep.Category != tdkt.CatWorker || keep.Position != "Công nhân" || keep.UnitID != "U1" ||
				keep.Model == nil || dup.Model != nil || keep.Name != "Nguyễn Thị Hoa" {
				t.Errorf("%s: dup %+v, keep %+v", tt.name, dup, keep)
			}
			// split at another office: the kept record's details are
			// that office's own and stay
			d2, k2 := *dup, *keep
			if err := tdkt.UnmergePerson(&d2, &k2, "SL-X001"); err != nil || d2.MergedInto != "" || k2.IDNumber != keep.IDNumber {
				t.Errorf("%s: split elsewhere: %v, %+v", tt.name, err, k2)
			}
			// split where it was merged, each has what it had
			if err := tdkt.UnmergePerson(dup, keep, "SL"); err != nil {
				t.Fatalf("%s: split: %v", tt.name, err)
			}
			if dup.MergedInto != "" || keep.IDNumber != "" || keep.Gender != "" || keep.Ethnicity != "" || keep.Category != "" ||
				keep.Model != nil || dup.Model == nil || keep.Position != "Công nhân" || keep.UnitID != "U1" || keep.Birth != k0.Birth {
				t.Errorf("%s: after the split: dup %+v, keep %+v (birth before the merge %v)", tt.name, dup, keep, k0.Birth)
			}
		}
	}
}
