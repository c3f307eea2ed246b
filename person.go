package tdkt

import (
	"fmt"
	"strings"
	"time"
)

// ValidateCCCD checks a 12-digit citizen identity number (căn cước công
// dân): digits only, a province-of-registration code 001–096, and — when the
// person's gender and birth year are known — the gender-and-century digit
// and the two birth-year digits that the number encodes.
func ValidateCCCD(id string, g Gender, birth Date) error {
	if len(id) != 12 || strings.Trim(id, "0123456789") != "" {
		return fmt.Errorf("số CCCD phải gồm đúng 12 chữ số (đang có %q)", id)
	}
	prov := int(id[0]-'0')*100 + int(id[1]-'0')*10 + int(id[2]-'0')
	if prov < 1 || prov > 96 {
		return fmt.Errorf("số CCCD %s: mã tỉnh nơi đăng ký khai sinh %03d không hợp lệ (001–096)", id, prov)
	}
	if birth.IsZero() || g == "" {
		return nil
	}
	digit := int(id[3] - '0')
	want := 2 * ((birth.Year - 1900) / 100)
	if g == Female {
		want++
	}
	if digit != want {
		return fmt.Errorf("số CCCD %s: chữ số thứ 4 (%d) không khớp giới tính và thế kỷ sinh (cần %d)", id, digit, want)
	}
	if yy := int(id[4]-'0')*10 + int(id[5]-'0'); yy != birth.Year%100 {
		return fmt.Errorf("số CCCD %s: hai chữ số năm sinh %02d không khớp năm sinh %d", id, yy, birth.Year)
	}
	return nil
}

// CleanPerson normalises what a person record stores (NFC, trimmed,
// single spaces, name in title case) and checks it: a name, a birth date in
// a plausible range, a valid CCCD when one is given.
func CleanPerson(p *Person, today Date) error {
	p.Name = TitleCaseVN(NFC(p.Name))
	p.Position = NFC(p.Position)
	p.Ethnicity = NFC(p.Ethnicity)
	p.IDNumber = strings.ReplaceAll(strings.TrimSpace(p.IDNumber), " ", "")
	var errs []string
	if p.Name == "" {
		errs = append(errs, "chưa nhập họ và tên")
	}
	if !p.Birth.IsZero() {
		if p.Birth.Year < 1900 || !p.Birth.Before(today) {
			errs = append(errs, fmt.Sprintf("ngày sinh %s ngoài khoảng 1900 – hôm nay", DateShort(p.Birth.Time())))
		}
	}
	if p.IDNumber != "" {
		if err := ValidateCCCD(p.IDNumber, p.Gender, p.Birth); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// MergePerson records that dup is the same person as keep — entered twice,
// by a commune and the province, or once more from an old register — so
// that eligibility reads one history. dup keeps its record and its lines,
// marked MergedInto keep (nothing another record names is rewritten, and
// the merge can be undone: UnmergePerson); keep takes from dup what it
// does not know yet (gender, birth, ethnicity, CCCD, position, unit,
// category, model), and a birth date where it knows only the year. Two
// records that disagree on name, CCCD, birth or gender are refused: they
// may be two people; so is a merge whose result CleanPerson refuses (a
// CCCD that does not match the other's gender or birth year), and one
// that would not hold at every office (MergeTravels). office, the office
// merging, is recorded. On refusal neither record changes.
func MergePerson(dup, keep *Person, office string, today Date) error {
	switch {
	case dup.ID == keep.ID:
		return fmt.Errorf("không gộp được một người với chính mình")
	case !MergeTravels(dup.ID, keep.ID):
		return fmt.Errorf("bản ghi %s (do %s tạo) không đến được mọi nơi có bản ghi trùng (do %s tạo): hãy gộp theo chiều ngược lại, giữ bản ghi của tỉnh hoặc của cùng nơi tạo",
			keep.Name, OriginOf(keep.ID), OriginOf(dup.ID))
	case dup.Deleted || keep.Deleted:
		return fmt.Errorf("bản ghi đã bị xóa")
	case dup.MergedInto != "":
		return fmt.Errorf("%s đã được gộp vào một bản ghi khác", dup.Name)
	case keep.MergedInto != "":
		return fmt.Errorf("%s đã được gộp vào một bản ghi khác; hãy gộp vào bản ghi còn lại", keep.Name)
	}
	var errs []string
	if Fold(dup.Name) != Fold(keep.Name) {
		errs = append(errs, fmt.Sprintf("tên khác nhau (%s / %s); nếu là một người, hãy sửa tên cho đúng trước", dup.Name, keep.Name))
	}
	if dup.IDNumber != "" && keep.IDNumber != "" && dup.IDNumber != keep.IDNumber {
		errs = append(errs, fmt.Sprintf("số CCCD khác nhau (%s / %s)", dup.IDNumber, keep.IDNumber))
	}
	if !sameBirth(dup.Birth, keep.Birth) {
		errs = append(errs, fmt.Sprintf("ngày sinh khác nhau (%s / %s)", DateShort(dup.Birth.Time()), DateShort(keep.Birth.Time())))
	}
	if dup.Gender != "" && keep.Gender != "" && dup.Gender != keep.Gender {
		errs = append(errs, "giới tính khác nhau")
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	k, dp := *keep, *dup
	var filled []string
	for i, f := range textDetails(&k) {
		if from := textDetails(&dp)[i]; *f.v == "" && *from.v != "" {
			*f.v = *from.v
			filled = append(filled, f.name)
		}
	}
	switch {
	case !dp.Birth.IsZero() && k.Birth.IsZero():
		k.Birth = dp.Birth
		filled = append(filled, "birth")
	case !dp.Birth.IsZero() && yearOnly(k.Birth) && !yearOnly(dp.Birth):
		k.Birth = dp.Birth
		filled = append(filled, "birthDay") // the year was keep's own
	}
	if k.Model == nil && dp.Model != nil {
		k.Model, dp.Model = dp.Model, nil
		filled = append(filled, "model")
	}
	if err := CleanPerson(&k, today); err != nil {
		return fmt.Errorf("gộp lại thành bản ghi không hợp lệ (%v): có thể là hai người", err)
	}
	dp.MergedInto, dp.Filled, dp.MergedBy = keep.ID, filled, office
	*keep, *dup = k, dp
	return nil
}

// UnmergePerson undoes MergePerson at office: dup counts as a person of
// its own again, and — at the office that merged them, where keep took
// them — keep gives back what it took from dup and still holds as taken.
// Elsewhere keep's details are that office's own and stay.
func UnmergePerson(dup, keep *Person, office string) error {
	if dup.MergedInto == "" || dup.MergedInto != keep.ID {
		return fmt.Errorf("%s chưa được gộp vào %s", dup.Name, keep.Name)
	}
	filled := dup.Filled
	if dup.MergedBy != office {
		filled = nil
	}
	for _, f := range filled {
		switch f {
		case "birth":
			if keep.Birth == dup.Birth {
				keep.Birth = Date{}
			}
		case "birthDay":
			if keep.Birth == dup.Birth {
				keep.Birth = D(keep.Birth.Year, 1, 1)
			}
		case "model":
			if dup.Model == nil && keep.Model != nil {
				dup.Model, keep.Model = keep.Model, nil
			}
		default:
			for i, d := range textDetails(keep) {
				if d.name == f && *d.v == *textDetails(dup)[i].v {
					*d.v = ""
				}
			}
		}
	}
	dup.MergedInto, dup.Filled, dup.MergedBy = "", nil, ""
	return nil
}

// textDetails are the text details of a person that a merge fills in
// and a split gives back, by the names Person.Filled records.
func textDetails(p *Person) []struct {
	name string
	v    *string
} {
	return []struct {
		name string
		v    *string
	}{{"gender", (*string)(&p.Gender)}, {"ethnicity", &p.Ethnicity}, {"idNumber", &p.IDNumber},
		{"position", &p.Position}, {"unit", &p.UnitID}, {"category", (*string)(&p.Category)}}
}

// yearOnly reports whether a birth date is the 1 January that a register
// knowing only the year of birth gives.
func yearOnly(d Date) bool { return d.Month == 1 && d.Day == 1 }

// sameBirth reports whether two birth dates may be one: either unknown,
// equal, or of one year where one of them knows only the year.
func sameBirth(a, b Date) bool {
	switch {
	case a.IsZero() || b.IsZero() || a == b:
		return true
	case yearOnly(a) || yearOnly(b):
		return a.Year == b.Year
	}
	return false
}

// ValidYear reports whether y is a plausible achievement or decision year.
func ValidYear(y int, today Date) bool { return y >= 1945 && y <= today.Year+1 }

// Today is the calendar date now, in local time (the office's day).
func Today() Date { return DateOf(time.Now()) }
