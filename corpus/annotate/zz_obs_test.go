package annotate

import (
	"fmt"
	"os"
	"testing"
)

func TestObsDebug(t *testing.T) {
	s := os.Getenv("OBS")
	for _, o := range Observe(NewText(s), nil) {
		fmt.Printf("%s %s %s %q\n", o.Actor, o.Topic, o.Kind, o.Cue)
	}
}
