package tdkt

import (
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no time zone: award
// decisions, births and deadlines are days, and a day must not shift when a
// PC's clock is set to another zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D builds a Date.
func D(y int, m time.Month, d int) Date { return Date{y, m, d} }

// DateOf takes the calendar date of t in its own location.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// Time is the date at midnight UTC.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or 1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

// AddDays moves the date by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// String is the ISO form 2006-01-02, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText stores dates as ISO text so the database stays readable.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the ISO form; empty text is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	p, err := ParseISODate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// ParseISODate reads "2006-01-02" and rejects impossible days.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("ngày không hợp lệ %q (cần dạng yyyy-mm-dd)", s)
	}
	return DateOf(t), nil
}
