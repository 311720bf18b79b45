package syncer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// Source config keys the connectors read.
const (
	ConfigURL        = "url"         // base URL: data centre, proxy, test server
	ConfigSurvey     = "survey"      // survey or form ID on the platform
	ConfigTokenEnv   = "token_env"   // environment variable holding the API token
	ConfigPath       = "path"        // folder sources: the watched directory
	ConfigSurveyType = "survey_type" // optional: the survey type of the score question
)

// Secrets finds API tokens. A token lives in the environment variable a source names
// (config "token_env") or in a file of its own under Dir, readable by the user only; never in
// the database.
type Secrets struct {
	Dir    string                   // where token files live; see DefaultSecretsDir
	Getenv func(name string) string // nil: os.Getenv
}

// DefaultSecretsDir is <user config dir>/verbatim/tokens.
func DefaultSecretsDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user config directory for API tokens: %w", err)
	}
	return filepath.Join(dir, "verbatim", "tokens"), nil
}

// Token returns the API token of src.
func (s *Secrets) Token(src *data.Source) (string, error) {
	if env := src.Config[ConfigTokenEnv]; env != "" {
		getenv := s.Getenv
		if getenv == nil {
			getenv = os.Getenv
		}
		if tok := strings.TrimSpace(getenv(env)); tok != "" {
			return tok, nil
		}
		return "", data.Errorf(data.EINVALID, "source %q: the environment variable %s that should hold its API token is empty or not set", src.Name, env)
	}
	path, err := s.path(src.Name)
	if err != nil {
		return "", err
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", data.Errorf(data.EINVALID, "source %q has no API token: add it again with --token-env VAR or --token-file FILE", src.Name)
	} else if err != nil {
		return "", fmt.Errorf("read the API token of source %q: %w", src.Name, err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		return "", data.Errorf(data.EINVALID, "the API token file %s can be read by other users; run chmod 600 on it", path)
	}
	buf, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read the API token of source %q: %w", src.Name, err)
	}
	tok := strings.TrimSpace(string(buf))
	if tok == "" {
		return "", data.Errorf(data.EINVALID, "the API token file %s is empty", path)
	}
	return tok, nil
}

// Describe says where src's token comes from, in a form safe to show: "$VAR" for an
// environment variable, the masked token for a token file, "" when there is none.
func (s *Secrets) Describe(src *data.Source) string {
	if env := src.Config[ConfigTokenEnv]; env != "" {
		return "$" + env
	}
	path, err := s.path(src.Name)
	if err != nil {
		return ""
	}
	buf, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return Mask(strings.TrimSpace(string(buf)))
}

// SaveToken stores the token of the source called name in its own file, readable and
// writable by the user only. The file is written beside its final name and renamed, so a
// crash never leaves half a token.
func (s *Secrets) SaveToken(name, token string) error {
	token = strings.TrimSpace(token)
	if token == "" {
		return data.Errorf(data.EINVALID, "the API token for source %q is empty", name)
	}
	path, err := s.path(name)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create the API token directory: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".token-*")
	if err != nil {
		return fmt.Errorf("save the API token of source %q: %w", name, err)
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		f.Close()
		return fmt.Errorf("save the API token of source %q: %w", name, err)
	}
	if _, err := f.WriteString(token + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("save the API token of source %q: %w", name, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save the API token of source %q: %w", name, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("save the API token of source %q: %w", name, err)
	}
	return nil
}

// DeleteToken removes the token file of the source called name, if there is one.
func (s *Secrets) DeleteToken(name string) error {
	path, err := s.path(name)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete the API token of source %q: %w", name, err)
	}
	return nil
}

// path is the token file of a source. Source names become file names, so anything that could
// leave the directory is refused.
func (s *Secrets) path(name string) (string, error) {
	if err := ValidSourceName(name); err != nil {
		return "", err
	}
	if s.Dir == "" {
		return "", data.Errorf(data.EINTERNAL, "no directory is set for API token files")
	}
	return filepath.Join(s.Dir, name), nil
}

// ValidSourceName checks that a source name is usable: not empty, at most 64 characters, no
// path separators, control characters or leading dot.
func ValidSourceName(name string) error {
	switch {
	case name == "":
		return data.Errorf(data.EINVALID, "a source needs a name")
	case len(name) > 64:
		return data.Errorf(data.EINVALID, "source name %q is longer than 64 characters", name)
	case strings.HasPrefix(name, "."):
		return data.Errorf(data.EINVALID, "source name %q must not start with a dot", name)
	case strings.ContainsAny(name, `/\:*?"<>|`):
		return data.Errorf(data.EINVALID, "source name %q must not contain any of / \\ : * ? \" < > |", name)
	}
	for _, r := range name {
		if r < ' ' || r == 0x7f {
			return data.Errorf(data.EINVALID, "source name %q contains a control character", name)
		}
	}
	return nil
}
