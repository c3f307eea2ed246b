package store_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"tdkt"
	"tdkt/store"
)

// TestMain lets the test binary act as the crash test's writer child.
func TestMain(m *testing.M) {
	if path := os.Getenv("TDKT_CRASH_WRITER"); path != "" {
		crashWriter(path)
		return
	}
	os.Exit(m.Run())
}

// crashWriter commits people one transaction at a time and acknowledges each
// id on stdout only after its commit returned, until it is killed.
func crashWriter(path string) {
	db, err := store.Open(path, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	out := bufio.NewWriter(os.Stdout)
	for i := 0; ; i++ {
		p := &tdkt.Person{Name: fmt.Sprintf("Nguyễn Văn Thử %d", i), Category: tdkt.CatWorker}
		err := db.Update("crash", func(tx *store.Tx) error {
			if err := tx.Put(p); err != nil {
				return err
			}
			// a second record in the same transaction: both or neither
			u := &tdkt.Unit{Name: "Đơn vị của " + p.Name}
			return tx.Put(u)
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(4)
		}
		fmt.Fprintln(out, p.ID)
		out.Flush()
	}
}

// TestCrashSafety kills a writer with SIGKILL at random moments, 200 times:
// every acknowledged record must survive and the file must check clean.
func TestCrashSafety(t *testing.T) {
	rounds := 200
	if testing.Short() {
		rounds = 20
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	if err := store.Create(path, "T1", store.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	var acked []string
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "TDKT_CRASH_WRITER="+path)
		stdout, _ := cmd.StdoutPipe()
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		deadline := time.After(time.Duration(15+r.IntN(100)) * time.Millisecond)
		if round%10 == 0 {
			deadline = time.After(time.Duration(r.IntN(15)) * time.Millisecond) // often before the first commit
		}
	read:
		for {
			select {
			case id, ok := <-lines:
				if !ok {
					break read
				}
				acked = append(acked, id)
			case <-deadline:
				cmd.Process.Signal(syscall.SIGKILL)
				for id := range lines { // drain what was acknowledged before death
					acked = append(acked, id)
				}
				break read
			}
		}
		cmd.Wait()
		if strings.Contains(stderr.String(), "panic") {
			t.Fatalf("round %d: writer failed: %s", round, stderr.String())
		}
		db, err := store.Open(path, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("round %d: reopen: %v", round, err)
		}
		err = db.View(func(tx *store.Tx) error {
			for _, id := range acked {
				if !tx.Has(tdkt.KindPerson, id) {
					return fmt.Errorf("acknowledged %s lost", id)
				}
			}
			if tx.Count(tdkt.KindPerson) != tx.Count(tdkt.KindUnit) {
				return fmt.Errorf("half a transaction: %d people, %d units", tx.Count(tdkt.KindPerson), tx.Count(tdkt.KindUnit))
			}
			return nil
		})
		if err == nil {
			var probs []store.Problem
			probs, err = db.Check()
			if len(probs) > 0 {
				err = fmt.Errorf("check: %v", probs[0])
			}
		}
		db.Close()
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
	if len(acked) < rounds {
		t.Fatalf("only %d records acknowledged in %d rounds: the writer barely ran", len(acked), rounds)
	}
	t.Logf("%d rounds, %d acknowledged records, none lost", rounds, len(acked))
}
