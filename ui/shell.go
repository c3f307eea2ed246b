package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// screen is one page of the window, reached from the navigation.
type screen interface {
	// content is built once and kept.
	content() fyne.CanvasObject
	// refresh reloads what may have changed since the screen was last shown.
	refresh()
	// wait blocks until loads started by refresh are on screen (tests and
	// screenshots use it).
	wait()
}

type navItem struct {
	title string
	icon  fyne.Resource
	s     screen
	built fyne.CanvasObject
}

// shell is the main window: the office in the header, the navigation on the
// left, the current screen on the right.
type shell struct {
	e     *env
	items []*navItem
	nav   *widget.List
	stack *fyne.Container
	cur   int

	overview  *overviewScreen
	units     *unitsScreen
	movements *movementsScreen
	dossiers  *dossiersScreen
	council   *councilScreen
	decisions *decisionsScreen
	register  *registerScreen
	sync      *syncScreen
	settings  *settingsScreen
	fileLbl   *widget.Label
}

// Navigation order; the screenshots are numbered the same way.
const (
	navOverview = iota
	navUnits
	navMovements
	navDossiers
	navCouncil
	navDecisions
	navRegister
	navSync
	navSettings
)

func newShell(e *env) *shell {
	s := &shell{e: e, cur: -1}
	s.overview = newOverviewScreen(e)
	s.units = newUnitsScreen(e)
	s.movements = newMovementsScreen(e)
	s.dossiers = newDossiersScreen(e)
	s.council = newCouncilScreen(e)
	s.decisions = newDecisionsScreen(e)
	s.register = newRegisterScreen(e)
	s.sync = newSyncScreen(e)
	s.settings = newSettingsScreen(e)
	s.overview.open = s.openDossier
	s.items = []*navItem{
		{title: lang.L("Tổng quan"), icon: theme.HomeIcon(), s: s.overview},
		{title: lang.L("Đơn vị & cá nhân"), icon: theme.AccountIcon(), s: s.units},
		{title: lang.L("Phong trào, cụm & khối"), icon: theme.MediaFastForwardIcon(), s: s.movements},
		{title: lang.L("Hồ sơ"), icon: theme.FolderOpenIcon(), s: s.dossiers},
		{title: lang.L("Hội đồng"), icon: theme.ConfirmIcon(), s: s.council},
		{title: lang.L("Quyết định"), icon: theme.DocumentCreateIcon(), s: s.decisions},
		{title: lang.L("Sổ & báo cáo"), icon: theme.ListIcon(), s: s.register},
		{title: lang.L("Đồng bộ"), icon: theme.ViewRefreshIcon(), s: s.sync},
		{title: lang.L("Cài đặt"), icon: theme.SettingsIcon(), s: s.settings},
	}
	s.nav = widget.NewList(func() int { return len(s.items) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(lang.L("Phong trào, cụm & khối")))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Icon).SetResource(s.items[i].icon)
			c.Objects[1].(*widget.Label).SetText(s.items[i].title)
		})
	s.nav.OnSelected = func(i widget.ListItemID) { s.show(i) }
	s.stack = container.NewStack()
	return s
}

func (s *shell) content() fyne.CanvasObject {
	office := boldLabel(s.e.office.Name)
	office.Truncation = fyne.TextTruncateEllipsis
	file := widget.NewLabel(lang.L("Tệp dữ liệu: ") + s.e.path)
	file.Truncation = fyne.TextTruncateEllipsis
	file.Importance = widget.LowImportance
	s.fileLbl = file
	sync := widget.NewButtonWithIcon(lang.L("Đồng bộ"), theme.ViewRefreshIcon(), func() { s.show(navSync) })
	right := container.NewHBox()
	if a := s.e.account; a != nil {
		who := widget.NewLabelWithStyle(a.Name+" – "+roleLabel(a.Role), fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
		right.Add(container.NewCenter(who))
	}
	right.Add(container.NewCenter(sync))
	if s.e.typing != nil {
		right.Add(container.NewCenter(s.e.typing.Indicator()))
		s.e.typing.Register(s.e.win.Canvas())
	}
	header := container.NewBorder(nil, nil, nil, right, container.NewVBox(office, file))
	left := container.NewBorder(nil, nil, nil, widget.NewSeparator(), s.nav)
	body := container.NewBorder(nil, nil, left, nil, container.NewPadded(s.stack))
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, body)
}

// show switches to screen i and refreshes it.
func (s *shell) show(i int) {
	if i < 0 || i >= len(s.items) {
		return
	}
	it := s.items[i]
	if it.built == nil {
		it.built = it.s.content()
	}
	if s.cur != i {
		s.cur = i
		s.stack.Objects = []fyne.CanvasObject{it.built}
		s.stack.Refresh()
		s.nav.Select(i)
	}
	it.s.refresh()
}

// openDossier jumps to a dossier's page.
func (s *shell) openDossier(id string) {
	s.show(navDossiers)
	s.dossiers.openID(id)
}
