package posixlocale

import "testing"

func TestSanitize(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want map[string]string
	}{
		{"CUTF8", map[string]string{"LANG": "C.UTF-8"}, map[string]string{"LANG": "en_US.UTF-8"}},
		{"POSIX", map[string]string{"LC_ALL": "POSIX"}, map[string]string{"LC_ALL": "en_US.UTF-8"}},
		{"RealLocaleKept", map[string]string{"LANG": "tr_TR.UTF-8"}, map[string]string{"LANG": "tr_TR.UTF-8"}},
		{"FirstSetDecides", map[string]string{"LC_ALL": "es_ES.UTF-8", "LANG": "C"}, map[string]string{"LC_ALL": "es_ES.UTF-8", "LANG": "C"}},
		{"ShortValue", map[string]string{"LANG": "PO"}, map[string]string{"LANG": "PO"}},
		{"Unset", map[string]string{}, map[string]string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range c.env {
				env[k] = v
			}
			sanitize(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			for k, v := range c.want {
				if env[k] != v {
					t.Errorf("%s = %q, want %q", k, env[k], v)
				}
			}
		})
	}
}
