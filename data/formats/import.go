package formats

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// Store is what Import needs of the cache: a part of data.SourceService and
// data.ResponseService.
type Store interface {
	SourceByName(ctx context.Context, name string) (*data.Source, error)
	EnsureSource(ctx context.Context, name, kind string) (*data.Source, error)
	UpdateSource(ctx context.Context, s *data.Source) error
	DeleteSource(ctx context.Context, id int64) error
	BeginBulk(ctx context.Context, sourceID int64) (data.BulkWriter, error)
}

// Loader is a Store that can commit a large load before indexing it (sqlite.DB): Import
// then leaves secondary indexes and full-text indexing to the store's catch-up, after the
// responses and their scores are committed.
type Loader interface {
	BeginLoad(ctx context.Context, sourceID int64) (data.BulkWriter, error)
}

// BatchSize is how many responses Import hands the store at a time: large enough for the
// store's multi-row statements, small enough for a smooth progress bar.
const BatchSize = 2000

// Result is what one import did.
type Result struct {
	File   string
	Format string
	Source string
	Read   int // data rows read, skipped ones included
	data.UpsertResult
	Skipped Skips
}

// Progress reports how far an import is, for a progress bar.
type Progress struct {
	File   string
	Bytes  int64 // bytes of the file read so far
	Total  int64 // the file's size
	Rows   int   // responses written so far
	Format string
}

// Import reads the export at path into the store under one source, all in one bulk write:
// a file that fails anywhere (bad header, truncated end, a bad row with Options.Strict,
// cancellation) leaves the database exactly as it was, including the source when Import
// created it. Re-importing a file, or one that overlaps it, inserts nothing twice: rows
// match on (source, external id), and ids are the platform's or a stable content hash.
//
// Parsing and writing run at the same time on two goroutines. progress, when not nil, is
// called from the calling goroutine after each batch. With a Loader store, search may not
// find the new comments yet when Import returns: the store indexes them after the commit.
func Import(ctx context.Context, store Store, path string, opts Options, progress func(Progress)) (Result, error) {
	res := Result{File: path}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return res, data.Errorf(data.ENOTFOUND, "%s does not exist", path)
		}
		return res, data.Errorf(data.EINVALID, "cannot open %s: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return res, fmt.Errorf("read %s: %w", path, err)
	}
	if st.IsDir() {
		return res, data.Errorf(data.EINVALID, "%s is a folder, not an export file", path)
	}
	if opts.DefaultTime.IsZero() {
		opts.DefaultTime = st.ModTime()
	}
	p, err := Open(f, filepath.Base(path), opts)
	if err != nil {
		return res, err
	}
	res.Format = p.Format()
	res.Source = opts.Source
	if res.Source == "" {
		res.Source = SourceName(res.Format, path)
	}
	kind := data.KindFile
	if res.Format == FormatDelighted {
		kind = data.KindDelighted
	}

	_, err = store.SourceByName(ctx, res.Source)
	created := data.ErrorCode(err) == data.ENOTFOUND
	if err != nil && !created {
		return res, err
	}
	src, err := store.EnsureSource(ctx, res.Source, kind)
	if err != nil {
		return res, err
	}
	begin := store.BeginBulk
	if l, ok := store.(Loader); ok {
		begin = l.BeginLoad
	}
	w, err := begin(ctx, src.ID)
	if err != nil {
		return res, undo(ctx, store, src, created, err)
	}
	report := func(rows int) {
		if progress != nil {
			progress(Progress{File: path, Bytes: p.BytesRead(), Total: st.Size(), Rows: rows, Format: res.Format})
		}
	}
	if err := stream(ctx, p, w, &res, report); err != nil {
		w.Rollback()
		return res, undo(ctx, store, src, created, err)
	}
	if err := w.Commit(); err != nil {
		return res, undo(ctx, store, src, created, err)
	}
	res.Read, res.Skipped = p.RowsRead(), p.Skipped()
	report(res.Inserted + res.Updated + res.Unchanged)

	// Record where the source's data came from; the import itself is already safe.
	src.LastSyncAt, src.LastError = time.Now().UTC(), ""
	if src.Config == nil {
		src.Config = map[string]string{}
	}
	if abs, err := filepath.Abs(path); err == nil {
		src.Config["path"] = abs
	}
	src.Config["format"] = res.Format
	if err := store.UpdateSource(ctx, src); err != nil {
		return res, err
	}
	return res, nil
}

// stream parses on one goroutine and writes batches on this one.
func stream(ctx context.Context, p *Parser, w data.BulkWriter, res *Result, report func(int)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []*data.Response, 2)
	parsed := make(chan error, 1)
	go func() {
		defer close(batches)
		batch := make([]*data.Response, 0, BatchSize)
		for {
			r, err := p.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				parsed <- err
				return
			}
			batch = append(batch, r)
			if len(batch) < BatchSize {
				continue
			}
			select {
			case batches <- batch:
			case <-ctx.Done():
				parsed <- ctx.Err()
				return
			}
			batch = make([]*data.Response, 0, BatchSize)
		}
		if len(batch) > 0 {
			select {
			case batches <- batch:
			case <-ctx.Done():
				parsed <- ctx.Err()
				return
			}
		}
		parsed <- nil
	}()

	var werr error
	for batch := range batches {
		if werr != nil {
			continue // drain, so the parser can finish
		}
		if werr = ctx.Err(); werr != nil {
			cancel()
			continue
		}
		r, err := w.Write(ctx, batch)
		if err != nil {
			werr = fmt.Errorf("write responses from %s: %w", filepath.Base(res.File), err)
			cancel()
			continue
		}
		res.Add(r)
		report(res.Inserted + res.Updated + res.Unchanged)
	}
	if perr := <-parsed; perr != nil && werr == nil {
		return perr
	}
	return werr
}

// undo removes a source Import created for a file that failed, so the database is as it
// was; it returns the import's error.
func undo(ctx context.Context, store Store, src *data.Source, created bool, err error) error {
	if created {
		if derr := store.DeleteSource(context.WithoutCancel(ctx), src.ID); derr != nil {
			return fmt.Errorf("%w (and removing the new source %q failed: %v)", err, src.Name, derr)
		}
	}
	return err
}

// SourceName derives a source name from a format and a file name: the file name without
// the date, time and copy number exports add ("NPS survey_March 4, 2026_10.15.csv" and
// "NPS survey (1).csv" are both "NPS survey"), then the platform: "NPS survey (Qualtrics)".
// Successive exports of one survey thus land in one source, so overlapping rows match.
func SourceName(format, path string) string {
	base := surveyName(filepath.Base(path))
	return trimExportSuffix(base) + " (" + FormatName(format) + ")"
}

func trimExportSuffix(s string) string {
	orig := s
	for {
		s = strings.TrimRight(s, " _-.,")
		if strings.HasSuffix(s, ")") {
			if i := strings.LastIndex(s, " ("); i > 0 && allDigits(s[i+2:len(s)-1]) {
				s = s[:i]
				continue
			}
		}
		i := strings.LastIndexAny(s, " _-.,")
		tail := s[i+1:]
		if i < 0 || !dateToken(tail) {
			break
		}
		s = s[:i]
	}
	if dateToken(s) {
		return orig // nothing but a date: keep it whole
	}
	return s
}

// dateToken reports whether a file-name part is a date or time piece: digits, a month
// name, AM/PM, or digits with a T or Z (2026-03-01T10).
func dateToken(t string) bool {
	if t == "" {
		return true
	}
	if allDigits(strings.NewReplacer("T", "", "Z", "", "t", "", "z", "").Replace(t)) {
		return true
	}
	switch strings.ToLower(t) {
	case "am", "pm", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"january", "february", "march", "april", "june", "july", "august", "september", "october",
		"november", "december":
		return true
	}
	return false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
