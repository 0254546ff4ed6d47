package fakediscord

import (
	"testing"

	"talkbot/internal/discordcheck"
)

// FuzzCallbackBody feeds arbitrary callback bodies through what the fake
// does with one: decode as Discord would, validate, and nest the problems
// into Discord's error shape. None of it may panic, and a body that
// decodes must either pass or name a problem.
func FuzzCallbackBody(f *testing.F) {
	for _, seed := range []string{
		`{"type":4,"data":{"content":"hi","allowed_mentions":{"parse":[]}}}`,
		`{"type":4,"data":{"components":[{"type":1,"components":[{"type":2,"style":5,"label":"Read","url":"https://x"}]}],"allowed_mentions":{"parse":[]}}}`,
		`{"type":5,"data":{"flags":64}}`,
		`{"type":8,"data":{"choices":[{"name":"a","value":"a"}]}}`,
		`{"type":7,"data":{"embeds":[{"title":"t","fields":[{"name":"n","value":"v"}]}]}}`,
		`{"type":4,"data":{"components":[{"type":1,"components":[{"type":3}]}]}}`,
		`[]`, `{"type":"4"}`, `{"data":null}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		resp, err := decodeResponse(body)
		if err == nil {
			err = discordcheck.Response(resp)
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			_ = formErrors(err)
		}
		if _, err := decodeEdit(body); err == nil {
			_ = pathKeys(string(body))
		}
		_, _ = decodeParams(body)
		_, _ = decodeCommands(body)
	})
}
