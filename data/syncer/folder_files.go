package syncer

import (
	"strconv"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

// Where a folder source's file stands, as FolderFiles reports it.
const (
	// FileDone: a sync has read the file as it is now. It was imported, or refused with an
	// error in that sync's record; either way it is not read again until it changes.
	FileDone = "done"
	// FileNew: no sync has read the file yet; the next one will.
	FileNew = "new"
	// FileChanged: the file changed since a sync read it; the next sync reads it again.
	FileChanged = "changed"
)

// FolderFile is one file of a folder source, for the Sources screen.
type FolderFile struct {
	Name     string
	Size     int64
	Modified time.Time
	State    string // FileDone, FileNew or FileChanged
}

// FolderFiles lists the files a folder source picks up — hidden files and partial
// downloads left out, as syncs leave them — oldest first, each with where it stands
// according to the source's cursor. It reads the folder's listing only, never the files.
func FolderFiles(src *data.Source) ([]FolderFile, error) {
	var cur folderCursor
	if err := decodeCursor(src, src.Cursor, &cur); err != nil {
		return nil, err
	}
	files, err := (&Folder{}).list(src)
	if err != nil {
		return nil, err
	}
	out := make([]FolderFile, 0, len(files))
	for _, f := range files {
		size, _, _ := strings.Cut(f.stamp, ":")
		n, _ := strconv.ParseInt(size, 10, 64)
		ff := FolderFile{Name: f.name, Size: n, Modified: f.mod, State: FileNew}
		switch seen, ok := cur.Seen[f.name]; {
		case ok && seen == f.stamp:
			ff.State = FileDone
		case ok:
			ff.State = FileChanged
		}
		out = append(out, ff)
	}
	return out, nil
}
