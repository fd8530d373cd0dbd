package chatroom_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestRoom(t *testing.T) { harness.RunSuite(t, "33 · send under lock") }
