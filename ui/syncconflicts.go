package ui

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// The conflicts tab of the Đồng bộ screen: records two offices edited
// between two exchanges, the versions side by side, and the person's
// choice saved with tx.Resolve.

// maxConflictCards bounds the cards built at once; the rest follow once
// these are resolved.
const maxConflictCards = 50

func (s *syncScreen) showConflicts() {
	s.confBox.Objects = nil
	s.cards = nil
	if len(s.conflicts) == 0 {
		s.confNote.SetText(lang.L("Không có xung đột. Xung đột xảy ra khi hai cơ quan cùng sửa một bản ghi giữa hai lần trao đổi gói."))
		s.confBox.Refresh()
		return
	}
	s.confNote.SetText(fmt.Sprintf(lang.L("%d bản ghi được hai cơ quan cùng sửa. Chương trình đã tạm chọn một bản (giống nhau ở mọi cơ quan); "+
		"hãy xem hai bản và chọn bản đúng. Lựa chọn được gửi đi trong các gói sau."), len(s.conflicts)))
	for i, c := range s.conflicts {
		if i == maxConflictCards {
			s.confBox.Add(wrapLabel(fmt.Sprintf(lang.L("… và %d xung đột khác, hiện ra khi các xung đột trên được giải quyết."), len(s.conflicts)-i)))
			break
		}
		s.confBox.Add(s.conflictCard(c))
	}
	s.confBox.Refresh()
}

// conflictCard lays the versions side by side: the fields that differ
// first, then the fields that name the record.
func (s *syncScreen) conflictCard(c store.Conflict) fyne.CanvasObject {
	card := &conflictCard{c: c}
	versions := append([]tdkt.Record{c.Current}, c.Others...)
	fields := make([]map[string]string, len(versions))
	for i, v := range versions {
		fields[i] = s.recordFields(v)
	}
	title := fmt.Sprintf("%s %s", kindLabel(c.Kind), c.ID)
	for _, k := range []string{"title", "name"} {
		if v := fields[0][k]; v != "" {
			title += " – " + v
			break
		}
	}
	box := container.NewVBox(boldLabel(title))
	widths := []float32{170}
	row := func(objs ...fyne.CanvasObject) {
		box.Add(container.New(&shareLayout{first: widths[0]}, objs...))
	}
	head := []fyne.CanvasObject{boldLabel("")}
	for i, v := range versions {
		t := lang.L("Bản hiện hành")
		if i > 0 {
			t = lang.L("Bản kia")
			if len(versions) > 2 {
				t += " " + strconv.Itoa(i)
			}
		}
		l := boldLabel(t + " – " + versionLine(v))
		l.Truncation = fyne.TextTruncateEllipsis
		head = append(head, l)
	}
	row(head...)
	for _, k := range conflictKeys(fields) {
		objs := []fyne.CanvasObject{truncLabel(fieldName(k))}
		differs := false
		for _, f := range fields[1:] {
			differs = differs || f[k] != fields[0][k]
		}
		for _, f := range fields {
			l := truncLabel(f[k])
			if differs {
				// what differs is read in full
				l.Truncation = fyne.TextTruncateOff
				l.Wrapping = fyne.TextWrapWord
				l.Importance = widget.WarningImportance
				l.TextStyle.Bold = true
			}
			objs = append(objs, l)
		}
		row(objs...)
	}
	card.keep = widget.NewButtonWithIcon(lang.L("Giữ bản hiện hành"), theme.ConfirmIcon(), func() { s.resolve(c, c.Current) })
	buttons := container.NewHBox(card.keep)
	for i, o := range c.Others {
		t := lang.L("Dùng bản kia")
		if len(c.Others) > 1 {
			t += " " + strconv.Itoa(i+1)
		}
		o := o
		b := widget.NewButtonWithIcon(t, theme.ContentRedoIcon(), func() { s.resolve(c, o) })
		card.use = append(card.use, b)
		buttons.Add(b)
	}
	box.Add(buttons)
	box.Add(widget.NewSeparator())
	s.cards = append(s.cards, card)
	return box
}

// resolve keeps rec's content for the conflicted record; tx.Resolve merges
// the clocks so that the choice wins on every office.
func (s *syncScreen) resolve(c store.Conflict, rec tdkt.Record) {
	err := s.e.update(func(tx *store.Tx) error { return tx.Resolve(rec) })
	if err != nil {
		s.e.showError(fmt.Errorf(lang.L("Không giải quyết được xung đột %s: %w"), c.ID, err))
		return
	}
	if err := s.e.reload(); err != nil {
		s.e.showError(err)
	}
	s.summary = fmt.Sprintf(lang.L("Đã giải quyết xung đột %s %s."), strings.ToLower(kindLabel(c.Kind)), c.ID)
	s.refresh()
}

// versionLine says who changed a version and when.
func versionLine(r tdkt.Record) string {
	m := r.Base()
	t := lang.L("sửa")
	if m.Deleted {
		t = lang.L("xóa")
	}
	if !m.UpdatedAt.IsZero() {
		t += lang.L(" lúc ") + m.UpdatedAt.Local().Format("15:04 02/01/2006")
	}
	if m.UpdatedBy != "" {
		t += lang.L(" bởi ") + m.UpdatedBy
	}
	return t
}

// recordFields is a record's top-level fields as short text, with units,
// awards, statuses and dates as a person reads them.
func (s *syncScreen) recordFields(r tdkt.Record) map[string]string {
	out := map[string]string{}
	b, err := json.Marshal(r)
	if err != nil {
		return out
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return out
	}
	for k, v := range m {
		switch k {
		case "id", "vv", "at", "by", "conflict":
			continue
		}
		out[k] = s.readable(r.Kind(), k, shortJSON(v))
	}
	if r.Base().Deleted {
		out["deleted"] = lang.L("đã xóa")
	}
	return out
}

// readable names the codes and ids of the fields people compare.
func (s *syncScreen) readable(kind tdkt.Kind, key, v string) string {
	switch key {
	case "unit", "parent", "mergedInto":
		return s.e.unitName(v)
	case "award":
		return s.e.itemName(v)
	case "method":
		if l := methodLabel(tdkt.Method(v)); l != "" {
			return l
		}
	case "status":
		if kind == tdkt.KindDossier {
			if l := statusLabel(tdkt.Status(v)); l != "" {
				return l
			}
		}
	}
	switch v {
	case "true":
		return lang.L("có")
	case "false":
		return lang.L("không")
	}
	if d, err := time.Parse("2006-01-02", v); err == nil {
		return dateText(tdkt.DateOf(d))
	}
	return v
}

// shortJSON renders a field's value for a one-line cell.
func shortJSON(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return clip(s)
	}
	var list []json.RawMessage
	if json.Unmarshal(v, &list) == nil {
		return fmt.Sprintf(lang.L("%d mục: %s"), len(list), clip(string(v)))
	}
	return clip(string(v))
}

func clip(s string) string {
	r := []rune(s)
	if len(r) > 160 {
		return string(r[:160]) + "…"
	}
	return s
}

// conflictKeys orders the fields to show: those that differ, then those
// that name the record.
func conflictKeys(fields []map[string]string) []string {
	keys := map[string]bool{}
	for _, f := range fields {
		for k := range f {
			keys[k] = true
		}
	}
	var differ []string
	for k := range keys {
		for _, f := range fields[1:] {
			if f[k] != fields[0][k] {
				differ = append(differ, k)
				break
			}
		}
	}
	sort.Slice(differ, func(i, j int) bool { return keyRank(differ[i]) < keyRank(differ[j]) })
	out := differ
	for _, k := range namingKeys {
		if keys[k] && !contains(out, k) && len(out) < 12 {
			out = append(out, k)
		}
	}
	return out
}

// namingKeys are the fields that tell a person which record this is.
var namingKeys = []string{"title", "name", "status", "year", "unit", "number", "date", "award"}

func keyRank(k string) string {
	for i, n := range namingKeys {
		if n == k {
			return fmt.Sprintf("0%02d", i)
		}
	}
	return "1" + k
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fieldName is the Vietnamese name of a record field in the comparison.
func fieldName(k string) string {
	if n, ok := fieldNames()[k]; ok {
		return n
	}
	return k
}

// fieldNames is a function so that the names follow the window's language,
// chosen after package initialisation.
func fieldNames() map[string]string {
	return map[string]string{
		"title": lang.L("Tiêu đề"), "name": lang.L("Tên"), "status": lang.L("Trạng thái"), "year": lang.L("Năm"), "unit": lang.L("Đơn vị"),
		"number": lang.L("Số"), "date": lang.L("Ngày"), "award": lang.L("Hình thức"), "ref": lang.L("Số tờ trình"), "method": lang.L("Phương thức"),
		"movement": lang.L("Phong trào"), "received": lang.L("Ngày nhận"), "deadline": lang.L("Hạn xử lý"), "candidates": lang.L("Đề nghị"),
		"docs": lang.L("Thành phần hồ sơ"), "attachments": lang.L("Tệp đính kèm"), "history": lang.L("Lịch sử xử lý"), "position": lang.L("Chức vụ"),
		"gender": lang.L("Giới tính"), "birth": lang.L("Ngày sinh"), "ethnicity": lang.L("Dân tộc"), "parent": lang.L("Trực thuộc"), "type": lang.L("Loại"),
		"items": lang.L("Chương trình họp"), "members": lang.L("Thành viên"), "closed": lang.L("Đã khóa"), "place": lang.L("Địa điểm"),
		"summary": lang.L("Trích yếu"), "list": lang.L("Danh sách"), "articles": lang.L("Các điều"), "signer": lang.L("Người ký"),
		"decisionNo": lang.L("Số quyết định"), "decisionDate": lang.L("Ngày quyết định"), "bonus": lang.L("Tiền thưởng"),
		"deleted": lang.L("Bản ghi"), "flags": lang.L("Vùng"), "mergedInto": lang.L("Sáp nhập vào"), "idNumber": lang.L("Số định danh"),
		"category": lang.L("Đối tượng"), "subject": lang.L("Cá nhân/tập thể"), "person": lang.L("Cá nhân"), "revoked": lang.L("Đã hủy"),
	}
}

// shareLayout puts the first object in a fixed width and shares the rest
// of the row equally among the others: the versions of a conflict side by
// side.
type shareLayout struct{ first float32 }

func (l *shareLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	pad := float32(4)
	rest := size.Width - l.first - pad
	n := float32(len(objs) - 1)
	w := rest
	if n > 0 {
		w = (rest - pad*(n-1)) / n
	}
	x := float32(0)
	for i, o := range objs {
		ow := w
		if i == 0 {
			ow = l.first
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(ow, h))
		x += ow + pad
	}
}

func (l *shareLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.first+float32(len(objs))*60, h)
}
