package tdkt

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// decodeBoth decodes b into copies of start with UnmarshalJSON and with
// encoding/json alone, and reports any difference in result or error.
func decodeBoth(t *testing.T, start Award, b []byte) {
	t.Helper()
	fast, plain := start, start
	if start.Clock != nil {
		fast.Clock, plain.Clock = Clock{}, Clock{}
		for k, v := range start.Clock {
			fast.Clock[k], plain.Clock[k] = v, v
		}
	}
	errFast := json.Unmarshal(b, &fast)
	errPlain := json.Unmarshal(b, (*awardPlain)(&plain))
	if fmt.Sprint(errFast) != fmt.Sprint(errPlain) {
		t.Fatalf("%s:\nerror %v\nencoding/json: %v", b, errFast, errPlain)
	}
	if !reflect.DeepEqual(fast, plain) {
		t.Fatalf("%s:\n%+v\nencoding/json:\n%+v", b, fast, plain)
	}
}

func randomAward(r *rand.Rand) Award {
	words := []string{"Nguyễn Văn An", "Lò Thị Xuân", "Giàng A-Páo", "Trường THCS Nậm Xé", "<b>&amp;</b>", "say \"hi\"",
		"a\\b", "tab\there", "", "H'Mông", "\u2028", "số 12/QĐ-UBND", "🎖"}
	pick := func() string { return words[r.IntN(len(words))] }
	a := Award{Meta: Meta{ID: fmt.Sprintf("SL-A%07d", r.IntN(1e6)), UpdatedBy: pick(),
		UpdatedAt: time.Date(2000+r.IntN(30), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60),
			r.IntN(2)*r.IntN(1e9), []*time.Location{time.UTC, time.FixedZone("ICT", 7*3600)}[r.IntN(2)]),
		Deleted: r.IntN(5) == 0, Conflict: r.IntN(7) == 0},
		Number: pick(), Year: r.IntN(2100) - r.IntN(2)*50, AwardCode: "BKCT", Method: MethodRegular, Subject: SubjectPerson,
		PersonID: pick(), Name: pick(), Position: pick(), DecisionNo: pick(), Signer: pick(),
		Bonus: r.Int64N(1e12) - r.Int64N(10), CertPrinted: r.IntN(2) == 0, Revoked: r.IntN(9) == 0}
	if r.IntN(4) == 0 {
		a.RevokedBy = pick()
	}
	if r.IntN(4) == 0 {
		a.CorrectedBy = pick()
	}
	if r.IntN(3) > 0 {
		a.Clock = Clock{}
		for range r.IntN(3) {
			a.Clock[fmt.Sprintf("r%d", r.IntN(5))] = r.Uint64()
		}
	}
	if r.IntN(4) > 0 {
		a.DecisionDate = D(2000+r.IntN(30), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	}
	return a
}

func TestAwardUnmarshalAsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a := randomAward(r)
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		decodeBoth(t, Award{}, b)
		// fields absent from the input keep their values; a clock adds up
		decodeBoth(t, Award{Meta: Meta{ID: "old", Clock: Clock{"x": 1}}, Name: "old", Bonus: 7}, b)
	}
	for _, s := range []string{
		`{}`, `{"id":"A1"}`, `{"id":"A1","id":"A2"}`, `{"ID":"A1"}`, `{"id": "A1"}`, ` {"id":"A1"}`, `{"id":"A1"} `,
		`{"id":"A1",}`, `{"id":null}`, `{"year":1.0}`, `{"year":1e3}`, `{"year":012}`, `{"year":-0}`, `{"year":-}`,
		`{"year":99999999999999999999}`, `{"bonus":-5}`, `{"vv":{}}`, `{"vv":{"a":1,"a":2}}`, `{"vv":{"a":-1}}`,
		`{"vv":null}`, `{"vv":{"a":01}}`, `{"deleted":tru}`, `{"deleted":true`, `{"deleted":"true"}`,
		`{"at":"2026-11-27T01:02:03Z"}`, `{"at":"2026-13-27T01:02:03Z"}`, `{"at":""}`, `{"decisionDate":""}`,
		`{"decisionDate":"2026-02-30"}`, `{"decisionDate":"2026-02-28"}`, `{"name":"a\u00e0"}`, "{\"name\":\"\xff\"}",
		"{\"name\":\"a\tb\"}", `{"name":"\"x\""}`, `{"unknown":1}`, `[]`, `null`, ``, `{"id":"A1"}{}`,
		`{"revoked":false,"certPrinted":true,"conflict":false}`,
	} {
		decodeBoth(t, Award{}, []byte(s))
		decodeBoth(t, Award{Meta: Meta{Clock: Clock{"x": 1}}, Year: 3}, []byte(s))
	}
}

func FuzzAwardUnmarshal(f *testing.F) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		b, _ := json.Marshal(randomAward(r))
		f.Add(b)
	}
	f.Add([]byte(`{"vv":{"a":1},"year":-0,"name":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeBoth(t, Award{}, b)
		if strings.Contains(string(b), "vv") {
			decodeBoth(t, Award{Meta: Meta{Clock: Clock{"a": 9}}}, b)
		}
	})
}
