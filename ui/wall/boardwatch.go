package wall

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/boardfile"
)

// maxBoardFile bounds what the watcher reads: far above any board, far below a mistake
// (a video dropped on the share) that would fill memory.
const maxBoardFile = 64 << 20

// boardWatch follows a board file another machine writes (a network share, a synced folder).
// Polling is the one way to notice changes that works on every such file system: each poll
// compares the file's size and modification time, and only when they changed (or the last
// read failed, or it was modified too recently to trust its time) reads it and compares its
// hash. A file that is missing, being copied or broken leaves the last good board in place.
// Not safe for concurrent use.
type boardWatch struct {
	path  string
	size  int64
	mtime time.Time
	sum   [sha256.Size]byte
	board *data.BoardSnapshot // the last good board, nil before the first
	// ok is set when the last read succeeded and the file's time had settled: then an
	// unchanged size and time mean an unchanged file.
	ok bool
}

// settle is how old a modification time must be before it is trusted: file systems that
// keep whole seconds (or two, on FAT and some shares) give a file rewritten at once the same
// time, and a rewrite of the same size would go unnoticed.
const settle = 2 * time.Second

// poll looks at the file and returns whether the board changed. err says why the file could
// not be read or is not a board file; the last good board stays either way.
func (w *boardWatch) poll() (changed bool, err error) {
	info, err := os.Stat(w.path)
	if errors.Is(err, fs.ErrNotExist) {
		w.ok = false
		return false, data.Errorf(data.ENOTFOUND, "board file %s does not exist (yet)", w.path)
	}
	if err != nil {
		w.ok = false
		return false, fmt.Errorf("board file %s: %w", w.path, err)
	}
	if w.ok && info.Size() == w.size && info.ModTime().Equal(w.mtime) {
		return false, nil
	}
	raw, err := readLimited(w.path)
	if err != nil {
		w.ok = false
		return false, err
	}
	w.size, w.mtime = info.Size(), info.ModTime()
	settled := time.Since(w.mtime) > settle
	sum := sha256.Sum256(raw)
	if w.board != nil && sum == w.sum {
		w.ok = settled // touched, or copied again unchanged
		return false, nil
	}
	b, err := boardfile.Read(bytes.NewReader(raw), filepath.Base(w.path))
	if err != nil {
		w.ok = false // half-copied: read it again next time even if its size and time stay
		return false, err
	}
	w.board, w.sum, w.ok = b, sum, settled
	return true, nil
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("board file %s: %w", path, err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxBoardFile+1))
	if err != nil {
		return nil, fmt.Errorf("read board file %s: %w", path, err)
	}
	if len(raw) > maxBoardFile {
		return nil, data.Errorf(data.EINVALID, "board file %s is larger than %d MB, too large to be a board file", path, maxBoardFile>>20)
	}
	return raw, nil
}
