// Package timeline draws who-pledged as a picture: one row per actor,
// time across, a mark per dated observation coloured by its stance
// (approximate dates as a hollow ring on a bar spanning the days it may
// be), and the current stance at the right. It renders with gonum's plot
// (pure Go, fonts embedded), to PNG.
package timeline

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"sort"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"talkbot/answer"
	"talkbot/corpus"
)

// Chart is the picture's data.
type Chart struct {
	Title string
	Rows  []Row
}

// Row is one actor: its marks and current stance.
type Row struct {
	Actor   string
	Current string // pledged, declined, unclear, opposes or contested
	Marks   []Mark
}

// Mark is one observation.
type Mark struct {
	Date        time.Time
	Approximate bool
	Stance      string
}

// MaxRows bounds the rows drawn, so the picture stays legible (and small).
const MaxRows = 24

// approxDays is how far either side of an approximate date the bar
// reaches: the window the ledger treats as the same moment.
const approxDays = 7

// FromPledges makes the chart of a who-pledged answer: countries that
// pledged, declined, are contested, unclear, then opposition, then
// groups, each in the answer's order.
func FromPledges(p answer.Pledges) Chart {
	c := Chart{Title: "Who pledged " + p.Topic}
	if p.Label != "" && p.Label != p.Topic {
		c.Title += " (" + p.Label + ")"
	}
	// Opposition and groups are few and always drawn; countries fill the
	// rest of the rows, in the answer's order.
	extra := min(len(dated(p.Opposes))+len(dated(p.Groups)), MaxRows/4)
	countries := MaxRows - extra
	for n, list := range [][]answer.Actor{p.Pledged, p.Declined, p.Contested, p.Unclear, p.Opposes, p.Groups} {
		for _, a := range list {
			if len(c.Rows) >= MaxRows || n < 4 && len(c.Rows) >= countries {
				break
			}
			r := Row{Actor: a.Actor, Current: a.Stance}
			if a.Kind == "group" {
				r.Actor += " (group)"
			}
			for _, m := range a.Timeline {
				d, err := corpus.ParseDate(m.Date)
				if err != nil || d.IsZero() {
					continue
				}
				r.Marks = append(r.Marks, Mark{Date: d.Time, Approximate: m.Approximate, Stance: m.Stance})
			}
			if len(r.Marks) > 0 {
				c.Rows = append(c.Rows, r)
			}
		}
	}
	return c
}

// dated is the actors that have a dated observation to draw.
func dated(as []answer.Actor) []answer.Actor {
	var out []answer.Actor
	for _, a := range as {
		for _, m := range a.Timeline {
			if m.Date != "" {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// Colours of the stances.
var Colors = map[string]color.RGBA{
	"pledged":   {R: 0x16, G: 0xa3, B: 0x4a, A: 0xff},
	"declined":  {R: 0xdc, G: 0x26, B: 0x26, A: 0xff},
	"unclear":   {R: 0xd9, G: 0x77, B: 0x06, A: 0xff},
	"opposes":   {R: 0x7c, G: 0x3a, B: 0xed, A: 0xff},
	"contested": {R: 0x25, G: 0x63, B: 0xeb, A: 0xff},
}

func colorOf(stance string) color.RGBA {
	if c, ok := Colors[stance]; ok {
		return c
	}
	return color.RGBA{R: 0x6b, G: 0x72, B: 0x80, A: 0xff}
}

// Sizes, in pixels at DPI.
const (
	DPI       = 96
	Width     = 960
	rowHeight = 30
	chrome    = 110 // title, axis and margins
)

// Point is where a mark (or a row's current stance) was drawn, in pixels
// from the image's top left.
type Point struct {
	X, Y    int
	Row     int
	Stance  string
	Approx  bool
	Current bool // the row's current stance, at the right
}

// ErrEmpty is returned for a chart with no row.
var ErrEmpty = errors.New("timeline: nothing to draw")

// Render draws the chart as a PNG, and says where each mark went.
func (c Chart) Render() ([]byte, []Point, error) {
	if len(c.Rows) == 0 {
		return nil, nil, ErrEmpty
	}
	lo, hi := c.span()
	p := plot.New()
	p.Title.Text = c.Title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Min, p.X.Max = lo, hi+(hi-lo)*0.18 // room for the current stance
	p.Y.Min, p.Y.Max = -0.7, float64(len(c.Rows))-0.3
	p.X.Tick.Marker = monthTicks{lo: lo, hi: hi}
	p.X.Label.Text = "publication date (hollow: approximate)"
	p.X.Label.TextStyle.Font.Size = vg.Points(9)
	var ticks []plot.Tick
	for i, r := range c.Rows {
		ticks = append(ticks, plot.Tick{Value: c.y(i), Label: r.Actor})
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Label.Font.Size = vg.Points(9)
	p.X.Tick.Label.Font.Size = vg.Points(8)
	p.Add(gridLines{rows: len(c.Rows), y: c.y})
	m := &marks{chart: c, right: hi + (hi-lo)*0.04}
	p.Add(m)

	h := chrome + rowHeight*len(c.Rows)
	w := vg.Length(Width) * vg.Inch / DPI
	hh := vg.Length(h) * vg.Inch / DPI
	img := vgimg.NewWith(vgimg.UseWH(w, hh), vgimg.UseDPI(DPI))
	dc := draw.New(img)
	p.Draw(dc)
	// Most of a render is encoding: the fastest compression keeps the
	// file small enough (tens of KB) at a fraction of the time.
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img.Image()); err != nil {
		return nil, nil, fmt.Errorf("timeline: %w", err)
	}
	// vg's origin is the bottom left, in points; images count pixels down.
	pts := make([]Point, len(m.drawn))
	for i, d := range m.drawn {
		d.X = int(math.Round(float64(m.xs[i]) * DPI / 72))
		d.Y = h - int(math.Round(float64(m.ys[i])*DPI/72))
		pts[i] = d
	}
	return buf.Bytes(), pts, nil
}

// y is row i's value on the y axis: the first row on top.
func (c Chart) y(i int) float64 { return float64(len(c.Rows) - 1 - i) }

// span is the dates drawn, in days since the epoch, a little wider than
// the marks (approximate bars included).
func (c Chart) span() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, r := range c.Rows {
		for _, m := range r.Marks {
			d := days(m.Date)
			pad := 0.0
			if m.Approximate {
				pad = approxDays
			}
			lo, hi = math.Min(lo, d-pad), math.Max(hi, d+pad)
		}
	}
	if hi-lo < 30 {
		mid := (lo + hi) / 2
		lo, hi = mid-15, mid+15
	}
	pad := (hi - lo) * 0.03
	return lo - pad, hi + pad
}

func days(t time.Time) float64 { return float64(t.Unix()) / 86400 }

// marks draws the observations and current stances.
type marks struct {
	chart  Chart
	right  float64 // x of the current stance
	drawn  []Point
	xs, ys []vg.Length
}

const (
	markRadius    = 5 // points
	currentRadius = 6
	stackStep     = 7 // between marks of the same day
)

func (m *marks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	m.drawn, m.xs, m.ys = nil, nil, nil
	label := draw.TextStyle{Color: color.Black, Font: font.From(plot.DefaultFont, vg.Points(9)),
		Handler: plot.DefaultTextHandler, XAlign: draw.XLeft, YAlign: draw.YCenter}
	for i, r := range m.chart.Rows {
		y := trY(m.chart.y(i))
		ms := append([]Mark(nil), r.Marks...)
		sort.SliceStable(ms, func(a, b int) bool { return ms[a].Date.Before(ms[b].Date) })
		// Marks of the same day stack up and down the row's line, so each
		// shows.
		sameDay := map[int64]int{}
		for _, mk := range ms {
			sameDay[mk.Date.Unix()/86400]++
		}
		seen := map[int64]int{}
		for _, mk := range ms {
			d := mk.Date.Unix() / 86400
			off := vg.Length(float64(seen[d])-float64(sameDay[d]-1)/2) * stackStep
			seen[d]++
			y := y + off
			x := trX(days(mk.Date))
			col := colorOf(mk.Stance)
			if mk.Approximate {
				x0, x1 := trX(days(mk.Date)-approxDays), trX(days(mk.Date)+approxDays)
				c.StrokeLine2(draw.LineStyle{Color: col, Width: vg.Points(2)}, x0, y, x1, y)
				c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: markRadius, Shape: draw.RingGlyph{}}, vg.Point{X: x, Y: y})
			} else {
				c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: markRadius, Shape: draw.CircleGlyph{}}, vg.Point{X: x, Y: y})
			}
			m.record(Point{Row: i, Stance: mk.Stance, Approx: mk.Approximate}, x, y)
		}
		y = trY(m.chart.y(i))
		x := trX(m.right)
		col := colorOf(r.Current)
		c.DrawGlyph(draw.GlyphStyle{Color: col, Radius: currentRadius, Shape: draw.BoxGlyph{}}, vg.Point{X: x, Y: y})
		m.record(Point{Row: i, Stance: r.Current, Current: true}, x, y)
		label.Color = col
		c.FillText(label, vg.Point{X: x + currentRadius + 4, Y: y}, r.Current)
	}
}

func (m *marks) record(p Point, x, y vg.Length) {
	m.drawn = append(m.drawn, p)
	m.xs = append(m.xs, x)
	m.ys = append(m.ys, y)
}

// gridLines draws a faint line along each row.
type gridLines struct {
	rows int
	y    func(int) float64
}

func (g gridLines) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	sty := draw.LineStyle{Color: color.RGBA{R: 0xe5, G: 0xe7, B: 0xeb, A: 0xff}, Width: vg.Points(1)}
	for i := 0; i < g.rows; i++ {
		y := trY(g.y(i))
		c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
	}
}

// monthTicks labels the first of each month (every few months on a long
// span), "Jan 2026".
type monthTicks struct{ lo, hi float64 }

func (t monthTicks) Ticks(min, max float64) []plot.Tick {
	start := time.Unix(int64(t.lo*86400), 0).UTC()
	end := time.Unix(int64(t.hi*86400), 0).UTC()
	months := int(end.Sub(start).Hours()/24/30) + 1
	step := 1
	for months/step > 8 {
		step++
	}
	m := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0)
	var out []plot.Tick
	for n := 0; !m.After(end); n++ {
		label := ""
		if n%step == 0 {
			label = m.Format("Jan 2006")
		}
		out = append(out, plot.Tick{Value: days(m), Label: label})
		m = m.AddDate(0, 1, 0)
	}
	return out
}
