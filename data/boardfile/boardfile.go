// Package boardfile reads and writes board files: a feedback board as one self-contained,
// versioned JSON document (each card carries its comment, score, scale, date, source name,
// presenter note and, unless hidden, the respondent's name), so a machine without the
// source data (the wall display, a meeting-room laptop) can show it. It also renders a
// board as a printable PNG.
//
//	{"format": "verbatim-board", "version": 1,
//	 "board": {"name": "Week 47", "created_at": "...", "hide_names": false},
//	 "positive": [{"comment": "...", "score": 10, ...}], "negative": [...]}
package boardfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/verbatim-app/verbatim/data"
)

const (
	// Format is the value of a board file's "format" field.
	Format = "verbatim-board"
	// Version is the newest board file version this package reads, and the one it writes.
	Version = 1
	// Extension is the file name ending board files get.
	Extension = ".verbatim-board.json"
	// maxSize refuses files far larger than any board (a few hundred cards is ~1 MB).
	maxSize = 32 << 20
)

// document is the JSON shape of a board file.
type document struct {
	Format   string `json:"format"`
	Version  int    `json:"version"`
	Board    board  `json:"board"`
	Positive []card `json:"positive"`
	Negative []card `json:"negative"`
}

type board struct {
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
	HideNames bool      `json:"hide_names"`
}

type card struct {
	Comment        string    `json:"comment"`
	Score          *float64  `json:"score"` // null when the respondent gave no score
	SurveyType     string    `json:"survey_type"`
	ScaleMin       int       `json:"scale_min"`
	ScaleMax       int       `json:"scale_max"`
	Date           time.Time `json:"date"`
	Source         string    `json:"source"`
	Survey         string    `json:"survey,omitempty"`
	RespondentName string    `json:"respondent_name,omitempty"`
	NameHidden     bool      `json:"name_hidden,omitempty"`
	Note           string    `json:"note,omitempty"`
	PinnedAt       time.Time `json:"pinned_at"`
	ID             string    `json:"id"` // the response's id in its source: importing twice adds nothing
}

// Write writes s as a board file: indented, UTF-8, fields in a fixed order, so the same
// board always gives the same bytes. Names the snapshot hides are not written.
func Write(w io.Writer, s *data.BoardSnapshot) error {
	if err := s.Validate(); err != nil {
		return err
	}
	doc := document{Format: Format, Version: Version, Positive: []card{}, Negative: []card{},
		Board: board{Name: s.Name, CreatedAt: s.CreatedAt.UTC(), HideNames: s.HideNames}}
	for _, c := range s.Cards {
		r := c.Response
		out := card{Comment: r.Comment, Score: r.Score, SurveyType: r.SurveyType, ScaleMin: r.ScaleMin, ScaleMax: r.ScaleMax,
			Date: r.CreatedAt.UTC(), Source: c.Source, Survey: r.Survey, NameHidden: c.NameHidden, Note: c.Note,
			PinnedAt: c.PinnedAt.UTC(), ID: r.ExternalID}
		if !c.NameHidden && !s.HideNames {
			out.RespondentName = r.RespondentName
		}
		if c.Side == data.SidePositive {
			doc.Positive = append(doc.Positive, out)
		} else {
			doc.Negative = append(doc.Negative, out)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write board file of %q: %w", s.Name, err)
	}
	return nil
}

// Read reads a board file; name says which file in error messages. Anything that is not a
// complete board file this version can read (a truncated copy, a newer version, a CSV,
// some other JSON) gets one sentence saying so, as a data.Error with code EINVALID.
func Read(r io.Reader, name string) (*data.BoardSnapshot, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(b) > maxSize {
		return nil, data.Errorf(data.EINVALID, "%s is larger than %d MB, too large to be a board file", name, maxSize>>20)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // a BOM from an editor that saved it
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, data.Errorf(data.EINVALID, "%s is empty, not a board file", name)
	}
	if !json.Valid(b) {
		return nil, notJSON(b, name)
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil || head.Format != Format {
		return nil, data.Errorf(data.EINVALID, "%s is not a Verbatim board file (it has no \"format\": %q)", name, Format)
	}
	switch {
	case head.Version > Version:
		return nil, data.Errorf(data.EINVALID, "%s is a version %d board file, newer than this Verbatim reads (version %d); update Verbatim to import it",
			name, head.Version, Version)
	case head.Version < 1:
		return nil, data.Errorf(data.EINVALID, "%s has no valid board file version (found %d)", name, head.Version)
	}
	var doc document
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, badField(err, name)
	}
	s := &data.BoardSnapshot{Name: strings.TrimSpace(doc.Board.Name), CreatedAt: doc.Board.CreatedAt, HideNames: doc.Board.HideNames}
	for _, side := range []struct {
		name  string
		cards []card
	}{{data.SidePositive, doc.Positive}, {data.SideNegative, doc.Negative}} {
		for _, c := range side.cards {
			r := &data.Response{ExternalID: c.ID, Survey: c.Survey, SurveyType: c.SurveyType, ScaleMin: c.ScaleMin,
				ScaleMax: c.ScaleMax, Score: c.Score, Comment: c.Comment, CreatedAt: c.Date}
			if !c.NameHidden && !doc.Board.HideNames {
				r.RespondentName = c.RespondentName
			}
			s.Cards = append(s.Cards, &data.SnapshotCard{Side: side.name, Note: c.Note, NameHidden: c.NameHidden,
				PinnedAt: c.PinnedAt, Source: c.Source, Response: r})
		}
	}
	if err := s.Validate(); err != nil {
		return nil, data.Errorf(data.EINVALID, "%s: %s", name, data.ErrorMessage(err))
	}
	return s, nil
}

// notJSON explains why b is not valid JSON: cut short (a copy that did not finish), or
// not JSON at all (a CSV, a text file).
func notJSON(b []byte, name string) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	var err error
	for err == nil {
		_, err = dec.Token()
	}
	cut := errors.Is(err, io.ErrUnexpectedEOF) || (errors.Is(err, io.EOF) && dec.InputOffset() > 0)
	switch {
	case cut && bytes.Contains(b, []byte(`"`+Format+`"`)):
		return data.Errorf(data.EINVALID, "%s is a truncated board file: it stops after %d bytes, before the board ends; copy or export it again",
			name, len(b))
	case cut:
		return data.Errorf(data.EINVALID, "%s is not a Verbatim board file (it is JSON cut short after %d bytes)", name, len(b))
	default:
		return data.Errorf(data.EINVALID, "%s is not a Verbatim board file (it is not JSON)", name)
	}
}

// badField names the field of a board file whose value has the wrong type.
func badField(err error, name string) error {
	var te *json.UnmarshalTypeError
	var pe *time.ParseError
	switch {
	case errors.As(err, &te):
		return data.Errorf(data.EINVALID, "%s: %s holds a JSON %s where a %s belongs", name, te.Field, te.Value, jsonKind(te.Type.Kind().String()))
	case errors.As(err, &pe):
		return data.Errorf(data.EINVALID, "%s: date %s is not an RFC 3339 time like 2026-11-20T09:00:00Z", name, pe.Value)
	default:
		return data.Errorf(data.EINVALID, "%s is not a valid board file: %v", name, err)
	}
}

// jsonKind names a Go kind the way a board file's reader thinks of it.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "bool":
		return "true or false"
	case "slice":
		return "list"
	case "struct", "map":
		return "object"
	default:
		return "number"
	}
}
