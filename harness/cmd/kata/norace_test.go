//go:build !race

package main

const raceTag = false
