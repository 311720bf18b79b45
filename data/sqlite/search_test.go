package sqlite

import (
	"database/sql"
	"slices"
	"strings"
	"testing"

	"github.com/verbatim-app/verbatim/data"
)

func TestFTSQuery(t *testing.T) {
	tests := []struct {
		name, q, want string
	}{
		{"Empty", "", ""},
		{"Words", "billing refund", `"billing" AND "refund"`},
		{"Phrase", `"credit card"`, `"credit card"`},
		{"Prefix", "bill*", `"bill"*`},
		{"PhrasePrefix", `"credit ca"*`, `"credit ca"*`},
		{"Or", "invoice OR charged OR factura OR fatura", `("invoice" OR "charged" OR "factura" OR "fatura")`},
		{"OrAndAnd", "late invoice OR bill", `"late" AND ("invoice" OR "bill")`},
		{"Exclusions", `app -crash -"log in"`, `("app") NOT ("crash" OR "log in")`},
		{"TurkishI", "KIRIK İyi", `"KIRIK" AND "iyi"`},
		{"QuoteInjection", `a" OR "b`, `"a" AND "OR" AND "b"`},
		{"NearInjection", `NEAR(a b, 2)`, `"NEAR(a" AND "b," AND "2)"`},
		{"SQLInjection", `'; DROP TABLE responses; --`, `"DROP" AND "TABLE" AND "responses;"`},
		{"ColumnFilter", `comment:x {comment}:y`, `"comment:x" AND "{comment}:y"`},
		{"Caret", `^start`, `"^start"`},
		{"Parentheses", `(a OR b`, `("(a" OR "b")`},
		{"StarsAlone", `* ** "*"`, ``},
		{"UnbalancedQuotes", `"a "b" c"`, `"a" AND "b" AND "c"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ftsQuery(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("ftsQuery(%q) = %s, want %s", tt.q, got, tt.want)
			}
		})
	}

	t.Run("ErrOnlyExclusions", func(t *testing.T) {
		_, err := ftsQuery("-spam -ads")
		if data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("err = %v, want EINVALID", err)
		}
	})
}

// searchDocs is the corpus TestFTSQuery_Match searches, by rowid.
var searchDocs = []string{
	1: "The invoice was charged twice",
	2: "El señor de soporte fue rápido; la factura llegó tarde",
	3: "Uygulama kırık, fatura iki kez geldi",
	4: "İyi destek, teşekkürler",
	5: "Billing is confusing and the app crashes",
	6: "Great app, love the new billing page",
	7: "I could not log in to the app",
	8: "credit card declined, then the card was charged",
}

func TestFTSQuery_Match(t *testing.T) {
	db := openSearchDB(t)
	for id, doc := range searchDocs {
		if doc != "" {
			if _, err := db.Exec("INSERT INTO fts(rowid, comment) VALUES(?, ?)", id, foldForSearch(doc)); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		q    string
		want []int64
	}{
		{"charged", []int64{1, 8}},
		{"CHARGED twice", []int64{1}},
		{"senor", []int64{2}},
		{"SEÑOR", []int64{2}},
		{"rapido", []int64{2}},
		{"kirik", []int64{3}},
		{"KIRIK", []int64{3}},
		{"kırık", []int64{3}},
		{"iyi", []int64{4}},
		{"İYİ", []int64{4}},
		{"tesekkurler", []int64{4}},
		{"invoice OR factura OR fatura", []int64{1, 2, 3}},
		{"bill*", []int64{5, 6}},
		{"app -crashes", []int64{6, 7}},
		{`app -"log in"`, []int64{5, 6}},
		{`"credit card"`, []int64{8}},
		{`"card credit"`, nil},
		{`"log in"`, []int64{7}},
		{"log-in", []int64{7}}, // punctuation inside a word reads as a phrase
		{`NEAR(app billing)`, nil},
		{`app:love`, []int64{6}}, // a column filter is only words: "app love"
	}
	for _, tt := range tests {
		match, err := ftsQuery(tt.q)
		if err != nil {
			t.Fatalf("ftsQuery(%q): %v", tt.q, err)
		}
		got, err := matchIDs(db, match)
		if err != nil {
			t.Fatalf("search %q (%s): %v", tt.q, match, err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q (%s) = %v, want %v", tt.q, match, got, tt.want)
		}
	}
}

// FuzzFTSQuery checks that every search text translates into an FTS5 expression SQLite
// accepts, so that nothing a user types can make a search fail or escape its quotes.
func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{"billing refund", `"credit card"`, "-spam", "bill*", "a OR b", `a" OR "b`,
		`NEAR(a b)`, `'; DROP TABLE responses; --`, "^x", "col:x", "(a", `"""`, "*", "OR", "-", "İ ı ş",
		"a\x00b", "\xff\xfe", strings.Repeat("a ", 300), strings.Repeat("x OR ", 300), strings.Repeat(`"`, 7)} {
		f.Add(s)
	}
	db := openSearchDB(f)
	if _, err := db.Exec("INSERT INTO fts(rowid, comment) VALUES(1, 'a b c'), (2, 'x y z')"); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		match, err := ftsQuery(q)
		if err != nil {
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "only excludes") {
				t.Fatalf("ftsQuery(%q): %v", q, err)
			}
			s := data.ParseSearch(q)
			match = ftsAny(s.None) // what searchWhere sends for a search of exclusions alone
		}
		if match == "" {
			return
		}
		if _, err := matchIDs(db, match); err != nil {
			t.Fatalf("search %q: SQLite rejects %s: %v", q, match, err)
		}
	})
}

func openSearchDB(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE VIRTUAL TABLE fts USING fts5(comment, content='', contentless_delete=1,
		tokenize='unicode61 remove_diacritics 2')`); err != nil {
		tb.Fatal(err)
	}
	return db
}

func matchIDs(db *sql.DB, match string) ([]int64, error) {
	rows, err := db.Query("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid", match)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
