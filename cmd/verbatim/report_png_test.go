package main

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReport_PNG(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "v.db")
	if _, stderr, code := verbatim(t, "--db", db, "demo", "--responses", "3000", "--seed", "7"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	t.Run("OK", func(t *testing.T) {
		out := filepath.Join(dir, "nps.png")
		stdout, stderr, code := verbatim(t, "--db", db, "report", "--type", "nps", "--segment", "channel", "--png", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "written to "+out) {
			t.Errorf("stdout = %q, want a line naming %s", stdout, out)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatalf("%s is not a PNG: %v", out, err)
		}
		if b := img.Bounds(); b.Dx() != sheetWidth || b.Dy() != sheetHeight {
			t.Errorf("picture is %v, want %d×%d", b, sheetWidth, sheetHeight)
		}
	})
	t.Run("WithJSON", func(t *testing.T) {
		out := filepath.Join(dir, "json.png")
		stdout, stderr, code := verbatim(t, "--db", db, "report", "--type", "csat", "--json", "--png", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.HasPrefix(strings.TrimSpace(stdout), "{") {
			t.Errorf("stdout is not the JSON report alone: %.80q", stdout)
		}
		if _, err := os.Stat(out); err != nil {
			t.Error(err)
		}
	})
	t.Run("ErrNothingToDraw", func(t *testing.T) {
		out := filepath.Join(dir, "none.png")
		_, stderr, code := verbatim(t, "--db", db, "report", "--from", "2001-01-01", "--to", "2001-01-31", "--png", out)
		if code != exitFailure || !strings.Contains(stderr, "was not written") {
			t.Errorf("exit %d, stderr %q; want a failure saying nothing was written", code, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s exists after a failure", out)
		}
	})
}
