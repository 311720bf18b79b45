// Command fakeapi serves one fake survey platform API (Typeform, SurveyMonkey or Qualtrics,
// from data/syncer/fake) on 127.0.0.1 for scripts/screenshots.sh and for trying the app by
// hand: it prints its base URL on the first line of standard output and serves generated
// responses until interrupted or terminated. Killing it is how a script takes a platform
// offline; SIGUSR1 makes it accept only --rotate from then on, as when an admin replaces the
// API token a source holds.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/verbatim-app/verbatim/data/syncer/fake"
)

func main() {
	kind := flag.String("kind", "typeform", "the platform: typeform, surveymonkey or qualtrics")
	token := flag.String("token", "fake-token", "the API token the fake accepts")
	survey := flag.String("survey", "F1", "the form or survey id")
	n := flag.Int("responses", 1000, "responses the survey holds")
	seed := flag.Uint64("seed", 1, "seed of the generated responses")
	days := flag.Int("days", 90, "the responses are spread over this many days up to now")
	rotate := flag.String("rotate", "rotated-token", "the only token accepted after SIGUSR1")
	slow := flag.Duration("slow", 0, "answer each request this much later (to watch a sync's progress)")
	flag.Parse()

	starts := map[string]func(token, survey string) *fake.Server{
		"typeform": fake.NewTypeform, "surveymonkey": fake.NewSurveyMonkey, "qualtrics": fake.NewQualtrics}
	start, ok := starts[*kind]
	if !ok || *n < 0 || *days <= 0 {
		fmt.Fprintf(os.Stderr, "fakeapi: --kind must be typeform, surveymonkey or qualtrics, --responses ≥ 0 and --days > 0\n")
		os.Exit(2)
	}
	srv := start(*token, *survey)
	defer srv.Close()
	if *slow > 0 {
		srv.Inject(&fake.Fault{Times: -1, Do: fake.Slow(*slow)})
	}
	// Generate spaces responses a minute apart; spread them over the days asked instead, so
	// that the dashboard of the synced cache has a trend to show.
	first := time.Now().UTC().Add(-time.Duration(*days) * 24 * time.Hour).Truncate(time.Minute)
	rs := fake.Generate(*n, *seed, first)
	step := time.Duration(*days) * 24 * time.Hour / time.Duration(max(*n, 1))
	for i := range rs {
		rs[i].SubmittedAt = first.Add(time.Duration(i) * step)
	}
	srv.Add(rs...)
	fmt.Println(srv.URL)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	usr1 := make(chan os.Signal, 1)
	signal.Notify(usr1, syscall.SIGUSR1)
	for ctx.Err() == nil {
		select {
		case <-usr1:
			srv.SetToken(*rotate)
			log.Printf("fakeapi: %s now accepts only the rotated token", *kind)
		case <-ctx.Done():
		}
	}
	log.Printf("fakeapi: %s stopped after %d requests", *kind, srv.Requests())
}
