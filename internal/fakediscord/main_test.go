package fakediscord

import (
	"testing"

	"talkbot/internal/testnet"
)

// Tests may only reach loopback.
func TestMain(m *testing.M) { testnet.Guard(m) }
