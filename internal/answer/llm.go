package answer

import (
	"context"

	"github.com/ladder/coach/internal/retrieve"
)

// withLLM asks the LLM to write the answer from res's sections; on failure it
// returns offline marked degraded. (Placeholder: to be written.)
func (s *Service) withLLM(ctx context.Context, req Request, res retrieve.Result, offline Reply) Reply {
	return offline
}
