package app

import (
	"fmt"

	"github.com/ladder/coach/internal/config"
	"github.com/ladder/coach/internal/ladder"
	"github.com/ladder/coach/internal/ladderfile"
	"github.com/ladder/coach/internal/sections"
)

// Corpus is what the coach is grounded in: a ladder model and its sections,
// from the embedded article or from the ladder file cfg.Ladder names.
type Corpus struct {
	// Ladder is the level model: levels, aliases, tracks, facets, roles.
	Ladder *ladder.Model
	// Sections are the text the coach retrieves and cites.
	Sections *sections.Set
	// File is the parsed ladder file; nil for the embedded article.
	File *ladderfile.Ladder
}

// LoadCorpus reads the ladder cfg names, or the embedded article. A bad
// ladder file gives every problem as FILE:LINE: message.
func LoadCorpus(cfg config.Config) (*Corpus, error) {
	if cfg.Ladder == "" {
		set, err := Sections()
		if err != nil {
			return nil, err
		}
		return &Corpus{Ladder: ladder.Default(), Sections: set}, nil
	}
	f, err := ladderfile.Load(cfg.Ladder)
	if err != nil {
		return nil, fmt.Errorf("%s: %s is not a valid ladder (check it with: coach check %s):\n%w", config.EnvLadder, cfg.Ladder, cfg.Ladder, err)
	}
	secs, err := sections.FromFile(f)
	if err != nil {
		return nil, err
	}
	return &Corpus{Ladder: ladder.FromFile(f), Sections: sections.NewSet(secs), File: f}, nil
}

// ModelID is the /v1 model name: cfg's, or with a ladder file and the
// default name, a slug of the ladder's title.
func (c *Corpus) ModelID(cfg config.Config) string {
	if c.File != nil && (cfg.ModelID == "" || cfg.ModelID == config.DefaultModelID) {
		return ladderfile.Slug(c.File.Title)
	}
	return cfg.ModelID
}
