package verify

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/racekatas/racekatas/harness/internal/verdict"
)

func TestAnOutcomeThatVariesIsUnstableAndNotOK(t *testing.T) {
	o := Outcome{Case: Case{Want: verdict.Race}, Got: []verdict.Kind{verdict.Race, verdict.Pass, verdict.Race}}
	assert.True(t, o.varies())
	assert.False(t, o.OK())
	assert.Equal(t, "race 2/3, pass 1/3", o.Tally())

	steady := Outcome{Case: Case{Want: verdict.Race}, Got: []verdict.Kind{verdict.Race, verdict.Race}}
	assert.False(t, steady.varies())
	assert.True(t, steady.OK())

	wrong := Outcome{Case: Case{Want: verdict.Race}, Got: []verdict.Kind{verdict.Pass, verdict.Pass}}
	assert.False(t, wrong.varies(), "steadily wrong is a mismatch, not instability")
	assert.False(t, wrong.OK())
}

func TestOnlyKeepsTheCasesNamed(t *testing.T) {
	o := Options{Only: []string{"wrong/", "02-hot-counter alt/"}}
	assert.True(t, o.keep(Case{Kata: "01-shared-struct", Variant: "wrong/sleep"}))
	assert.True(t, o.keep(Case{Kata: "02-hot-counter", Variant: "alt/mutex"}))
	assert.False(t, o.keep(Case{Kata: "01-shared-struct", Variant: "alt/mutex"}))
	assert.False(t, o.keep(Case{Kata: "01-shared-struct", Variant: "kata"}))
	assert.True(t, Options{}.keep(Case{Kata: "01-shared-struct", Variant: "kata"}))
}
