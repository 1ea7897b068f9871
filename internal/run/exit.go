package run

import "fmt"

// ExitError is returned by Run when an exit resource asked mgmt to stop
// with a nonzero status.
type ExitError struct {
	// Code is the status the resource asked for (1 to 125).
	Code int
}

// Error says which status was asked for.
func (e *ExitError) Error() string {
	return fmt.Sprintf("an exit resource asked mgmt to exit with status %d", e.Code)
}
