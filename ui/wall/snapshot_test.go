package wall

import (
	"strings"
	"testing"
	"time"

	"github.com/verbatim-app/verbatim/data"
	"github.com/verbatim-app/verbatim/data/privacy"
)

// TestCommentOf_SafeMode runs comments through the wall's one text path, the way the latest
// comments and board cards reach the screen.
func TestCommentOf_SafeMode(t *testing.T) {
	cases := []struct {
		name, comment, respondent, email string
		want                             string
	}{
		{"Email", "Write to me at ana.lopez@example.com please", "", "", "Write to me at ••• please"},
		{"EmailAccented", "escríbeme: josé.pérez@correo.es", "", "", "escríbeme: •••"},
		{"PhoneUS", "Call +1 (415) 555-0132 after 5", "", "", "Call ••• after 5"},
		{"PhoneTurkish", "Numaram 0532 123 45 67", "", "", "Numaram •••"},
		{"PhoneSpanish", "mi móvil 612 34 56 78, gracias", "", "", "mi móvil •••, gracias"},
		{"RespondentName", "I'm Maria Garcia and maria loves it", "María García", "", "I'm ••• ••• and ••• loves it"},
		{"NameFromEmailOnly", "This is Ilker, the app is slow", "", "ilker.sahin@example.com.tr", "This is •••, the app is slow"},
		{"TurkishNameLowercase", "ilker bey çok yardımcı oldu", "İlker Şahin", "", "••• bey çok yardımcı oldu"},
		{"OtherPeopleKept", "Support agent Tom was great", "Ana Lopez", "ana@example.com", "Support agent Tom was great"},
		{"Handle", "thanks @maria_g", "", "", "thanks •••"},
		{"NumbersThatAreNotPhones", "waited 45 minutes, order 12345, since 2026-03-02", "", "", "waited 45 minutes, order 12345, since 2026-03-02"},
		{"Trimmed", "  fine  ", "", "", "fine"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &data.Response{SurveyType: data.TypeNPS, ScaleMin: 0, ScaleMax: 10, Score: data.Float(3), Comment: c.comment,
				RespondentName: c.respondent, RespondentEmail: c.email, CreatedAt: time.Now()}
			got := commentOf(r, false)
			if got.Text != c.want {
				t.Errorf("text %q, want %q", got.Text, c.want)
			}
			if got.Name != "" {
				t.Errorf("safe mode shows the name %q", got.Name)
			}
			for _, personal := range []string{c.respondent, c.email} {
				if personal != "" && strings.Contains(got.Text, personal) {
					t.Errorf("safe text %q still holds %q", got.Text, personal)
				}
			}
			if got.Band != data.BandNegative {
				t.Errorf("band %q, want negative for an NPS 3", got.Band)
			}
		})
	}
}

func TestCommentOf_SafeModeOff(t *testing.T) {
	r := &data.Response{SurveyType: data.TypeCSAT, ScaleMin: 1, ScaleMax: 5, Score: data.Float(5),
		Comment: "Ana here: call 0532 123 45 67", RespondentName: "Ana Lopez", RespondentEmail: "ana@example.com"}
	got := commentOf(r, true)
	if got.Text != r.Comment || got.Name != "Ana Lopez" || got.Band != data.BandPositive {
		t.Errorf("got %+v, want the comment as written, the name and a positive band", got)
	}
	r.RespondentName = ""
	if got := commentOf(r, true); got.Name != "ana@example.com" {
		t.Errorf("without a name, shows %q, want the email", got.Name)
	}
}

func TestBoardOf(t *testing.T) {
	when := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	card := func(side, comment, name string, hidden bool) *data.SnapshotCard {
		return &data.SnapshotCard{Side: side, NameHidden: hidden, PinnedAt: when, Source: "NPS",
			Response: &data.Response{ExternalID: comment, SurveyType: data.TypeNPS, ScaleMax: 10, Score: data.Float(9),
				Comment: comment, RespondentName: name, CreatedAt: when}}
	}
	s := &data.BoardSnapshot{Name: "Week 10", CreatedAt: when, Cards: []*data.SnapshotCard{
		card(data.SidePositive, "Bob Stone says thanks", "Bob Stone", false),
		card(data.SideNegative, "Carla was rude to me", "Dana Wu", true),
		card(data.SidePositive, "Great", "Eve Park", false),
	}}
	safe := boardOf(s, false)
	if safe.Name != "Week 10" || len(safe.Positive) != 2 || len(safe.Negative) != 1 {
		t.Fatalf("board %+v, want Week 10 with 2 positive and 1 negative cards", safe)
	}
	if safe.Positive[0].Text != privacy.Mask+" "+privacy.Mask+" says thanks" || safe.Positive[0].Name != "" {
		t.Errorf("safe card %+v, want the name masked and not shown", safe.Positive[0])
	}
	open := boardOf(s, true)
	if open.Positive[0].Name != "Bob Stone" || open.Positive[1].Name != "Eve Park" {
		t.Errorf("safe mode off shows %q and %q, want the names", open.Positive[0].Name, open.Positive[1].Name)
	}
	if open.Negative[0].Name != "" {
		t.Errorf("a card that hides its name shows %q with safe mode off", open.Negative[0].Name)
	}
}
