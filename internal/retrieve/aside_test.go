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

func TestStays(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"how do i keep growing once i am there", true},
		{"staying sharp", true},
		{"keep it up for a while, and then one day you grow", false}, // growing is more than 30 bytes on
		{"i am already a director", true},
		{"already there", false},
		{"how do i grow into it", false},
	}
	for _, tt := range tests {
		if got := stays(tt.q); got != tt.want {
			t.Errorf("stays(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
