package data

import (
	"errors"
	"fmt"
)

// Error codes callers branch on.
const (
	ECONFLICT    = "conflict"
	EINTERNAL    = "internal"
	EINVALID     = "invalid"
	ENOTFOUND    = "not_found"
	EUNAVAILABLE = "unavailable" // a source or the database is temporarily out of reach
)

// Error is an error meant for a user: Message is one plain sentence saying what and where.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Errorf builds an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the sentence a user should see: the *Error's message when there is
// one, the full error text otherwise (it already carries its wrapping context).
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	default:
		return err.Error()
	}
}
