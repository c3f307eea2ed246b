package tdkt

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Field is a column of an office's old register or candidate list.
type Field string

// The fields an importer understands.
const (
	FieldNone      Field = ""
	FieldSeq       Field = "seq"      // STT
	FieldName      Field = "name"     // Họ và tên / Tên tập thể
	FieldSubject   Field = "subject"  // Cá nhân / Tập thể
	FieldPosition  Field = "position" // Chức vụ (, đơn vị)
	FieldUnit      Field = "unit"     // Đơn vị
	FieldBirth     Field = "birth"    // Năm sinh / Ngày sinh
	FieldGender    Field = "gender"
	FieldEthnicity Field = "ethnicity"
	FieldAward     Field = "award"    // Hình thức khen thưởng / Danh hiệu
	FieldYear      Field = "year"     // Năm thành tích
	FieldDecision  Field = "decision" // Số quyết định (maybe with its date)
	FieldDate      Field = "date"     // Ngày quyết định
	FieldSigner    Field = "signer"
	FieldBonus     Field = "bonus"
	FieldNumber    Field = "number"  // Số vào sổ
	FieldPrinted   Field = "printed" // Đã in bằng
)

// headings maps folded column headings to fields; the longest match wins,
// so "chuc vu, don vi" is a position and "don vi" alone a unit.
var headings = []struct {
	folded string
	field  Field
}{
	{"stt", FieldSeq}, {"so tt", FieldSeq}, {"so thu tu", FieldSeq}, {"tt", FieldSeq},
	{"ho va ten", FieldName}, {"ho ten", FieldName}, {"ten ca nhan", FieldName}, {"ten tap the", FieldName},
	{"ca nhan, tap the", FieldName}, {"ten don vi, ca nhan", FieldName}, {"ho va ten / ten tap the", FieldName},
	{"ca nhan/tap the", FieldSubject}, {"ca nhan / tap the", FieldSubject}, {"doi tuong", FieldSubject},
	{"chuc vu", FieldPosition}, {"chuc vu, don vi", FieldPosition}, {"chuc vu - don vi", FieldPosition},
	{"chuc danh", FieldPosition}, {"chuc vu, don vi cong tac", FieldPosition},
	{"don vi", FieldUnit}, {"co quan, don vi", FieldUnit}, {"don vi cong tac", FieldUnit}, {"noi cong tac", FieldUnit},
	{"nam sinh", FieldBirth}, {"ngay sinh", FieldBirth}, {"ngay, thang, nam sinh", FieldBirth},
	{"gioi tinh", FieldGender}, {"nam/nu", FieldGender}, {"dan toc", FieldEthnicity},
	{"hinh thuc khen thuong", FieldAward}, {"danh hieu", FieldAward}, {"hinh thuc", FieldAward},
	{"danh hieu thi dua", FieldAward}, {"hinh thuc, danh hieu", FieldAward}, {"loai khen thuong", FieldAward},
	{"nam", FieldYear}, {"nam thanh tich", FieldYear}, {"nam khen", FieldYear}, {"nam khen thuong", FieldYear},
	{"so quyet dinh", FieldDecision}, {"so qd", FieldDecision}, {"quyet dinh", FieldDecision},
	{"so, ngay quyet dinh", FieldDecision}, {"so, ngay qd", FieldDecision}, {"quyet dinh so", FieldDecision},
	{"ngay quyet dinh", FieldDate}, {"ngay qd", FieldDate}, {"ngay ky", FieldDate}, {"ngay ban hanh", FieldDate},
	{"nguoi ky", FieldSigner}, {"tien thuong", FieldBonus}, {"tien thuong (dong)", FieldBonus}, {"so tien", FieldBonus},
	{"muc thuong", FieldBonus}, {"so vao so", FieldNumber}, {"so so", FieldNumber}, {"da in bang", FieldPrinted},
}

// HeadingField recognises a column heading as people typed it ("Họ và
// tên", "HỌ TÊN", "Số, ngày QĐ"): folded, punctuation-tolerant, exact or
// as the longest known prefix.
func HeadingField(h string) Field {
	f := headingKey(h)
	if f == "" {
		return FieldNone
	}
	best, bestLen := FieldNone, 0
	for _, x := range headings {
		k := headingKey(x.folded)
		if f == k {
			return x.field
		}
		if strings.HasPrefix(f, k+" ") || strings.HasPrefix(f, k+"(") || strings.HasPrefix(f, k+"/") {
			if len(k) > bestLen {
				best, bestLen = x.field, len(k)
			}
		}
	}
	return best
}

var separatorRE = regexp.MustCompile(`\s*([/,\-–])\s*`)

// headingKey folds a heading and tidies its punctuation so that "Cá nhân/
// Tập thể", "CÁ NHÂN / TẬP THỂ" and "cá nhân/tập thể" compare equal.
func headingKey(h string) string {
	f := strings.Join(strings.Fields(strings.NewReplacer("\n", " ", ":", "", ".", "").Replace(Fold(h))), " ")
	return separatorRE.ReplaceAllString(f, "$1")
}

var (
	decisionRE = regexp.MustCompile(`(?i)(\d{1,5})\s*/\s*([A-Za-zĐđ0-9]+(?:\s*-\s*[A-Za-zĐđ0-9]+)*)`)
	viDateRE   = regexp.MustCompile(`ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})`)
	numDateRE  = regexp.MustCompile(`\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b`)
)

// ParseDecisionRef reads a decision number as people typed it: "123/QĐ-UBND",
// "Số 123/QĐ-UBND ngày 05/3/2024", "QĐ số 12 /QĐ-CT ngày 5-3-2024". It
// returns the number in the Decree 30 form ("05/QĐ-UBND") and the date when
// the text carries one.
func ParseDecisionRef(s string) (string, Date, error) {
	s = NFC(s)
	m := decisionRE.FindStringSubmatch(s)
	if m == nil {
		return "", Date{}, fmt.Errorf("không đọc được số quyết định %q (cần dạng 123/QĐ-UBND)", s)
	}
	n, _ := strconv.Atoi(m[1])
	if n <= 0 {
		return "", Date{}, fmt.Errorf("số quyết định %q không hợp lệ", s)
	}
	// keep the symbol's case as issued ("QĐ-TTg"), only mending a typed
	// "QD"/"qđ" into "QĐ"
	sym := strings.Join(strings.Fields(m[2]), "")
	if r := []rune(sym); len(r) >= 2 && strings.EqualFold(tdkt2ascii(string(r[:2])), "qd") {
		sym = "QĐ" + string(r[2:])
	}
	var d Date
	if rest := s[strings.Index(s, m[0])+len(m[0]):]; strings.TrimSpace(rest) != "" {
		if dd, err := ParseLooseDate(rest); err == nil {
			d = dd
		}
	}
	return NumberText(n, sym), d, nil
}

// ParseLooseDate reads the ways dates reach a register: "5/3/2024",
// "05-03-2024", "5.3.2024", "2024-03-05", "ngày 05 tháng 3 năm 2024", and
// Excel serial numbers (45356 is 05/03/2024; from 10000, i.e. 1927, so that
// a bare year is never read as a serial).
func ParseLooseDate(s string) (Date, error) {
	s = strings.TrimSpace(NFC(s))
	if s == "" {
		return Date{}, fmt.Errorf("ngày trống")
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 10000 && n < 2958466 && !strings.ContainsAny(s, "/-") {
		// Excel's day 1 is 1900-01-01 with the 1900 leap-year bug, so
		// serials count from 1899-12-30.
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n))
		return DateOf(t), nil
	}
	if d, err := ParseISODate(s); err == nil {
		return d, nil
	}
	lower := strings.ToLower(s)
	if m := viDateRE.FindStringSubmatch(lower); m != nil {
		return ymd(m[3], m[2], m[1], s)
	}
	if m := numDateRE.FindStringSubmatch(s); m != nil {
		return ymd(m[3], m[2], m[1], s)
	}
	return Date{}, fmt.Errorf("không đọc được ngày %q (cần dạng 05/03/2024)", s)
}

func ymd(y, m, d, orig string) (Date, error) {
	t, err := ParseDateShort(d + "/" + m + "/" + y)
	if err != nil {
		return Date{}, fmt.Errorf("ngày %q không có thật", orig)
	}
	return DateOf(t), nil
}

// awardAliases are the short names offices write for catalogue items.
var awardAliases = map[string]string{
	"ldtt": "LDTT", "lao dong tien tien": "LDTT", "cstdcs": "CSTDCS", "cstd co so": "CSTDCS",
	"chien si thi dua co so": "CSTDCS", "cstd cap tinh": "CSTDT", "cstd tinh": "CSTDT",
	"chien si thi dua tinh": "CSTDT", "chien si thi dua cap tinh": "CSTDT", "cstd toan quoc": "CSTDTQ",
	"bang khen ubnd tinh": "BKT", "bang khen cua ubnd tinh": "BKT", "bang khen chu tich ubnd tinh": "BKT",
	"bang khen cua chu tich ubnd tinh": "BKT", "bang khen cua chu tich uy ban nhan dan tinh": "BKT",
	"bang khen tinh": "BKT", "bk tinh": "BKT", "bang khen thu tuong": "BKTTG", "bang khen thu tuong chinh phu": "BKTTG",
	"bang khen cua thu tuong chinh phu": "BKTTG", "bk ttg": "BKTTG", "giay khen": "GK",
	"tap the lao dong xuat sac": "TTLDXS", "ttldxs": "TTLDXS", "tap the lao dong tien tien": "TTLDTT",
	"ttldtt": "TTLDTT", "co thi dua cua ubnd tinh": "CTDT", "co thi dua tinh": "CTDT", "co thi dua cap tinh": "CTDT",
	"co thi dua chinh phu": "CTDCP", "co thi dua cua chinh phu": "CTDCP", "hcld hang ba": "HCLD3",
}

// MatchAward finds the catalogue item a register cell names: its code, its
// full or short name, or a usual abbreviation, ignoring case and marks.
func MatchAward(cat *Catalog, s string) (string, bool) {
	f := strings.Join(strings.Fields(strings.NewReplacer(".", " ", "\"", " ", "“", " ", "”", " ").Replace(Fold(s))), " ")
	if f == "" {
		return "", false
	}
	for _, it := range cat.Items {
		if f == strings.ToLower(it.Code) || f == Fold(it.Name) || (it.Short != "" && f == Fold(it.Short)) {
			return it.Code, true
		}
	}
	f = strings.TrimPrefix(strings.TrimPrefix(f, "danh hieu "), "tang ")
	if c, ok := awardAliases[f]; ok {
		if _, ok := cat.Item(c); ok {
			return c, true
		}
	}
	for _, it := range cat.Items {
		if f == Fold(it.Name) {
			return it.Code, true
		}
	}
	return "", false
}

// collectiveWords open the names of collectives in registers.
var collectiveWords = []string{"tap the", "truong", "phong", "xa", "phuong", "ubnd", "uy ban", "cong ty", "ban", "hoi",
	"doi", "to", "thon", "ban", "tram", "benh vien", "hop tac xa", "htx", "chi bo", "doan", "cum", "khoi", "so",
	"trung tam", "van phong", "cong an", "bo chi huy", "don bien phong", "khoa", "lop", "chi hoi", "nha may", "xi nghiep", "dac khu", "tong cong ty"}

// GuessSubject tells a collective from a person by the name, for registers
// without a "cá nhân/tập thể" column.
func GuessSubject(name string) Subject {
	f := Fold(name)
	for _, w := range collectiveWords {
		if f == w || strings.HasPrefix(f, w+" ") {
			return SubjectCollective
		}
	}
	return SubjectPerson
}

// ParseSubject reads a "cá nhân / tập thể" cell.
func ParseSubject(s string) (Subject, bool) {
	switch f := Fold(s); {
	case f == "":
		return "", false
	case strings.HasPrefix(f, "ca nhan") || f == "cn":
		return SubjectPerson, true
	case strings.HasPrefix(f, "tap the") || f == "tt":
		return SubjectCollective, true
	case strings.HasPrefix(f, "ho gia dinh") || strings.HasPrefix(f, "gia dinh"):
		return SubjectFamily, true
	}
	return "", false
}

// ParseMoney reads "2.400.000", "2,400,000", "2400000" or "2.400.000 đ".
func ParseMoney(s string) (int64, error) {
	t := strings.TrimSpace(strings.NewReplacer(".", "", ",", "", " ", "", "đ", "", "đồng", "", "VND", "", "vnđ", "").Replace(NFC(s)))
	if t == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("số tiền %q không hợp lệ", s)
	}
	return n, nil
}

// ImportRow is one data row of an imported sheet: its row number in the
// workbook and its cell texts by field.
type ImportRow struct {
	Line   int
	Values map[Field]string
}

// Parsed is an imported row read into the domain's terms.
type Parsed struct {
	Line         int
	Subject      Subject
	Name         string
	Position     string
	Unit         string
	Birth        Date // zero when unknown; a bare year gives 1 January
	BirthYear    int
	Gender       Gender
	Ethnicity    string
	AwardCode    string
	Year         int
	DecisionNo   string
	DecisionDate Date
	Signer       string
	Bonus        int64 // -1 when the sheet has none: computed from the catalogue
	Number       string
	Printed      bool
	Revoked      bool   // the award cell says the line was revoked
	RevokedBy    string // and by which decision, when it says
	CorrectedBy  string // the award cell says by which decision the line was corrected
}

// Parse reads a row, collecting every problem with the row number so the
// user can fix the sheet in one pass.
func (r ImportRow) Parse(cat *Catalog, today Date) (Parsed, []string) {
	v := func(f Field) string { return NFC(r.Values[f]) }
	p := Parsed{Line: r.Line, Name: v(FieldName), Position: v(FieldPosition), Unit: v(FieldUnit),
		Ethnicity: v(FieldEthnicity), Signer: v(FieldSigner), Number: v(FieldNumber), Bonus: -1}
	var probs []string
	bad := func(format string, a ...any) {
		probs = append(probs, fmt.Sprintf("dòng %d: ", r.Line)+fmt.Sprintf(format, a...))
	}
	if p.Name == "" {
		bad("thiếu họ tên hoặc tên tập thể")
	}
	if s, ok := ParseSubject(v(FieldSubject)); ok {
		p.Subject = s
	} else if v(FieldSubject) != "" {
		bad("không rõ cá nhân hay tập thể: %q", v(FieldSubject))
	} else {
		p.Subject = GuessSubject(p.Name)
	}
	if p.Subject == SubjectPerson {
		p.Name = TitleCaseIfUpper(p.Name)
	}
	a := v(FieldAward)
	// this program's register marks a revoked line in its award cell:
	// "… (đã hủy bỏ)" or "… (đã hủy bỏ: Quyết định số … ngày …: lý do)"
	if i := strings.Index(a, " (đã hủy bỏ"); i > 0 && strings.HasSuffix(a, ")") {
		p.Revoked = true
		p.RevokedBy = strings.TrimSpace(strings.TrimPrefix(a[i+len(" (đã hủy bỏ"):len(a)-1], ":"))
		a = strings.TrimSpace(a[:i])
	}
	// and a corrected one: "… (đã sửa: Quyết định số … ngày …: lý do)"
	if i := strings.Index(a, " (đã sửa:"); i > 0 && strings.HasSuffix(a, ")") {
		p.CorrectedBy = strings.TrimSpace(a[i+len(" (đã sửa:") : len(a)-1])
		a = strings.TrimSpace(a[:i])
	}
	if a == "" {
		bad("thiếu hình thức khen thưởng")
	} else if code, ok := MatchAward(cat, a); ok {
		p.AwardCode = code
	} else {
		bad("không nhận ra hình thức khen thưởng %q trong danh mục", a)
	}
	if d := v(FieldDecision); d != "" {
		no, date, err := ParseDecisionRef(d)
		if err != nil {
			bad("%v", err)
		}
		p.DecisionNo, p.DecisionDate = no, date
	}
	if d := v(FieldDate); d != "" {
		date, err := ParseLooseDate(d)
		if err != nil {
			bad("%v", err)
		}
		p.DecisionDate = date
	}
	if !p.DecisionDate.IsZero() && (p.DecisionDate.Year < 1945 || today.Before(p.DecisionDate)) {
		bad("ngày quyết định %s ngoài khoảng 1945 – hôm nay", DateShort(p.DecisionDate.Time()))
	}
	switch y := v(FieldYear); {
	case y != "":
		n, err := strconv.Atoi(strings.TrimSpace(y))
		if err != nil || !ValidYear(n, today) {
			bad("năm %q không hợp lệ", y)
		}
		p.Year = n
	case !p.DecisionDate.IsZero():
		p.Year = p.DecisionDate.Year
	default:
		bad("thiếu năm khen thưởng và ngày quyết định")
	}
	if b := v(FieldBirth); b != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(b)); err == nil && n >= 1900 && n <= today.Year {
			p.BirthYear = n
		} else if d, err := ParseLooseDate(b); err == nil && d.Year >= 1900 && d.Before(today) {
			p.Birth, p.BirthYear = d, d.Year
		} else {
			bad("năm sinh %q không hợp lệ", b)
		}
	}
	switch g := Fold(v(FieldGender)); g {
	case "":
	case "nam", "m":
		p.Gender = Male
	case "nu", "f":
		p.Gender = Female
	default:
		bad("giới tính %q không rõ", v(FieldGender))
	}
	if b := v(FieldBonus); b != "" {
		n, err := ParseMoney(b)
		if err != nil {
			bad("%v", err)
		}
		p.Bonus = n
	}
	switch Fold(v(FieldPrinted)) {
	case "co", "x", "da in", "roi", "1", "yes":
		p.Printed = true
	}
	if it, ok := cat.Item(p.AwardCode); ok && !it.Subject.Allows(p.Subject) {
		bad("%s không dành cho %s", it.Name, subjectLabel(p.Subject))
	}
	return p, probs
}

// TitleCaseIfUpper turns a name typed in capitals ("NGUYỄN VĂN AN") into the
// usual form and leaves other names as typed.
func TitleCaseIfUpper(s string) string {
	if s != "" && s == UpperVN(s) && strings.ToLower(s) != s {
		return TitleCaseVN(s)
	}
	return s
}

// tdkt2ascii folds đ/Đ for a two-letter comparison.
func tdkt2ascii(s string) string { return strings.NewReplacer("đ", "d", "Đ", "D").Replace(s) }
