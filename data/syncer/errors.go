package syncer

import (
	"errors"
	"net/http"
	"strings"

	"github.com/verbatim-app/verbatim/data"
)

// APIError is a request a platform refused or could not serve. It wraps a *data.Error, so
// data.ErrorCode and data.ErrorMessage see its code and sentence.
type APIError struct {
	Status int // HTTP status; 0 when the server was never reached
	Err    *data.Error
}

func (e *APIError) Error() string { return e.Err.Message }

// Unwrap returns the *data.Error, for errors.As and data.ErrorMessage.
func (e *APIError) Unwrap() error { return e.Err }

// IsAuth reports whether err is a platform refusing the API token (HTTP 401 or 403): the user
// has to fix the token, retrying will not help.
func IsAuth(err error) bool {
	var e *APIError
	return errors.As(err, &e) && (e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden)
}

// maskPrefix replaces the hidden part of a secret.
const maskPrefix = "••••"

// Mask returns a token in the form the user may see: its last four characters, or nothing of
// it at all when it is too short for four characters to be safe to show.
func Mask(token string) string {
	if len(token) < 12 {
		return maskPrefix
	}
	return maskPrefix + token[len(token)-4:]
}

// Redact replaces every occurrence of secret in s by its masked form. Servers sometimes echo
// what they were sent, so every message built from a response goes through it.
func Redact(s, secret string) string {
	if secret == "" || !strings.Contains(s, secret) {
		return s
	}
	return strings.ReplaceAll(s, secret, Mask(secret))
}
