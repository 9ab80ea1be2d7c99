// Package web holds the coach's browser pages: their HTML, CSS, JavaScript
// and icon, embedded into the binary.
//
// Every NAME.html here is a page, served at /NAME (index.html at /). Every
// other file is an asset served at /static/FILE; pages name assets as
// "/static/FILE" and get that rewritten to "/static/FILE?v=HASH", so assets
// can be cached for good. Adding a page is adding its HTML file: the server
// routes every entry of Pages. common.js and common.css hold what the pages
// share (see the comment at the top of common.js).
//
// It only holds files. The server decides the routes, headers and caching;
// the pages talk to the coach through the public HTTP API alone.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sort"
	"strings"
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

// Pages are the pages' HTML by name ("index" for index.html, "plan" for
// plan.html), with every asset URL carrying its content hash
// ("/static/app.js?v=1a2b3c4d5e6f").
var Pages map[string][]byte

// Assets are the pages' files by name.
var Assets map[string]Asset

// Page returns the page called name ("index", "plan"...).
func Page(name string) ([]byte, bool) {
	p, ok := Pages[name]
	return p, ok
}

// PageNames lists the pages' names, sorted.
func PageNames() []string {
	names := make([]string, 0, len(Pages))
	for n := range Pages {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// PagePath is the URL path a page is served at: "/" for index, "/NAME" for
// the others.
func PagePath(name string) string {
	if name == "index" {
		return "/"
	}
	return "/" + name
}

func init() {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		panic(err) // the embedded FS is fixed at build time
	}
	Assets = map[string]Asset{}
	var pages []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".html") {
			pages = append(pages, e.Name())
			continue
		}
		b, _ := files.ReadFile(e.Name())
		sum := sha256.Sum256(b)
		Assets[e.Name()] = Asset{Name: e.Name(), Hash: hex.EncodeToString(sum[:6]), Body: b}
	}
	// Longest names first, so "/static/app.js" never rewrites part of
	// "/static/app.json".
	names := make([]string, 0, len(Assets))
	for n := range Assets {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	Pages = map[string][]byte{}
	for _, p := range pages {
		page, _ := files.ReadFile(p)
		Pages[strings.TrimSuffix(p, ".html")] = versionAssets(page, names)
	}
}

// versionAssets rewrites every quoted "/static/NAME" URL in page to carry
// NAME's hash.
func versionAssets(page []byte, names []string) []byte {
	for _, n := range names {
		for _, q := range []string{`"`, `'`} {
			url := []byte(q + "/static/" + n + q)
			versioned := []byte(q + "/static/" + n + "?v=" + Assets[n].Hash + q)
			page = bytes.ReplaceAll(page, url, versioned)
		}
	}
	return page
}
