package answer

import "github.com/ladder/coach/internal/retrieve"

// Offline writes the extractive answer. (Placeholder: to be written.)
func Offline(res retrieve.Result) Reply {
	return Reply{Mode: ModeOffline, Citations: []Citation{}}
}
