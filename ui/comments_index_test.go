package ui

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/verbatim-app/verbatim/data"
)

// fakeIndex is a search index whose progress the test moves; it counts the polls.
type fakeIndex struct {
	mu    sync.Mutex
	st    data.IndexStatus
	polls int
}

func (f *fakeIndex) IndexStatus(context.Context) (data.IndexStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.polls++
	return f.st, nil
}

func (f *fakeIndex) set(st data.IndexStatus) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.st = st
}

func (f *fakeIndex) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.polls
}

// newIndexFixture is a Comments screen on 50 fake responses whose search index is at
// searchable, polled every few milliseconds.
func newIndexFixture(t *testing.T, searchable float64) (*commentsFixture, *fakeIndex) {
	t.Helper()
	fi := &fakeIndex{st: data.IndexStatus{Searchable: searchable}}
	fx := newCommentsFixture(t, 50, func(svc *commentServices) { svc.Index = fi })
	fx.do(func() { fx.s.index.every = 5 * time.Millisecond })
	return fx, fi
}

// typeSearch types q and presses Enter without waiting for everything to settle: the poll
// runs until the index is complete.
func (fx *commentsFixture) typeSearch(q string) {
	fx.do(func() {
		fx.s.search.SetText(q)
		fx.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
}

// waitLine waits until the index line shows want ("" for hidden).
func (fx *commentsFixture) waitLine(t *testing.T, want string) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		fx.do(func() {
			got = ""
			if l := fx.s.index.line; l.Visible() {
				got = l.Text
			}
		})
		if got == want {
			return
		}
	}
	t.Fatalf("index line = %q, want %q", got, want)
}

// assertNoPolls fails when the index is polled again over many poll periods, after a
// grace period for a poll that was under way.
func assertNoPolls(t *testing.T, fi *fakeIndex) {
	t.Helper()
	time.Sleep(20 * time.Millisecond)
	before := fi.count()
	time.Sleep(100 * time.Millisecond)
	if n := fi.count(); n != before {
		t.Fatalf("index polled %d more times after the poll should have stopped", n-before)
	}
}

func TestCommentsScreen_IndexProgress(t *testing.T) {
	const behind = "Indexing for search: %d%% — results may be incomplete"

	t.Run("FollowsProgressThenSearchesAgain", func(t *testing.T) {
		fx, fi := newIndexFixture(t, 0.4)
		if fi.count() != 0 || fx.s.index.line.Visible() {
			t.Fatalf("without a search: %d polls, line shown %v; want neither", fi.count(), fx.s.index.line.Visible())
		}
		fx.typeSearch("invoice")
		fx.waitLine(t, fmt.Sprintf(behind, 40))
		fi.set(data.IndexStatus{Searchable: 0.999})
		fx.waitLine(t, fmt.Sprintf(behind, 99)) // never "100%" while a part is missing

		// The comments the index reaches meanwhile: the search runs again when it is done.
		fx.fc.mu.Lock()
		before := len(fx.fc.matching(data.CommentFilter{Search: "invoice"}))
		for _, r := range fx.fc.responses {
			if !fx.fc.matches(r, data.CommentFilter{Search: "invoice"}) {
				r.Comment = "an invoice found late"
				break
			}
		}
		fx.fc.mu.Unlock()
		fi.set(data.IndexStatus{Searchable: 1})
		fx.waitLine(t, "")
		fx.settle()
		if want := fmt.Sprintf("%d comments", before+1); fx.s.count.Text != want {
			t.Fatalf("count after indexing = %q, want %q (the search run again)", fx.s.count.Text, want)
		}
		assertNoPolls(t, fi)
	})

	t.Run("Failed", func(t *testing.T) {
		fx, fi := newIndexFixture(t, 0.5)
		fx.typeSearch("refund")
		fx.waitLine(t, fmt.Sprintf(behind, 50))
		fi.set(data.IndexStatus{Searchable: 0.5, Err: data.Errorf(data.EINTERNAL, "the disk is full")})
		fx.waitLine(t, "Indexing for search failed, so results may be incomplete: the disk is full")
		assertNoPolls(t, fi)
	})

	// The poll also stops, the index still behind, when nothing needs the line any more.
	for _, tc := range []struct {
		name  string
		leave func(fx *commentsFixture)
		line  string // the line left, if the screen is still there
	}{
		{"SearchCleared", func(fx *commentsFixture) { fx.typeSearch("") }, ""},
		{"ScreenStopped", func(fx *commentsFixture) { fx.do(fx.s.stop) }, fmt.Sprintf(behind, 20)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fx, fi := newIndexFixture(t, 0.2)
			fx.typeSearch("slow")
			fx.waitLine(t, fmt.Sprintf(behind, 20))
			tc.leave(fx)
			fx.waitLine(t, tc.line)
			assertNoPolls(t, fi)
		})
	}

	t.Run("CompleteShowsNothing", func(t *testing.T) {
		fx, fi := newIndexFixture(t, 1)
		fx.typeSearch("app")
		fx.settle() // the single poll ends by itself
		if fx.s.index.line.Visible() || fi.count() != 1 {
			t.Fatalf("complete index: line shown %v after %d polls; want hidden after one", fx.s.index.line.Visible(), fi.count())
		}
	})
}
