// Package web holds the coach's browser page: its HTML, CSS, JavaScript and
// icon, embedded into the binary.
//
// It only holds files. The server decides the routes, headers and caching;
// the page talks to the coach through the public HTTP API alone.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sort"
)

//go:embed index.html app.js style.css favicon.svg
var files embed.FS

// Asset is one embedded file other than the page itself.
type Asset struct {
	// Name is the file name, such as "app.js".
	Name string
	// Hash is a short hash of the content, used in URLs so they can be
	// cached for good.
	Hash string
	// Body is the file's content.
	Body []byte
}

// Page is the page's HTML with every asset URL carrying its content hash
// ("/static/app.js?v=1a2b3c4d5e6f").
var Page []byte

// Assets are the page's files by name.
var Assets map[string]Asset

func init() {
	Assets = map[string]Asset{}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		panic(err) // the embedded FS is fixed at build time
	}
	for _, e := range entries {
		if e.Name() == "index.html" {
			continue
		}
		b, _ := files.ReadFile(e.Name())
		sum := sha256.Sum256(b)
		Assets[e.Name()] = Asset{Name: e.Name(), Hash: hex.EncodeToString(sum[:6]), Body: b}
	}
	page, _ := files.ReadFile("index.html")
	names := make([]string, 0, len(Assets))
	for n := range Assets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		url := []byte("/static/" + n)
		page = bytes.ReplaceAll(page, url, append(append(url, "?v="...), Assets[n].Hash...))
	}
	Page = page
}
