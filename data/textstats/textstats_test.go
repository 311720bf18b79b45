package textstats

import (
	"reflect"
	"testing"
)

func TestWords(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"The billing was WRONG, again!", []string{"billing", "wrong"}},
		{"La factura llegó dos veces, señor", []string{"factura", "llegó", "veces", "señor"}},
		{"İADE süreci çok yavaş ve kırık", []string{"iade", "süreci", "yavaş", "kırık"}},
		{"I can't log in 24/7 😡 app", []string{"log", "app"}},
		{"", nil},
	}
	for _, c := range cases {
		if got := Words(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Words(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestDistinctive(t *testing.T) {
	detractors, promoters := Counts{}, Counts{}
	for range 40 {
		detractors.Add("billing invoice wrong support slow")
		promoters.Add("support friendly fast great")
	}
	detractors.Add("refund refund refund refund") // one comment: too rare to count
	got := Distinctive(detractors, promoters, 10, 3)
	words := map[string]bool{}
	for _, s := range got {
		words[s.Word] = true
		if s.ZScore <= 0 {
			t.Errorf("%s has z %v", s.Word, s.ZScore)
		}
	}
	for _, w := range []string{"billing", "invoice", "wrong", "slow"} {
		if !words[w] {
			t.Errorf("%q missing from %v", w, got)
		}
	}
	for _, w := range []string{"support", "friendly", "refund"} {
		if words[w] {
			t.Errorf("%q should not set detractors apart: %v", w, got)
		}
	}
	if Distinctive(Counts{}, promoters, 10, 1) != nil {
		t.Error("an empty group has no distinctive words")
	}
}
