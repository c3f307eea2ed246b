package ui

import (
	"errors"
	"fmt"
	"fyne.io/fyne/v2/lang"
	"strconv"
	"strings"

	"tdkt"
)

// dateField is an entry that always reads and writes dd/mm/yyyy, whatever
// the PC's region (Fyne's DateEntry follows the OS and shows mm/dd on a US
// Windows). Parsing is tdkt.ParseDateShort; only the message is made here.
type dateField struct {
	*field
	optional bool
}

func newDateField(label string, optional bool) *dateField {
	d := &dateField{optional: optional}
	e := newEntry()
	e.SetPlaceHolder("dd/mm/yyyy")
	d.field = newField(label, e, d.validate)
	return d
}

func (d *dateField) validate(s string) error {
	if strings.TrimSpace(s) == "" {
		if d.optional {
			return nil
		}
		return errors.New(lang.L("Chưa nhập ngày (dạng dd/mm/yyyy)"))
	}
	_, err := parseDate(s)
	return err
}

// date is the value, zero when empty.
func (d *dateField) date() (tdkt.Date, error) {
	if strings.TrimSpace(d.entry.Text) == "" {
		if d.optional {
			return tdkt.Date{}, nil
		}
		return tdkt.Date{}, errors.New(lang.L("Chưa nhập ngày"))
	}
	return parseDate(d.entry.Text)
}

func (d *dateField) setDate(v tdkt.Date) { d.set(dateText(v)) }

// dateText is dd/mm/yyyy, or "" for the zero date.
func dateText(v tdkt.Date) string {
	if v.IsZero() {
		return ""
	}
	return tdkt.DateShort(v.Time())
}

// parseDate reads a day typed by the user and explains a refusal in
// Vietnamese: "31/02/2026" is a real-looking date that does not exist.
func parseDate(s string) (tdkt.Date, error) {
	t, err := tdkt.ParseDateShort(s)
	if err == nil {
		return tdkt.DateOf(t), nil
	}
	in := strings.TrimSpace(s)
	if i := strings.IndexAny(in, "/-."); i >= 0 {
		parts := strings.Split(in, in[i:i+1])
		if len(parts) == 3 && len(parts[2]) == 4 {
			d, e1 := strconv.Atoi(parts[0])
			m, e2 := strconv.Atoi(parts[1])
			y, e3 := strconv.Atoi(parts[2])
			if e1 == nil && e2 == nil && e3 == nil {
				if m < 1 || m > 12 {
					return tdkt.Date{}, fmt.Errorf(lang.L("Tháng %d không có (tháng từ 1 đến 12)"), m)
				}
				return tdkt.Date{}, fmt.Errorf(lang.L("Ngày %s không có thật: tháng %02d/%d không có ngày %d"), in, m, y, d)
			}
		}
	}
	return tdkt.Date{}, fmt.Errorf(lang.L("Ngày %q không đúng dạng dd/mm/yyyy (ví dụ 05/03/2026)"), in)
}
