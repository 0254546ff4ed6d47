package serving

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"talkbot/bot"
	"talkbot/corpus/feed"
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
	liveUpdates   *prometheus.CounterVec // result
	liveSeconds   prometheus.Histogram

	feedSuccess *prometheus.GaugeVec   // feed
	feedError   *prometheus.GaugeVec   // feed
	feedAdded   *prometheus.CounterVec // feed
	feedPolls   *prometheus.CounterVec // feed, result
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
	m.liveUpdates = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "talkbot_index_live_updates_total",
		Help: "Changed article files indexed into the index being served without a rebuild, by result (ok, failed).",
	}, []string{"result"})
	m.liveSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "talkbot_index_live_update_duration_seconds",
		Help:    "Time to read changed article files and index them into the index being served.",
		Buckets: prometheus.ExponentialBuckets(0.005, 2, 12),
	})
	m.feedSuccess = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "talkbot_feed_last_success_timestamp_seconds",
		Help: "When each feed was last polled successfully (Unix time; 0: never).",
	}, []string{"feed"})
	m.feedError = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "talkbot_feed_last_error_timestamp_seconds",
		Help: "When polling each feed last failed (Unix time; 0: never).",
	}, []string{"feed"})
	m.feedAdded = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "talkbot_feed_items_added_total",
		Help: "Articles each feed added to the corpus (new files, updates and other outlets of a story).",
	}, []string{"feed"})
	m.feedPolls = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "talkbot_feed_polls_total",
		Help: "Polls of each feed, by result (ok, failed).",
	}, []string{"feed", "result"})
	reg.MustRegister(m.liveUpdates, m.liveSeconds, m.feedSuccess, m.feedError, m.feedAdded, m.feedPolls)
	for _, r := range []string{"ok", "failed"} {
		m.liveUpdates.WithLabelValues(r)
	}
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

// LiveUpdated records one live update of the index being served.
func (m *Metrics) LiveUpdated(took time.Duration, err error) {
	m.liveSeconds.Observe(took.Seconds())
	if err != nil {
		m.liveUpdates.WithLabelValues("failed").Inc()
		return
	}
	m.liveUpdates.WithLabelValues("ok").Inc()
}

// FeedsFollowed pre-creates each feed's series, so a dashboard sees 0
// before the first poll.
func (m *Metrics) FeedsFollowed(labels []string) {
	for _, f := range labels {
		m.feedSuccess.WithLabelValues(f)
		m.feedError.WithLabelValues(f)
		m.feedAdded.WithLabelValues(f)
		m.feedPolls.WithLabelValues(f, "ok")
		m.feedPolls.WithLabelValues(f, "failed")
	}
}

// Polled records one poll of a feed (feed.Observer).
func (m *Metrics) Polled(name string, st feed.FeedState, added int, err error) {
	if err != nil {
		m.feedPolls.WithLabelValues(name, "failed").Inc()
		m.feedError.WithLabelValues(name).Set(float64(st.LastErrorAt.Unix()))
		return
	}
	m.feedPolls.WithLabelValues(name, "ok").Inc()
	m.feedSuccess.WithLabelValues(name).Set(float64(st.LastSuccess.Unix()))
	m.feedAdded.WithLabelValues(name).Add(float64(added))
}
