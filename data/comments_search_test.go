package data_test

import (
	"reflect"
	"testing"

	"github.com/verbatim-app/verbatim/data"
)

func TestParseSearch(t *testing.T) {
	w := func(s string) data.SearchTerm { return data.SearchTerm{Text: s} }
	p := func(s string) data.SearchTerm { return data.SearchTerm{Text: s, Phrase: true} }
	pre := func(s string) data.SearchTerm { return data.SearchTerm{Text: s, Prefix: true} }
	tests := []struct {
		name, q string
		want    data.Search
	}{
		{"Empty", "   ", data.Search{}},
		{"Words", "billing  refund", data.Search{All: [][]data.SearchTerm{{w("billing")}, {w("refund")}}}},
		{"Phrase", `"credit card" late`, data.Search{All: [][]data.SearchTerm{{p("credit card")}, {w("late")}}}},
		{"PhrasePrefix", `"credit ca"*`, data.Search{All: [][]data.SearchTerm{{{Text: "credit ca", Phrase: true, Prefix: true}}}}},
		{"UnterminatedQuote", `slow "very bad`, data.Search{All: [][]data.SearchTerm{{w("slow")}, {p("very bad")}}}},
		{"Exclude", "app -crash -\"log in\"", data.Search{All: [][]data.SearchTerm{{w("app")}}, None: []data.SearchTerm{w("crash"), p("log in")}}},
		{"OnlyExclusions", "-spam", data.Search{None: []data.SearchTerm{w("spam")}}},
		{"Or", "invoice OR charged OR factura late", data.Search{All: [][]data.SearchTerm{{w("invoice"), w("charged"), w("factura")}, {w("late")}}}},
		{"LowercaseOrIsAWord", "this or that", data.Search{All: [][]data.SearchTerm{{w("this")}, {w("or")}, {w("that")}}}},
		{"StrayOr", "OR billing OR", data.Search{All: [][]data.SearchTerm{{w("billing")}}}},
		{"OrBesideExclusion", "a OR -b c", data.Search{All: [][]data.SearchTerm{{w("a")}, {w("c")}}, None: []data.SearchTerm{w("b")}}},
		{"Prefix", "bill** ok", data.Search{All: [][]data.SearchTerm{{pre("bill")}, {w("ok")}}}},
		{"PunctuationOnlyDropped", `'; -- * ^ : ( ) "" "!"`, data.Search{}},
		{"OrAcrossDroppedTerm", "a OR ! OR b", data.Search{All: [][]data.SearchTerm{{w("a")}, {w("b")}}}},
		{"LoneDash", "a - b", data.Search{All: [][]data.SearchTerm{{w("a")}, {w("b")}}}},
		{"ControlCharacters", "a\x00b \"c\x01d\"", data.Search{All: [][]data.SearchTerm{{w("a")}, {w("b")}, {p("c d")}}}},
		{"KeepsSyntaxAsText", `NEAR(a b) col:x ^start`, data.Search{All: [][]data.SearchTerm{{w("NEAR(a")}, {w("b)")}, {w("col:x")}, {w("^start")}}}},
		{"Unicode", "Señor kırık İyi", data.Search{All: [][]data.SearchTerm{{w("Señor")}, {w("kırık")}, {w("İyi")}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := data.ParseSearch(tt.q)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseSearch(%q)\n got %+v\nwant %+v", tt.q, got, tt.want)
			}
		})
	}
}

func TestSearch_Terms(t *testing.T) {
	s := data.ParseSearch(`refund OR "money back" -spam bill*`)
	got := s.Terms()
	want := []data.SearchTerm{{Text: "refund"}, {Text: "money back", Phrase: true}, {Text: "bill", Prefix: true}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Terms() = %+v, want %+v", got, want)
	}
	if s.IsEmpty() || !data.ParseSearch(" ! ").IsEmpty() || data.ParseSearch("-x").IsEmpty() {
		t.Fatal("IsEmpty is wrong")
	}
}
