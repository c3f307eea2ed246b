package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/export/bundle"
	"tdkt/store"
)

// prefSyncFolder remembers the USB folder between sessions.
const prefSyncFolder = "sync.folder"

// syncScreen (Đồng bộ) exchanges changes with other offices on a USB
// stick: this office's key pair and the offices it trusts (compared by
// fingerprint over the phone), a bundle per peer written into the stick's
// folder, the bundles found there addressed to this office imported whole
// or refused whole, and the records both sides edited offline resolved by a
// person.
type syncScreen struct {
	e     *env
	me    *bundle.Identity
	admin bool

	office     *widget.Label
	fp         *widget.Label
	unfinished *widget.Label // an import stopped between its parts
	keyBt      *widget.Button
	keyFileBt  *widget.Button
	trustBt    *widget.Button
	adminNote  *widget.Label
	folder     string
	folderLbl  *widget.Label
	folderBt   *widget.Button

	peers     []peerInfo
	peerList  *widget.List
	peerEmpty *widget.Label

	files    []incoming
	fileList *widget.List
	fileNote *widget.Label
	openBt   *widget.Button
	lastLbl  *widget.Label

	conflicts []store.Conflict
	cards     []*conflictCard
	confBox   *fyne.Container
	confNote  *widget.Label

	tabs *container.AppTabs
	load *progress // pending counts
	job  *progress // writing and reading bundles
	exp  *exporter // the key file

	summary string // what the last export, import or resolution said (tests)
	send    *sendForm
	trust   *trustForm
	pass    *passForm
}

// peerInfo is a trusted office with what the list shows.
type peerInfo struct {
	store.Peer
	fp      string
	pending int // -1 while counting or revoked
}

// incoming is a bundle in the USB folder with its state.
type incoming struct {
	bundleFile
	state string
	ready bool // may be imported
}

// conflictCard is one conflicted record with its resolution buttons.
type conflictCard struct {
	c    store.Conflict
	keep *widget.Button
	use  []*widget.Button
}

var peerWidths = []float32{380, 90, 72, 76, 80}

var fileWidths = []float32{300, 250, 64, 170}

func newSyncScreen(e *env) *syncScreen {
	s := &syncScreen{e: e, admin: e.account == nil || e.account.Role == tdkt.RoleAdmin}
	s.office = boldLabel("")
	s.office.Wrapping = fyne.TextWrapWord
	s.unfinished = dangerLabel()
	s.unfinished.Hide()
	s.fp = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	s.keyBt = widget.NewButtonWithIcon(lang.L("Tạo cặp khóa"), theme.ContentAddIcon(), s.onCreateKey)
	s.keyBt.Importance = widget.HighImportance
	s.keyFileBt = widget.NewButtonWithIcon(lang.L("Xuất tệp khóa…"), theme.DocumentSaveIcon(), s.onExportKey)
	s.trustBt = widget.NewButtonWithIcon(lang.L("Tin cậy khóa…"), theme.ConfirmIcon(), s.onTrustKey)
	s.adminNote = widget.NewLabel(lang.L("Tạo cặp khóa, tin cậy và thu hồi khóa cần tài khoản Quản trị."))
	s.adminNote.Importance = widget.LowImportance
	s.folderLbl = truncLabel("")
	s.folderBt = widget.NewButtonWithIcon(lang.L("Chọn thư mục USB…"), theme.FolderOpenIcon(), func() { s.chooseFolder(nil) })
	s.peerList = widget.NewList(func() int { return len(s.peers) }, s.newPeerRow, s.updatePeerRow)
	s.peerEmpty = wrapLabel(lang.L("Chưa tin cậy cơ quan nào. Nhận tệp khóa của cơ quan kia (trên USB), bấm \"Tin cậy khóa…\" và so dấu vân tay qua điện thoại."))
	s.fileList = widget.NewList(func() int { return len(s.files) }, s.newFileRow, s.updateFileRow)
	s.fileNote = wrapLabel("")
	s.openBt = widget.NewButtonWithIcon(lang.L("Nhập gói khác…"), theme.FileIcon(), s.onOpenBundle)
	s.lastLbl = wrapLabel("")
	s.confBox = container.NewVBox()
	s.confNote = wrapLabel("")
	s.load = newProgress()
	s.job = newProgress()
	s.job.cancel.Hide()
	s.exp = newExporter(e)
	if a := fyne.CurrentApp(); a != nil {
		s.folder = a.Preferences().String(prefSyncFolder)
	}
	return s
}

func (s *syncScreen) content() fyne.CanvasObject {
	keyRow := container.NewBorder(nil, nil, nil, container.NewHBox(s.keyBt, s.keyFileBt), s.fp)
	top := container.NewVBox(
		heading(lang.L("Đồng bộ dữ liệu giữa các cơ quan qua USB")),
		formRows(lang.L("Cơ quan này"), s.office, lang.L("Dấu vân tay khóa"), keyRow,
			lang.L("Thư mục USB"), container.NewBorder(nil, nil, nil, s.folderBt, s.folderLbl)),
		s.unfinished, s.job.box, s.load.box)
	hdr := func(t string) *widget.Label {
		l := boldLabel(t)
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	peerHead := container.New(&columnsLayout{widths: peerWidths},
		hdr(lang.L("Cơ quan – dấu vân tay")), hdr(lang.L("Trạng thái")), hdr(lang.L("Đã gửi")), hdr(lang.L("Đã nhận")), hdr(lang.L("Chờ gửi")), hdr(""))
	peersTab := container.NewBorder(container.NewVBox(
		container.NewBorder(nil, nil, nil, s.trustBt, wrapLabel(lang.L("Chỉ nhận gói từ các cơ quan đã tin cậy. \"Đã gửi\", \"Đã nhận\": số thứ tự gói cuối cùng; \"Chờ gửi\": số bản ghi gói tiếp theo sẽ mang."))),
		s.adminNote, s.peerEmpty, peerHead), nil, nil, nil, s.peerList)
	fileHead := container.New(&columnsLayout{widths: fileWidths},
		hdr(lang.L("Tệp gói")), hdr(lang.L("Gửi từ")), hdr(lang.L("Số gói")), hdr(lang.L("Tình trạng")), hdr(""))
	filesTab := container.NewBorder(container.NewVBox(
		container.NewBorder(nil, nil, nil, s.openBt, s.fileNote), fileHead), s.lastLbl, nil, nil, s.fileList)
	confTab := container.NewBorder(s.confNote, nil, nil, nil, container.NewVScroll(s.confBox))
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Cơ quan tin cậy"), theme.AccountIcon(), peersTab),
		container.NewTabItemWithIcon(lang.L("Nhận gói"), theme.DownloadIcon(), filesTab),
		container.NewTabItemWithIcon(lang.L("Xung đột"), theme.WarningIcon(), confTab),
	)
	if !s.admin {
		s.keyBt.Disable()
		s.trustBt.Disable()
	} else {
		s.adminNote.Hide()
	}
	return container.NewBorder(top, nil, nil, nil, s.tabs)
}

// wait blocks until the bundle work, the key file and the counts it
// started are on screen.
func (s *syncScreen) wait() {
	s.job.wait()
	s.exp.wait()
	s.load.wait()
}

// showUnfinished shows l when a bundle import stopped between its parts (a
// power cut, a pulled stick) and has not been finished since: what it wrote
// is whole, and importing the same file again brings the rest.
func showUnfinished(e *env, l *widget.Label) {
	us, err := e.db.Unfinished()
	switch {
	case err != nil:
		l.SetText(fmt.Sprintf(lang.L("Không đọc được tình trạng lần nhập gói trước: %v"), err))
	case len(us) == 0:
		l.Hide()
		return
	default:
		var lines []string
		for _, u := range us {
			lines = append(lines, fmt.Sprintf(lang.L("Lần nhập gói số %d từ %s dừng giữa chừng lúc %s: mới ghi %d trong %d phần. Phần đã ghi vẫn đúng; hãy nhập lại chính tệp gói đó (mục Đồng bộ → Nhận gói) để nhập nốt."),
				u.Seq, u.From, u.At.Local().Format("15:04 02/01/2006"), u.Done, u.Parts))
		}
		l.SetText(strings.Join(lines, "\n"))
	}
	l.Show()
}

// refresh reads the key pair, the peers, the folder and the conflicts (all
// small), then counts each peer's pending changes off the UI goroutine.
func (s *syncScreen) refresh() {
	showUnfinished(s.e, s.unfinished)
	me, err := loadIdentity(s.e.db)
	if err != nil {
		s.e.showError(fmt.Errorf(lang.L("Không đọc được cặp khóa của cơ quan: %w"), err))
	}
	s.me = me
	o := s.e.office
	s.office.SetText(fmt.Sprintf("%s – %s (%s)", o.Code, o.Name, officeLevel(o.Level)))
	s.fp.TextStyle = fyne.TextStyle{Monospace: me != nil}
	if me == nil {
		s.fp.SetText(lang.L("Chưa có cặp khóa: cần tạo trước khi trao đổi gói."))
		s.keyBt.Show()
		s.keyFileBt.Hide()
	} else {
		s.fp.SetText(me.Fingerprint())
		s.keyBt.Hide()
		s.keyFileBt.Show()
	}
	var peers []store.Peer
	s.e.view(func(tx *store.Tx) error {
		peers, err = tx.Peers()
		if err == nil {
			s.conflicts, err = tx.Conflicts()
		}
		return err
	})
	if err != nil {
		s.e.showError(err)
	}
	s.peers = make([]peerInfo, len(peers))
	for i, p := range peers {
		s.peers[i] = peerInfo{Peer: p, fp: bundle.Key{Sign: p.Sign, Age: p.Age}.Fingerprint(), pending: -1}
	}
	s.peerList.Refresh()
	if len(s.peers) == 0 {
		s.peerEmpty.Show()
	} else {
		s.peerEmpty.Hide()
	}
	s.showFolder()
	s.showConflicts()
	s.tabs.Items[0].Text = fmt.Sprintf(lang.L("Cơ quan tin cậy (%d)"), len(s.peers))
	s.tabs.Items[2].Text = fmt.Sprintf(lang.L("Xung đột (%d)"), len(s.conflicts))
	s.tabs.Refresh()
	s.countPending()
}

// countPending counts, per trusted peer, the records the next bundle would
// carry (tx.Pending: what tx.Outgoing would choose), without keeping them.
func (s *syncScreen) countPending() {
	peers := append([]peerInfo(nil), s.peers...)
	if len(peers) == 0 {
		return
	}
	s.load.run(lang.L("Đang đếm thay đổi chờ gửi…"), func(ctx context.Context, report func(int, int)) (func(), error) {
		counts := make([]int, len(peers))
		err := s.e.view(func(tx *store.Tx) error {
			for i, p := range peers {
				if ctx.Err() != nil {
					return errCancelled
				}
				report(i, len(peers))
				counts[i] = -1
				if p.Revoked {
					continue
				}
				n, err := tx.Pending(p.Code)
				if err != nil {
					return err
				}
				counts[i] = n
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return func() {
			for i := range s.peers {
				if i < len(peers) && s.peers[i].Code == peers[i].Code {
					s.peers[i].pending = counts[i]
				}
			}
			s.peerList.Refresh()
		}, nil
	}, s.e.showError)
}

// Peers.

func (s *syncScreen) newPeerRow() fyne.CanvasObject {
	name := boldLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	fp := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	fp.Truncation = fyne.TextTruncateEllipsis
	fp.SizeName = theme.SizeNameCaptionText
	send := widget.NewButtonWithIcon(lang.L("Xuất gói cho …"), theme.MailSendIcon(), nil)
	revoke := widget.NewButtonWithIcon(lang.L("Thu hồi"), theme.CancelIcon(), nil)
	return container.New(&columnsLayout{widths: peerWidths},
		container.NewVBox(name, fp), widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""),
		container.NewHBox(send, revoke))
}

func (s *syncScreen) updatePeerRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.peers) {
		return
	}
	p := s.peers[i]
	objs := o.(*fyne.Container).Objects
	id := objs[0].(*fyne.Container).Objects
	id[0].(*widget.Label).SetText(p.Code + " – " + p.Name)
	id[1].(*widget.Label).SetText(p.fp)
	state := objs[1].(*widget.Label)
	if p.Revoked {
		state.SetText(lang.L("đã thu hồi"))
		state.Importance = widget.DangerImportance
	} else {
		state.SetText(lang.L("tin cậy"))
		state.Importance = widget.SuccessImportance
	}
	state.Refresh()
	objs[2].(*widget.Label).SetText(strconv.FormatUint(p.SentSeq, 10))
	objs[3].(*widget.Label).SetText(strconv.FormatUint(p.RecvSeq, 10))
	pending := "…"
	switch {
	case p.Revoked:
		pending = "–"
	case p.pending >= 0:
		pending = num(p.pending)
	}
	objs[4].(*widget.Label).SetText(pending)
	bts := objs[5].(*fyne.Container).Objects
	send, revoke := bts[0].(*widget.Button), bts[1].(*widget.Button)
	code := p.Code
	send.SetText(lang.L("Xuất gói cho ") + code)
	send.OnTapped = func() { s.onSend(code) }
	revoke.OnTapped = func() { s.onRevoke(code) }
	if p.Revoked || s.me == nil {
		send.Disable()
	} else {
		send.Enable()
	}
	if p.Revoked || !s.admin {
		revoke.Disable()
	} else {
		revoke.Enable()
	}
}

func (s *syncScreen) peer(code string) (peerInfo, bool) {
	for _, p := range s.peers {
		if p.Code == code {
			return p, true
		}
	}
	return peerInfo{}, false
}

// The USB folder.

// chooseFolder asks for the stick's folder; then runs after it is set.
func (s *syncScreen) chooseFolder(then func()) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			s.e.showError(fmt.Errorf(lang.L("Không mở được thư mục: %w"), err))
			return
		}
		if l == nil {
			return
		}
		s.setFolder(uriPath(l))
		if a := fyne.CurrentApp(); a != nil {
			a.Preferences().SetString(prefSyncFolder, uriPath(l))
		}
		if then != nil {
			then()
		}
	}, s.e.win)
	if s.folder != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(s.folder)); err == nil {
			d.SetLocation(l)
		}
	}
	d.SetTitleText(lang.L("Chọn thư mục trên USB để ghi và nhận gói"))
	d.SetConfirmText(lang.L("Chọn"))
	d.SetDismissText(lang.L("Hủy"))
	d.Resize(fyne.NewSize(900, 600))
	s.e.show(d)
}

// setFolder uses dir for bundles from now on (the folder chosen in the
// dialog is also remembered for the next session).
func (s *syncScreen) setFolder(dir string) {
	s.folder = dir
	s.showFolder()
}

// folderReady reports whether the USB folder is there (a stick pulled out
// or another drive letter is not).
func (s *syncScreen) folderReady() bool {
	if s.folder == "" {
		return false
	}
	st, err := os.Stat(s.folder)
	return err == nil && st.IsDir()
}

// showFolder lists the bundles in the folder addressed to this office.
func (s *syncScreen) showFolder() {
	s.files = nil
	if s.folder == "" {
		s.folderLbl.SetText(lang.L("(chưa chọn: cắm USB rồi bấm \"Chọn thư mục USB…\")"))
		s.fileNote.SetText(lang.L("Chọn thư mục USB để thấy các gói gửi cho cơ quan này."))
	} else {
		s.folderLbl.SetText(s.folder)
		found, err := bundlesFor(s.folder, s.e.office.Code)
		switch {
		case !s.folderReady():
			s.fileNote.SetText(lang.L("Không thấy thư mục USB ") + s.folder + lang.L(": hãy cắm USB rồi bấm \"Chọn thư mục USB…\"."))
		case err != nil:
			s.fileNote.SetText(lang.L("Không đọc được thư mục USB: ") + err.Error())
		case len(found) == 0:
			s.fileNote.SetText(fmt.Sprintf(lang.L("Thư mục USB không có gói nào gửi cho %s (tên tệp dạng <mã nơi gửi>_%s_<số>.tdkt)."), s.e.office.Code, s.e.office.Code))
		default:
			s.fileNote.SetText(fmt.Sprintf(lang.L("Các gói trong thư mục USB gửi cho %s:"), s.e.office.Code))
		}
		for _, f := range found {
			in := incoming{bundleFile: f}
			p, ok := s.peer(f.from)
			switch {
			case !ok:
				in.state = lang.L("cơ quan chưa tin cậy")
			case p.Revoked:
				in.state = lang.L("khóa đã thu hồi")
			case f.seq <= p.RecvSeq:
				in.state = lang.L("đã nhập")
				in.ready = true // importing again is harmless: nothing changes
			default:
				in.state = lang.L("chưa nhập")
				in.ready = true
			}
			s.files = append(s.files, in)
		}
	}
	waiting := 0
	for _, f := range s.files {
		if f.state == lang.L("chưa nhập") {
			waiting++
		}
	}
	if s.tabs != nil {
		s.tabs.Items[1].Text = fmt.Sprintf(lang.L("Nhận gói (%d)"), waiting)
		s.tabs.Refresh()
	}
	s.fileList.Refresh()
}

func (s *syncScreen) newFileRow() fyne.CanvasObject {
	return container.New(&columnsLayout{widths: fileWidths},
		truncLabel(""), truncLabel(""), widget.NewLabel(""), widget.NewLabel(""),
		container.NewHBox(widget.NewButtonWithIcon(lang.L("Nhập"), theme.DownloadIcon(), nil)))
}

func (s *syncScreen) updateFileRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(s.files) {
		return
	}
	f := s.files[i]
	objs := o.(*fyne.Container).Objects
	objs[0].(*widget.Label).SetText(filepath.Base(f.path))
	from := f.from
	if p, ok := s.peer(f.from); ok {
		from += " – " + p.Name
	}
	objs[1].(*widget.Label).SetText(from)
	objs[2].(*widget.Label).SetText(strconv.FormatUint(f.seq, 10))
	st := objs[3].(*widget.Label)
	st.SetText(f.state)
	switch f.state {
	case lang.L("chưa nhập"):
		st.Importance = widget.HighImportance
	case lang.L("đã nhập"):
		st.Importance = widget.LowImportance
	default:
		st.Importance = widget.DangerImportance
	}
	st.Refresh()
	bt := objs[4].(*fyne.Container).Objects[0].(*widget.Button)
	path := f.path
	bt.OnTapped = func() { s.importFile(path, "") }
	if f.ready && s.me != nil {
		bt.Enable()
	} else {
		bt.Disable()
	}
}

// The key pair.

func (s *syncScreen) onCreateKey() {
	o := s.e.office
	s.e.confirm(lang.L("Tạo cặp khóa"), fmt.Sprintf(lang.L("Tạo cặp khóa cho %s – %s? Khóa bí mật được giữ trong cơ sở dữ liệu (hãy sao lưu); "+
		"khóa công khai được xuất thành tệp để các cơ quan khác tin cậy."), o.Code, o.Name), s.createKey)
}

func (s *syncScreen) createKey() {
	if _, err := newIdentity(s.e.db, s.e.user, s.e.office); err != nil {
		s.e.showError(fmt.Errorf(lang.L("Không tạo được cặp khóa: %w"), err))
		return
	}
	s.refresh()
	s.summary = lang.L("Đã tạo cặp khóa. Dấu vân tay: ") + s.fp.Text
	s.e.showInfo(lang.L("Đã tạo cặp khóa"), s.summary+lang.L("\nBấm \"Xuất tệp khóa…\" để mang khóa công khai sang cơ quan kia."))
}

// keyJob writes the public key file.
func (s *syncScreen) keyJob() (exportJob, error) {
	if s.me == nil {
		return exportJob{}, errors.New(lang.L("cơ quan chưa có cặp khóa"))
	}
	k := s.me.Key
	return exportJob{what: lang.L("Tệp khóa công khai của ") + k.Code, name: k.Code + ".key", noOpen: true,
		note: lang.L("Dấu vân tay: ") + k.Fingerprint() + lang.L("\nMang tệp này sang cơ quan kia; khi họ tin cậy khóa, hai bên đọc so dấu vân tay qua điện thoại."),
		render: func(_ context.Context, w io.Writer, _ func(int, int)) error {
			b, err := keyFile(k)
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		}}, nil
}

func (s *syncScreen) onExportKey() {
	job, err := s.keyJob()
	if err != nil {
		s.e.showError(err)
		return
	}
	s.exp.ask(job)
}

// trustForm shows a key's fingerprint and asks that it was compared by
// phone before trusting it.
type trustForm struct {
	key      bundle.Key
	compared *widget.Check
	ok       *widget.Button
	d        *dialog.CustomDialog
}

func (s *syncScreen) onTrustKey() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.e.showError(fmt.Errorf(lang.L("Không mở được tệp khóa: %w"), err))
			return
		}
		if r == nil {
			return
		}
		b, err := io.ReadAll(io.LimitReader(r, 1<<16))
		r.Close()
		if err != nil {
			s.e.showError(fmt.Errorf(lang.L("Không đọc được tệp khóa: %w"), err))
			return
		}
		s.askTrust(b)
	}, s.e.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".key", ".json"}))
	d.SetTitleText(lang.L("Chọn tệp khóa công khai của cơ quan kia"))
	d.SetConfirmText(lang.L("Mở"))
	d.SetDismissText(lang.L("Hủy"))
	d.Resize(fyne.NewSize(900, 600))
	s.e.show(d)
}

// askTrust shows the key in b and trusts it once the user confirms.
func (s *syncScreen) askTrust(b []byte) {
	k, err := bundle.ParseKey(b)
	if err != nil {
		s.e.showError(fmt.Errorf(lang.L("Tệp không phải tệp khóa tdkt: %w"), err))
		return
	}
	if k.Code == s.e.office.Code {
		s.e.showError(fmt.Errorf(lang.L("Đây là khóa của chính cơ quan này (%s)"), k.Code))
		return
	}
	f := &trustForm{key: k}
	f.compared = widget.NewCheck(lang.L("Tôi đã gọi điện cho cơ quan này và so từng nhóm của dấu vân tay: khớp hoàn toàn."), nil)
	f.ok = widget.NewButtonWithIcon(lang.L("Tin cậy"), theme.ConfirmIcon(), func() {
		f.d.Hide()
		if err := trustKey(s.e.db, s.e.user, k); err != nil {
			s.e.showError(fmt.Errorf(lang.L("Không tin cậy được khóa của %s: %w"), k.Code, err))
			return
		}
		s.summary = fmt.Sprintf(lang.L("Đã tin cậy khóa của %s – %s."), k.Code, k.Name)
		s.refresh()
	})
	f.ok.Importance = widget.HighImportance
	f.ok.Disable()
	f.compared.OnChanged = func(b bool) {
		if b {
			f.ok.Enable()
		} else {
			f.ok.Disable()
		}
	}
	fp := widget.NewLabelWithStyle(k.Fingerprint(), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	body := container.NewVBox(
		formRows(lang.L("Mã cơ quan"), widget.NewLabel(k.Code), lang.L("Tên"), widget.NewLabel(k.Name), lang.L("Cấp"), widget.NewLabel(officeLevel(k.Level))),
		boldLabel(lang.L("Dấu vân tay của khóa:")), fp,
		wrapLabel(lang.L("Tệp khóa có thể bị đánh tráo trên đường. Hãy gọi điện cho cán bộ của cơ quan này, nhờ họ đọc dấu vân tay hiện trên màn hình Đồng bộ của họ và so với dòng trên. Chỉ tin cậy khi khớp hoàn toàn.")),
		f.compared)
	f.d = dialog.NewCustomWithoutButtons(lang.L("Tin cậy khóa của ")+k.Code, body, s.e.win)
	f.d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { f.d.Hide() }), f.ok})
	f.d.Resize(fyne.NewSize(640, 420))
	s.trust = f
	s.e.show(f.d)
}

func (s *syncScreen) onRevoke(code string) {
	p, ok := s.peer(code)
	if !ok {
		return
	}
	s.e.confirm(lang.L("Thu hồi khóa"), fmt.Sprintf(lang.L("Thu hồi khóa của %s – %s? Từ nay gói của cơ quan này bị từ chối và không xuất gói cho họ nữa. "+
		"Muốn trao đổi lại, phải tin cậy một khóa (mới) của họ."), p.Code, p.Name), func() {
		if err := revokePeer(s.e.db, s.e.user, code); err != nil {
			s.e.showError(fmt.Errorf(lang.L("Không thu hồi được khóa của %s: %w"), code, err))
			return
		}
		s.summary = lang.L("Đã thu hồi khóa của ") + code + "."
		s.refresh()
	})
}

// Sending.

// sendForm asks for an optional passphrase before writing a bundle.
type sendForm struct {
	to      string
	pw, pw2 *widget.Entry
	full    *widget.Check
	msg     *widget.Label
	ok      *widget.Button
	d       *dialog.CustomDialog
}

func (s *syncScreen) onSend(code string) {
	if s.me == nil {
		s.e.showError(errors.New(lang.L("Cơ quan chưa có cặp khóa: hãy tạo cặp khóa trước")))
		return
	}
	if !s.folderReady() {
		s.chooseFolder(func() { s.onSend(code) })
		return
	}
	p, ok := s.peer(code)
	if !ok {
		return
	}
	f := &sendForm{to: code}
	f.pw = widget.NewPasswordEntry()
	f.pw.SetPlaceHolder(lang.L("để trống: mã hóa bằng khóa của cơ quan nhận"))
	f.pw2 = widget.NewPasswordEntry()
	f.pw2.SetPlaceHolder(lang.L("nhập lại mật khẩu"))
	f.full = widget.NewCheck(lang.L("Gói đầy đủ (mọi bản ghi, khi cơ quan nhận cài lại máy hoặc mất dữ liệu)"), nil)
	f.msg = dangerLabel()
	f.msg.Hide()
	f.ok = widget.NewButtonWithIcon(lang.L("Xuất gói"), theme.MailSendIcon(), func() {
		pw := f.pw.Text
		switch {
		case pw != "" && len([]rune(pw)) < 8:
			f.msg.SetText(lang.L("Mật khẩu gói cần ít nhất 8 ký tự."))
			f.msg.Show()
			return
		case pw != f.pw2.Text:
			f.msg.SetText(lang.L("Hai lần nhập mật khẩu không giống nhau."))
			f.msg.Show()
			return
		}
		f.d.Hide()
		s.sendTo(code, pw, f.full.Checked)
	})
	f.ok.Importance = widget.HighImportance
	body := container.NewVBox(
		wrapLabel(fmt.Sprintf(lang.L("Gói mang các thay đổi mà %s chưa có, được ký bằng khóa của cơ quan này và mã hóa, rồi ghi vào thư mục %s."), p.Name, s.folder)),
		formRows(lang.L("Mật khẩu gói (không bắt buộc)"), f.pw, lang.L("Nhập lại"), f.pw2),
		wrapLabel(lang.L("Nếu đặt mật khẩu, gói được mã hóa bằng mật khẩu thay cho khóa của cơ quan nhận: hãy báo mật khẩu qua điện thoại, không ghi lên USB.")),
		f.full, f.msg)
	f.d = dialog.NewCustomWithoutButtons(lang.L("Xuất gói cho ")+p.Code+" – "+p.Name, body, s.e.win)
	f.d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { f.d.Hide() }), f.ok})
	f.d.Resize(fyne.NewSize(680, 400))
	s.send = f
	s.e.show(f.d)
}

// sendTo writes the bundle for code into the folder off the UI goroutine.
func (s *syncScreen) sendTo(code, pw string, full bool) *task {
	db, by, me, dir := s.e.db, s.e.user, s.me, s.folder
	return s.job.run(lang.L("Đang xuất gói cho ")+code+"…", func(_ context.Context, report func(int, int)) (func(), error) {
		sb, err := writeBundle(db, by, me, code, dir, pw, full, report)
		if err != nil {
			return nil, fmt.Errorf(lang.L("Không xuất được gói cho %s: %w"), code, err)
		}
		return func() {
			s.summary = fmt.Sprintf(lang.L("Đã ghi gói số %d cho %s: %s bản ghi, %s tệp đính kèm.\nTệp: %s"),
				sb.seq, code, num(sb.records), num(sb.blobs), sb.path)
			if pw != "" {
				s.summary += lang.L("\nGói được mã hóa bằng mật khẩu: hãy báo mật khẩu cho bên nhận qua điện thoại.")
			}
			s.e.showInfo(lang.L("Đã xuất gói"), s.summary)
			s.refresh()
		}, nil
	}, func(err error) {
		s.summary = err.Error()
		s.e.showError(err)
	})
}

// Receiving.

func (s *syncScreen) onOpenBundle() {
	if s.me == nil {
		s.e.showError(errors.New(lang.L("Cơ quan chưa có cặp khóa: chưa nhận được gói")))
		return
	}
	s.e.openPath(lang.L("Chọn gói (.tdkt) để nhập"), lang.L("Nhập"), s.folder, []string{".tdkt"},
		func(path string) { s.importFile(path, "") })
}

// importFile verifies and applies a bundle off the UI goroutine. A bundle
// that the office's key does not open asks for its passphrase.
func (s *syncScreen) importFile(path, pw string) *task {
	db, by, me := s.e.db, s.e.user, s.me
	name := filepath.Base(path)
	return s.job.run(lang.L("Đang nhập gói ")+name+"…", func(_ context.Context, report func(int, int)) (func(), error) {
		res, err := importBundle(db, by, me, path, pw, report)
		if err != nil {
			if errors.Is(err, bundle.ErrDecrypt) && pw == "" {
				return func() { s.askPassphrase(path) }, nil
			}
			return nil, err
		}
		return func() {
			s.e.version++
			if err := s.e.reload(); err != nil {
				s.e.showError(err)
			}
			s.showImported(name, res)
			s.refresh()
		}, nil
	}, func(err error) {
		var part *store.PartialImport
		if errors.As(err, &part) {
			// a large bundle stopped between its parts: what is written
			// stays and shows, and the same file finishes it
			s.summary = fmt.Sprintf(lang.L("Gói %s mới nhập được %d trong %d phần; các phần đã nhập vẫn đúng và đủ. Khắc phục rồi nhập lại chính tệp này để nhập nốt.\nLý do: %v"),
				name, part.Done, part.Parts, part.Err)
			s.e.version++
			if err := s.e.reload(); err != nil {
				s.e.showError(err)
			}
			s.refresh()
			s.lastLbl.SetText(s.summary)
			s.e.show(dialog.NewInformation(lang.L("Gói mới nhập được một phần"), s.summary, s.e.win))
			return
		}
		s.summary = fmt.Sprintf(lang.L("Gói %s không được nhập; không có gì thay đổi.\nLý do: %v"), name, err)
		s.lastLbl.SetText(s.summary)
		s.e.show(dialog.NewInformation(lang.L("Không nhập gói"), s.summary, s.e.win))
	})
}

func (s *syncScreen) showImported(name string, r receivedBundle) {
	if r.Duplicate {
		s.summary = fmt.Sprintf(lang.L("Gói %s đã được nhập trước đó: không có thay đổi."), name)
	} else {
		s.summary = fmt.Sprintf(lang.L("Đã nhập gói %s (số %d từ %s): thêm mới %d, cập nhật %d, không đổi %d, xung đột %d, tệp đính kèm %d."),
			name, r.seq, r.from, r.Added, r.Updated, r.Unchanged, r.Conflicts, r.Blobs)
		if r.Conflicts > 0 {
			s.summary += lang.L("\nCó bản ghi hai bên cùng sửa: xem thẻ \"Xung đột\" để chọn bản đúng.")
		}
	}
	s.lastLbl.SetText(s.summary)
	s.e.showInfo(lang.L("Đã nhập gói"), s.summary)
}

// passForm asks for the passphrase of a bundle encrypted with one.
type passForm struct {
	pw *widget.Entry
	ok *widget.Button
	d  *dialog.CustomDialog
}

func (s *syncScreen) askPassphrase(path string) {
	f := &passForm{pw: widget.NewPasswordEntry()}
	f.ok = widget.NewButtonWithIcon(lang.L("Nhập gói"), theme.ConfirmIcon(), func() {
		f.d.Hide()
		s.importFile(path, f.pw.Text)
	})
	f.ok.Importance = widget.HighImportance
	f.pw.OnSubmitted = func(string) { f.ok.OnTapped() }
	body := container.NewVBox(
		wrapLabel(fmt.Sprintf(lang.L("Khóa của cơ quan này không mở được gói %s: có thể gói được mã hóa bằng mật khẩu. Hãy nhập mật khẩu do bên gửi báo qua điện thoại."), filepath.Base(path))),
		formRows(lang.L("Mật khẩu gói"), f.pw))
	f.d = dialog.NewCustomWithoutButtons(lang.L("Mật khẩu gói"), body, s.e.win)
	f.d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), func() { f.d.Hide() }), f.ok})
	f.d.Resize(fyne.NewSize(560, 260))
	s.pass = f
	s.e.show(f.d)
}

// officeLevel names an office's level.
func officeLevel(l tdkt.Level) string {
	if l == tdkt.LevelCommune {
		return lang.L("cấp xã")
	}
	return lang.L("cấp tỉnh")
}
