package store

import (
	"errors"
	"fmt"
	"strings"

	"tdkt"
)

// ImportReport says what an import did or, in a dry run, would do.
type ImportReport struct {
	Rows, Awards, Duplicates, People, Units int
	Problems                                []string
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// ImportRegister imports the rows of an old register or candidate list in
// one transaction: it matches people and units already in the database (by
// folded name, and the unit or birth year when the sheet has them) instead
// of duplicating them, skips register lines already present (so a second
// import adds nothing), and writes nothing at all if any row has a problem.
// With dry, it reports and writes nothing either way.
func (db *DB) ImportRegister(by string, rows []tdkt.ImportRow, dry bool) (ImportReport, error) {
	var rep ImportReport
	err := db.Update(by, func(tx *Tx) error {
		r, err := tx.importRegister(rows)
		rep = r
		if err != nil {
			return err
		}
		if dry {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return rep, err
}

func (tx *Tx) importRegister(rows []tdkt.ImportRow) (ImportReport, error) {
	rep := ImportReport{Rows: len(rows)}
	cat, err := tx.Catalog()
	if err != nil {
		return rep, err
	}
	today := tdkt.DateOf(tx.db.now())
	var parsed []tdkt.Parsed
	for _, r := range rows {
		p, probs := r.Parse(cat, today)
		rep.Problems = append(rep.Problems, probs...)
		parsed = append(parsed, p)
	}
	if len(rep.Problems) > 0 {
		return rep, fmt.Errorf("%d dòng có lỗi, chưa nhập gì: %s", len(rep.Problems), strings.Join(first(rep.Problems, 5), "; "))
	}
	units, err := tx.nameIndex(tdkt.KindUnit)
	if err != nil {
		return rep, err
	}
	people, err := tx.nameIndex(tdkt.KindPerson)
	if err != nil {
		return rep, err
	}
	existing, err := tx.registerKeys(parsed)
	if err != nil {
		return rep, err
	}
	for _, p := range parsed {
		// a line already in the register (an earlier import of the same
		// sheet) is counted once per time it is there
		if k := lineKey(p.Name, p.AwardCode, p.Year, p.DecisionNo, personal(p.Subject, p.Position)); existing[k] > 0 {
			existing[k]--
			rep.Duplicates++
			continue
		}
		unitID := ""
		if p.Unit != "" {
			if ids := units[tdkt.Fold(p.Unit)]; len(ids) > 0 {
				unitID = tdkt.CurrentUnit(ids[0], tx.unitGetter())
			} else {
				u := &tdkt.Unit{Name: p.Unit, Type: tdkt.GuessUnitKind(p.Unit)}
				if err := tx.Put(u); err != nil {
					return rep, err
				}
				units[tdkt.Fold(p.Unit)] = []string{u.ID}
				unitID = u.ID
				rep.Units++
			}
		}
		a := &tdkt.Award{Number: p.Number, Year: p.Year, AwardCode: p.AwardCode, Method: tdkt.MethodRegular,
			Subject: p.Subject, Name: p.Name, Position: p.Position, DecisionNo: p.DecisionNo,
			DecisionDate: p.DecisionDate, Signer: p.Signer, Bonus: p.Bonus, CertPrinted: p.Printed, UnitID: unitID,
			Revoked: p.Revoked, RevokedBy: p.RevokedBy, CorrectedBy: p.CorrectedBy}
		switch p.Subject {
		case tdkt.SubjectPerson:
			pid, created, err := tx.matchPerson(people, p, unitID)
			if err != nil {
				return rep, err
			}
			if created {
				rep.People++
			}
			a.PersonID = pid
		default:
			if unitID == "" {
				// A collective's "chức vụ, đơn vị" cell names the unit it
				// is today (this program's register writes it so after
				// the 2025 mergers); without it the collective is a unit
				// of its own name.
				name := p.Name
				if p.Position != "" {
					name, a.Position = p.Position, ""
				}
				if ids := units[tdkt.Fold(name)]; len(ids) > 0 {
					a.UnitID = ids[0]
				} else {
					u := &tdkt.Unit{Name: name, Type: tdkt.GuessUnitKind(name)}
					if err := tx.Put(u); err != nil {
						return rep, err
					}
					units[tdkt.Fold(name)] = []string{u.ID}
					a.UnitID = u.ID
					rep.Units++
				}
			}
		}
		if a.Bonus < 0 {
			a.Bonus = 0
			if !a.DecisionDate.IsZero() {
				if b, err := cat.Bonus(a.AwardCode, a.Subject, a.DecisionDate); err == nil {
					a.Bonus = b
				}
			}
		}
		if a.Number == "" {
			n, err := tx.nextCounter("register:" + year4(a.Year))
			if err != nil {
				return rep, err
			}
			a.Number = fmt.Sprintf("%d/%06d", a.Year, n)
		}
		if err := tx.Put(a); err != nil {
			return rep, fmt.Errorf("dòng %d: %w", p.Line, err)
		}
		rep.Awards++
	}
	return rep, nil
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("… và %d lỗi khác", len(s)-n))
	}
	return s
}

// nameIndex maps folded names of live records of kind k to their ids.
func (tx *Tx) nameIndex(k tdkt.Kind) (map[string][]string, error) {
	idx := map[string][]string{}
	err := tx.Each(k, func(r tdkt.Record) error {
		name := ""
		switch v := r.(type) {
		case *tdkt.Unit:
			name = v.Name
		case *tdkt.Person:
			name = v.Name
		}
		f := tdkt.Fold(name)
		idx[f] = append(idx[f], r.Base().ID)
		return nil
	})
	return idx, err
}

func (tx *Tx) unitGetter() func(string) (*tdkt.Unit, bool) {
	return func(id string) (*tdkt.Unit, bool) {
		u := &tdkt.Unit{}
		return u, tx.Get(id, u) == nil
	}
}

// matchPerson finds the person a row names: same folded name and, when the
// sheet says, the same unit or birth year; a single candidate with no
// distinguishing data is taken as the same person. Otherwise a new person
// is registered.
func (tx *Tx) matchPerson(people map[string][]string, p tdkt.Parsed, unitID string) (string, bool, error) {
	key := tdkt.Fold(p.Name)
	var fits []string
	for _, id := range people[key] {
		x := &tdkt.Person{}
		if err := tx.Get(id, x); err != nil {
			return "", false, err
		}
		if unitID != "" && x.UnitID != "" && x.UnitID != unitID {
			continue
		}
		if p.BirthYear != 0 && !x.Birth.IsZero() && x.Birth.Year != p.BirthYear {
			continue
		}
		if tx.holds(id, p.AwardCode, p.Year, p.DecisionNo) {
			continue
		}
		fits = append(fits, id)
	}
	if len(fits) > 0 {
		return fits[0], false, nil
	}
	np := &tdkt.Person{Name: p.Name, Gender: p.Gender, Birth: p.Birth, Ethnicity: p.Ethnicity,
		Position: p.Position, UnitID: unitID, Category: tdkt.CatOfficer}
	if np.Birth.IsZero() && p.BirthYear != 0 {
		np.Birth = tdkt.D(p.BirthYear, 1, 1)
	}
	if err := tx.Put(np); err != nil {
		return "", false, err
	}
	people[key] = append(people[key], np.ID)
	return np.ID, true, nil
}

// lineKey identifies a register line as a sheet shows it.
func lineKey(name, code string, year int, decision, position string) string {
	return fmt.Sprintf("%s|%s|%d|%s|%s", tdkt.Fold(name), code, year, tdkt.Fold(decision), tdkt.Fold(position))
}

// personal keeps a person's position in the key; a collective's cell names
// its unit, which the import stores apart.
func personal(s tdkt.Subject, position string) string {
	if s == tdkt.SubjectPerson {
		return position
	}
	return ""
}

// registerKeys counts the register lines of the years the rows mention.
func (tx *Tx) registerKeys(rows []tdkt.Parsed) (map[string]int, error) {
	years := map[int]bool{}
	for _, p := range rows {
		years[p.Year] = true
	}
	keys := map[string]int{}
	for y := range years {
		for _, id := range tx.IDs("award.year", year4(y)) {
			a := &tdkt.Award{}
			if err := tx.Get(id, a); err != nil {
				return nil, err
			}
			if !a.Deleted {
				keys[lineKey(a.Name, a.AwardCode, a.Year, a.DecisionNo, personal(a.Subject, a.Position))]++
			}
		}
	}
	return keys, nil
}

// holds reports whether person id already has code for year by decision:
// two lines of one decision with the same name are two people.
func (tx *Tx) holds(id, code string, year int, decision string) bool {
	for _, aid := range tx.PersonAwardIDs(id) {
		a := &tdkt.Award{}
		if tx.Get(aid, a) == nil && !a.Deleted && a.AwardCode == code && a.Year == year && a.DecisionNo == decision {
			return true
		}
	}
	return false
}
