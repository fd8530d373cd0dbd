package report

import (
	"os"
	"syscall"

	"github.com/mattn/go-isatty"
)

// enableVirtualTerminalProcessing is the console mode flag (Windows 10
// and later) under which a console interprets ANSI escape sequences
// instead of printing them.
const enableVirtualTerminalProcessing = 0x0004

// SetConsoleMode is not in package syscall; kernel32 is always loaded.
var setConsoleMode = syscall.NewLazyDLL("kernel32.dll").NewProc("SetConsoleMode")

// Terminal reports whether f is a terminal that shows colour and lets a
// progress line be redrawn (ANSI escape sequences).
//
// Windows Terminal turns ANSI on by itself; the classic console window
// (cmd.exe, Windows PowerShell) only when a program asks, so Terminal asks,
// for f and for standard error (where progress goes). A console that
// refuses (before Windows 10) gets plain text. mintty (Git Bash, MSYS2) is
// a pipe to Windows but reads ANSI itself.
func Terminal(f *os.File) bool {
	if isatty.IsCygwinTerminal(f.Fd()) {
		return true
	}
	if !isatty.IsTerminal(f.Fd()) || !enableANSI(f) {
		return false
	}
	if f != os.Stderr && isatty.IsTerminal(os.Stderr.Fd()) {
		enableANSI(os.Stderr)
	}
	return true
}

// enableANSI turns on escape sequence processing in f's console.
func enableANSI(f *os.File) bool {
	h := syscall.Handle(f.Fd())
	var mode uint32
	if err := syscall.GetConsoleMode(h, &mode); err != nil {
		return false
	}
	if mode&enableVirtualTerminalProcessing != 0 {
		return true
	}
	ok, _, _ := setConsoleMode.Call(uintptr(h), uintptr(mode|enableVirtualTerminalProcessing))
	return ok != 0
}
