package server

import "testing"

func TestMountHolds(t *testing.T) {
	m := mount{prefix: "/v1"}
	for path, want := range map[string]bool{"/v1": true, "/v1/": true, "/v1/models": true, "/v10": false, "/api/chat": false, "/": false, "/api/v1/x": false} {
		if m.holds(path) != want {
			t.Errorf("holds(%q) = %v", path, !want)
		}
	}
}
