package bot

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are talkbot's Prometheus series, on a registry of their own so
// tests and several servers in one process never collide.
type Metrics struct {
	Registry *prometheus.Registry

	interactions  *prometheus.CounterVec   // command, outcome
	latency       *prometheus.HistogramVec // kind
	sigFailures   *prometheus.CounterVec   // reason
	rejected      *prometheus.CounterVec   // status
	articles      prometheus.Gauge
	passages      prometheus.Gauge
	reloads       *prometheus.CounterVec // result
	reloadSeconds prometheus.Histogram
	inFlight      prometheus.Gauge
}

// NewMetrics registers every series, plus Go and process collectors.
func NewMetrics() *Metrics {
	m := &Metrics{Registry: prometheus.NewRegistry()}
	m.interactions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "talkbot_interactions_total",
		Help: "Interactions answered, by command (or button prefix) and outcome.",
	}, []string{"command", "outcome"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "talkbot_interaction_duration_seconds",
		Help: "Time from receiving an interaction to its first answer, by kind.",
		// Discord allows 3 s; the interesting range is well below.
		Buckets: []float64{.0005, .001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"kind"})
	m.sigFailures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "talkbot_signature_failures_total",
		Help: "Requests refused with 401, by reason (missing, bad_hex, stale, mismatch).",
	}, []string{"reason"})
	m.rejected = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "talkbot_http_rejected_total",
		Help: "Interaction requests refused before reaching a handler, by HTTP status.",
	}, []string{"status"})
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
	m.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "talkbot_interactions_in_flight",
		Help: "Interactions being handled, deferred edits included.",
	})
	m.Registry.MustRegister(m.interactions, m.latency, m.sigFailures, m.rejected,
		m.articles, m.passages, m.reloads, m.reloadSeconds, m.inFlight,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Pre-create the series a dashboard alerts on, so they read 0, not
	// absent, before the first event.
	for _, r := range []string{"ok", "failed"} {
		m.reloads.WithLabelValues(r)
	}
	for _, r := range []string{"missing", "bad_hex", "stale", "mismatch"} {
		m.sigFailures.WithLabelValues(r)
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

// Interaction records one answered interaction. Gateway mode calls it
// too, so both transports fill the same series.
func (m *Metrics) Interaction(kind, command, outcome string, took time.Duration) {
	m.interactions.WithLabelValues(command, outcome).Inc()
	m.latency.WithLabelValues(kind).Observe(took.Seconds())
}
