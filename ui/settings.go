package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// settingsScreen (Cài đặt): the award catalogue (thresholds, coefficients,
// criteria texts, documents), saved after cat.Validate(); the base salary
// history; the office and its signers; the user accounts; the backups and
// the restore.
type settingsScreen struct {
	e   *env
	app appHooks // the window around the shell; nil in screen tests

	language *widget.RadioGroup // Tiếng Việt / English, for the next start

	cat      *tdkt.Catalog // working copy
	items    *dataTable[tdkt.Item]
	itemIdx  int
	catBase  string // the stored catalogue the catalogue tab was filled from
	offBase  string // the stored office the office tab was filled from
	stay     bool   // set while the items table is sent back to the item being edited
	code     *widget.Label
	name     *field
	short    *field
	thresh   *field
	coefP    *field
	coefC    *field
	copies   *field
	secret   *widget.Check
	crit     *fyne.Container
	critE    []*entry
	docs     *fyne.Container
	docName  []*entry
	docCopy  []*entry
	quorumN  *field
	quorumD  *field
	roundTo  *field
	bases    *field // the decisions' legal grounds, one per line
	catMsg   *widget.Label
	catInfo  *widget.Label
	itemPage *fyne.Container

	salaries *dataTable[tdkt.Salary]
	salFrom  *dateField
	salAmt   *field
	salBasis *field
	salMsg   *widget.Label
	salSel   tdkt.Salary // the step chosen in the table
	salDel   *widget.Button

	offName   *field
	offIssue  *field
	offGovern *field
	offSymbol *field
	offPlace  *field
	offProp   *field // who proposes the decisions
	offExec   *field // who carries them out
	signers   *fyne.Container
	sigRows   []*signerRow
	offMsg    *widget.Label
	offInfo   *widget.Label
	tabs      *container.AppTabs

	users     *usersPane
	backup    *backupPane
	usersTab  *container.TabItem
	backupTab *container.TabItem
}

type signerRow struct {
	name, title *entry
	mode        *choice[string]
}

func newSettingsScreen(e *env) *settingsScreen {
	s := &settingsScreen{e: e, itemIdx: -1}
	s.items = newDataTable([]DataColumn[tdkt.Item]{
		{lang.L("Mã"), 75, func(it tdkt.Item) string { return it.Code }},
		{lang.L("Hình thức"), 230, func(it tdkt.Item) string { return it.Name }},
		{lang.L("Phiếu"), 60, func(it tdkt.Item) string { return fmtFloat(it.Threshold) + "%" }},
		{lang.L("HS CN"), 60, func(it tdkt.Item) string { return fmtFloat(it.CoefPerson) }},
		{lang.L("HS TT"), 60, func(it tdkt.Item) string { return fmtFloat(it.CoefCollective) }},
	}, func(i int, _ tdkt.Item) { s.editItem(i) })
	s.code = boldLabel("")
	s.name = newField(lang.L("Tên"), newEntry(), required(lang.L("tên hình thức")))
	s.short = newField(lang.L("Tên ngắn"), newEntry(), nil)
	s.thresh = newField(lang.L("Tỷ lệ phiếu"), newEntry(), floatRange(0, 100, lang.L("tỷ lệ phiếu")))
	s.coefP = newField(lang.L("Hệ số cá nhân"), newEntry(), floatRange(0, 1000, lang.L("hệ số")))
	s.coefC = newField(lang.L("Hệ số tập thể"), newEntry(), floatRange(0, 1000, lang.L("hệ số")))
	s.copies = newField(lang.L("Số bộ hồ sơ"), newEntry(), optionalInt(0, 20, lang.L("số bộ hồ sơ")))
	s.secret = widget.NewCheck(lang.L("Bỏ phiếu kín"), nil)
	s.crit = container.NewVBox()
	s.docs = container.NewVBox()
	s.quorumN = newField(lang.L("Túc số (tử)"), newEntry(), intRange(1, 100, lang.L("tử số")))
	s.quorumD = newField(lang.L("Túc số (mẫu)"), newEntry(), intRange(1, 100, lang.L("mẫu số")))
	s.roundTo = newField(lang.L("Làm tròn"), newEntry(), moneyValidator)
	s.bases = newField(lang.L("Căn cứ"), newMultiEntry(4), nil)
	s.catMsg = dangerLabel()
	s.catMsg.Hide()
	s.catInfo = widget.NewLabel("")
	s.catInfo.Importance = widget.SuccessImportance
	s.catInfo.Hide()
	for _, f := range []*field{s.name, s.short, s.thresh, s.coefP, s.coefC, s.copies, s.quorumN, s.quorumD, s.roundTo} {
		f.entry.OnSubmitted = func(string) { s.onSaveCatalog() }
	}

	s.salaries = newDataTable([]DataColumn[tdkt.Salary]{
		{lang.L("Áp dụng từ"), 100, func(x tdkt.Salary) string { return dateText(x.From) }},
		{lang.L("Mức lương cơ sở"), 130, func(x tdkt.Salary) string { return tdkt.Money(x.Amount) + lang.L(" đ") }},
		{lang.L("Căn cứ"), 300, func(x tdkt.Salary) string { return x.Basis }},
	}, func(_ int, x tdkt.Salary) {
		s.salSel = x
		s.salDel.Enable()
	})
	s.salDel = widget.NewButtonWithIcon(lang.L("Xóa mức đã chọn"), theme.DeleteIcon(), s.onDeleteSalary)
	s.salDel.Disable()
	s.salFrom = newDateField(lang.L("Áp dụng từ ngày"), false)
	s.salAmt = newField(lang.L("Mức lương cơ sở"), newEntry(), moneyValidator)
	s.salAmt.entry.SetPlaceHolder(lang.L("ví dụ 2.340.000"))
	s.salBasis = newField(lang.L("Căn cứ"), newEntry(), required(lang.L("văn bản căn cứ")))
	s.salBasis.entry.SetPlaceHolder(lang.L("ví dụ Nghị định số …/…/NĐ-CP"))
	for _, f := range []*field{s.salFrom.field, s.salAmt, s.salBasis} {
		f.entry.OnSubmitted = func(string) { s.onAddSalary() }
	}
	s.salMsg = dangerLabel()
	s.salMsg.Hide()

	s.offName = newField(lang.L("Tên cơ quan"), newEntry(), required(lang.L("tên cơ quan")))
	s.offIssue = newField(lang.L("Cơ quan ban hành"), newEntry(), required(lang.L("cơ quan ban hành")))
	s.offGovern = newField(lang.L("Cơ quan chủ quản"), newEntry(), nil)
	s.offSymbol = newField(lang.L("Ký hiệu quyết định"), newEntry(), required(lang.L("ký hiệu quyết định")))
	s.offPlace = newField(lang.L("Địa danh"), newEntry(), required(lang.L("địa danh")))
	s.offProp = newField(lang.L("Người đề nghị"), newEntry(), required(lang.L("người đề nghị")))
	s.offExec = newField(lang.L("Người thi hành"), newMultiEntry(2), required(lang.L("người thi hành")))
	for _, f := range []*field{s.offName, s.offIssue, s.offGovern, s.offSymbol, s.offPlace, s.offProp} {
		f.entry.OnSubmitted = func(string) { s.onSaveOffice() }
	}
	s.signers = container.NewVBox()
	s.offMsg = dangerLabel()
	s.offMsg.Hide()
	s.offInfo = widget.NewLabel("")
	s.offInfo.Importance = widget.SuccessImportance
	s.offInfo.Hide()
	s.users = newUsersPane(s)
	s.backup = newBackupPane(s)
	return s
}

func (s *settingsScreen) content() fyne.CanvasObject {
	saveCat := widget.NewButtonWithIcon(lang.L("Lưu danh mục"), theme.DocumentSaveIcon(), s.onSaveCatalog)
	saveCat.Importance = widget.HighImportance
	addDoc := widget.NewButtonWithIcon(lang.L("Thêm giấy tờ"), theme.ContentAddIcon(), s.onAddDoc)
	s.itemPage = container.NewVBox(s.code,
		formRows(lang.L("Tên"), s.name, lang.L("Tên ngắn"), s.short, lang.L("Tỷ lệ phiếu đồng ý (% tổng số thành viên)"), s.thresh,
			lang.L("Hệ số tiền thưởng cá nhân"), s.coefP, lang.L("Hệ số tiền thưởng tập thể"), s.coefC, lang.L("Số bộ hồ sơ"), s.copies, "", s.secret),
		boldLabel(lang.L("Tiêu chuẩn (lời văn hiển thị khi xét)")), s.crit,
		container.NewBorder(nil, nil, boldLabel(lang.L("Thành phần hồ sơ")), addDoc), s.docs)
	s.itemPage.Hide()
	general := container.NewVBox(
		formRows(lang.L("Túc số: tử số"), s.quorumN, lang.L("Túc số: mẫu số"), s.quorumD, lang.L("Làm tròn tiền thưởng lên bội số của (đồng)"), s.roundTo),
		boldLabel(lang.L("Căn cứ của quyết định khen thưởng")),
		wrapLabel(lang.L("Mỗi dòng một căn cứ, theo thứ tự trích trong quyết định. Khi luật, nghị định thay đổi thì sửa ở đây; các dự thảo lập sau sẽ trích theo.")),
		s.bases.widget())
	catRight := container.NewVScroll(container.NewPadded(container.NewVBox(s.itemPage, widget.NewSeparator(),
		boldLabel(lang.L("Quy định chung")), general, s.catMsg, s.catInfo, container.NewHBox(saveCat))))
	catSplit := container.NewHSplit(s.items.table, catRight)
	catSplit.Offset = 0.45

	addSal := widget.NewButtonWithIcon(lang.L("Thêm mức lương cơ sở"), theme.ContentAddIcon(), s.onAddSalary)
	addSal.Importance = widget.HighImportance
	salary := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), boldLabel(lang.L("Thêm mức mới (áp dụng cho quyết định ký từ ngày này)")),
		formRows(lang.L("Áp dụng từ ngày"), s.salFrom.field, lang.L("Mức lương cơ sở (đồng)"), s.salAmt, lang.L("Căn cứ"), s.salBasis), s.salMsg, container.NewHBox(addSal, s.salDel)),
		nil, nil, s.salaries.table)

	saveOff := widget.NewButtonWithIcon(lang.L("Lưu cơ quan và người ký"), theme.DocumentSaveIcon(), s.onSaveOffice)
	saveOff.Importance = widget.HighImportance
	addSig := widget.NewButtonWithIcon(lang.L("Thêm người ký"), theme.ContentAddIcon(), func() {
		s.addSignerRow(tdkt.Signer{Mode: "KT"})
	})
	office := container.NewVScroll(container.NewPadded(container.NewVBox(
		formRows(lang.L("Tên cơ quan"), s.offName, lang.L("Cơ quan ban hành"), s.offIssue, lang.L("Cơ quan chủ quản"), s.offGovern,
			lang.L("Ký hiệu quyết định"), s.offSymbol, lang.L("Địa danh"), s.offPlace,
			lang.L("Theo đề nghị của"), s.offProp, lang.L("Điều cuối: người thi hành"), s.offExec),
		wrapLabel(lang.L("Điều cuối của quyết định viết: \"<người thi hành>, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này\".")),
		container.NewBorder(nil, nil, boldLabel(lang.L("Người ký quyết định")), addSig), s.signers,
		s.offMsg, s.offInfo, container.NewHBox(saveOff))))
	s.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Danh mục khen thưởng"), catSplit),
		container.NewTabItem(lang.L("Lương cơ sở"), salary),
		container.NewTabItem(lang.L("Cơ quan và người ký"), office),
	)
	s.usersTab = container.NewTabItem(lang.L("Người dùng"), s.users.content())
	s.backupTab = container.NewTabItem(lang.L("Sao lưu & khôi phục"), s.backup.content())
	s.tabs.Append(s.usersTab)
	s.tabs.Append(s.backupTab)
	if s.e.typing != nil {
		typing := widget.NewForm(s.e.typing.SettingsItems()...)
		s.tabs.Append(container.NewTabItem(lang.L("Gõ tiếng Việt"), container.NewPadded(container.NewVBox(typing,
			widget.NewLabel(lang.L("Bật/tắt nhanh: nút \"Gõ\" ở đầu cửa sổ hoặc Ctrl+Shift+T."))))))
	}
	tab, group := languageTab(fyne.CurrentApp().Preferences())
	s.language = group
	s.tabs.Append(tab)
	return s.tabs
}

func (s *settingsScreen) wait() {}

func (s *settingsScreen) refresh() {
	if err := s.e.reload(); err != nil {
		s.e.showError(err)
		return
	}
	// what is typed and not saved stays while the stored catalogue and
	// office are what the forms were filled from; changed meanwhile (a save,
	// a bundle from the province), the forms show the stored ones
	if jsonText(s.e.cat) != s.catBase {
		s.loadCatalog()
	}
	if jsonText(s.e.office) != s.offBase {
		s.loadOffice()
	}
	s.users.reload()
	s.backup.reload()
}

// jsonText is v as JSON, to tell whether a stored record changed.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func cloneCatalog(c *tdkt.Catalog) *tdkt.Catalog {
	cp := *c
	cp.Items = nil
	for _, it := range c.Items {
		it.Docs = append([]tdkt.DocReq(nil), it.Docs...)
		it.Criteria = append([]tdkt.Criterion(nil), it.Criteria...)
		var alts [][]tdkt.Criterion
		for _, a := range it.Alternatives {
			alts = append(alts, append([]tdkt.Criterion(nil), a...))
		}
		it.Alternatives = alts
		cp.Items = append(cp.Items, it)
	}
	cp.BaseSalary = append([]tdkt.Salary(nil), c.BaseSalary...)
	cp.General = append([]tdkt.Criterion(nil), c.General...)
	cp.Bases = append([]string(nil), c.Bases...)
	return &cp
}

func (s *settingsScreen) loadCatalog() {
	s.cat = cloneCatalog(s.e.cat)
	s.catBase = jsonText(s.e.cat)
	s.items.setRows(s.cat.Items)
	s.quorumN.set(strconv.Itoa(s.cat.QuorumNum))
	s.quorumD.set(strconv.Itoa(s.cat.QuorumDen))
	s.roundTo.set(tdkt.Money(s.cat.RoundTo))
	s.bases.set(strings.Join(s.cat.Bases, "\n"))
	sal := append([]tdkt.Salary(nil), s.cat.BaseSalary...)
	sort.Slice(sal, func(i, j int) bool { return sal[j].From.Before(sal[i].From) })
	s.salaries.setRows(sal)
	if s.itemIdx >= 0 && s.itemIdx < len(s.cat.Items) {
		s.editItem(s.itemIdx)
	}
}

// editItem shows catalogue item i (the previous item's edits are kept in
// the working copy).
func (s *settingsScreen) editItem(i int) {
	if s.stay {
		s.stay = false // the table selecting the item back: keep what is typed
		return
	}
	if s.itemIdx >= 0 && i != s.itemIdx {
		// the item left must read: a threshold or coefficient that does
		// not would otherwise be dropped without a word
		if err := checkAll(s.name, s.thresh, s.coefP, s.coefC, s.copies); err != nil {
			s.catInfo.Hide()
			s.catMsg.SetText(lang.L("Chưa chuyển sang hình thức khác: ") + err.Error())
			s.catMsg.Show()
			s.stay = true
			s.items.selectRow(s.itemIdx)
			s.stay = false
			return
		}
		s.catMsg.Hide()
	}
	s.collectItem()
	s.itemIdx = i
	it := s.cat.Items[i]
	s.code.SetText(fmt.Sprintf("%s – %s (%s)", it.Code, it.Name, it.Law))
	s.name.set(it.Name)
	s.short.set(it.Short)
	s.thresh.set(fmtFloat(it.Threshold))
	s.coefP.set(fmtFloat(it.CoefPerson))
	s.coefC.set(fmtFloat(it.CoefCollective))
	s.copies.set(strconv.Itoa(it.Copies))
	s.secret.SetChecked(it.SecretBallot)
	s.crit.Objects = nil
	s.critE = nil
	all := critRefs(&s.cat.Items[i])
	for _, cr := range all {
		en := newEntry()
		en.SetText(cr.Text)
		s.critE = append(s.critE, en)
		s.crit.Add(en)
	}
	if len(all) == 0 {
		s.crit.Add(widget.NewLabel(lang.L("(không có tiêu chuẩn riêng)")))
	}
	s.crit.Refresh()
	s.showDocs()
	s.itemPage.Show()
}

// critRefs points at every criterion of an item, alternatives included.
func critRefs(it *tdkt.Item) []*tdkt.Criterion {
	var out []*tdkt.Criterion
	for i := range it.Criteria {
		out = append(out, &it.Criteria[i])
	}
	for a := range it.Alternatives {
		for i := range it.Alternatives[a] {
			out = append(out, &it.Alternatives[a][i])
		}
	}
	return out
}

func (s *settingsScreen) showDocs() {
	s.docs.Objects = nil
	s.docName, s.docCopy = nil, nil
	it := &s.cat.Items[s.itemIdx]
	for k, d := range it.Docs {
		k := k
		n := newEntry()
		n.SetText(d.Name)
		c := newEntry()
		c.SetPlaceHolder(lang.L("bản"))
		if d.Copies > 0 {
			c.SetText(strconv.Itoa(d.Copies))
		}
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			s.collectItem()
			it.Docs = append(it.Docs[:k], it.Docs[k+1:]...)
			s.showDocs()
		})
		s.docName = append(s.docName, n)
		s.docCopy = append(s.docCopy, c)
		s.docs.Add(container.NewBorder(nil, nil, nil, container.NewHBox(sizedEntry(c, 80), del), n))
	}
	s.docs.Refresh()
}

func sizedEntry(e *entry, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, e.MinSize().Height), e)
}

func (s *settingsScreen) onAddDoc() {
	if s.itemIdx < 0 {
		return
	}
	s.collectItem()
	it := &s.cat.Items[s.itemIdx]
	it.Docs = append(it.Docs, tdkt.DocReq{Code: fmt.Sprintf("doc%d", len(it.Docs)+1), Name: ""})
	s.showDocs()
}

// collectItem copies the item widgets into the working copy.
func (s *settingsScreen) collectItem() {
	if s.cat == nil || s.itemIdx < 0 || s.itemIdx >= len(s.cat.Items) {
		return
	}
	it := &s.cat.Items[s.itemIdx]
	it.Name = s.name.text()
	it.Short = s.short.text()
	if v, err := parseFloat(s.thresh.entry.Text); err == nil {
		it.Threshold = v
	}
	if v, err := parseFloat(s.coefP.entry.Text); err == nil {
		it.CoefPerson = v
	}
	if v, err := parseFloat(s.coefC.entry.Text); err == nil {
		it.CoefCollective = v
	}
	it.Copies = atoi(s.copies.entry.Text)
	it.SecretBallot = s.secret.Checked
	for i, cr := range critRefs(it) {
		if i < len(s.critE) {
			cr.Text = tdkt.NFC(s.critE[i].Text)
		}
	}
	for i := range it.Docs {
		if i < len(s.docName) {
			it.Docs[i].Name = tdkt.NFC(s.docName[i].Text)
			it.Docs[i].Copies = atoi(s.docCopy[i].Text)
		}
	}
}

// onSaveCatalog validates the working copy with cat.Validate and stores it.
func (s *settingsScreen) onSaveCatalog() {
	s.catInfo.Hide()
	if s.itemIdx >= 0 {
		if err := checkAll(s.name, s.thresh, s.coefP, s.coefC, s.copies); err != nil {
			s.catMsg.SetText(lang.L("Chưa lưu: ") + err.Error())
			s.catMsg.Show()
			return
		}
	}
	if err := checkAll(s.quorumN, s.quorumD, s.roundTo); err != nil {
		s.catMsg.SetText(lang.L("Chưa lưu: ") + err.Error())
		s.catMsg.Show()
		return
	}
	s.collectItem()
	s.cat.QuorumNum = atoi(s.quorumN.entry.Text)
	s.cat.QuorumDen = atoi(s.quorumD.entry.Text)
	s.cat.RoundTo, _ = parseMoney(s.roundTo.entry.Text)
	s.cat.Bases = baseLines(s.bases.entry.Text)
	for _, it := range s.cat.Items {
		for _, d := range it.Docs {
			if d.Name == "" {
				s.catMsg.SetText(fmt.Sprintf(lang.L("Chưa lưu: %s có giấy tờ chưa ghi tên"), it.Name))
				s.catMsg.Show()
				return
			}
		}
	}
	if err := s.cat.Validate(); err != nil {
		s.catMsg.SetText(lang.L("Chưa lưu: ") + err.Error())
		s.catMsg.Show()
		return
	}
	c := cloneCatalog(s.cat)
	if err := s.e.update(func(tx *store.Tx) error { return tx.Put(c) }); err != nil {
		s.catMsg.SetText(lang.L("Chưa lưu: ") + err.Error())
		s.catMsg.Show()
		return
	}
	s.e.cat = c
	s.catMsg.Hide()
	s.catInfo.SetText(lang.L("Đã lưu danh mục khen thưởng."))
	s.catInfo.Show()
	s.items.setRows(s.cat.Items)
}

// onAddSalary adds a base salary step and stores the catalogue.
func (s *settingsScreen) onAddSalary() {
	if err := checkAll(s.salFrom.field, s.salAmt, s.salBasis); err != nil {
		return
	}
	from, _ := s.salFrom.date()
	amt, _ := parseMoney(s.salAmt.entry.Text)
	c := cloneCatalog(s.e.cat)
	for _, x := range c.BaseSalary {
		if x.From == from {
			s.salFrom.show(errors.New(lang.L("Đã có mức lương cơ sở áp dụng từ ngày này")))
			return
		}
	}
	c.BaseSalary = append(c.BaseSalary, tdkt.Salary{From: from, Amount: amt, Basis: s.salBasis.text()})
	if err := c.Validate(); err != nil {
		s.salMsg.SetText(err.Error())
		s.salMsg.Show()
		return
	}
	if err := s.e.update(func(tx *store.Tx) error { return tx.Put(c) }); err != nil {
		s.salMsg.SetText(lang.L("Chưa lưu: ") + err.Error())
		s.salMsg.Show()
		return
	}
	s.e.cat = c
	s.salMsg.Hide()
	s.salFrom.set("")
	s.salAmt.set("")
	s.salBasis.set("")
	s.salariesSaved(c)
}

// salariesSaved shows the salary steps of c, just stored, without
// refilling the catalogue tab: its unsaved edits stay.
func (s *settingsScreen) salariesSaved(c *tdkt.Catalog) {
	if s.cat != nil {
		s.cat.BaseSalary = append([]tdkt.Salary(nil), c.BaseSalary...)
	}
	s.catBase = jsonText(c)
	sal := append([]tdkt.Salary(nil), c.BaseSalary...)
	sort.Slice(sal, func(i, j int) bool { return sal[j].From.Before(sal[i].From) })
	s.salaries.setRows(sal)
}

// onDeleteSalary deletes a base salary step entered by mistake, after
// asking. Issued decisions keep the bonuses computed when they were
// issued; drafts and later decisions take the steps that remain.
func (s *settingsScreen) onDeleteSalary() {
	x := s.salSel
	if x.From.IsZero() {
		return
	}
	s.e.confirm(lang.L("Xóa mức lương cơ sở"), fmt.Sprintf(lang.L("Xóa mức %s đồng áp dụng từ %s? Quyết định đã ban hành giữ tiền thưởng đã tính; dự thảo và quyết định lập sau tính theo các mức còn lại."),
		tdkt.Money(x.Amount), dateText(x.From)), func() {
		c := cloneCatalog(s.e.cat)
		var keep []tdkt.Salary
		for _, y := range c.BaseSalary {
			if y.From != x.From {
				keep = append(keep, y)
			}
		}
		c.BaseSalary = keep
		if err := c.Validate(); err != nil {
			s.salMsg.SetText(lang.L("Không xóa được: ") + err.Error())
			s.salMsg.Show()
			return
		}
		if err := s.e.update(func(tx *store.Tx) error { return tx.Put(c) }); err != nil {
			s.salMsg.SetText(lang.L("Không xóa được: ") + err.Error())
			s.salMsg.Show()
			return
		}
		s.e.cat = c
		s.salMsg.Hide()
		s.salSel = tdkt.Salary{}
		s.salDel.Disable()
		s.salariesSaved(c)
	})
}

func (s *settingsScreen) loadOffice() {
	o := s.e.office
	s.offBase = jsonText(o)
	s.offName.set(o.Name)
	s.offIssue.set(o.IssuingBody)
	s.offGovern.set(o.GoverningBody)
	s.offSymbol.set(o.Symbol)
	s.offPlace.set(o.Place)
	prop, exec := tdkt.OfficeWording(o)
	s.offProp.set(prop)
	s.offExec.set(exec)
	s.signers.Objects = nil
	s.sigRows = nil
	for _, sg := range o.Signers {
		s.addSignerRow(sg)
	}
}

func (s *settingsScreen) addSignerRow(sg tdkt.Signer) {
	r := &signerRow{name: newEntry(), title: newEntry(), mode: newChoice([]string{"TM", "KT"}, modeLabel, nil)}
	r.name.SetPlaceHolder(lang.L("Họ và tên"))
	r.name.SetText(sg.Name)
	r.title.SetPlaceHolder(lang.L("Chức vụ, ví dụ CHỦ TỊCH"))
	r.title.SetText(sg.Title)
	r.mode.set(sg.Mode)
	r.name.OnSubmitted = func(string) { s.onSaveOffice() }
	r.title.OnSubmitted = func(string) { s.onSaveOffice() }
	s.sigRows = append(s.sigRows, r)
	var row *fyne.Container
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, x := range s.sigRows {
			if x == r {
				s.sigRows = append(s.sigRows[:i], s.sigRows[i+1:]...)
				break
			}
		}
		s.signers.Remove(row)
	})
	row = container.NewBorder(nil, nil, nil, container.NewHBox(r.mode.sel, del), container.NewGridWithColumns(2, r.name, r.title))
	s.signers.Add(row)
}

func (s *settingsScreen) onSaveOffice() {
	s.offInfo.Hide()
	if err := checkAll(s.offName, s.offIssue, s.offSymbol, s.offPlace, s.offProp, s.offExec); err != nil {
		s.offMsg.SetText(lang.L("Chưa lưu: ") + err.Error())
		s.offMsg.Show()
		return
	}
	o := *s.e.office
	o.Name = s.offName.text()
	o.IssuingBody = tdkt.UpperVN(s.offIssue.text())
	o.GoverningBody = s.offGovern.text()
	o.Symbol = s.offSymbol.text()
	o.Place = s.offPlace.text()
	o.Proposer = strings.TrimRight(s.offProp.text(), ".")
	o.Executors = strings.TrimRight(strings.Join(strings.Fields(s.offExec.text()), " "), ",.")
	o.Signers = nil
	for i, r := range s.sigRows {
		name, title := tdkt.NFC(r.name.Text), tdkt.NFC(r.title.Text)
		if name == "" && title == "" {
			continue
		}
		if name == "" || title == "" {
			s.offMsg.SetText(fmt.Sprintf(lang.L("Chưa lưu: người ký thứ %d cần đủ họ tên và chức vụ"), i+1))
			s.offMsg.Show()
			return
		}
		mode, _ := r.mode.get()
		o.Signers = append(o.Signers, tdkt.Signer{Name: name, Title: tdkt.UpperVN(title), Mode: mode})
	}
	if len(o.Signers) == 0 {
		s.offMsg.SetText(lang.L("Chưa lưu: cần ít nhất một người ký"))
		s.offMsg.Show()
		return
	}
	if err := s.e.update(func(tx *store.Tx) error { return tx.Put(&o) }); err != nil {
		s.offMsg.SetText(lang.L("Chưa lưu: ") + err.Error())
		s.offMsg.Show()
		return
	}
	s.e.office = &o
	s.offMsg.Hide()
	s.offInfo.SetText(lang.L("Đã lưu thông tin cơ quan và người ký."))
	s.offInfo.Show()
}

// baseLines reads the legal grounds typed one per line: blank lines are
// dropped, and the closing ";" or "." each line gets in a decision.
func baseLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(strings.TrimSpace(tdkt.NFC(l)), ";.")
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
