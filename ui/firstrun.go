package ui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/assets"
	"tdkt/store"
	"tdkt/store/demo"
)

// setupScreen is the first run: no database file yet. The user sets up the
// office (province or commune, issuing authority, decision symbol, signers,
// base salary) and the file is created with the default catalogue, or opens
// the demo province to try the program.
type setupScreen struct {
	path string
	win  fyne.Window
	done func()

	level    *choice[tdkt.Level]
	code     *field
	name     *field
	govern   *field
	issuing  *field
	symbol   *field
	place    *field
	sign1    *field
	title1   *field
	mode1    *choice[string]
	sign2    *field
	title2   *field
	mode2    *choice[string]
	salary   *field
	salaryOn *dateField

	msg      *widget.Label
	createBt *widget.Button
	demoBt   *widget.Button
	bar      *widget.ProgressBarInfinite
	status   *widget.Label
	busy     *task
	demo     bool // the demo province was made (no administrator offered)
}

func newSetupScreen(path string, win fyne.Window, done func()) *setupScreen {
	s := &setupScreen{path: path, win: win, done: done}
	s.level = newChoice([]tdkt.Level{tdkt.LevelProvince, tdkt.LevelCommune}, levelLabel, s.onLevel)
	s.code = newField(lang.L("Mã cơ quan"), newEntry(), func(v string) error {
		if v == "" {
			return errors.New(lang.L("Chưa nhập mã cơ quan"))
		}
		lvl, _ := s.level.get()
		if err := store.ValidOfficeCode(v, lvl); err != nil {
			return errors.New(capFirst(err.Error()))
		}
		return nil
	})
	s.code.entry.SetPlaceHolder(lang.L("tỉnh: SL; xã: SL-X001"))
	s.name = newField(lang.L("Tên cơ quan"), newEntry(), required(lang.L("tên cơ quan")))
	s.name.entry.SetPlaceHolder(lang.L("Sở Nội vụ tỉnh … – Phòng Thi đua, Khen thưởng"))
	s.govern = newField(lang.L("Cơ quan chủ quản"), newEntry(), nil)
	s.issuing = newField(lang.L("Cơ quan ban hành"), newEntry(), required(lang.L("cơ quan ban hành quyết định")))
	s.issuing.entry.SetPlaceHolder(lang.L("ỦY BAN NHÂN DÂN TỈNH …"))
	s.symbol = newField(lang.L("Ký hiệu quyết định"), newEntry(), required(lang.L("ký hiệu quyết định")))
	s.place = newField(lang.L("Địa danh"), newEntry(), required(lang.L("địa danh ghi ở dòng ngày tháng")))
	s.place.entry.SetPlaceHolder(lang.L("tên tỉnh hoặc xã, ví dụ: Sơn Lâm"))
	s.sign1 = newField(lang.L("Người ký"), newEntry(), required(lang.L("họ tên người ký")))
	s.title1 = newField(lang.L("Chức vụ"), newEntry(), required(lang.L("chức vụ người ký")))
	s.mode1 = newChoice([]string{"TM", "KT"}, modeLabel, nil)
	s.sign2 = newField(lang.L("Người ký thay"), newEntry(), nil)
	s.title2 = newField(lang.L("Chức vụ"), newEntry(), nil)
	s.mode2 = newChoice([]string{"TM", "KT"}, modeLabel, nil)
	s.salary = newField(lang.L("Lương cơ sở"), newEntry(), moneyValidator)
	s.salaryOn = newDateField(lang.L("Áp dụng từ ngày"), false)

	s.level.set(tdkt.LevelProvince)
	s.symbol.set("QĐ-UBND")
	s.title1.set("CHỦ TỊCH")
	s.mode1.set("TM")
	s.title2.set("PHÓ CHỦ TỊCH")
	s.mode2.set("KT")
	// the newest step of the embedded catalogue, which the office may change
	if cat, err := tdkt.ParseCatalog(assets.Catalog); err == nil {
		last := cat.LatestSalary()
		s.salary.set(tdkt.Money(last.Amount))
		s.salaryOn.setDate(last.From)
	}

	s.msg = dangerLabel()
	s.msg.Hide()
	s.createBt = widget.NewButtonWithIcon(lang.L("Tạo cơ sở dữ liệu"), theme.ConfirmIcon(), s.onCreate)
	s.createBt.Importance = widget.HighImportance
	s.demoBt = widget.NewButtonWithIcon(lang.L("Dùng thử với tỉnh mẫu Sơn Lâm"), theme.MediaPlayIcon(), s.onDemo)
	s.bar = widget.NewProgressBarInfinite()
	s.bar.Stop()
	s.bar.Hide()
	s.status = wrapLabel("")
	for _, f := range []*field{s.code, s.name, s.govern, s.issuing, s.symbol, s.place, s.sign1, s.title1, s.sign2, s.title2, s.salary, s.salaryOn.field} {
		f.entry.OnSubmitted = func(string) { s.onCreate() }
	}
	return s
}

func levelLabel(l tdkt.Level) string {
	if l == tdkt.LevelCommune {
		return lang.L("Cấp xã (xã, phường, đặc khu)")
	}
	return lang.L("Cấp tỉnh (tỉnh, thành phố)")
}

func modeLabel(m string) string {
	if m == "KT" {
		return "KT."
	}
	return "TM."
}

func (s *setupScreen) onLevel(l tdkt.Level) {
	if s.code != nil && s.code.entry.Text != "" {
		s.code.check() // the code's form depends on the level
	}
	if s.issuing == nil || s.issuing.entry.Text != "" {
		return
	}
	if l == tdkt.LevelCommune {
		s.issuing.entry.SetPlaceHolder(lang.L("ỦY BAN NHÂN DÂN XÃ …"))
	} else {
		s.issuing.entry.SetPlaceHolder(lang.L("ỦY BAN NHÂN DÂN TỈNH …"))
	}
}

func (s *setupScreen) content() fyne.CanvasObject {
	intro := wrapLabel(fmt.Sprintf(lang.L("Chưa có cơ sở dữ liệu tại %s. Hãy khai báo cơ quan để bắt đầu, "+
		"hoặc dùng thử với dữ liệu mẫu của tỉnh Sơn Lâm (tỉnh giả định, không phải số liệu thật)."), s.path))
	office := formRows(
		lang.L("Cấp"), s.level.sel,
		lang.L("Mã cơ quan"), s.code,
		lang.L("Tên cơ quan"), s.name,
		lang.L("Cơ quan chủ quản"), s.govern,
		lang.L("Cơ quan ban hành"), s.issuing,
		lang.L("Ký hiệu quyết định"), s.symbol,
		lang.L("Địa danh"), s.place,
	)
	signers := formRows(
		lang.L("Người ký (1)"), s.sign1,
		lang.L("Chức vụ"), container.NewBorder(nil, nil, nil, s.mode1.sel, s.title1.widget()),
		lang.L("Người ký (2)"), s.sign2,
		lang.L("Chức vụ"), container.NewBorder(nil, nil, nil, s.mode2.sel, s.title2.widget()),
		lang.L("Lương cơ sở (đồng)"), s.salary,
		lang.L("Áp dụng từ ngày"), s.salaryOn.field,
	)
	hint := wrapLabel(lang.L("TM.: Chủ tịch ký thay mặt Ủy ban; KT.: Phó Chủ tịch ký thay Chủ tịch. Lương cơ sở dùng để tính tiền thưởng theo ngày ký quyết định."))
	hint.TextStyle.Italic = true
	cols := container.NewGridWithColumns(2,
		widget.NewCard(lang.L("Cơ quan"), "", office),
		widget.NewCard(lang.L("Người ký và lương cơ sở"), "", container.NewVBox(signers, hint)))
	buttons := container.NewHBox(s.createBt, s.demoBt)
	body := container.NewVBox(heading(lang.L("Thiết lập lần đầu – ")+title()), intro, cols, s.msg, buttons, s.bar, s.status)
	return container.NewVScroll(container.NewPadded(body))
}

// office builds the office record from the form.
func (s *setupScreen) office() (*tdkt.Office, error) {
	if err := checkAll(s.code, s.name, s.issuing, s.symbol, s.place, s.sign1, s.title1, s.salary, s.salaryOn.field); err != nil {
		return nil, err
	}
	lvl, ok := s.level.get()
	if !ok {
		return nil, errors.New(lang.L("Chưa chọn cấp của cơ quan"))
	}
	o := &tdkt.Office{Meta: tdkt.Meta{ID: "office"}, Code: s.code.entry.Text, Name: s.name.text(), Level: lvl,
		GoverningBody: s.govern.text(), IssuingBody: tdkt.UpperVN(s.issuing.text()), Symbol: s.symbol.text(),
		Place: s.place.text()}
	m1, _ := s.mode1.get()
	o.Signers = append(o.Signers, tdkt.Signer{Name: s.sign1.text(), Title: tdkt.UpperVN(s.title1.text()), Mode: m1})
	if s.sign2.text() != "" {
		m2, _ := s.mode2.get()
		o.Signers = append(o.Signers, tdkt.Signer{Name: s.sign2.text(), Title: tdkt.UpperVN(s.title2.text()), Mode: m2})
	}
	return o, nil
}

// catalog is the default catalogue with the base salary step entered here
// added when it is not already the one in force.
func (s *setupScreen) catalog() (*tdkt.Catalog, error) {
	cat, err := tdkt.ParseCatalog(assets.Catalog)
	if err != nil {
		return nil, err
	}
	cat.ID = "catalog"
	amt, err := parseMoney(s.salary.entry.Text)
	if err != nil {
		return nil, err
	}
	from, err := s.salaryOn.date()
	if err != nil {
		return nil, err
	}
	if cur, err := cat.SalaryOn(from); err != nil || cur != amt {
		cat.BaseSalary = append(cat.BaseSalary, tdkt.Salary{From: from, Amount: amt, Basis: "Khai báo khi thiết lập"})
	}
	return cat, cat.Validate()
}

func (s *setupScreen) fail(err error) {
	s.msg.SetText(lang.L("Chưa tạo được: ") + err.Error())
	s.msg.Show()
}

func (s *setupScreen) setBusy(b bool, text string) {
	s.status.SetText(text)
	if b {
		s.createBt.Disable()
		s.demoBt.Disable()
		s.bar.Show()
		s.bar.Start()
		return
	}
	s.createBt.Enable()
	s.demoBt.Enable()
	s.bar.Stop()
	s.bar.Hide()
}

func (s *setupScreen) onCreate() {
	if s.busy.running() {
		return
	}
	s.msg.Hide()
	o, err := s.office()
	if err != nil {
		s.fail(err)
		return
	}
	cat, err := s.catalog()
	if err != nil {
		s.fail(err)
		return
	}
	user := userName()
	s.setBusy(true, lang.L("Đang tạo cơ sở dữ liệu…"))
	s.busy = runBackground(func() func() {
		err := store.Create(s.path, o.Code, store.Options{}, func(db *store.DB) error {
			return db.Update(user, func(tx *store.Tx) error {
				if err := tx.Put(o); err != nil {
					return err
				}
				return tx.Put(cat)
			})
		})
		return func() {
			s.setBusy(false, "")
			if err != nil {
				s.fail(err)
				return
			}
			s.demo = false
			s.done()
		}
	})
}

// onDemo builds the small demo province off the UI goroutine; the progress
// callback comes from the generator's goroutine, hence fyne.Do.
func (s *setupScreen) onDemo() {
	if s.busy.running() {
		return
	}
	s.msg.Hide()
	s.setBusy(true, lang.L("Đang tạo dữ liệu mẫu…"))
	s.busy = runBackground(func() func() {
		err := demo.Generate(s.path, "small", 1, func(step string) {
			uiAsync(func() { s.status.SetText(lang.L("Đang tạo dữ liệu mẫu: ") + step) })
		})
		return func() {
			s.setBusy(false, "")
			if err != nil {
				s.fail(err)
				return
			}
			s.demo = true
			s.done()
		}
	})
}

// adminStep follows the creation of a new office database: it offers the
// administrator account (from then on the window asks for a login, applies
// the roles and locks itself when left alone), or to go on without
// accounts, as before.
type adminStep struct {
	db     *store.DB
	win    fyne.Window
	done   func(*tdkt.User)
	login  *field
	name   *field
	pw1    *field
	pw2    *field
	msg    *widget.Label
	create *widget.Button
	skip   *widget.Button
}

func newAdminStep(db *store.DB, win fyne.Window, done func(*tdkt.User)) *adminStep {
	s := &adminStep{db: db, win: win, done: done}
	s.login = newField(lang.L("Tên đăng nhập"), newEntry(), func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New(lang.L("Chưa nhập tên đăng nhập"))
		}
		if err := tdkt.ValidateUser(&tdkt.User{Login: strings.TrimSpace(v), Name: "x", Role: tdkt.RoleAdmin}); err != nil {
			return errors.New(lang.L("Chỉ dùng 2–32 chữ thường không dấu, số, dấu chấm, gạch (ví dụ: quantri)"))
		}
		return nil
	})
	s.login.set("quantri")
	s.name = newField(lang.L("Họ và tên"), newEntry(), required(lang.L("họ và tên người quản trị")))
	s.pw1 = newField(lang.L("Mật khẩu"), passwordEntry(), passwordRule)
	s.pw2 = newField(lang.L("Nhập lại mật khẩu"), passwordEntry(), func(v string) error {
		if v != s.pw1.entry.Text {
			return errors.New(lang.L("Hai lần nhập mật khẩu không giống nhau"))
		}
		return nil
	})
	for _, f := range []*field{s.login, s.name, s.pw1, s.pw2} {
		f.entry.OnSubmitted = func(string) { s.onCreate() }
	}
	s.msg = dangerLabel()
	s.msg.Hide()
	s.create = widget.NewButtonWithIcon(lang.L("Tạo tài khoản quản trị"), theme.AccountIcon(), s.onCreate)
	s.create.Importance = widget.HighImportance
	s.skip = widget.NewButtonWithIcon(lang.L("Dùng không cần đăng nhập"), theme.NavigateNextIcon(), func() { s.done(nil) })
	return s
}

func (s *adminStep) content() fyne.CanvasObject {
	intro := wrapLabel(lang.L("Đã tạo cơ sở dữ liệu. Nên tạo ngay tài khoản Quản trị: từ đó chương trình hỏi đăng nhập khi mở, "+
		"ghi đúng tên người sửa vào nhật ký, phân quyền Chuyên viên/Lãnh đạo/Chỉ xem, và tự khóa màn hình khi không dùng ") + durationText(lockAfter) +
		lang.L(". Các tài khoản khác thêm sau ở Cài đặt → Người dùng."))
	skip := wrapLabel(lang.L("Máy chỉ một người dùng và để ở nơi an toàn có thể dùng không cần đăng nhập; tài khoản tạo sau cũng được."))
	skip.Importance = widget.LowImportance
	form := container.NewVBox(heading(lang.L("Tài khoản quản trị")), intro,
		formRows(lang.L("Tên đăng nhập"), s.login, lang.L("Họ và tên"), s.name, lang.L("Mật khẩu"), s.pw1, lang.L("Nhập lại mật khẩu"), s.pw2),
		s.msg, container.NewHBox(s.create, s.skip), skip)
	return container.NewCenter(container.New(&widthLayout{width: 640}, widget.NewCard("", "", form)))
}

// onCreate writes the first account; before it exists every writer acts as
// administrator, which is what lets the first run make it.
func (s *adminStep) onCreate() {
	if err := checkAll(s.login, s.name, s.pw1, s.pw2); err != nil {
		return
	}
	u := &tdkt.User{Login: strings.ToLower(strings.TrimSpace(s.login.entry.Text)), Name: s.name.text(), Role: tdkt.RoleAdmin}
	pw := s.pw1.entry.Text
	if err := s.db.Update(userName(), func(tx *store.Tx) error { return tx.AddUser(u, pw) }); err != nil {
		s.msg.SetText(lang.L("Chưa tạo được: ") + err.Error())
		s.msg.Show()
		return
	}
	s.done(u)
}
