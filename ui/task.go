package ui

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"tdkt/ui/jobs"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// errCancelled is returned by work that stopped because the user cancelled.
var errCancelled = jobs.ErrCancelled

// uiSync and uiAsync hand work to the UI goroutine (fyne.DoAndWait and
// fyne.Do). Fyne's test driver runs such work on the calling goroutine, so
// the tests set applyInWait: a finished task's result is then put on screen
// by wait(), on the goroutine that drives the UI, as the event loop would.
var (
	uiSync      = fyne.DoAndWait
	uiAsync     = fyne.Do
	applyInWait = false
)

// task is one piece of long work running off the UI goroutine.
type task struct {
	cancel context.CancelFunc
	done   chan struct{}
	apply  func() // set instead of applied when applyInWait
}

// wait blocks until the task has finished and its result is on screen.
func (t *task) wait() {
	if t == nil {
		return
	}
	<-t.done
	if f := t.apply; f != nil {
		t.apply = nil
		f()
	}
}

// finish puts a task's result on screen through the UI goroutine.
func (t *task) finish(f func()) {
	if applyInWait {
		t.apply = f
		return
	}
	uiSync(f)
}

func (t *task) running() bool {
	if t == nil {
		return false
	}
	select {
	case <-t.done:
		return false
	default:
		return true
	}
}

// progress is the strip that shows long work: what is being done, a bar,
// and a cancel button. It is hidden while nothing runs.
type progress struct {
	box    *fyne.Container
	bar    *widget.ProgressBar
	text   *widget.Label
	cancel *widget.Button

	mu  sync.Mutex
	cur *task
}

func newProgress() *progress {
	p := &progress{bar: widget.NewProgressBar(), text: widget.NewLabel("")}
	p.bar.TextFormatter = func() string {
		return fmt.Sprintf("%.0f%%", p.bar.Value*100)
	}
	p.cancel = widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), p.onCancel)
	p.box = container.NewBorder(nil, nil, p.text, p.cancel, p.bar)
	p.box.Hide()
	return p
}

func (p *progress) onCancel() {
	p.mu.Lock()
	t := p.cur
	p.mu.Unlock()
	if t != nil {
		t.cancel()
	}
}

// current is the task running or last run.
func (p *progress) current() *task {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cur
}

// wait blocks until the strip is idle, following work that the applied
// result started in turn.
func (p *progress) wait() {
	for {
		t := p.current()
		t.wait()
		if p.current() == t {
			return
		}
	}
}

// run starts work off the UI goroutine, cancelling the previous work of
// this strip. work reports how far it is (done of total; it may be called
// often, the bar is refreshed at most ten times a second) and returns a
// function that puts its result on screen; that function runs on the UI
// goroutine, and not at all when the work was cancelled or failed. fail, if
// not nil, is told of an error on the UI goroutine.
func (p *progress) run(what string, work func(ctx context.Context, report func(done, total int)) (func(), error), fail func(error)) *task {
	p.mu.Lock()
	if p.cur != nil {
		p.cur.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	t := &task{cancel: cancel, done: make(chan struct{})}
	p.cur = t
	p.mu.Unlock()

	p.text.SetText(what)
	p.bar.SetValue(0)
	p.cancel.Enable()
	p.box.Show()

	go func() {
		defer close(t.done)
		defer cancel()
		var last time.Time
		report := func(done, total int) {
			if total <= 0 || time.Since(last) < 100*time.Millisecond {
				return
			}
			last = time.Now()
			v := float64(done) / float64(total)
			uiAsync(func() { p.bar.SetValue(v) })
		}
		apply, err := work(ctx, report)
		if err == nil && ctx.Err() != nil {
			err = errCancelled
		}
		t.finish(func() {
			p.mu.Lock()
			mine := p.cur == t
			p.mu.Unlock()
			if !mine {
				return // superseded by newer work of the same strip
			}
			p.box.Hide()
			switch {
			case errors.Is(err, errCancelled):
			case err != nil:
				if fail != nil {
					fail(err)
				}
			case apply != nil:
				apply()
			}
		})
	}()
	return t
}

// runBackground runs work off the UI goroutine without a strip and puts its
// result on screen through fyne.DoAndWait.
func runBackground(work func() func()) *task {
	t := &task{cancel: func() {}, done: make(chan struct{})}
	go func() {
		defer close(t.done)
		if apply := work(); apply != nil {
			t.finish(apply)
		}
	}()
	return t
}

// debouncer runs f once typing pauses, so a filter is not recomputed for
// every key. Under the tests (applyInWait) it runs f at once.
type debouncer struct {
	mu    sync.Mutex
	timer *time.Timer
}

func (d *debouncer) call(delay time.Duration, f func()) {
	if applyInWait {
		f()
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(delay, func() { uiAsync(f) })
}
