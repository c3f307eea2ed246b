package tdkt

import (
	"encoding/json"
	"maps"
	"strconv"
	"time"
	"unicode/utf8"
)

// awardPlain is Award without its UnmarshalJSON: what encoding/json
// decodes when the fast path below does not apply.
type awardPlain Award

// UnmarshalJSON decodes an award. The register decodes hundreds of
// thousands of awards and encoding/json's reflection was most of the time
// it spent outside the spreadsheet, so the form json.Marshal writes (keys
// in field order or any order, each once, no whitespace, no escapes in
// strings) is read by hand; anything else — escapes, whitespace, null,
// unknown or repeated keys, invalid UTF-8, malformed input — is left to
// encoding/json, so that the result is exactly its own, and so is every
// error (a type error names the struct awardPlain instead of Award).
// As with encoding/json, fields absent from b keep their values and a
// present "vv" adds to an existing clock.
func (a *Award) UnmarshalJSON(b []byte) error {
	var x Award
	seen, ok := x.parseCanonical(b)
	if !ok {
		return json.Unmarshal(b, (*awardPlain)(a))
	}
	for f := range fieldCount {
		if seen&(1<<f) == 0 {
			continue
		}
		switch f {
		case fID:
			a.ID = x.ID
		case fClock:
			if a.Clock == nil {
				a.Clock = x.Clock
			} else {
				maps.Copy(a.Clock, x.Clock)
			}
		case fAt:
			a.UpdatedAt = x.UpdatedAt
		case fBy:
			a.UpdatedBy = x.UpdatedBy
		case fDeleted:
			a.Deleted = x.Deleted
		case fConflict:
			a.Conflict = x.Conflict
		case fNumber:
			a.Number = x.Number
		case fYear:
			a.Year = x.Year
		case fAward:
			a.AwardCode = x.AwardCode
		case fMethod:
			a.Method = x.Method
		case fSubject:
			a.Subject = x.Subject
		case fPerson:
			a.PersonID = x.PersonID
		case fUnit:
			a.UnitID = x.UnitID
		case fName:
			a.Name = x.Name
		case fPosition:
			a.Position = x.Position
		case fDecision:
			a.DecisionID = x.DecisionID
		case fDecisionNo:
			a.DecisionNo = x.DecisionNo
		case fDecisionDate:
			a.DecisionDate = x.DecisionDate
		case fSigner:
			a.Signer = x.Signer
		case fBonus:
			a.Bonus = x.Bonus
		case fCertPrinted:
			a.CertPrinted = x.CertPrinted
		case fDossier:
			a.DossierID = x.DossierID
		case fRevoked:
			a.Revoked = x.Revoked
		case fRevokedBy:
			a.RevokedBy = x.RevokedBy
		case fCorrectedBy:
			a.CorrectedBy = x.CorrectedBy
		}
	}
	return nil
}

// The award's JSON fields, in the order json.Marshal writes them.
const (
	fID = iota
	fClock
	fAt
	fBy
	fDeleted
	fConflict
	fNumber
	fYear
	fAward
	fMethod
	fSubject
	fPerson
	fUnit
	fName
	fPosition
	fDecision
	fDecisionNo
	fDecisionDate
	fSigner
	fBonus
	fCertPrinted
	fDossier
	fRevoked
	fRevokedBy
	fCorrectedBy
	fieldCount
)

var awardFields = map[string]int{
	"id": fID, "vv": fClock, "at": fAt, "by": fBy, "deleted": fDeleted, "conflict": fConflict,
	"number": fNumber, "year": fYear, "award": fAward, "method": fMethod, "subject": fSubject,
	"person": fPerson, "unit": fUnit, "name": fName, "position": fPosition, "decision": fDecision,
	"decisionNo": fDecisionNo, "decisionDate": fDecisionDate, "signer": fSigner, "bonus": fBonus,
	"certPrinted": fCertPrinted, "dossier": fDossier, "revoked": fRevoked,
	"revokedBy": fRevokedBy, "correctedBy": fCorrectedBy,
}

// parseCanonical reads b into x if it is in the plain form described at
// UnmarshalJSON; ok is false otherwise, and x is then to be discarded.
func (x *Award) parseCanonical(b []byte) (seen uint32, ok bool) {
	p := plainJSON{b: b}
	if !p.byte('{') {
		return 0, false
	}
	if p.byte('}') {
		return 0, p.end()
	}
	for {
		key, ok := p.raw()
		if !ok || !p.byte(':') {
			return 0, false
		}
		f, known := awardFields[string(key)]
		if !known || seen&(1<<f) != 0 {
			return 0, false
		}
		seen |= 1 << f
		switch f {
		case fClock:
			if x.Clock, ok = p.clock(); !ok {
				return 0, false
			}
		case fAt:
			// the quoted text, as encoding/json hands it to time.Time
			start := p.i
			if _, ok := p.raw(); !ok || x.UpdatedAt.UnmarshalJSON(b[start:p.i]) != nil {
				return 0, false
			}
		case fDecisionDate:
			s, ok := p.raw()
			if !ok || x.DecisionDate.UnmarshalText(s) != nil {
				return 0, false
			}
		case fDeleted, fConflict, fCertPrinted, fRevoked:
			v, ok := p.boolean()
			if !ok {
				return 0, false
			}
			switch f {
			case fDeleted:
				x.Deleted = v
			case fConflict:
				x.Conflict = v
			case fCertPrinted:
				x.CertPrinted = v
			default:
				x.Revoked = v
			}
		case fYear:
			n, ok := p.integer(strconv.IntSize)
			if !ok {
				return 0, false
			}
			x.Year = int(n)
		case fBonus:
			if x.Bonus, ok = p.integer(64); !ok {
				return 0, false
			}
		default:
			s, ok := p.str()
			if !ok {
				return 0, false
			}
			*x.stringField(f) = s
		}
		if p.byte('}') {
			return seen, p.end()
		}
		if !p.byte(',') {
			return 0, false
		}
	}
}

func (x *Award) stringField(f int) *string {
	switch f {
	case fID:
		return &x.ID
	case fBy:
		return &x.UpdatedBy
	case fNumber:
		return &x.Number
	case fAward:
		return &x.AwardCode
	case fMethod:
		return (*string)(&x.Method)
	case fSubject:
		return (*string)(&x.Subject)
	case fPerson:
		return &x.PersonID
	case fUnit:
		return &x.UnitID
	case fName:
		return &x.Name
	case fPosition:
		return &x.Position
	case fDecision:
		return &x.DecisionID
	case fDecisionNo:
		return &x.DecisionNo
	case fSigner:
		return &x.Signer
	case fDossier:
		return &x.DossierID
	case fRevokedBy:
		return &x.RevokedBy
	case fCorrectedBy:
		return &x.CorrectedBy
	}
	panic("tdkt: not a string field of Award")
}

// plainJSON reads the plain subset of JSON that json.Marshal writes for
// simple values; each method reports false where it meets anything else.
type plainJSON struct {
	b []byte
	i int
}

func (p *plainJSON) byte(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *plainJSON) end() bool { return p.i == len(p.b) }

func (p *plainJSON) str() (string, bool) {
	s, ok := p.raw()
	return string(s), ok
}

// raw reads a string without escapes or control characters, in valid
// UTF-8 (encoding/json would replace invalid bytes), and returns its
// bytes within p.b.
func (p *plainJSON) raw() ([]byte, bool) {
	if !p.byte('"') {
		return nil, false
	}
	start, ascii := p.i, true
	for ; p.i < len(p.b); p.i++ {
		switch c := p.b[p.i]; {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			if !ascii && !utf8.Valid(s) {
				return nil, false
			}
			return s, true
		case c == '\\' || c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, false
}

func (p *plainJSON) boolean() (bool, bool) {
	switch {
	case len(p.b)-p.i >= 4 && string(p.b[p.i:p.i+4]) == "true":
		p.i += 4
		return true, true
	case len(p.b)-p.i >= 5 && string(p.b[p.i:p.i+5]) == "false":
		p.i += 5
		return false, true
	}
	return false, false
}

// integer reads an integer as json.Marshal writes it: an optional minus
// and digits without a leading zero, no fraction or exponent, fitting in
// bits.
func (p *plainJSON) integer(bits int) (int64, bool) {
	start := p.i
	p.byte('-')
	digits := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	if p.i == digits || (p.b[digits] == '0' && p.i-digits > 1) {
		return 0, false
	}
	if p.i < len(p.b) && (p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		return 0, false
	}
	n, err := strconv.ParseInt(string(p.b[start:p.i]), 10, bits)
	return n, err == nil
}

// clock reads a version clock: an object of replica → counter.
func (p *plainJSON) clock() (Clock, bool) {
	if !p.byte('{') {
		return nil, false
	}
	c := Clock{}
	if p.byte('}') {
		return c, true
	}
	for {
		k, ok := p.str()
		if !ok || !p.byte(':') {
			return nil, false
		}
		if _, dup := c[k]; dup {
			return nil, false
		}
		start := p.i
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
		}
		if p.i == start || (p.b[start] == '0' && p.i-start > 1) ||
			(p.i < len(p.b) && (p.b[p.i] == '.' || p.b[p.i] == 'e' || p.b[p.i] == 'E')) {
			return nil, false
		}
		n, err := strconv.ParseUint(string(p.b[start:p.i]), 10, 64)
		if err != nil {
			return nil, false
		}
		c[k] = n
		if p.byte('}') {
			return c, true
		}
		if !p.byte(',') {
			return nil, false
		}
	}
}

// compile-time check: time.Time still decodes itself from quoted text.
var _ json.Unmarshaler = (*time.Time)(nil)
