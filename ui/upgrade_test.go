package ui

import (
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	bolt "go.etcd.io/bbolt"

	"tdkt/store"
)

// TestOpenUpgradesOldFile: a file an older version wrote opens through the
// upgrade screen, off the UI goroutine, and ends on the overview with the
// file upgraded.
func TestOpenUpgradesOldFile(t *testing.T) {
	test.NewTempApp(t)
	fx := newTestDB(t)
	b, err := bolt.Open(fx.path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, 1))
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	var screen string
	gate := make(chan struct{})
	r := openRoot(t, fx.path, func(r *root) { r.upgraded, r.upgradeGate = make(chan error, 1), gate })
	if r.msg != nil {
		screen = r.msg.Text
	}
	close(gate)
	if !strings.Contains(screen, "nâng cấp cấu trúc") {
		t.Errorf("the window did not say it upgrades: %q", screen)
	}
	select {
	case err := <-r.upgraded:
		if err != nil {
			t.Fatalf("upgrade: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("no upgrade ended within a minute")
	}
	if r.shell == nil || r.db == nil {
		t.Fatal("no shell after the upgrade")
	}
	r.backupTask.wait()
	if need, err := store.NeedsUpgrade(fx.path); err == nil && need {
		t.Error("the file still needs its upgrade after the window opened it")
	}
}
