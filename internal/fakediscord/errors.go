package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"talkbot/internal/discordcheck"
)

// APIError is a rejected request as Discord reports it, kept in Errors().
type APIError struct {
	Route   string // "POST /api/v9/interactions/{id}/{token}/callback"
	Status  int
	Code    int
	Message string
	Detail  error // the validation problems, when there were some
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("%s: %d %s (code %d)", e.Route, e.Status, e.Message, e.Code)
	if e.Detail != nil {
		s += ": " + e.Detail.Error()
	}
	return s
}

// Discord's JSON error codes used here.
const (
	codeUnknownWebhook     = 10015
	codeUnknownMessage     = 10008
	codeUnknownInteraction = 10062
	codeAcknowledged       = 40060
	codeInvalidForm        = 50035
)

// reject writes Discord's error body and records the error.
func (f *Fake) reject(w http.ResponseWriter, r *http.Request, e *APIError) {
	if e.Route == "" {
		e.Route = r.Method + " " + r.URL.Path
	}
	f.fail(e)
	body := map[string]any{"message": e.Message, "code": e.Code}
	if e.Code == codeInvalidForm {
		body["errors"] = formErrors(e.Detail)
	}
	writeJSON(w, e.Status, body)
}

func (f *Fake) unauthorized(w http.ResponseWriter, r *http.Request) {
	f.reject(w, r, &APIError{Status: http.StatusUnauthorized, Code: 0, Message: "401: Unauthorized"})
}

func (f *Fake) invalidForm(w http.ResponseWriter, r *http.Request, detail error) {
	f.reject(w, r, &APIError{Status: http.StatusBadRequest, Code: codeInvalidForm, Message: "Invalid Form Body", Detail: detail})
}

// formErrors nests problems the way Discord does for 50035:
// {"data": {"embeds": {"0": {"description": {"_errors": [...]}}}}}.
func formErrors(detail error) map[string]any {
	root := map[string]any{}
	var problems discordcheck.Error
	switch e := detail.(type) {
	case discordcheck.Error:
		problems = e
	case nil:
	default:
		problems = discordcheck.Error{{Msg: e.Error()}}
	}
	for _, p := range problems {
		node := root
		for _, key := range pathKeys(p.Path) {
			child, ok := node[key].(map[string]any)
			if !ok {
				child = map[string]any{}
				node[key] = child
			}
			node = child
		}
		list, _ := node["_errors"].([]any)
		node["_errors"] = append(list, map[string]any{"code": "BASE_TYPE_INVALID", "message": p.Msg})
	}
	return root
}

// pathKeys splits "data.embeds[0].title" into data, embeds, 0, title.
func pathKeys(path string) []string {
	path = strings.NewReplacer("[", ".", "]", "").Replace(path)
	var keys []string
	for _, k := range strings.Split(path, ".") {
		if k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
