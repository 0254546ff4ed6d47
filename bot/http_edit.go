package bot

import (
	"context"
	"fmt"

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
			_, err := w.s.InteractionResponseEdit(i, e, discordgo.WithContext(ctx))
			return err
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
