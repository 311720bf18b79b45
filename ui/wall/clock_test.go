package wall

import (
	"testing"
	"time"
)

func TestFakeClock_Advance(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	c := NewFakeClock(start)
	var got []string
	at := func(name string) func() {
		return func() { got = append(got, name+"@"+c.Now().Sub(start).String()) }
	}
	c.AfterFunc(3*time.Second, at("c"))
	c.AfterFunc(time.Second, at("a"))
	stopped := c.AfterFunc(2*time.Second, at("never"))
	c.AfterFunc(time.Second, func() {
		at("b")()
		c.AfterFunc(time.Second, at("chained")) // due at 2s, inside this Advance
	})
	if !stopped.Stop() || stopped.Stop() {
		t.Fatal("Stop should report true once, then false")
	}
	c.Advance(2500 * time.Millisecond)
	want := []string{"a@1s", "b@1s", "chained@2s"}
	if len(got) != len(want) {
		t.Fatalf("ran %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ran %v, want %v", got, want)
		}
	}
	if now := c.Now().Sub(start); now != 2500*time.Millisecond {
		t.Errorf("Now is start+%s, want start+2.5s", now)
	}
	if c.Pending() != 1 {
		t.Errorf("Pending() = %d, want 1 (c at 3s)", c.Pending())
	}
	c.Advance(time.Second)
	if got[len(got)-1] != "c@3s" {
		t.Errorf("last call %q, want c@3s", got[len(got)-1])
	}
}
