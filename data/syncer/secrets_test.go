package syncer

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/verbatim-app/verbatim/data"
)

func TestSecrets_Token(t *testing.T) {
	dir := t.TempDir()
	s := &Secrets{Dir: dir, Getenv: func(k string) string {
		return map[string]string{"TF_TOKEN": "  tfp_secret_value_1234\n"}[k]
	}}
	src := func(name, env string) *data.Source {
		return &data.Source{Name: name, Config: map[string]string{ConfigTokenEnv: env}}
	}

	t.Run("FromEnv", func(t *testing.T) {
		tok, err := s.Token(src("a", "TF_TOKEN"))
		if err != nil || tok != "tfp_secret_value_1234" {
			t.Fatalf("Token = %q, %v", tok, err)
		}
		if got := s.Describe(src("a", "TF_TOKEN")); got != "$TF_TOKEN" {
			t.Errorf("Describe = %q", got)
		}
	})
	t.Run("FromFile", func(t *testing.T) {
		if err := s.SaveToken("nps", " sm_live_token_abcd \n"); err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(filepath.Join(dir, "nps"))
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
			t.Errorf("token file mode %v, want 0600", info.Mode().Perm())
		}
		tok, err := s.Token(src("nps", ""))
		if err != nil || tok != "sm_live_token_abcd" {
			t.Fatalf("Token = %q, %v", tok, err)
		}
		if got := s.Describe(src("nps", "")); got != "••••abcd" {
			t.Errorf("Describe = %q", got)
		}
		// Saving again replaces it.
		if err := s.SaveToken("nps", "sm_live_token_wxyz"); err != nil {
			t.Fatal(err)
		}
		if tok, _ := s.Token(src("nps", "")); tok != "sm_live_token_wxyz" {
			t.Errorf("after replace: %q", tok)
		}
		if err := s.DeleteToken("nps"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Token(src("nps", "")); err == nil || !strings.Contains(err.Error(), "has no API token") {
			t.Errorf("after delete: %v", err)
		}
		if err := s.DeleteToken("nps"); err != nil {
			t.Errorf("deleting twice: %v", err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 0 {
			t.Errorf("left files behind: %v", entries)
		}
	})
	t.Run("ErrEnvUnset", func(t *testing.T) {
		_, err := s.Token(src("a", "NOPE"))
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "NOPE") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("ErrReadableByOthers", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("no Unix permissions")
		}
		path := filepath.Join(dir, "loose")
		if err := os.WriteFile(path, []byte("tok_abcdefghijkl"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := s.Token(src("loose", ""))
		if err == nil || !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("ErrEmptyToken", func(t *testing.T) {
		if err := s.SaveToken("empty", "  \n"); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("err = %v", err)
		}
	})
}

func TestValidSourceName(t *testing.T) {
	for _, name := range []string{"nps", "Typeform NPS", "qualtrics-eu_2", "ñandú", strings.Repeat("a", 64)} {
		if err := ValidSourceName(name); err != nil {
			t.Errorf("%q: %v", name, err)
		}
	}
	for _, name := range []string{"", ".hidden", "..", "a/b", `a\b`, "a:b", "tab\there", strings.Repeat("a", 65)} {
		if err := ValidSourceName(name); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%q accepted", name)
		}
	}
}
