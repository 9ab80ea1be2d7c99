package retrieve

import "testing"

func TestAside(t *testing.T) {
	tests := []struct {
		q    string
		want string // what is set aside
	}{
		{"grow instead of managing people, right?", "instead of managing people"},
		{"an ic track rather than a manager one", "rather than a manager one"},
		{"what to do instead", ""},
		{"rather thank you", ""},
	}
	for _, tt := range tests {
		got := ""
		if at, end := aside(tt.q); at >= 0 {
			got = tt.q[at:end]
		}
		if got != tt.want {
			t.Errorf("aside(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}
