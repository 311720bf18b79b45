// Command soakapi serves a fake Typeform API for scripts/soak.sh: a network that comes and
// goes under a wall running --sync. It listens on 127.0.0.1, prints its base URL on the
// first line of standard output, adds new responses every second (so each sync has
// something to fetch), and every --flip turns down (503 on every request) or up again.
// It runs until interrupted or terminated.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/verbatim-app/verbatim/data/syncer/fake"
)

func main() {
	token := flag.String("token", "soak-token", "the API token the fake accepts")
	form := flag.String("form", "S0ak01", "the form id")
	flip := flag.Duration("flip", 20*time.Second, "how long the API stays up, then down")
	rate := flag.Int("rate", 5, "new responses per second")
	flag.Parse()

	srv := fake.NewTypeform(*token, *form)
	defer srv.Close()
	var down atomic.Bool
	var refused atomic.Int64
	srv.Inject(&fake.Fault{Times: -1, Do: func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if down.Load() {
			refused.Add(1)
			fake.Status(http.StatusServiceUnavailable, `{"code":"SERVICE_UNAVAILABLE","description":"soak: down"}`)(w, r, next)
			return
		}
		next.ServeHTTP(w, r)
	}})
	fmt.Println(srv.URL)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	add, toggle := time.NewTicker(time.Second), time.NewTicker(*flip)
	defer add.Stop()
	defer toggle.Stop()
	comments := []string{"Fast and friendly support.", "The app crashed twice today.", "Love the new reports!",
		"Billing is confusing; call me on +1 415 555 0132.", "Works as expected."}
	n := 0
	for {
		select {
		case <-ctx.Done():
			log.Printf("soakapi: stopped after %d responses; %d requests refused while down", n, refused.Load())
			return
		case <-toggle.C:
			down.Store(!down.Load())
			log.Printf("soakapi: down=%v", down.Load())
		case now := <-add.C:
			for range *rate {
				n++
				score := n % 11
				srv.Add(fake.Response{ID: fmt.Sprintf("soak-%d", n), Score: &score, Comment: comments[n%len(comments)],
					Plan: "Pro", Region: "EU", Email: fmt.Sprintf("person%d@example.com", n), SubmittedAt: now.UTC()})
			}
		}
	}
}
