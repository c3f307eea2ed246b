package ui

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// usersPane is the tab Cài đặt → Người dùng: the logged-in user changes
// their password; an administrator lists the accounts, adds one, disables
// or enables it and sets a new password. While the database has no account
// the tab offers the first administrator account. The store applies the
// roles (tdkt.Permit): the pane only hides what would be refused.
type usersPane struct {
	s *settingsScreen
	e *env

	me     *widget.Label
	pwBt   *widget.Button
	list   *dataTable[*tdkt.User]
	sel    *tdkt.User
	toggle *widget.Button
	reset  *widget.Button
	login  *field
	name   *field
	role   *choice[tdkt.Role]
	pw1    *field
	pw2    *field
	addBt  *widget.Button
	addHdr *widget.Label
	msg    *widget.Label
	info   *widget.Label
	admin  *fyne.Container
	users  []*tdkt.User

	pwForm   *passwordForm // the password dialog while open
	edit     *widget.Button
	editForm *userEdit
}

func newUsersPane(s *settingsScreen) *usersPane {
	p := &usersPane{s: s, e: s.e}
	p.me = wrapLabel("")
	p.pwBt = widget.NewButtonWithIcon(lang.L("Đổi mật khẩu…"), theme.AccountIcon(), p.onChangeOwn)
	p.list = newDataTable([]DataColumn[*tdkt.User]{
		{lang.L("Tên đăng nhập"), 125, func(u *tdkt.User) string { return u.Login }},
		{lang.L("Họ và tên"), 165, func(u *tdkt.User) string { return u.Name }},
		{lang.L("Vai trò"), 105, func(u *tdkt.User) string { return roleLabel(u.Role) }},
		{lang.L("Trạng thái"), 95, func(u *tdkt.User) string {
			if u.Disabled {
				return lang.L("Đã khóa")
			}
			return lang.L("Đang dùng")
		}},
		{lang.L("Cập nhật"), 145, func(u *tdkt.User) string { return timeText(u.UpdatedAt) }},
	}, func(_ int, u *tdkt.User) { p.choose(u) })
	p.toggle = widget.NewButtonWithIcon(lang.L("Khóa tài khoản"), theme.VisibilityOffIcon(), p.onToggle)
	p.reset = widget.NewButtonWithIcon(lang.L("Đặt lại mật khẩu…"), theme.ViewRefreshIcon(), p.onReset)
	p.edit = widget.NewButtonWithIcon(lang.L("Sửa họ tên, vai trò…"), theme.DocumentCreateIcon(), p.onEdit)
	p.login = newField(lang.L("Tên đăng nhập"), newEntry(), func(v string) error {
		v = strings.TrimSpace(v)
		if v == "" {
			return errors.New(lang.L("Chưa nhập tên đăng nhập"))
		}
		if err := tdkt.ValidateUser(&tdkt.User{Login: v, Name: "x", Role: tdkt.RoleViewer}); err != nil {
			return errors.New(lang.L("Chỉ dùng 2–32 chữ thường không dấu, số, dấu chấm, gạch (ví dụ: nguyenvana)"))
		}
		return nil
	})
	p.login.entry.SetPlaceHolder(lang.L("ví dụ: nguyenvana"))
	p.name = newField(lang.L("Họ và tên"), newEntry(), required(lang.L("họ và tên")))
	p.role = newChoice(tdkt.Roles, roleLabel, nil)
	p.role.set(tdkt.RoleSpecialist)
	p.pw1 = newField(lang.L("Mật khẩu"), passwordEntry(), passwordRule)
	p.pw2 = newField(lang.L("Nhập lại mật khẩu"), passwordEntry(), func(v string) error {
		if v != p.pw1.entry.Text {
			return errors.New(lang.L("Hai lần nhập mật khẩu không giống nhau"))
		}
		return nil
	})
	p.addBt = widget.NewButtonWithIcon(lang.L("Thêm người dùng"), theme.ContentAddIcon(), p.onAdd)
	p.addBt.Importance = widget.HighImportance
	for _, f := range []*field{p.login, p.name, p.pw1, p.pw2} {
		f.entry.OnSubmitted = func(string) { p.onAdd() }
	}
	p.addHdr = boldLabel(lang.L("Thêm người dùng"))
	p.msg = dangerLabel()
	p.msg.Hide()
	p.info = wrapLabel("")
	p.info.Importance = widget.SuccessImportance
	p.info.Hide()
	return p
}

func passwordEntry() *entry {
	e := newEntry()
	e.Password = true
	return e
}

func passwordRule(v string) error {
	if len([]rune(v)) < 8 {
		return errors.New(lang.L("Mật khẩu cần ít nhất 8 ký tự"))
	}
	return nil
}

// timeText is a stamp as dd/mm/yyyy hh:mm in local time ("" when unset).
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("02/01/2006 15:04")
}

func (p *usersPane) content() fyne.CanvasObject {
	role := p.role.sel
	add := container.NewVBox(p.addHdr,
		formRows(lang.L("Tên đăng nhập"), p.login, lang.L("Họ và tên"), p.name, lang.L("Vai trò"), role, lang.L("Mật khẩu"), p.pw1, lang.L("Nhập lại mật khẩu"), p.pw2),
		container.NewHBox(p.addBt))
	roles := wrapLabel(lang.L("Quản trị: mọi việc, kể cả danh mục, cơ quan, tài khoản, khôi phục dữ liệu. Chuyên viên: hồ sơ, đơn vị, cá nhân, phiên họp, dự thảo quyết định. " +
		"Lãnh đạo: như chuyên viên, thêm ban hành quyết định và ghi sổ khen thưởng. Chỉ xem: xem, tìm, in, không sửa được gì."))
	roles.Importance = widget.LowImportance
	listBox := container.NewBorder(boldLabel(lang.L("Tài khoản")), container.NewHBox(p.edit, p.toggle, p.reset), nil, nil, p.list.table)
	split := container.NewHSplit(listBox, container.NewVScroll(container.NewVBox(add, roles)))
	split.Offset = 0.62
	p.admin = container.NewBorder(nil, nil, nil, nil, split)
	top := container.NewVBox(heading(lang.L("Người dùng")), container.NewBorder(nil, nil, nil, p.pwBt, p.me), p.msg, p.info, widget.NewSeparator())
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, p.admin))
}

// isAdmin: an administrator is logged in, or the database has no account
// yet (then the first one is being made).
func (p *usersPane) isAdmin() bool {
	return p.e.account == nil || p.e.account.Role == tdkt.RoleAdmin
}

func (p *usersPane) reload() {
	p.users = nil
	p.e.view(func(tx *store.Tx) error {
		return tx.Each(tdkt.KindUser, func(r tdkt.Record) error {
			if u := r.(*tdkt.User); !u.Deleted {
				p.users = append(p.users, u)
			}
			return nil
		})
	})
	sort.Slice(p.users, func(i, j int) bool { return p.users[i].Login < p.users[j].Login })
	p.list.setRows(p.users)
	p.choose(nil)
	first := len(p.users) == 0
	switch {
	case p.e.account != nil:
		p.me.SetText(fmt.Sprintf(lang.L("Bạn đang đăng nhập: %s (%s) – %s."), p.e.account.Name, p.e.account.Login, roleLabel(p.e.account.Role)))
		p.pwBt.Show()
	case first:
		p.me.SetText(lang.L("Cơ sở dữ liệu chưa có tài khoản: ai mở máy cũng dùng được chương trình, nhật ký ghi tên người dùng Windows. "+
			"Hãy tạo tài khoản Quản trị đầu tiên: từ đó chương trình hỏi đăng nhập khi mở và tự khóa màn hình khi không dùng ") + durationText(lockAfter) + ".")
		p.pwBt.Hide()
	default:
		p.me.SetText(lang.L("Đang dùng không đăng nhập."))
		p.pwBt.Hide()
	}
	if first {
		p.addHdr.SetText(lang.L("Tạo tài khoản Quản trị đầu tiên"))
		p.addBt.SetText(lang.L("Tạo tài khoản Quản trị"))
		p.role.set(tdkt.RoleAdmin)
		p.role.sel.Disable()
	} else {
		p.addHdr.SetText(lang.L("Thêm người dùng"))
		p.addBt.SetText(lang.L("Thêm người dùng"))
		p.role.sel.Enable()
	}
	if p.admin != nil {
		if p.isAdmin() {
			p.admin.Show()
		} else {
			p.admin.Hide()
		}
	}
}

func (p *usersPane) choose(u *tdkt.User) {
	p.sel = u
	if u == nil {
		p.toggle.SetText(lang.L("Khóa tài khoản"))
		p.toggle.SetIcon(theme.VisibilityOffIcon())
		p.toggle.Disable()
		p.reset.Disable()
		p.edit.Disable()
		return
	}
	p.toggle.Enable()
	p.reset.Enable()
	p.edit.Enable()
	if u.Disabled {
		p.toggle.SetText(lang.L("Mở khóa tài khoản"))
		p.toggle.SetIcon(theme.VisibilityIcon())
	} else {
		p.toggle.SetText(lang.L("Khóa tài khoản"))
		p.toggle.SetIcon(theme.VisibilityOffIcon())
	}
}

func (p *usersPane) fail(err error) {
	p.info.Hide()
	p.msg.SetText(lang.L("Chưa lưu: ") + err.Error())
	p.msg.Show()
}

func (p *usersPane) ok(text string) {
	p.msg.Hide()
	p.info.SetText(text)
	p.info.Show()
}

// onAdd creates the account; the first one logs this window in as it.
func (p *usersPane) onAdd() {
	if !p.isAdmin() {
		return
	}
	if err := checkAll(p.login, p.name, p.pw1, p.pw2); err != nil {
		p.fail(err)
		return
	}
	role, ok := p.role.get()
	if !ok {
		p.fail(errors.New(lang.L("chưa chọn vai trò")))
		return
	}
	first := len(p.users) == 0
	u := &tdkt.User{Login: strings.ToLower(strings.TrimSpace(p.login.entry.Text)), Name: p.name.text(), Role: role}
	pw := p.pw1.entry.Text
	if err := p.e.update(func(tx *store.Tx) error { return tx.AddUser(u, pw) }); err != nil {
		p.fail(err)
		return
	}
	for _, f := range []*field{p.login, p.name, p.pw1, p.pw2} {
		f.set("")
		f.entry.SetValidationError(nil) // an emptied form is not an error
	}
	if first {
		p.e.user, p.e.account = u.Login, u
		p.reload()
		p.ok(fmt.Sprintf(lang.L("Đã tạo tài khoản Quản trị %s; cửa sổ này đang dùng tài khoản đó. Từ lần mở sau chương trình sẽ hỏi đăng nhập."), u.Login))
		return
	}
	p.reload()
	p.ok(fmt.Sprintf(lang.L("Đã thêm %s (%s) với vai trò %s."), u.Name, u.Login, roleLabel(u.Role)))
}

// onToggle disables or enables the chosen account. Nobody disables their
// own account or the last administrator still enabled.
func (p *usersPane) onToggle() {
	u := p.sel
	if u == nil || !p.isAdmin() {
		return
	}
	if !u.Disabled && p.e.account != nil && u.Login == p.e.account.Login {
		p.fail(errors.New(lang.L("không khóa được tài khoản đang đăng nhập")))
		return
	}
	x := *u
	x.Disabled = !u.Disabled
	// the store keeps the office an administrator (SaveUser)
	if err := p.e.update(func(tx *store.Tx) error { return tx.SaveUser(&x) }); err != nil {
		p.fail(err)
		return
	}
	p.reload()
	if x.Disabled {
		p.ok(fmt.Sprintf(lang.L("Đã khóa tài khoản %s: người này không đăng nhập được nữa."), x.Login))
	} else {
		p.ok(fmt.Sprintf(lang.L("Đã mở khóa tài khoản %s."), x.Login))
	}
}

// onEdit changes the chosen account's name and role: a specialist made a
// leader keeps their login, password and the audit trail under one name.
// Nobody takes the administrator role from themselves or from the last
// administrator.
func (p *usersPane) onEdit() {
	u := p.sel
	if u == nil || !p.isAdmin() {
		return
	}
	name := newField(lang.L("Họ và tên"), newEntry(), required(lang.L("họ và tên")))
	name.set(u.Name)
	role := newChoice(tdkt.Roles, roleLabel, nil)
	role.set(u.Role)
	msg := dangerLabel()
	msg.Hide()
	var d *dialog.CustomDialog
	save := func() {
		if name.check() != nil {
			return
		}
		r, _ := role.get()
		x := *u
		x.Name, x.Role = name.text(), r
		// the store refuses to leave the office without an administrator
		if err := p.e.update(func(tx *store.Tx) error { return tx.SaveUser(&x) }); err != nil {
			msg.SetText(lang.L("Chưa lưu: ") + err.Error())
			msg.Show()
			return
		}
		d.Hide()
		if p.e.account != nil && x.Login == p.e.account.Login {
			p.e.account = &x
		}
		p.reload()
		p.ok(fmt.Sprintf(lang.L("Đã lưu %s (%s): %s."), x.Name, x.Login, roleLabel(x.Role)))
	}
	name.entry.OnSubmitted = func(string) { save() }
	ok := widget.NewButtonWithIcon(lang.L("Lưu"), theme.ConfirmIcon(), save)
	ok.Importance = widget.HighImportance
	p.editForm = &userEdit{name: name, role: role, msg: msg, ok: ok}
	d = dialog.NewCustomWithoutButtons(fmt.Sprintf(lang.L("Sửa tài khoản %s"), u.Login),
		container.NewVBox(formRows(lang.L("Họ và tên"), name, lang.L("Vai trò"), role.sel), msg), p.e.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() }), ok})
	d.Resize(fyne.NewSize(520, 240))
	p.e.show(d)
}

// userEdit is the open account form, for tests.
type userEdit struct {
	name *field
	role *choice[tdkt.Role]
	msg  *widget.Label
	ok   *widget.Button
}

// passwordForm is the dialog that sets a password.
type passwordForm struct {
	cur  *field // the current password (own change only)
	pw1  *field
	pw2  *field
	msg  *widget.Label
	ok   *widget.Button
	dlg  *dialog.CustomDialog
	save func(cur, pw string) error
}

func (p *usersPane) passwordDialog(title, intro string, own bool, save func(cur, pw string) error) *passwordForm {
	f := &passwordForm{save: save}
	f.pw1 = newField(lang.L("Mật khẩu mới"), passwordEntry(), passwordRule)
	f.pw2 = newField(lang.L("Nhập lại"), passwordEntry(), func(v string) error {
		if v != f.pw1.entry.Text {
			return errors.New(lang.L("Hai lần nhập mật khẩu không giống nhau"))
		}
		return nil
	})
	rows := []any{}
	fields := []*field{f.pw1, f.pw2}
	if own {
		f.cur = newField(lang.L("Mật khẩu hiện tại"), passwordEntry(), required(lang.L("mật khẩu hiện tại")))
		rows = append(rows, lang.L("Mật khẩu hiện tại"), f.cur)
		fields = append([]*field{f.cur}, fields...)
	}
	rows = append(rows, lang.L("Mật khẩu mới"), f.pw1, lang.L("Nhập lại mật khẩu mới"), f.pw2)
	f.msg = dangerLabel()
	f.msg.Hide()
	submit := func() {
		if err := checkAll(fields...); err != nil {
			return
		}
		cur := ""
		if f.cur != nil {
			cur = f.cur.entry.Text
		}
		if err := f.save(cur, f.pw1.entry.Text); err != nil {
			f.msg.SetText(capFirst(err.Error()) + ".")
			f.msg.Show()
			return
		}
		f.dlg.Hide()
	}
	for _, x := range fields {
		x.entry.OnSubmitted = func(string) { submit() }
	}
	f.ok = widget.NewButtonWithIcon(lang.L("Lưu mật khẩu"), theme.ConfirmIcon(), submit)
	f.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { f.dlg.Hide() })
	body := container.NewVBox(wrapLabel(intro), formRows(rows...), f.msg)
	f.dlg = dialog.NewCustomWithoutButtons(title, body, p.e.win)
	f.dlg.SetButtons([]fyne.CanvasObject{cancel, f.ok})
	f.dlg.Resize(fyne.NewSize(520, 300))
	p.pwForm = f
	f.dlg.SetOnClosed(func() {
		if p.pwForm == f {
			p.pwForm = nil
		}
	})
	p.e.show(f.dlg)
	first := fields[0]
	p.e.win.Canvas().Focus(first.entry)
	return f
}

// onReset sets a new password for the chosen account (administrators).
func (p *usersPane) onReset() {
	u := p.sel
	if u == nil || !p.isAdmin() {
		return
	}
	p.passwordDialog(lang.L("Đặt lại mật khẩu"), fmt.Sprintf(lang.L("Mật khẩu mới cho %s (%s). Hãy báo mật khẩu cho người dùng và đề nghị họ tự đổi sau khi đăng nhập."), u.Name, u.Login),
		false, func(_, pw string) error {
			if err := p.e.update(func(tx *store.Tx) error { return tx.SetPassword(u.Login, pw) }); err != nil {
				return err
			}
			p.reload()
			p.ok(fmt.Sprintf(lang.L("Đã đặt mật khẩu mới cho %s."), u.Login))
			return nil
		})
}

// onChangeOwn changes the logged-in user's password after checking the
// current one.
func (p *usersPane) onChangeOwn() {
	a := p.e.account
	if a == nil {
		return
	}
	p.passwordDialog(lang.L("Đổi mật khẩu"), fmt.Sprintf(lang.L("Đổi mật khẩu của %s (%s). Mật khẩu cần ít nhất 8 ký tự."), a.Name, a.Login), true,
		func(cur, pw string) error {
			if _, err := p.e.db.Login(a.Login, cur); err != nil {
				return errors.New(lang.L("mật khẩu hiện tại không đúng"))
			}
			err := p.e.update(func(tx *store.Tx) error { return tx.SetPassword(a.Login, pw) })
			if err != nil {
				if a.Role != tdkt.RoleAdmin && strings.Contains(err.Error(), "không được phép") {
					return fmt.Errorf(lang.L("%v: hãy nhờ Quản trị đặt lại mật khẩu"), err)
				}
				return err
			}
			p.reload()
			p.ok(lang.L("Đã đổi mật khẩu. Lần đăng nhập sau hãy dùng mật khẩu mới."))
			return nil
		})
}
