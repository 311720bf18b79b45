package syncer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/formats"
)

// NoToken is implemented by connectors that call no API, so the engine looks up no token
// for their sources and passes "".
type NoToken interface{ NoToken() }

// Folder picks up survey exports dropped in a folder (a source's "path"), with the file
// importers of data/formats: each new or changed file is read whole once to check it, then
// written in pages, the last page of a file carrying the cursor that marks it done. A sync
// killed in the middle of a file reads that file again next time, and its rows upsert.
//
// A file that is not a readable export is reported in the sync's error and not tried again
// until it changes; the others are imported all the same. Hidden files, partial downloads
// and files modified in the last Settle are left alone.
type Folder struct {
	ChunkSize int           // responses per page; 0: 2000
	Settle    time.Duration // a file modified more recently may still be being written; 0: 5s
	Now       func() time.Time
}

// folderCursor remembers the files already imported (or refused), by name, with the size
// and modification time they had then.
type folderCursor struct {
	Seen map[string]string `json:"seen,omitempty"`
}

// NoToken marks folders as needing no API token.
func (f *Folder) NoToken() {}

// Test checks that the folder can be listed.
func (f *Folder) Test(ctx context.Context, src *data.Source, _ string) error {
	_, err := f.list(src)
	return err
}

type folderFile struct {
	name, path, stamp string
	mod               time.Time
}

func (f *Folder) list(src *data.Source) ([]folderFile, error) {
	dir := src.Config[ConfigPath]
	if dir == "" {
		return nil, data.Errorf(data.EINVALID, "folder source %q has no folder; add it again with --path DIR", src.Name)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, data.Errorf(data.EUNAVAILABLE, "folder source %q: cannot read %s: %v", src.Name, dir, errors.Unwrap(err))
	}
	var out []folderFile
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || partialFile(name) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed since the listing
		}
		out = append(out, folderFile{name: name, path: filepath.Join(dir, name), mod: info.ModTime(),
			stamp: fmt.Sprintf("%d:%d", info.Size(), info.ModTime().UnixNano())})
	}
	// Oldest first, so successive exports land in the order they were made.
	sort.Slice(out, func(i, j int) bool {
		if !out[i].mod.Equal(out[j].mod) {
			return out[i].mod.Before(out[j].mod)
		}
		return out[i].name < out[j].name
	})
	return out, nil
}

// partialFile reports files that are hidden, temporary or still downloading.
func partialFile(name string) bool {
	lower := strings.ToLower(name)
	for _, suffix := range []string{".part", ".crdownload", ".download", ".tmp", ".partial"} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}

// Fetch imports the files that are new or changed since cursor.
func (f *Folder) Fetch(ctx context.Context, src *data.Source, _, cursor string, emit EmitFunc) error {
	var cur folderCursor
	if err := decodeCursor(src, cursor, &cur); err != nil {
		return err
	}
	if cur.Seen == nil {
		cur.Seen = map[string]string{}
	}
	files, err := f.list(src)
	if err != nil {
		return err
	}
	now, settle := time.Now, f.Settle
	if f.Now != nil {
		now = f.Now
	}
	if settle <= 0 {
		settle = 5 * time.Second
	}
	var refused []string
	for _, file := range files {
		if cur.Seen[file.name] == file.stamp || now().Sub(file.mod) < settle {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := f.check(src, file); err != nil {
			refused = append(refused, data.ErrorMessage(err))
			cur.Seen[file.name] = file.stamp
			if err := emit(Page{Cursor: encodeCursor(cur)}); err != nil {
				return err
			}
			continue
		}
		if err := f.importFile(ctx, src, file, &cur, emit); err != nil {
			return err
		}
	}
	switch len(refused) {
	case 0:
		return nil
	case 1:
		return data.Errorf(data.EINVALID, "folder source %q: %s", src.Name, refused[0])
	default:
		return data.Errorf(data.EINVALID, "folder source %q: %d files could not be imported; the first: %s", src.Name, len(refused), refused[0])
	}
}

func (f *Folder) options(src *data.Source, file folderFile) formats.Options {
	return formats.Options{SurveyType: strings.ToLower(src.Config[ConfigSurveyType]), DefaultTime: file.mod}
}

// check reads a whole file without storing anything, so a file that breaks half-way is
// refused before any of it is written.
func (f *Folder) check(src *data.Source, file folderFile) error {
	r, err := os.Open(file.path)
	if err != nil {
		return data.Errorf(data.EINVALID, "cannot open %s: %v", file.name, errors.Unwrap(err))
	}
	defer r.Close()
	p, err := formats.Open(r, file.name, f.options(src, file))
	if err != nil {
		return err
	}
	for {
		if _, err := p.Next(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// importFile emits a checked file in pages; the last carries the cursor that marks it done.
func (f *Folder) importFile(ctx context.Context, src *data.Source, file folderFile, cur *folderCursor, emit EmitFunc) error {
	r, err := os.Open(file.path)
	if err != nil {
		return data.Errorf(data.EUNAVAILABLE, "folder source %q: cannot open %s: %v", src.Name, file.name, errors.Unwrap(err))
	}
	defer r.Close()
	p, err := formats.Open(r, file.name, f.options(src, file))
	if err != nil {
		return err
	}
	size := f.ChunkSize
	if size <= 0 {
		size = formats.BatchSize
	}
	before := encodeCursor(cur)
	page := make([]*data.Response, 0, size)
	for {
		resp, err := p.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("folder source %q: %s changed while it was read: %w", src.Name, file.name, err)
		}
		page = append(page, resp)
		if len(page) == size {
			if err := emit(Page{Responses: page, Cursor: before}); err != nil {
				return err
			}
			page = make([]*data.Response, 0, size)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	cur.Seen[file.name] = file.stamp
	return emit(Page{Responses: page, Cursor: encodeCursor(cur)})
}
