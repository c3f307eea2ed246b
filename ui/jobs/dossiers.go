package jobs

import (
	"context"
	"sort"
	"strings"

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

// dossierIDs narrows the candidates with the indexes: the intersection of
// the year, status and unit indexes. all reports that no index applies and
// every dossier must be walked.
func dossierIDs(tx *store.Tx, f DossierFilter) (ids []string, all bool, err error) {
	var sets [][]string
	if f.Year != 0 {
		sets = append(sets, tx.IDs("dossier.year", year4(f.Year)))
	}
	if f.Status != "" {
		sets = append(sets, tx.IDs("dossier.status", string(f.Status)))
	}
	if f.UnitID != "" {
		sets = append(sets, tx.IDs("dossier.unit", f.UnitID))
	}
	if len(sets) == 0 {
		return nil, true, nil
	}
	// intersect, smallest first
	sort.Slice(sets, func(i, j int) bool { return len(sets[i]) < len(sets[j]) })
	ids = sets[0]
	for _, s := range sets[1:] {
		in := make(map[string]bool, len(s))
		for _, id := range s {
			in[id] = true
		}
		var keep []string
		for _, id := range ids {
			if in[id] {
				keep = append(keep, id)
			}
		}
		ids = keep
	}
	return ids, false, nil
}

// LoadDossiers reads the list rows of the dossiers the filter selects,
// newest first: rows are a few hundred bytes where a dossier is kilobytes
// of candidates, checklist and history, which is decoded only when opened.
// It checks ctx every few hundred rows so that a cancelled load stops.
func LoadDossiers(ctx context.Context, tx *store.Tx, f DossierFilter, report func(done, total int)) ([]*store.DossierRow, error) {
	ids, all, err := dossierIDs(tx, f)
	if err != nil {
		return nil, err
	}
	var out []*store.DossierRow
	if all {
		total := tx.DossierRowCount()
		n := 0
		err = tx.EachDossierRow(func(r store.DossierRow) error {
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
			out = append(out, &r)
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

// ContainsAll reports whether folded text holds every folded word.
func ContainsAll(folded string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(folded, w) {
			return false
		}
	}
	return true
}
