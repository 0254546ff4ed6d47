package timeline

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"talkbot/answer"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

var testChart = Chart{Title: "Who pledged troops", Rows: []Row{
	{Actor: "France", Current: "pledged", Marks: []Mark{{Date: day("2025-03-01"), Stance: "unclear"}, {Date: day("2026-01-06"), Stance: "pledged"}}},
	{Actor: "Poland", Current: "declined", Marks: []Mark{{Date: day("2025-02-17"), Stance: "declined"}, {Date: day("2025-09-04"), Approximate: true, Stance: "declined"}}},
	{Actor: "Germany", Current: "contested", Marks: []Mark{{Date: day("2025-12-01"), Stance: "unclear"}, {Date: day("2025-12-01"), Stance: "declined"}}},
	{Actor: "Russia", Current: "opposes", Marks: []Mark{{Date: day("2025-05-20"), Stance: "opposes"}}},
}}

// TestRenderMarksLandWhereTheDataSays decodes the PNG and checks its size
// and that each mark is drawn in its stance's colour where the data puts
// it: later dates further right, each row on its own line, the current
// stance right of every mark.
func TestRenderMarksLandWhereTheDataSays(t *testing.T) {
	b, pts, err := testChart.Render()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != Width || h != chrome+rowHeight*len(testChart.Rows) {
		t.Errorf("size %dx%d, want %dx%d", w, h, Width, chrome+rowHeight*len(testChart.Rows))
	}
	if len(b) > 8<<20 {
		t.Errorf("PNG of %d bytes is over Discord's 8 MiB", len(b))
	}
	want := 0
	for _, r := range testChart.Rows {
		want += len(r.Marks) + 1
	}
	if len(pts) != want {
		t.Fatalf("%d points drawn, want %d", len(pts), want)
	}
	rowY := map[int]int{} // where the current stance sits: the row's line
	for _, p := range pts {
		if p.Current {
			rowY[p.Row] = p.Y
		}
	}
	maxMarkX := 0
	for _, p := range pts {
		if d := p.Y - rowY[p.Row]; d < -rowHeight/2 || d > rowHeight/2 {
			t.Errorf("mark %+v off its row's line (y %d)", p, rowY[p.Row])
		}
		if !p.Current && p.X > maxMarkX {
			maxMarkX = p.X
		}
		// exact marks are filled discs, current stances filled boxes:
		// their centre is the colour; approximate ones are rings on a bar,
		// so the bar beside the centre is.
		x := p.X
		if p.Approx {
			x += 9
		}
		if !near(img, x, p.Y, Colors[p.Stance]) {
			t.Errorf("mark %+v: no %v pixel at (%d,%d)", p, Colors[p.Stance], x, p.Y)
		}
	}
	for i := 1; i < len(testChart.Rows); i++ {
		if rowY[i] <= rowY[i-1] {
			t.Errorf("row %d (y %d) not below row %d (y %d)", i, rowY[i], i-1, rowY[i-1])
		}
	}
	for _, p := range pts {
		if p.Current && p.X <= maxMarkX {
			t.Errorf("current stance of row %d at x %d, not right of the marks (%d)", p.Row, p.X, maxMarkX)
		}
	}
	// France: 2025-03-01 left of 2026-01-06, proportionally to the dates.
	fr := []Point{}
	for _, p := range pts {
		if p.Row == 0 && !p.Current {
			fr = append(fr, p)
		}
	}
	pl := pts[3] // Poland's first mark, 2025-02-17
	if !(pl.X < fr[0].X && fr[0].X < fr[1].X) {
		t.Errorf("dates out of order on x: Poland %d, France %d, %d", pl.X, fr[0].X, fr[1].X)
	}
	perDay := float64(fr[1].X-fr[0].X) / day("2026-01-06").Sub(day("2025-03-01")).Hours() * 24
	gotDays := float64(fr[0].X-pl.X) / perDay
	if wantDays := day("2025-03-01").Sub(day("2025-02-17")).Hours() / 24; gotDays < wantDays-2 || gotDays > wantDays+2 {
		t.Errorf("x not proportional to dates: %.1f days between marks, want %.0f", gotDays, wantDays)
	}
}

// near reports a pixel of colour c within a pixel of (x, y).
func near(img image.Image, x, y int, c color.RGBA) bool {
	for dx := -1; dx <= 1; dx++ {
		for dy := -1; dy <= 1; dy++ {
			r, g, b, _ := img.At(x+dx, y+dy).RGBA()
			if abs(int(r>>8)-int(c.R)) < 40 && abs(int(g>>8)-int(c.G)) < 40 && abs(int(b>>8)-int(c.B)) < 40 {
				return true
			}
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestFromPledges(t *testing.T) {
	p := answer.Pledges{Topic: "troops", Label: "troops",
		Pledged: []answer.Actor{{Actor: "France", Stance: "pledged", Timeline: []answer.Mark{{Date: "2026-01-06", Approximate: true, Stance: "pledged"}}}},
		Groups:  []answer.Actor{{Actor: "NATO", Stance: "unclear", Kind: "group", Timeline: []answer.Mark{{Date: "2025-06-01", Stance: "unclear"}}}},
		Unclear: []answer.Actor{{Actor: "Nowhere", Stance: "unclear"}}, // no dated mark: no row
	}
	c := FromPledges(p)
	if len(c.Rows) != 2 || c.Rows[0].Actor != "France" || c.Rows[1].Actor != "NATO (group)" || !c.Rows[0].Marks[0].Approximate {
		t.Fatalf("rows = %+v", c.Rows)
	}
	if _, _, err := (Chart{}).Render(); err != ErrEmpty {
		t.Errorf("empty chart: %v", err)
	}
}

func BenchmarkRender(b *testing.B) {
	c := testChart
	for len(c.Rows) < 20 {
		c.Rows = append(c.Rows, testChart.Rows...)
	}
	for b.Loop() {
		if _, _, err := c.Render(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFromPledgesKeepsOppositionAndGroups: a long answer still draws
// the opposition and the groups, countries filling the other rows.
func TestFromPledgesKeepsOppositionAndGroups(t *testing.T) {
	mark := []answer.Mark{{Date: "2025-06-01", Stance: "pledged"}}
	p := answer.Pledges{Topic: "troops", Opposes: []answer.Actor{{Actor: "Russia", Stance: "opposes", Timeline: mark}},
		Groups: []answer.Actor{{Actor: "NATO", Stance: "unclear", Kind: "group", Timeline: mark}}}
	for i := 0; i < 40; i++ {
		p.Pledged = append(p.Pledged, answer.Actor{Actor: fmt.Sprintf("Country %d", i), Stance: "pledged", Timeline: mark})
	}
	c := FromPledges(p)
	if len(c.Rows) != MaxRows || c.Rows[MaxRows-2].Actor != "Russia" || c.Rows[MaxRows-1].Actor != "NATO (group)" {
		t.Fatalf("%d rows, last %+v", len(c.Rows), c.Rows[len(c.Rows)-2:])
	}
}
