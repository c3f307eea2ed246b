package ui

import (
	"context"
	"errors"
	"fmt"
	"fyne.io/fyne/v2/lang"
	"io"
	"sort"
	"strconv"
	"strings"

	"tdkt"
	"tdkt/export/pdf"
	"tdkt/export/xlsx"
	"tdkt/store"
	"tdkt/ui/jobs"
)

// The jobs below do what the headless "tdkt export" commands do
// (cmd/tdkt/export.go and sheets.go), on the same store and export APIs.
// Everything a job needs from the env is taken when the job is made, on the
// UI goroutine; the job itself runs on another.

// decisionJob prints a decision (a draft prints as it stands on screen).
func decisionJob(e *env, d *tdkt.Decision) exportJob {
	cat := e.cat
	what, name := lang.L("Dự thảo quyết định"), fileName(".pdf", "Du thao QD", d.AwardCode, strconv.Itoa(d.Date.Year))
	if d.Status == tdkt.DecisionIssued {
		what = lang.L("Quyết định số ") + d.NumberText()
		name = fileName(".pdf", "QD", d.NumberText(), strconv.Itoa(decisionYear(d)))
	}
	return exportJob{what: what, name: name, render: func(_ context.Context, w io.Writer, _ func(int, int)) error {
		var off *tdkt.Office
		if err := e.view(func(tx *store.Tx) (err error) { off, err = tx.IssuerOffice(d); return }); err != nil {
			return err
		}
		return pdf.Decision(w, off, d, cat)
	}}
}

// proposalJob prints a tờ trình asking the authority above for award code.
func proposalJob(e *env, code string, p *tdkt.Proposal) exportJob {
	off := e.office
	return exportJob{what: lang.L("Tờ trình đề nghị tặng ") + p.AwardName,
		name: fileName(".pdf", "To trinh", code, strconv.Itoa(p.Date.Year)),
		render: func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return pdf.Proposal(w, off, pdf.ProposalDoc{Date: p.Date, From: p.From, To: p.To, Summary: p.Summary,
				Meeting: p.Meeting, Entries: p.List, AwardName: p.AwardName, Signer: p.Signer})
		}}
}

func decisionYear(d *tdkt.Decision) int {
	if !d.Date.IsZero() {
		return d.Date.Year
	}
	return d.Year
}

// certificatesJob prints the certificates (bằng khen, giấy khen) of an
// issued decision on the office's blanks; preview draws the frames used to
// calibrate the blank.
func certificatesJob(e *env, d *tdkt.Decision, preview bool) exportJob {
	what := lang.L("Bằng khen, giấy khen theo Quyết định số ") + d.NumberText()
	parts := []string{"In bang", "QD", d.NumberText(), strconv.Itoa(decisionYear(d))}
	if preview {
		what = lang.L("Bản xem trước khung in bằng theo Quyết định số ") + d.NumberText()
		parts = append(parts, "xem truoc khung")
	}
	return exportJob{what: what, name: fileName(".pdf", parts...), render: func(ctx context.Context, w io.Writer, report func(int, int)) error {
		if d.Status != tdkt.DecisionIssued {
			return errors.New(lang.L("quyết định chưa ban hành: chưa in được bằng"))
		}
		var off *tdkt.Office
		var awards []*tdkt.Award
		gender := map[string]tdkt.Gender{}
		err := e.view(func(tx *store.Tx) error {
			var err error
			if off, err = tx.IssuerOffice(d); err != nil {
				return err
			}
			ids := tx.IDs("award.decision", d.ID)
			for i, id := range ids {
				if i%64 == 0 {
					if ctx.Err() != nil {
						return errCancelled
					}
					report(i, len(ids))
				}
				a := &tdkt.Award{}
				if err := tx.Get(id, a); err != nil {
					return err
				}
				if a.Deleted || a.Revoked { // a revoked award is recovered, not printed
					continue
				}
				awards = append(awards, a)
				if a.PersonID != "" {
					p := &tdkt.Person{}
					if tx.Get(a.PersonID, p) == nil {
						gender[a.PersonID] = p.Gender
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(awards) == 0 && d.Amends != "" {
			return fmt.Errorf(lang.L("quyết định %s không khen thêm ai: bằng của người được sửa thông tin in lại theo quyết định được sửa đổi (dòng sổ đã sửa)"), d.NumberText())
		}
		if len(awards) == 0 {
			return fmt.Errorf(lang.L("quyết định %s không có dòng nào trong sổ khen thưởng"), d.NumberText())
		}
		sort.Slice(awards, func(i, j int) bool { return awards[i].Number < awards[j].Number })
		opt := pdf.CertOptions{Layout: pdf.DefaultLayout(d.AwardCode), Preview: preview, Gender: gender}
		return pdf.Certificates(w, off, d, awards, opt)
	}}
}

// meetingName is the part of a meeting's file names that tells it apart.
func meetingName(m *tdkt.Meeting) string {
	if m.Date.IsZero() {
		return m.ID
	}
	return fmt.Sprintf("%04d-%02d-%02d", m.Date.Year, m.Date.Month, m.Date.Day)
}

// minutesJob prints the council's minutes.
func minutesJob(e *env, m *tdkt.Meeting) exportJob {
	off, cat := e.office, e.cat
	return exportJob{what: lang.L("Biên bản họp ngày ") + dateText(m.Date), name: fileName(".pdf", "Bien ban hop HD", meetingName(m)),
		render: func(_ context.Context, w io.Writer, _ func(int, int)) error { return pdf.Minutes(w, off, m, cat) }}
}

// ballotsJob prints the ballot papers of the secret-ballot items.
func ballotsJob(e *env, m *tdkt.Meeting) exportJob {
	off, cat := e.office, e.cat
	return exportJob{what: lang.L("Phiếu bầu phiên họp ngày ") + dateText(m.Date), name: fileName(".pdf", "Phieu bau", meetingName(m)),
		render: func(_ context.Context, w io.Writer, _ func(int, int)) error { return pdf.Ballots(w, off, m, cat) }}
}

// resultsJob writes the candidates with their ballot results as a sheet.
func resultsJob(e *env, m *tdkt.Meeting) exportJob {
	cat := e.cat
	return exportJob{what: lang.L("Kết quả biểu quyết phiên họp ngày ") + dateText(m.Date), name: fileName(".xlsx", "Ket qua bieu quyet", meetingName(m)),
		render: func(_ context.Context, w io.Writer, _ func(int, int)) error { return xlsx.Candidates(w, "", m, cat) }}
}

// registerJob writes the award register of achievement years from..to,
// streamed from one read transaction; it stops between rows when cancelled.
func registerJob(e *env, from, to int) exportJob {
	off, cat, today := e.office, e.cat, e.today()
	years := strconv.Itoa(from)
	if to != from {
		years += "-" + strconv.Itoa(to)
	}
	what := lang.L("Sổ khen thưởng năm ") + strconv.Itoa(from)
	if to != from {
		what = fmt.Sprintf(lang.L("Sổ khen thưởng năm %d – %d"), from, to)
	}
	return exportJob{what: what, name: fileName(".xlsx", "So khen thuong", years), stoppable: true,
		render: func(ctx context.Context, w io.Writer, report func(int, int)) error {
			h := xlsx.Header{Office: off.IssuingBody, From: from, To: to, Made: today}
			return e.view(func(tx *store.Tx) error {
				return xlsx.Register(w, h, jobs.RegisterRows(ctx, tx, cat, from, to, report))
			})
		}}
}

// returnForms are the statistical returns of Circular 02/2023/TT-BNV.
var returnForms = []string{"0601", "0602", "0603"}

func returnLabel(form string) string {
	return map[string]string{
		"0601": lang.L("Biểu 0601.N – Số phong trào thi đua"),
		"0602": lang.L("Biểu 0602.N – Khen thưởng cấp Nhà nước"),
		"0603": lang.L("Biểu 0603.N – Khen thưởng cấp tỉnh"),
	}[form]
}

// returnJob writes return 0601.N, 0602.N or 0603.N for year.
func returnJob(e *env, form string, year int) exportJob {
	off, cat, today := e.office, e.cat, e.today()
	return exportJob{what: fmt.Sprintf(lang.L("Biểu %s.N năm %d"), form, year), name: fileName(".xlsx", "Bieu "+form+".N", strconv.Itoa(year)),
		render: func(ctx context.Context, w io.Writer, _ func(int, int)) error {
			var write func(io.Writer) error
			err := e.view(func(tx *store.Tx) (err error) {
				write, err = jobs.Return(ctx, tx, cat, jobs.ReturnHeader(off, year, today), form)
				return err
			})
			if errors.Is(err, jobs.ErrNoForm) {
				return fmt.Errorf(lang.L("không có biểu %q (0601, 0602 hoặc 0603)"), form)
			}
			if err != nil {
				return err
			}
			return write(w)
		}}
}

// dossierListJob writes the dossiers rows (as the list shows them) with
// filters, the list's filters in words, as the heading.
func dossierListJob(e *env, rows []*store.DossierRow, filters string) exportJob {
	off, today := e.office, e.today()
	lines := make([]xlsx.DossierLine, len(rows))
	for i, d := range rows {
		awards := make([]string, len(d.Awards))
		for j, code := range d.Awards {
			awards[j] = e.itemShort(code)
		}
		lines[i] = xlsx.DossierLine{Ref: d.Ref, Title: d.Title, Unit: e.unitName(d.UnitID), Year: d.Year,
			Candidates: d.Candidates, Awards: strings.Join(awards, ", "), Status: tdkt.StatusLabel(d.Status),
			Received: d.Received, Deadline: d.Deadline}
	}
	return exportJob{what: fmt.Sprintf(lang.L("Danh sách %s hồ sơ"), num(len(lines))), name: fileName(".xlsx", "Danh sach ho so", today.String()),
		render: func(_ context.Context, w io.Writer, _ func(int, int)) error {
			return xlsx.Dossiers(w, xlsx.DossierList{Office: off.IssuingBody, Filters: filters, Made: today}, lines)
		}}
}
