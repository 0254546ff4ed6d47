package serving

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"talkbot/bot"
)

// Metrics are every Prometheus series of a running bot or server, on a
// registry of their own (tests and several servers in one process never
// collide): the corpus served and its reloads here, the interactions in
// bot, and the Go runtime and process.
type Metrics struct {
	Registry *prometheus.Registry
	// Interactions are the transports' series, to hand to bot.
	Interactions *bot.Metrics

	articles      prometheus.Gauge
	passages      prometheus.Gauge
	reloads       *prometheus.CounterVec // result
	reloadSeconds prometheus.Histogram
}

// NewMetrics registers every series.
func NewMetrics() *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{Registry: reg, Interactions: bot.NewMetrics(reg)}
	m.articles = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "talkbot_corpus_articles",
		Help: "Articles in the index being served.",
	})
	m.passages = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "talkbot_corpus_passages",
		Help: "Passages in the index being served.",
	})
	m.reloads = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "talkbot_index_reloads_total",
		Help: "Index rebuilds, by result (ok, failed); a failed one keeps the old index.",
	}, []string{"result"})
	m.reloadSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "talkbot_index_reload_duration_seconds",
		Help:    "Time to load the corpus and build a new index.",
		Buckets: prometheus.ExponentialBuckets(0.05, 2, 12),
	})
	reg.MustRegister(m.articles, m.passages, m.reloads, m.reloadSeconds,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Pre-create the series a dashboard alerts on, so they read 0, not
	// absent, before the first event.
	for _, r := range []string{"ok", "failed"} {
		m.reloads.WithLabelValues(r)
	}
	return m
}

// SetCorpus records the size of the index now served.
func (m *Metrics) SetCorpus(articles, passages int) {
	m.articles.Set(float64(articles))
	m.passages.Set(float64(passages))
}

// Reloaded records one index rebuild.
func (m *Metrics) Reloaded(took time.Duration, err error) {
	m.reloadSeconds.Observe(took.Seconds())
	if err != nil {
		m.reloads.WithLabelValues("failed").Inc()
		return
	}
	m.reloads.WithLabelValues("ok").Inc()
}
