package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"syscall"
	"time"

	"github.com/bwmarrin/discordgo"
)

// webhooks sends the replies that follow a deferral. Editing, following
// up and deleting the original response go through the interaction's
// token, so serve mode needs no bot token.
type webhooks struct {
	s     *discordgo.Session
	appID string
}

func newWebhooks(restBase, appID string) (*webhooks, error) {
	s, err := discordgo.New("")
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	if s.Client, err = RESTClient(restBase); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	return &webhooks{s: s, appID: appID}, nil
}

// transport is the HTTP-mode Transport for i: the first callback goes to
// first (the HTTP response body), the rest through the REST API.
func (w *webhooks) transport(i *discordgo.Interaction, first func(firstReply) error) Transport {
	if i.AppID == "" {
		i.AppID = w.appID
	}
	return Transport{
		Callback: func(_ context.Context, resp *discordgo.InteractionResponse) error {
			return first(firstReply{resp: resp})
		},
		Panicked: func(context.Context) error { return first(firstReply{panicked: true}) },
		Edit: func(ctx context.Context, e *discordgo.WebhookEdit) error {
			again, err := rereadable(e.Files)
			if err != nil {
				return err
			}
			return retryEdit(ctx, func() error {
				again()
				_, err := w.s.InteractionResponseEdit(i, e, discordgo.WithContext(ctx))
				return err
			})
		},
		Followup: func(ctx context.Context, m *discordgo.WebhookParams) error {
			_, err := w.s.FollowupMessageCreate(i, true, m, discordgo.WithContext(ctx))
			return err
		},
		Delete: func(ctx context.Context) error {
			return w.s.InteractionResponseDelete(i, discordgo.WithContext(ctx))
		},
	}
}

// retryEdit retries an edit that did not land for a reason a moment
// cures: Discord refusing it with Unknown Message (in serve mode the
// first reply is the HTTP response, and an edit that follows at once,
// the file of an answer sent without it, can reach Discord before it has
// taken that response in), or a kept-alive connection closed under the
// request (the server hung up an idle connection as it was reused). An
// edit replaces the whole message, so sending it twice is harmless. A
// few tries, each twice as late, within ctx.
func retryEdit(ctx context.Context, edit func() error) error {
	wait := 25 * time.Millisecond
	for try := 0; ; try++ {
		err := edit()
		if err == nil || try == 5 || !(unknownMessage(err) || connectionLost(err)) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
		wait *= 2
	}
}

func unknownMessage(err error) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Message != nil && re.Message.Code == discordgo.ErrCodeUnknownMessage
}

// connectionLost reports an error of the connection itself, not an
// answer from Discord: reset, broken pipe, or closed before a reply.
func connectionLost(err error) bool {
	var re *discordgo.RESTError
	if errors.As(err, &re) {
		return false
	}
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// rereadable reads the files' contents once, and returns a func that
// rewinds every file to its start before each try.
func rereadable(files []*discordgo.File) (func(), error) {
	data := make([][]byte, len(files))
	for n, f := range files {
		b, err := io.ReadAll(f.Reader)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.Name, err)
		}
		data[n] = b
	}
	return func() {
		for n, f := range files {
			f.Reader = bytes.NewReader(data[n])
		}
	}, nil
}
