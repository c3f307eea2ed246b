package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"tdkt"
	"tdkt/store"
)

// newOffice creates an office database as "tdkt office init" does
// (cmd/tdkt's setupOffices), through the store: the office record and the
// default catalogue, and the key pair unless noKey.
func newOffice(t *testing.T, dir, code, name string, lvl tdkt.Level, noKey bool) string {
	t.Helper()
	path, err := createOffice(dir, code, name, lvl, !noKey)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// keyOf writes an office's public key file with the screen's job.
func keyOf(t *testing.T, s *syncScreen, dir string) []byte {
	t.Helper()
	job, err := s.keyJob()
	if err != nil {
		t.Fatal(err)
	}
	b := writeJob(t, s.exp, job, filepath.Join(dir, job.name))
	if s.exp.openBt != nil {
		t.Error("a key file is offered to the system viewer")
	}
	return b
}

// TestSyncScreenTwoOffices drives the Đồng bộ screens of a province and a
// commune: key pair made from the screen, keys exchanged and trusted after
// the fingerprint check, bundles written to the USB folder and imported
// with their summary, a passphrase bundle, a conflict resolved from the
// list, and a revoked key refusing a bundle.
func TestSyncScreenTwoOffices(t *testing.T) {
	test.NewTempApp(t)
	dir := t.TempDir()
	stick := filepath.Join(dir, "usb")
	os.MkdirAll(stick, 0o755)
	provPath := newOffice(t, dir, "SL", "Sở Nội vụ tỉnh Sơn Lâm", tdkt.LevelProvince, true)
	xaPath := newOffice(t, dir, "SL-X001", "Xã Nậm Xé", tdkt.LevelCommune, false)

	prov, _, provDB := openShell(t, provPath)
	xa, _, xaDB := openShell(t, xaPath)
	prov.show(navSync)
	xa.show(navSync)
	p, x := prov.sync, xa.sync

	// the province has no key pair yet: make it from the screen
	if p.me != nil || p.keyBt.Hidden || !strings.Contains(p.fp.Text, "Chưa có cặp khóa") {
		t.Fatalf("province key: %q", p.fp.Text)
	}
	test.Tap(p.keyBt)
	test.Tap(prov.e.confirmOK)
	if p.me == nil || len(p.fp.Text) != 39 || !p.keyBt.Hidden {
		t.Fatalf("key pair not made: %q (%s)", p.fp.Text, p.summary)
	}

	// keys exchanged on the stick; each side checks the fingerprint first
	provKey, xaKey := keyOf(t, p, stick), keyOf(t, x, stick)
	p.askTrust(xaKey)
	if p.trust == nil || !p.trust.ok.Disabled() {
		t.Fatal("trusting without comparing the fingerprint")
	}
	p.trust.compared.SetChecked(true)
	test.Tap(p.trust.ok)
	x.askTrust(provKey)
	x.trust.compared.SetChecked(true)
	test.Tap(x.trust.ok)
	if len(p.peers) != 1 || p.peers[0].Code != "SL-X001" || p.peers[0].fp != x.me.Fingerprint() ||
		len(x.peers) != 1 || x.peers[0].fp != p.me.Fingerprint() {
		t.Fatalf("peers %+v / %+v", p.peers, x.peers)
	}

	// the commune registers a unit and a dossier and sends them
	var dossierID string
	err := xa.e.update(func(tx *store.Tx) error {
		u := &tdkt.Unit{Name: "Trường Tiểu học Nậm Xé", Type: tdkt.UnitSchool}
		if err := tx.Put(u); err != nil {
			return err
		}
		d := &tdkt.Dossier{Title: "Đề nghị của xã Nậm Xé", Year: 2026, UnitID: u.ID, Method: tdkt.MethodRegular, Status: tdkt.StatusReceived,
			Candidates: []tdkt.Candidate{{ID: "C1", Subject: tdkt.SubjectPerson, Name: "Giàng A Páo", AwardCode: "LDTT"}}}
		err := tx.Put(d)
		dossierID = d.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	x.refresh()
	x.wait()
	if x.peers[0].pending != 2 {
		t.Errorf("commune's pending changes for the province: %d", x.peers[0].pending)
	}
	x.setFolder(stick)
	x.sendTo("SL", "", false)
	x.wait()
	if !strings.Contains(x.summary, "Đã ghi gói số 1 cho SL: 2 bản ghi") {
		t.Fatalf("commune export: %s", x.summary)
	}
	if x.peers[0].SentSeq != 1 || x.peers[0].pending != 2 {
		t.Errorf("after sending: sent %d, pending %d", x.peers[0].SentSeq, x.peers[0].pending)
	}

	// the province finds it in the folder and imports it
	p.setFolder(stick)
	if len(p.files) != 1 || p.files[0].from != "SL-X001" || p.files[0].state != "chưa nhập" || p.tabs.Items[1].Text != "Nhận gói (1)" {
		t.Fatalf("bundles in the folder: %+v", p.files)
	}
	p.importFile(p.files[0].path, "")
	p.wait()
	if !strings.Contains(p.summary, "thêm mới 2, cập nhật 0, không đổi 0, xung đột 0, tệp đính kèm 0") {
		t.Fatalf("province import: %s", p.summary)
	}
	if p.lastLbl.Text != p.summary || p.files[0].state != "đã nhập" || p.peers[0].RecvSeq != 1 {
		t.Errorf("after import: %q, %+v", p.lastLbl.Text, p.files)
	}
	provDB.View(func(tx *store.Tx) error {
		if !tx.Has(tdkt.KindDossier, dossierID) {
			t.Error("the commune's dossier did not arrive")
		}
		return nil
	})
	// importing the same bundle again changes nothing
	p.importFile(p.files[0].path, "")
	p.wait()
	if !strings.Contains(p.summary, "đã được nhập trước đó") {
		t.Errorf("second import: %s", p.summary)
	}

	// the province answers with a passphrase bundle
	p.onSend("SL-X001")
	if p.send == nil {
		t.Fatal("no export form")
	}
	p.send.pw.SetText("ngắn")
	p.send.pw2.SetText("ngắn")
	test.Tap(p.send.ok)
	if p.send.msg.Hidden || !strings.Contains(p.send.msg.Text, "ít nhất 8 ký tự") {
		t.Errorf("short passphrase: %q", p.send.msg.Text)
	}
	p.send.pw.SetText("mật khẩu gói 2026")
	p.send.pw2.SetText("mật khẩu gói 2026")
	test.Tap(p.send.ok)
	p.wait()
	if !strings.Contains(p.summary, "Đã ghi gói số 1 cho SL-X001") || !strings.Contains(p.summary, "mật khẩu") {
		t.Fatalf("province export: %s", p.summary)
	}
	x.showFolder()
	if len(x.files) != 1 || x.files[0].from != "SL" {
		t.Fatalf("commune's folder: %+v", x.files)
	}
	// the same bundle cut short on the stick, its header with it, is
	// refused as damaged, without asking for a passphrase that could not
	// help (cut after its header, it would ask: the header says a
	// passphrase locks it)
	good, err := os.ReadFile(x.files[0].path)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "hong.tdkt")
	if err := os.WriteFile(bad, good[:40], 0o600); err != nil {
		t.Fatal(err)
	}
	x.importFile(bad, "")
	x.wait()
	if x.pass != nil || !strings.Contains(x.summary, "Gói hong.tdkt không được nhập") || !strings.Contains(x.summary, "bị cắt cụt, hỏng") {
		t.Fatalf("a cut bundle: passphrase asked %v, %s", x.pass != nil, x.summary)
	}
	x.importFile(x.files[0].path, "")
	x.wait()
	if x.pass == nil {
		t.Fatalf("no passphrase asked: %s", x.summary)
	}
	x.pass.pw.SetText("mật khẩu gói 2026")
	test.Tap(x.pass.ok)
	x.wait()
	if !strings.Contains(x.summary, "Đã nhập gói SL_SL-X001_000001.tdkt (số 1 từ SL)") || !strings.Contains(x.summary, "xung đột 0") {
		t.Fatalf("commune import: %s", x.summary)
	}

	// offline, both edit the dossier: each import finds a conflict
	edit := func(sh *shell, title string) {
		t.Helper()
		err := sh.e.update(func(tx *store.Tx) error {
			d := &tdkt.Dossier{}
			if err := tx.Get(dossierID, d); err != nil {
				return err
			}
			d.Title = title
			return tx.Put(d)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	edit(xa, "Đề nghị của xã Nậm Xé (xã sửa)")
	edit(prov, "Đề nghị của xã Nậm Xé (tỉnh sửa)")
	x.sendTo("SL", "", false)
	x.wait()
	p.sendTo("SL-X001", "", false)
	p.wait()
	p.showFolder()
	p.importFile(p.files[len(p.files)-1].path, "")
	p.wait()
	if !strings.Contains(p.summary, "xung đột 1") {
		t.Fatalf("province import of the edit: %s", p.summary)
	}
	x.showFolder()
	x.importFile(x.files[len(x.files)-1].path, "")
	x.wait()
	if !strings.Contains(x.summary, "xung đột 1") {
		t.Fatalf("commune import of the edit: %s", x.summary)
	}

	// the province's list shows both versions side by side
	if len(p.conflicts) != 1 || len(p.cards) != 1 || p.tabs.Items[2].Text != "Xung đột (1)" {
		t.Fatalf("conflicts %d, cards %d", len(p.conflicts), len(p.cards))
	}
	card := p.cards[0]
	other := card.c.Others[0].(*tdkt.Dossier).Title
	current := card.c.Current.(*tdkt.Dossier).Title
	if other == current || len(card.use) != 1 {
		t.Fatalf("versions %q / %q", current, other)
	}
	text := labelsOf(p.confBox)
	if !strings.Contains(text, "Tiêu đề") || !strings.Contains(text, current) || !strings.Contains(text, other) ||
		!strings.Contains(text, "Bản hiện hành") || !strings.Contains(text, "Bản kia") {
		t.Errorf("conflict card:\n%s", text)
	}
	test.Tap(card.use[0])
	if len(p.conflicts) != 0 || !strings.Contains(p.summary, "Đã giải quyết xung đột") {
		t.Fatalf("after resolving: %d conflicts (%s)", len(p.conflicts), p.summary)
	}
	title := func(db *store.DB) string {
		d := &tdkt.Dossier{}
		db.View(func(tx *store.Tx) error { return tx.Get(dossierID, d) })
		if d.Conflict {
			return "(conflict) " + d.Title
		}
		return d.Title
	}
	if got := title(provDB); got != other {
		t.Errorf("province kept %q, want the other version %q", got, other)
	}
	// the choice travels: the commune's conflict is settled too
	p.sendTo("SL-X001", "", false)
	p.wait()
	x.showFolder()
	x.importFile(x.files[len(x.files)-1].path, "")
	x.wait()
	if len(x.conflicts) != 0 || title(xaDB) != other {
		t.Errorf("commune after the resolution: %d conflicts, %q", len(x.conflicts), title(xaDB))
	}

	// a revoked key: the province refuses the commune's next bundle
	p.onRevoke("SL-X001")
	test.Tap(prov.e.confirmOK)
	if !p.peers[0].Revoked {
		t.Fatal("not revoked")
	}
	x.sendTo("SL", "", false)
	x.wait()
	p.showFolder()
	last := p.files[len(p.files)-1]
	if last.state != "khóa đã thu hồi" || last.ready {
		t.Errorf("bundle of a revoked office: %+v", last)
	}
	p.importFile(last.path, "")
	p.wait()
	if !strings.Contains(p.summary, "không được nhập") || !strings.Contains(p.summary, "thu hồi") {
		t.Errorf("revoked import: %s", p.summary)
	}
}

// labelsOf collects the text of every label under o.
func labelsOf(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		case *widget.Label:
			b.WriteString(v.Text)
			b.WriteByte('\n')
		}
	}
	walk(o)
	return b.String()
}
