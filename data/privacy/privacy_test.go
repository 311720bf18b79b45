package privacy

import "testing"

func TestMaskText(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		names []string
		want  string
	}{
		{"Email", "Write to ana.lopez+cx@example.co.uk please", nil, "Write to ••• please"},
		{"EmailUpperCase", "Mail: JOHN@EXAMPLE.COM", nil, "Mail: •••"},
		{"PhoneInternational", "call me on +1 (415) 555-0132 today", nil, "call me on ••• today"},
		{"PhoneTurkish", "Numaram 0532 123 45 67, arayın", nil, "Numaram •••, arayın"},
		{"PhoneSpanish", "mi móvil es 612.345.678", nil, "mi móvil es •••"},
		{"ShortNumberKept", "waited 45 minutes for 2 replies", nil, "waited 45 minutes for 2 replies"},
		{"DateKept", "since 2026-11-25 it fails", nil, "since 2026-11-25 it fails"},
		{"OrderNumberKept", "order 12345 was late", nil, "order 12345 was late"},
		{"Handle", "thanks @maria_g for the help", nil, "thanks ••• for the help"},
		{"RespondentName", "Hi, I'm Ana Lopez and ana needs help", []string{"Ana Lopez"}, "Hi, I'm ••• ••• and ••• needs help"},
		{"NameWholeWordsOnly", "Banana is not Ana", []string{"Ana"}, "Banana is not •••"},
		{"TurkishName", "Ben Çağrı, destek çok yavaştı", []string{"Çağrı Yılmaz"}, "Ben •••, destek çok yavaştı"},
		{"InitialNotMasked", "a great app", []string{"A. Smith"}, "a great app"},
		{"AdjacentNames", "Ana,Ana", []string{"Ana"}, "•••,•••"},
		{"Empty", "", []string{"Ana"}, ""},
		{"EmailAccentedLocalPart", "escríbeme a josé.pérez@correo.es ya", nil, "escríbeme a ••• ya"},
		{"EmailTurkish", "müşteri@firma.com.tr adresine yazın", nil, "••• adresine yazın"},
		{"NameWithoutAccents", "jose was great, JOSÉ again", []string{"José Pérez"}, "••• was great, ••• again"},
		{"NameTurkishDottedCapital", "ilker bey ve ILKER", []string{"İlker Şahin"}, "••• bey ve •••"},
		{"NameTurkishLowerToCapital", "İLKER aradı", []string{"ilker"}, "••• aradı"},
		{"NameTurkishSuffix", "Ayşe'nin siparişi", []string{"Ayşe Kaya"}, "•••'nin siparişi"},
		{"NameDecomposedAccents", "Jose\u0301 Pe\u0301rez called", []string{"José Pérez"}, "••• ••• called"},
		{"NameHyphenated", "Ana-María wrote", []string{"Ana-María"}, "••• wrote"},
		{"NameAccentsStillWholeWords", "Pérezoso no es Perez", []string{"Pérez"}, "Pérezoso no es •••"},
		{"NothingPersonal", "Love the new dashboard 😍", []string{"Bob"}, "Love the new dashboard 😍"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := MaskText(c.text, c.names...); got != c.want {
				t.Errorf("MaskText(%q, %q) = %q, want %q", c.text, c.names, got, c.want)
			}
		})
	}
}

func FuzzMaskText(f *testing.F) {
	f.Add("call +90 532 123 45 67 or ana@example.com", "Ana")
	f.Fuzz(func(t *testing.T, text, name string) {
		got := MaskText(text, name)
		if email.MatchString(got) {
			t.Errorf("an email survived: %q", got)
		}
	})
}
