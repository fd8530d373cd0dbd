package boxoffice_test

import (
	"testing"

	"github.com/racekatas/racekatas/harness"
)

func TestBoxOffice(t *testing.T) { harness.RunSuite(t, "06 · seats oversold") }
