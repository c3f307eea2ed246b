package store

import (
	"slices"
	"strings"
	"testing"

	"tdkt"
)

func TestSplitSep(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want []string
	}{
		{"a\x1fb\x1fc", 3, []string{"a", "b", "c"}},
		{"\x1f\x1f", 3, []string{"", "", ""}},
		{"a\x1fb", 3, nil},
		{"a\x1fb\x1fc\x1fd", 3, nil},
		{"abc", 1, []string{"abc"}},
	} {
		out := make([]string, c.n)
		ok := splitSep(c.in, out)
		if ok != (c.want != nil) || ok && !slices.Equal(out, c.want) {
			t.Errorf("splitSep(%q, %d) = %q, %v; want %q", c.in, c.n, out, ok, c.want)
		}
	}
}

// TestCountKeyRoundTrip reads back every field a counter key holds.
func TestCountKeyRoundTrip(t *testing.T) {
	a := &tdkt.Award{Year: 2024, DecisionDate: tdkt.D(2025, 3, 2), AwardCode: "CSTDCS", Subject: tdkt.SubjectPerson, Method: tdkt.MethodRegular}
	f := AwardFacts{Category: tdkt.CatFarmer, UnitKind: tdkt.UnitKind("commune"), Staff: 12, Area: true, From: tdkt.UnitKind("school")}
	got, err := parseCountKey(countKey(a, f), 7)
	want := AwardCount{Year: 2024, DecisionYear: 2025, Code: "CSTDCS", Subject: tdkt.SubjectPerson, Method: tdkt.MethodRegular, AwardFacts: f, N: 7}
	if err != nil || got != want {
		t.Fatalf("parseCountKey: %+v, %v; want %+v", got, err, want)
	}
	for _, bad := range []string{"2024\x1f2025", countKey(a, f) + "\x1fx", strings.Replace(countKey(a, f), "12", "mười", 1)} {
		if _, err := parseCountKey(bad, 1); err == nil {
			t.Errorf("parseCountKey(%q) accepted", bad)
		}
	}
}
