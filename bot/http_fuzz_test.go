package bot

import (
	"testing"
)

// FuzzDecodeInteraction: no body, however mangled, may panic the decoder,
// and whatever it accepts is an interaction talkbot can route.
func FuzzDecodeInteraction(f *testing.F) {
	for _, s := range []string{
		askJSON, autocompleteJSON, helpJSON,
		`{"type":1}`, `{"id":"1","type":3,"token":"t","data":{"custom_id":"p1:x","component_type":2}}`,
		`{"id":"1","type":5,"token":"t","data":{"custom_id":"m","components":[]}}`,
		`{"id":"1","type":2,"token":"t","data":null}`, `{"type":99}`, `[]`, `null`, ``,
		`{"id":"1","type":3,"token":"t","data":{"custom_id":"x","component_type":2},"message":{"components":[{"type":1,"components":[{"type":2}]}]}}`,
	} {
		f.Add([]byte(s))
	}
	resp := &Responder{Handler: realRouter(f)}
	f.Fuzz(func(t *testing.T, body []byte) {
		i, err := decodeInteraction(body)
		if err != nil {
			return
		}
		if i == nil {
			t.Fatal("nil interaction without an error")
		}
		if i.Type < 1 || i.Type > 5 {
			t.Fatalf("accepted type %d", i.Type)
		}
		if i.Type != 1 && (i.Token == "" || i.Data == nil) {
			t.Fatal("accepted an interaction that cannot be answered")
		}
		_ = kindOf(i)
		_ = commandLabel(i)
		_ = resp.deferral(i) // asks the router whether the reply is private
	})
}
