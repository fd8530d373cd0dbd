package pristine

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHashIgnoresCRLF(t *testing.T) {
	lf := []byte("package x\n\nfunc F() {}\n")
	crlf := []byte("package x\r\n\r\nfunc F() {}\r\n")
	assert.Equal(t, Hash(lf), Hash(crlf))
	assert.NotEqual(t, Hash(lf), Hash([]byte("package x\n\nfunc G() {}\n")))
	// A lone CR is content, not a line ending.
	assert.NotEqual(t, Hash(lf), Hash([]byte("package x\r\rfunc F() {}\r")))
	assert.Equal(t, lf, Normalize(crlf))
}
