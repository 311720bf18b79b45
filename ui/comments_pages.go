package ui

import (
	"context"

	"github.com/verbatim-app/verbatim/data"
)

// Pages of the comment list: the list asks for rows by index, the store hands out pages by
// keyset (each page starts after the previous one's last row), so the list grows as the user
// scrolls: it shows the rows of the pages fetched so far, plus one "loading" row while more
// exist. Only the pages near what the user looks at keep their rows in memory; a page scrolled
// far away drops them and keeps its start cursor, to fetch them again if the user comes back.
const (
	commentPageSize  = 50
	commentPagesKept = 12
)

// commentPage is one page of the list.
type commentPage struct {
	start   *data.Cursor // where it starts; nil for the first page
	rows    []*data.Response
	n       int  // how many rows it has, once fetched
	fetched bool // n is known (rows may have been dropped since)
	loading bool
	next    *data.Cursor // where the next page starts; nil on the last page
	used    int          // when a row of it was last asked for (a counter)
}

// commentPages holds the list's pages for one filter. UI goroutine only.
type commentPages struct {
	svc   data.CommentService
	bg    *background
	f     data.CommentFilter
	gen   generation
	pages []*commentPage
	clock int

	onChange func()      // rows arrived: refresh the list
	onError  func(error) // a page could not be fetched
}

func newCommentPages(svc data.CommentService, bg *background) *commentPages {
	return &commentPages{svc: svc, bg: bg}
}

// reset starts over with a new filter (or the same one, to see new data).
func (p *commentPages) reset(f data.CommentFilter) {
	p.f = f
	p.gen.next()
	p.pages = []*commentPage{{}}
	p.fetch(0)
}

// length is how many rows the list shows: the fetched ones, plus one loading row while
// more may come.
func (p *commentPages) length() int {
	n := 0
	for _, pg := range p.pages {
		n += pg.n
	}
	if last := p.pages[len(p.pages)-1]; !last.fetched || last.next != nil {
		n++
	}
	return n
}

// row returns row i, or nil while it is being fetched. Asking for a row of the last page
// fetches the page after it, so that scrolling rarely waits.
func (p *commentPages) row(i int) *data.Response {
	k, at := p.locate(i)
	if k < 0 {
		p.extend()
		return nil
	}
	pg := p.pages[k]
	p.clock++
	pg.used = p.clock
	if k == len(p.pages)-1 {
		p.extend()
	}
	if pg.rows == nil {
		p.fetch(k)
		return nil
	}
	return pg.rows[at]
}

// locate finds the page holding row i and its index there; k is -1 past the fetched rows.
func (p *commentPages) locate(i int) (k, at int) {
	for k, pg := range p.pages {
		if i < pg.n {
			return k, i
		}
		i -= pg.n
	}
	return -1, 0
}

// extend adds the page after the last one, once the last one is fetched and says there is
// more.
func (p *commentPages) extend() {
	last := p.pages[len(p.pages)-1]
	if !last.fetched || last.next == nil {
		return
	}
	p.pages = append(p.pages, &commentPage{start: last.next})
	p.fetch(len(p.pages) - 1)
}

// fetch loads page k off the UI goroutine.
func (p *commentPages) fetch(k int) {
	pg := p.pages[k]
	if pg.loading {
		return
	}
	pg.loading = true
	gen, f, start := p.gen.n, p.f, pg.start
	load(p.bg, func(ctx context.Context) (data.CommentPage, error) {
		return p.svc.FindComments(ctx, f, start, commentPageSize)
	}, func(page data.CommentPage, err error) {
		if !p.gen.current(gen) {
			return
		}
		pg.loading = false
		if err != nil {
			if p.onError != nil {
				p.onError(err)
			}
			return
		}
		if pg.fetched && len(page.Responses) != pg.n {
			// Responses were deleted since the page was first fetched: the row numbers the
			// list knows are wrong now, so start over.
			p.reset(p.f)
			if p.onChange != nil {
				p.onChange()
			}
			return
		}
		pg.rows, pg.next = page.Responses, page.Next
		pg.n, pg.fetched = len(page.Responses), true
		p.clock++
		pg.used = p.clock
		p.evict()
		if p.onChange != nil {
			p.onChange()
		}
	})
}

// evict drops the rows of the least recently used pages beyond commentPagesKept.
func (p *commentPages) evict() {
	for {
		held, oldest := 0, -1
		for k, pg := range p.pages {
			if pg.rows == nil {
				continue
			}
			held++
			if oldest < 0 || pg.used < p.pages[oldest].used {
				oldest = k
			}
		}
		if held <= commentPagesKept {
			return
		}
		p.pages[oldest].rows = nil
	}
}

// find returns the index of the row holding response id among the rows in memory, or -1.
func (p *commentPages) find(id int64) int {
	i := 0
	for _, pg := range p.pages {
		for j, r := range pg.rows {
			if r.ID == id {
				return i + j
			}
		}
		i += pg.n
	}
	return -1
}

// cached returns row i when its page is in memory, without fetching anything.
func (p *commentPages) cached(i int) *data.Response {
	k, at := p.locate(i)
	if k < 0 || p.pages[k].rows == nil {
		return nil
	}
	return p.pages[k].rows[at]
}
