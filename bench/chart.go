package main

import (
	"fmt"
	"image/color"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

var (
	colTalkbot  = color.RGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0xff}
	ftsColours  = []color.Color{color.RGBA{R: 0xdc, G: 0x26, B: 0x26, A: 0xff}, color.RGBA{R: 0xd9, G: 0x77, B: 0x06, A: 0xff}}
	tierColours = []color.Color{color.RGBA{R: 0x6b, G: 0x72, B: 0x80, A: 0xff}, color.RGBA{R: 0x05, G: 0x96, B: 0x69, A: 0xff},
		color.RGBA{R: 0x25, G: 0x63, B: 0xeb, A: 0xff}, color.RGBA{R: 0xdc, G: 0x26, B: 0x26, A: 0xff}}
)

// writeChart draws ask latency and indexing throughput against the number
// of articles, both engines, side by side, as a PNG.
func writeChart(r Results, path string) error {
	lat := plot.New()
	lat.Title.Text = "Ask latency, one client"
	lat.X.Label.Text = "articles (log scale)"
	lat.Y.Label.Text = "ms (log scale)"
	lat.X.Scale, lat.Y.Scale = plot.LogScale{}, plot.LogScale{}
	lat.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	thr := plot.New()
	thr.Title.Text = "Indexing throughput"
	thr.X.Label.Text = "articles (log scale)"
	thr.Y.Label.Text = "passages per second (log scale)"
	thr.X.Scale, thr.Y.Scale = plot.LogScale{}, plot.LogScale{}
	thr.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	// Tick the tiers' own sizes: those are the only x values there are.
	var ticks []plot.Tick
	for _, t := range r.Tiers {
		n := t.Load.Articles
		ticks = append(ticks, plot.Tick{Value: float64(n), Label: fmt.Sprintf("%s\n%d", t.Tier, n)})
	}
	lat.X.Tick.Marker, thr.X.Tick.Marker = plot.ConstantTicks(ticks), plot.ConstantTicks(ticks)

	engs := []string{engTalkbot}
	if len(r.Tiers) > 0 {
		engs = append(engs, ftsOf(r.Tiers[len(r.Tiers)-1])...)
	}
	for i, eng := range engs {
		var col color.Color = colTalkbot
		if eng != engTalkbot {
			col = ftsColours[(i-1)%len(ftsColours)]
		}
		var p50, p99, ips plotter.XYs
		for _, t := range r.Tiers {
			if _, ok := t.Serve[eng]; !ok {
				continue
			}
			x := float64(t.Build[eng].Articles)
			s := t.Serve[eng]
			p50 = append(p50, plotter.XY{X: x, Y: s.One.P50Ms})
			p99 = append(p99, plotter.XY{X: x, Y: s.One.P99Ms})
			ips = append(ips, plotter.XY{X: x, Y: t.Build[eng].PassagesPerSecond()})
		}
		if len(p50) == 0 {
			continue
		}
		if err := addLine(lat, p99, label(eng)+" p99", col, false); err != nil {
			return err
		}
		if err := addLine(lat, p50, label(eng)+" p50", col, true); err != nil {
			return err
		}
		if err := addLine(thr, ips, label(eng), col, false); err != nil {
			return err
		}
	}
	lat.Legend.Top, thr.Legend.Top = true, true
	lat.Legend.Left, thr.Legend.Left = true, true
	// Room above the highest point for the legend.
	lat.Y.Max *= 4
	thr.Y.Max *= 4

	const w, h = 12 * vg.Inch, 4.5 * vg.Inch
	img := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(110))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Inch / 3, PadTop: vg.Inch / 6, PadBottom: vg.Inch / 8, PadLeft: vg.Inch / 8, PadRight: vg.Inch / 6}
	canvases := plot.Align([][]*plot.Plot{{lat, thr}}, tiles, dc)
	lat.Draw(canvases[0][0])
	thr.Draw(canvases[0][1])
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %v", path, err)
	}
	return f.Close()
}

func addLine(p *plot.Plot, xys plotter.XYs, label string, col color.Color, dashed bool) error {
	l, pts, err := plotter.NewLinePoints(xys)
	if err != nil {
		return err
	}
	l.Color, pts.Color = col, col
	l.Width = vg.Points(2)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
		pts.Shape = draw.BoxGlyph{}
	} else {
		pts.Shape = draw.CircleGlyph{}
	}
	pts.Radius = vg.Points(3.5)
	p.Add(l, pts)
	p.Legend.Add(label, l, pts)
	return nil
}

// writeRSSChart draws the serve process's RSS over its life, one line per
// tier with a load run, as a PNG.
func writeRSSChart(r Results, path string) error {
	p := plot.New()
	p.Title.Text = "talkbot serve RSS over time (open, warm-up, the two 64-concurrent loads, drain)"
	p.X.Label.Text = "seconds since the process started"
	p.Y.Label.Text = "RSS (MB)"
	i := 0
	for _, t := range r.Tiers {
		if len(t.Loads) == 0 || len(t.Loads[0].RSS) == 0 {
			continue
		}
		var xys plotter.XYs
		for _, s := range t.Loads[0].RSS {
			xys = append(xys, plotter.XY{X: s.T, Y: mb(s.KiB)})
		}
		l, err := plotter.NewLine(xys)
		if err != nil {
			return err
		}
		l.Color = tierColours[i%len(tierColours)]
		l.Width = vg.Points(2)
		p.Add(l)
		p.Legend.Add(t.Tier, l)
		i++
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Y.Min = 0
	p.Y.Max *= 1.3
	if err := p.Save(8*vg.Inch, 3.5*vg.Inch, path); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}
