//go:build race

package loadtest

// raceDetector is set when the tests run under -race, which slows the
// timeline picture's pixel loops twentyfold: deadlines then say nothing
// of the design.
const raceDetector = true
