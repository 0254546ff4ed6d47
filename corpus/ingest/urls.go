package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that name how a reader arrived,
// not what they read: two URLs differing only in them are one article.
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "mc_cid": true, "mc_eid": true,
	"cmpid": true, "ocid": true, "ref": true, "ref_src": true, "guccounter": true, "smid": true, "taid": true}

// URLKey is the form of an article address two copies of the same page
// share: scheme and host lower case, no "www.", no fragment, no tracking
// parameters (utm_*, fbclid...), remaining parameters sorted, no
// trailing slash. http and https are one.
func URLKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(raw)
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var qs []string
	for _, k := range keys {
		for _, v := range q[k] {
			qs = append(qs, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	key := host + path
	if len(qs) > 0 {
		key += "?" + strings.Join(qs, "&")
	}
	return key
}

// ItemID is talkbot's own id of an article: a hash of its URLKey, the
// same whichever feed or GUID it came through.
func ItemID(raw string) string {
	h := sha256.Sum256([]byte(URLKey(raw)))
	return hex.EncodeToString(h[:12])
}

// readableHost is a site's host name as a publisher's name when the page
// names none: "www.kyivindependent.com" is "kyivindependent.com".
func readableHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	for _, p := range []string{"www.", "m.", "amp.", "mobile."} {
		h = strings.TrimPrefix(h, p)
	}
	return h
}
