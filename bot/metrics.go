package bot

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the transports' Prometheus series: interactions by command
// and outcome, their latency, and the requests refused before a handler.
// The serving package registers them beside its own.
type Metrics struct {
	interactions *prometheus.CounterVec   // command, outcome
	latency      *prometheus.HistogramVec // kind
	sigFailures  *prometheus.CounterVec   // reason
	rejected     *prometheus.CounterVec   // status
	inFlight     prometheus.Gauge
}

// NewMetrics registers the series on reg; nil keeps them on a registry of
// their own (tests, and several servers in one process, never collide).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	m := &Metrics{}
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
	m.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "talkbot_interactions_in_flight",
		Help: "Interactions being handled, deferred edits included.",
	})
	reg.MustRegister(m.interactions, m.latency, m.sigFailures, m.rejected, m.inFlight)
	// Pre-create the series a dashboard alerts on, so they read 0, not
	// absent, before the first event.
	for _, r := range []string{"missing", "bad_hex", "stale", "mismatch"} {
		m.sigFailures.WithLabelValues(r)
	}
	return m
}

// Interaction records one answered interaction. Gateway mode calls it
// too, so both transports fill the same series.
func (m *Metrics) Interaction(kind, command, outcome string, took time.Duration) {
	m.interactions.WithLabelValues(command, outcome).Inc()
	m.latency.WithLabelValues(kind).Observe(took.Seconds())
}
