module talkbot/bench

go 1.26.8

require talkbot v0.0.0

require golang.org/x/text v0.43.0 // indirect

replace talkbot => ../
