package jobs

import (
	"context"
	"sort"

	"tdkt"
	"tdkt/store"
)

// DossierFilter selects dossiers through the indexes. Zero fields do not
// filter. (The list's award and text filters are applied in memory to what
// the indexes return, so typing never goes back to the file.)
type DossierFilter struct {
	Year   int
	Status tdkt.Status
	UnitID string
}

// dossierIDs narrows the candidates with one index — the year's, else
// the unit's, else the status's — and LoadDossiers checks the other
// fields on the list rows it reads anyway. Intersecting indexes listed a
// whole status (thousands of dossiers over twenty years) to keep the few
// hundred of one year. all reports that no index applies and every
// dossier must be walked.
func dossierIDs(tx *store.Tx, f DossierFilter) (ids []string, all bool) {
	switch {
	case f.Year != 0:
		return tx.IDs("dossier.year", year4(f.Year)), false
	case f.UnitID != "":
		return tx.IDs("dossier.unit", f.UnitID), false
	case f.Status != "":
		return tx.IDs("dossier.status", string(f.Status)), false
	}
	return nil, true
}

// keeps reports whether row r passes every field of the filter.
func (f DossierFilter) keeps(r *store.DossierRow) bool {
	return (f.Year == 0 || r.Year == f.Year) && (f.Status == "" || r.Status == f.Status) &&
		(f.UnitID == "" || r.UnitID == f.UnitID)
}

// LoadDossiers reads the list rows of the dossiers the filter selects,
// newest first: rows are a few hundred bytes where a dossier is kilobytes
// of candidates, checklist and history, which is decoded only when opened.
// It checks ctx every few hundred rows so that a cancelled load stops.
func LoadDossiers(ctx context.Context, tx *store.Tx, f DossierFilter, report func(done, total int)) ([]*store.DossierRow, error) {
	ids, all := dossierIDs(tx, f)
	var out []*store.DossierRow
	if all {
		total := tx.DossierRowCount()
		n := 0
		err := tx.EachDossierRow(func(r store.DossierRow) error {
			n++
			if n%1024 == 0 {
				if ctx.Err() != nil {
					return ErrCancelled
				}
				report(n, total)
			}
			out = append(out, &r)
			return nil
		})
		if err != nil {
			return nil, err
		}
	} else {
		out = make([]*store.DossierRow, 0, len(ids))
		for i, id := range ids {
			if i%1024 == 0 {
				if ctx.Err() != nil {
					return nil, ErrCancelled
				}
				report(i, len(ids))
			}
			r, err := tx.DossierRow(id)
			if err != nil {
				return nil, err
			}
			if f.keeps(&r) {
				out = append(out, &r)
			}
		}
	}
	// newest first: ids grow with creation
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year > out[j].Year
		}
		return out[i].ID > out[j].ID
	})
	return out, nil
}

// ListedDossier is a loaded list row with the folded text the window's
// search box matches: the row's own folded text (title, reference,
// candidates) and its unit's folded name.
type ListedDossier struct {
	Row    *store.DossierRow
	Folded string
}

// WithSearchText pairs rows with their search text, folding each unit's
// name once.
func WithSearchText(rows []*store.DossierRow, units map[string]*tdkt.Unit) []ListedDossier {
	unitFolded := map[string]string{}
	out := make([]ListedDossier, len(rows))
	for i, d := range rows {
		uf, ok := unitFolded[d.UnitID]
		if !ok {
			if u, found := units[d.UnitID]; found {
				uf = tdkt.Fold(u.Name)
			}
			unitFolded[d.UnitID] = uf
		}
		out[i] = ListedDossier{Row: d, Folded: d.Folded + " " + uf}
	}
	return out
}
