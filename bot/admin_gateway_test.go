package bot

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"talkbot/commands"
	"talkbot/internal/fakediscord"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// TestGatewayFeedsMetrics: interactions answered over the gateway are
// counted by command and outcome and timed, as in serve mode, on the
// registry that --admin-addr serves.
func TestGatewayFeedsMetrics(t *testing.T) {
	f := fakediscord.New(t)
	reg := prometheus.NewRegistry()
	m := NewMetrics(reg)
	bot := start(t, f, Config{GuildID: "1203945609451032576", Handler: realRouter(t), Definitions: commands.Definitions, Metrics: m})
	for _, file := range []string{"help", "help", "unknown_command"} {
		valid(t, f, f.Interact(t, recorded(t, file)))
	}
	bot.stop() // waits for the interactions in flight: all recorded
	if err := bot.wait(t); err != nil {
		t.Fatal(err)
	}
	admin := httptest.NewServer(promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	defer admin.Close()
	resp, err := admin.Client().Get(admin.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	for _, want := range []string{
		`talkbot_interactions_total{command="help",outcome="ok"} 2`,
		`talkbot_interactions_total{command="weather",outcome="unknown_command"} 1`,
		`talkbot_interaction_duration_seconds_count{kind="command"} 3`,
		`talkbot_interactions_in_flight 0`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if t.Failed() {
		t.Logf("/metrics:\n%s", grepLines(string(body), "talkbot_interaction"))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
