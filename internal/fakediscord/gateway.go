package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// gwConn is one client's gateway connection (one shard).
type gwConn struct {
	ws      *websocket.Conn
	wmu     sync.Mutex
	seq     atomic.Int64
	shard   [2]int
	isReady atomic.Bool
}

func (c *gwConn) ready() bool { return c.isReady.Load() }

type frame struct {
	Op int    `json:"op"`
	D  any    `json:"d"`
	S  *int64 `json:"s,omitempty"`
	T  string `json:"t,omitempty"`
}

func (c *gwConn) send(op int, d any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.ws.WriteJSON(frame{Op: op, D: d})
}

func (c *gwConn) dispatch(event string, d any) error {
	s := c.seq.Add(1)
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.ws.WriteJSON(frame{Op: 0, D: d, S: &s, T: event})
}

// close ends the connection with a gateway close code (4004 bad token...).
func (c *gwConn) close(code int, reason string) {
	c.wmu.Lock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
	c.wmu.Unlock()
	_ = c.ws.Close()
}

// Gateway close codes Discord uses.
const (
	closeAuthFailed    = 4004
	closeAlreadyAuthed = 4005
	closeInvalidShard  = 4010
)

// serveGateway runs one connection: Hello, then Identify → READY, then
// heartbeat ACKs until the client leaves.
func (f *Fake) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		f.fail(fmt.Errorf("gateway: upgrade: %w", err))
		return
	}
	c := &gwConn{ws: ws}
	defer f.drop(c)
	if err := c.send(10, map[string]any{"heartbeat_interval": f.heartbeat.Milliseconds()}); err != nil {
		return
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var in struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if err := json.Unmarshal(msg, &in); err != nil {
			f.fail(fmt.Errorf("gateway: bad frame %q: %w", msg, err))
			c.close(4002, "Error while decoding payload.")
			return
		}
		switch in.Op {
		case 1: // heartbeat
			if err := c.send(11, nil); err != nil {
				return
			}
		case 2:
			if c.ready() {
				c.close(closeAlreadyAuthed, "Already authenticated.")
				return
			}
			if !f.identify(c, in.D) {
				return
			}
		case 6: // resume: the fake keeps no sessions, so ask for a new one
			if err := c.send(9, false); err != nil {
				return
			}
		default:
			if !c.ready() {
				c.close(4003, "Not authenticated.")
				return
			}
		}
	}
}

// identify checks an IDENTIFY and answers READY; false when it closed.
func (f *Fake) identify(c *gwConn, d json.RawMessage) bool {
	var id struct {
		Token   string           `json:"token"`
		Intents discordgo.Intent `json:"intents"`
		Shard   *[2]int          `json:"shard"`
	}
	if err := json.Unmarshal(d, &id); err != nil {
		c.close(4002, "Error while decoding payload.")
		return false
	}
	rec := Identify{Token: id.Token, Intents: id.Intents, Shard: [2]int{0, 1}}
	if id.Shard != nil {
		rec.Shard = *id.Shard
	}
	rec.OK = strings.TrimPrefix(id.Token, "Bot ") == f.Token
	f.mu.Lock()
	f.identifies = append(f.identifies, rec)
	f.mu.Unlock()
	if !rec.OK {
		f.fail(fmt.Errorf("gateway: IDENTIFY with a wrong token: closed 4004"))
		c.close(closeAuthFailed, "Authentication failed.")
		return false
	}
	if rec.Shard[1] < 1 || rec.Shard[0] < 0 || rec.Shard[0] >= rec.Shard[1] {
		f.fail(fmt.Errorf("gateway: IDENTIFY with invalid shard %v: closed 4010", rec.Shard))
		c.close(closeInvalidShard, "Invalid shard.")
		return false
	}
	c.shard = rec.Shard
	ready := map[string]any{
		"v": 9, "user": f.botUser(), "guilds": []any{}, "session_id": "session-" + f.id(),
		"resume_gateway_url": f.GatewayURL(), "shard": rec.Shard,
		"application": map[string]any{"id": f.AppID, "flags": 0},
	}
	if err := c.dispatch("READY", ready); err != nil {
		return false
	}
	c.isReady.Store(true)
	f.mu.Lock()
	f.conns = append(f.conns, c)
	close(f.connected)
	f.connected = make(chan struct{})
	f.mu.Unlock()
	return true
}

func (f *Fake) drop(c *gwConn) {
	f.mu.Lock()
	for i, x := range f.conns {
		if x == c {
			f.conns = append(f.conns[:i], f.conns[i+1:]...)
			break
		}
	}
	f.mu.Unlock()
	_ = c.ws.Close()
}
