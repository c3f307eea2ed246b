package ui

// Queries the screens need that the store does not offer yet. They use only
// the store's public Tx methods (Get, Each, IDs, CountIndex, Search); each
// says where it belongs once it moves below the window.

import (
	"context"
	"fmt"
	"sort"

	"tdkt"
	"tdkt/store"
)

func year4(y int) string { return fmt.Sprintf("%04d", y) }

// awardsOfYear reads one achievement year of the register in register
// order (store: Tx.AwardsOfYear with a cursor).
func awardsOfYear(ctx context.Context, tx *store.Tx, y int, report func(done, total int)) ([]*tdkt.Award, error) {
	ids := tx.IDs("award.year", year4(y))
	out := make([]*tdkt.Award, 0, len(ids))
	for i, id := range ids {
		if i%512 == 0 {
			if ctx.Err() != nil {
				return nil, errCancelled
			}
			report(i, len(ids))
		}
		a := &tdkt.Award{}
		if err := tx.Get(id, a); err != nil {
			return nil, err
		}
		if !a.Deleted {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out, nil
}

// awardsOf lists a person's (with the records merged with it) or a unit's
// collective register lines, newest year first.
func awardsOf(tx *store.Tx, id string, collective bool) ([]*tdkt.Award, error) {
	var ids []string
	if collective {
		ids = tx.IDs("award.unit", id)
	} else {
		ids = tx.PersonAwardIDs(id) // with the records merged with the person
	}
	var out []*tdkt.Award
	for _, aid := range ids {
		a := &tdkt.Award{}
		if err := tx.Get(aid, a); err != nil {
			return nil, err
		}
		if a.Deleted || (collective && a.Subject != tdkt.SubjectCollective) {
			continue
		}
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year > out[j].Year
		}
		return out[i].Number < out[j].Number
	})
	return out, nil
}

// models lists the people marked as exemplary models (store: an index
// person.model instead of a walk over every person).
func models(ctx context.Context, tx *store.Tx, report func(done, total int)) ([]*tdkt.Person, error) {
	ids := tx.IDs("person.model", store.ModelKey)
	out := make([]*tdkt.Person, 0, len(ids))
	for i, id := range ids {
		if i%1024 == 0 {
			if ctx.Err() != nil {
				return nil, errCancelled
			}
			report(i, len(ids))
		}
		p := &tdkt.Person{}
		if err := tx.Get(id, p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// passedCandidate is a candidate the council passed that no decision lists
// yet.
type passedCandidate struct {
	Dossier   *tdkt.Dossier
	Candidate tdkt.Candidate
}

// passedCandidates finds the candidates waiting for a decision: passed at
// the council, in a dossier that is at the council or proposed, and not on a
// draft yet (an issued decision marks its candidates awarded). Drafts are
// dated on or after the achievement year, so only the decision years from
// the oldest waiting dossier's year on are read (store: an index of
// candidates by result, and of decision lines by dossier).
func passedCandidates(tx *store.Tx, thisYear int) ([]passedCandidate, error) {
	var out []passedCandidate
	first := thisYear + 1
	for _, st := range []tdkt.Status{tdkt.StatusCouncil, tdkt.StatusProposed} {
		for _, id := range tx.IDs("dossier.status", string(st)) {
			d := &tdkt.Dossier{}
			if err := tx.Get(id, d); err != nil {
				return nil, err
			}
			for _, c := range d.Candidates {
				if c.Result == tdkt.ResultPassed {
					out = append(out, passedCandidate{Dossier: d, Candidate: c})
					first = min(first, d.Year)
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	listed := map[string]bool{}
	for y := first; y <= thisYear+1; y++ {
		for _, id := range tx.IDs("decision.year", year4(y)) {
			d := &tdkt.Decision{}
			if err := tx.Get(id, d); err != nil {
				return nil, err
			}
			if d.Deleted {
				continue
			}
			for _, e := range d.List {
				if e.DossierID != "" {
					listed[e.DossierID+"\x00"+e.CandidateID] = true
				}
			}
		}
	}
	keep := out[:0]
	for _, pc := range out {
		if !listed[pc.Dossier.ID+"\x00"+pc.Candidate.ID] {
			keep = append(keep, pc)
		}
	}
	return keep, nil
}

// quotaBase is the base a quota counts against for a dossier: the unit's
// register lines of the base award in the achievement year, or the number
// of cluster leaders of the year (store or root: a QuotaBase helper).
func quotaBase(tx *store.Tx, cat *tdkt.Catalog, code, unitID string, year int) (int, error) {
	it, ok := cat.Item(code)
	if !ok || it.Quota == nil {
		return 0, nil
	}
	if it.Quota.Of == "cluster_leaders" {
		n := 0
		err := tx.Each(tdkt.KindCluster, func(r tdkt.Record) error {
			if y, ok := r.(*tdkt.Cluster).Year(year); ok && y.LeaderID != "" {
				n++
			}
			return nil
		})
		return n, err
	}
	n := 0
	for _, id := range tx.IDs("award.unit", unitID) {
		a := &tdkt.Award{}
		if err := tx.Get(id, a); err != nil {
			return 0, err
		}
		if !a.Deleted && !a.Revoked && a.Year == year && a.AwardCode == it.Quota.Of {
			n++
		}
	}
	return n, nil
}
