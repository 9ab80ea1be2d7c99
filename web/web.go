// Package web holds the coach's browser pages: their HTML, CSS, JavaScript
// and icon, embedded into the binary.
//
// Every NAME.html here is a page, served at /NAME (index.html at /). Every
// other file is an asset served at /static/FILE; pages name assets as
// "/static/FILE" and get that rewritten to "/static/FILE?v=HASH", so assets
// can be cached for good. Adding a page is adding its HTML file: the server
// routes every name of PageNames. common.js and common.css hold what the pages
// share (see the comment at the top of common.js).
//
// It only holds files. The server decides the routes, headers and caching;
// the pages talk to the coach through the public HTTP API alone.
package web

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
)

//go:embed *.html *.js *.css *.svg
var files embed.FS

// Asset is one embedded file other than a page.
type Asset struct {
	// Name is the file name, such as "app.js".
	Name string
	// Hash is a short hash of the content, used in URLs so they can be
	// cached for good.
	Hash string
	// Body is the file's content.
	Body []byte
}

// site is the pages' HTML by name ("index" for index.html, "plan" for
// plan.html), with every asset URL carrying its content hash
// ("/static/app.js?v=1a2b3c4d5e6f"), and the other files by name; read from
// the embedded files once, on first use.
type site struct {
	pages  map[string][]byte
	assets map[string]Asset
}

var loadSite = sync.OnceValue(func() site {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		panic(err) // the embedded FS is fixed at build time
	}
	s := site{pages: map[string][]byte{}, assets: map[string]Asset{}}
	var pages []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".html") {
			pages = append(pages, e.Name())
			continue
		}
		b, _ := files.ReadFile(e.Name())
		sum := sha256.Sum256(b)
		s.assets[e.Name()] = Asset{Name: e.Name(), Hash: hex.EncodeToString(sum[:6]), Body: b}
	}
	// Longest names first, so "/static/app.js" never rewrites part of
	// "/static/app.json".
	names := slices.SortedFunc(maps.Keys(s.assets), func(a, b string) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a, b))
	})
	for _, p := range pages {
		page, _ := files.ReadFile(p)
		s.pages[strings.TrimSuffix(p, ".html")] = versionAssets(page, names, s.assets)
	}
	return s
})

// Page returns the page called name ("index", "plan"...).
func Page(name string) ([]byte, bool) {
	p, ok := loadSite().pages[name]
	return p, ok
}

// PageNames lists the pages' names, sorted.
func PageNames() []string {
	return slices.Sorted(maps.Keys(loadSite().pages))
}

// AssetNamed returns the file called name ("chat.js", "favicon.svg"...).
func AssetNamed(name string) (Asset, bool) {
	a, ok := loadSite().assets[name]
	return a, ok
}

// PagePath is the URL path a page is served at: "/" for index, "/NAME" for
// the others.
func PagePath(name string) string {
	if name == "index" {
		return "/"
	}
	return "/" + name
}

// versionAssets rewrites every quoted "/static/NAME" URL in page to carry
// NAME's hash.
func versionAssets(page []byte, names []string, assets map[string]Asset) []byte {
	for _, n := range names {
		for _, q := range []string{`"`, `'`} {
			url := []byte(q + "/static/" + n + q)
			versioned := []byte(q + "/static/" + n + "?v=" + assets[n].Hash + q)
			page = bytes.ReplaceAll(page, url, versioned)
		}
	}
	return page
}
