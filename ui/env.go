package ui

import (
	"fmt"
	"os"
	"os/user"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/assets"
	"tdkt/store"
)

// env is what every screen depends on: the open database, the window, the
// user's name for the audit log, and the office, catalogue and units, which
// are small and read everywhere, kept in memory.
type env struct {
	db      *store.DB
	path    string
	win     fyne.Window
	user    string
	account *tdkt.User // the logged-in account, nil when the file has none
	now     func() time.Time

	office *tdkt.Office
	cat    *tdkt.Catalog
	units  map[string]*tdkt.Unit

	typing *typingMode // the Telex/VNI indicator's state (fields read the preferences)

	dialogs   []dialog.Dialog
	confirmOK *widget.Button // the open confirmation's OK button
	version   int            // counts saves, so lists know when to reload
}

func newEnv(db *store.DB, path string, win fyne.Window) (*env, error) {
	e := &env{db: db, path: path, win: win, user: userName(), now: time.Now}
	if a := fyne.CurrentApp(); a != nil {
		prefs := a.Preferences()
		e.typing = newTypingMode(prefs)
		prefs.AddChangeListener(func() { e.typing.reload() })
	}
	if err := e.reload(); err != nil {
		return nil, err
	}
	win.Canvas().SetOnTypedKey(e.onKey)
	return e, nil
}

// userName is the login of the person at the PC, for the audit log.
func userName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		name := u.Username
		if i := strings.LastIndexAny(name, `\/`); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	if n := os.Getenv("USERNAME"); n != "" {
		return n
	}
	return "tdkt"
}

// reload reads the office, catalogue and units again.
func (e *env) reload() error {
	return e.db.View(func(tx *store.Tx) error {
		o, err := tx.OfficeRecord()
		if err != nil {
			return err
		}
		c, err := tx.Catalog()
		if err != nil {
			return err
		}
		if len(c.Bases) == 0 {
			// a catalogue saved before it held the decisions' legal
			// grounds takes the shipped ones (saved with its next edit)
			if def, err := tdkt.ParseCatalog(assets.Catalog); err == nil {
				c.Bases = def.Bases
			}
		}
		units := map[string]*tdkt.Unit{}
		err = tx.Each(tdkt.KindUnit, func(r tdkt.Record) error {
			u := r.(*tdkt.Unit)
			units[u.ID] = u
			return nil
		})
		if err != nil {
			return err
		}
		e.office, e.cat, e.units = o, c, units
		return nil
	})
}

// mayWrite reports whether the account in use may write rec (tdkt.Permit;
// a file without accounts is written as by an administrator): buttons that
// would only meet a refusal are disabled.
func (e *env) mayWrite(rec tdkt.Record) bool {
	role := tdkt.RoleAdmin
	if e.account != nil {
		role = e.account.Role
	}
	return tdkt.Permit(role, rec) == nil
}

// localOnly says, for a record this office may change but not send on
// (tdkt.InScope: a commune and what the province created), that a change
// stays on this machine; "" when the change travels.
func (e *env) localOnly(rec tdkt.Record) string {
	if rec.Base().ID == "" || !tdkt.Synced(rec.Kind()) || tdkt.InScope(e.office.Level, e.office.Code, rec) == nil {
		return ""
	}
	return fmt.Sprintf(lang.L("Bản ghi do cơ quan khác tạo (%s): thay đổi ở đây chỉ lưu trên máy này, không gửi đi khi đồng bộ; muốn sửa cho mọi nơi, hãy báo cơ quan đó."), tdkt.OriginOf(rec.Base().ID))
}

// update runs fn in one write transaction: a save is all or nothing.
func (e *env) update(fn func(tx *store.Tx) error) error {
	err := e.db.Update(e.user, fn)
	if err == nil {
		e.version++
	} else {
		e.writeFailed(err)
	}
	return err
}

func (e *env) view(fn func(tx *store.Tx) error) error { return e.db.View(fn) }

func (e *env) today() tdkt.Date { return tdkt.DateOf(e.now()) }

// unit returns the cached unit.
func (e *env) unit(id string) (*tdkt.Unit, bool) {
	u, ok := e.units[id]
	return u, ok
}

// unitName is the unit's name, or the id when unknown.
func (e *env) unitName(id string) string {
	if id == "" {
		return ""
	}
	if u, ok := e.units[id]; ok {
		return u.Name
	}
	return id
}

// currentUnit follows the 2025 merger history to today's unit.
func (e *env) currentUnit(id string) string { return tdkt.CurrentUnit(id, e.unit) }

// itemName is the catalogue name of an award code.
func (e *env) itemName(code string) string {
	if it, ok := e.cat.Item(code); ok {
		return it.Name
	}
	return code
}

// itemShort is the short name of an award code, for narrow columns.
func (e *env) itemShort(code string) string {
	if it, ok := e.cat.Item(code); ok {
		if it.Short != "" {
			return it.Short
		}
		return it.Name
	}
	return code
}

// liveUnits lists the units that still exist (not merged), sorted for
// pickers.
func (e *env) liveUnits(withMerged bool) []*tdkt.Unit {
	var out []*tdkt.Unit
	for _, u := range e.units {
		if withMerged || u.MergedInto == "" {
			out = append(out, u)
		}
	}
	sortUnits(out)
	return out
}

var unitRank = map[tdkt.UnitKind]int{tdkt.UnitProvince: 0, tdkt.UnitDepartment: 1, tdkt.UnitArmed: 2,
	tdkt.UnitAgency: 3, tdkt.UnitCommune: 4, tdkt.UnitSchool: 5, tdkt.UnitVillage: 6, tdkt.UnitEnterprise: 7}

func sortUnits(us []*tdkt.Unit) {
	sort.SliceStable(us, func(i, j int) bool {
		a, b := us[i], us[j]
		if (a.MergedInto == "") != (b.MergedInto == "") {
			return a.MergedInto == ""
		}
		if unitRank[a.Type] != unitRank[b.Type] {
			return unitRank[a.Type] < unitRank[b.Type]
		}
		return tdkt.Fold(a.Name) < tdkt.Fold(b.Name)
	})
}

// Dialogs: the env keeps the open ones so that Esc closes the top one.

func (e *env) show(d dialog.Dialog) {
	e.dialogs = append(e.dialogs, d)
	d.SetOnClosed(func() {
		for i := len(e.dialogs) - 1; i >= 0; i-- {
			if e.dialogs[i] == d {
				e.dialogs = append(e.dialogs[:i], e.dialogs[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// onKey is the window's key handler: Esc closes the top dialog.
func (e *env) onKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && len(e.dialogs) > 0 {
		e.dialogs[len(e.dialogs)-1].Hide()
	}
}

func (e *env) showError(err error) {
	if err == nil {
		return
	}
	e.show(dialog.NewError(err, e.win))
}

func (e *env) showInfo(title, msg string) {
	e.show(dialog.NewInformation(title, msg, e.win))
}

// confirm asks before an action that cannot be undone; yes runs on "Đồng
// ý". The button is kept in confirmOK while the dialog is open (tests tap it).
func (e *env) confirm(title, msg string, yes func()) {
	e.confirmContent(title, wrapLabel(msg), yes)
}

// confirmContent is confirm with content of its own (a choice to make).
func (e *env) confirmContent(title string, content fyne.CanvasObject, yes func()) {
	var d *dialog.CustomDialog
	ok := widget.NewButtonWithIcon(lang.L("Đồng ý"), theme.ConfirmIcon(), func() {
		d.Hide()
		yes()
	})
	ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(title, content, e.win)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.Resize(fyne.NewSize(520, 200))
	e.confirmOK = ok
	d.SetOnClosed(func() {
		if e.confirmOK == ok {
			e.confirmOK = nil
		}
	})
	e.show(d)
}
