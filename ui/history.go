package ui

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// historyRow is one audit entry of a record in words.
type historyRow struct {
	At      string // dd/mm/yyyy hh:mm, local time
	By      string // name (login), or the login
	Op      string // tạo, sửa, xóa, đồng bộ từ …, khởi tạo
	Version int    // 1 for the first version this office holds
}

// recordHistory reads the audit entries of one record (tx.Audit), newest
// first, with the users' names and the offices' names of sync entries.
func recordHistory(tx *store.Tx, kind tdkt.Kind, id string) ([]historyRow, error) {
	entries, err := tx.Audit(kind, id)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	tx.Each(tdkt.KindUser, func(r tdkt.Record) error {
		u := r.(*tdkt.User)
		names[u.Login] = u.Name
		return nil
	})
	rows := make([]historyRow, 0, len(entries))
	for i, en := range entries {
		by := en.By
		if n, ok := names[by]; ok && n != "" {
			by = n + " (" + by + ")"
		}
		rows = append(rows, historyRow{At: timeText(en.At), By: by, Op: opText(tx, en.Op, i == 0), Version: i + 1})
	}
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	return rows, nil
}

// opText names an audit operation: the first put creates the record.
func opText(tx *store.Tx, op string, first bool) string {
	switch {
	case op == "put" && first:
		return lang.L("tạo")
	case op == "put":
		return lang.L("sửa")
	case op == "delete":
		return lang.L("xóa")
	case op == "seed":
		return lang.L("khởi tạo")
	case strings.HasPrefix(op, "sync:"):
		from := strings.TrimPrefix(op, "sync:")
		if p, err := tx.Peer(from); err == nil && p.Name != "" {
			from = p.Name + " (" + from + ")"
		}
		return lang.L("đồng bộ từ ") + from
	}
	return op
}

// historyView is the history dialog's content (kept for tests).
type historyView struct {
	entries *dataTable[historyRow]
	status  *dataTable[tdkt.StatusChange] // dossiers only
	dlg     dialog.Dialog
}

// historyDialog shows who created and changed a record and when, newest
// first; for a dossier also its status changes with their reasons.
func (e *env) historyDialog(kind tdkt.Kind, id string) *historyView {
	var rows []historyRow
	var changes []tdkt.StatusChange
	title := kindLabel(kind) + " " + id
	err := e.view(func(tx *store.Tx) (err error) {
		if rows, err = recordHistory(tx, kind, id); err != nil {
			return err
		}
		rec := tdkt.New(kind)
		if rec == nil || tx.Get(id, rec) != nil {
			return nil
		}
		switch r := rec.(type) {
		case *tdkt.Dossier:
			title = lang.L("Hồ sơ ") + r.ID + " – " + r.Title
			changes = append(changes, r.History...)
		case *tdkt.Person:
			title = r.Name
		case *tdkt.Unit:
			title = r.Name
		}
		return nil
	})
	if err != nil {
		e.showError(err)
		return nil
	}
	v := &historyView{}
	v.entries = newDataTable([]DataColumn[historyRow]{
		{lang.L("Thời gian"), 130, func(h historyRow) string { return h.At }},
		{lang.L("Người thực hiện"), 230, func(h historyRow) string { return h.By }},
		{lang.L("Thao tác"), 180, func(h historyRow) string { return h.Op }},
		{lang.L("Phiên bản"), 100, func(h historyRow) string { return strconv.Itoa(h.Version) }},
	}, nil)
	v.entries.setRows(rows)
	body := container.NewBorder(wrapLabel(fmt.Sprintf(lang.L("%d lần ghi, mới nhất ở trên. Nhật ký được nối chuỗi bằng mã băm nên không sửa, xóa được."), len(rows))),
		nil, nil, nil, v.entries.table)
	var content fyne.CanvasObject = body
	if kind == tdkt.KindDossier {
		for i, j := 0, len(changes)-1; i < j; i, j = i+1, j-1 {
			changes[i], changes[j] = changes[j], changes[i]
		}
		v.status = newDataTable([]DataColumn[tdkt.StatusChange]{
			{lang.L("Thời gian"), 130, func(h tdkt.StatusChange) string { return timeText(h.At) }},
			{lang.L("Người"), 110, func(h tdkt.StatusChange) string { return h.By }},
			{lang.L("Chuyển sang"), 190, func(h tdkt.StatusChange) string { return statusLabel(h.To) }},
			{lang.L("Lý do"), 300, func(h tdkt.StatusChange) string { return h.Reason }},
		}, nil)
		v.status.setRows(changes)
		split := container.NewVSplit(container.NewBorder(boldLabel(lang.L("Các lần ghi")), nil, nil, nil, body),
			container.NewBorder(boldLabel(lang.L("Lịch sử trạng thái")), nil, nil, nil, v.status.table))
		split.Offset = 0.55
		content = split
	}
	d := dialog.NewCustom(lang.L("Lịch sử – ")+title, lang.L("Đóng"), content, e.win)
	d.Resize(fyne.NewSize(820, 560))
	v.dlg = d
	e.show(d)
	return v
}

// historyButton opens the history of the record that id() names.
func historyButton(e *env, kind tdkt.Kind, id func() string) *widget.Button {
	return widget.NewButtonWithIcon(lang.L("Lịch sử"), theme.HistoryIcon(), func() {
		if x := id(); x != "" {
			e.historyDialog(kind, x)
		}
	})
}
