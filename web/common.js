// common.js: what every page of the coach shares. Load it before the page's
// own script:
//   <link rel="stylesheet" href="/static/common.css">
//   <script src="/static/common.js" defer></script>
//   <script src="/static/PAGE.js" defer></script>
// (web.go adds ?v=HASH to those URLs.) It defines one global, Coach:
//
//   Coach.api(path, {method, body, signal}) -> Promise<data>
//       fetch JSON from the coach. body (any value) is sent as JSON, method
//       defaults to GET (POST when there is a body). Rejects with a
//       Coach.ApiError {message, status}: status is the HTTP status, or 0 when
//       the coach could not be reached; message is the server's
//       {"error":{"message"}} text, or a plain sentence for the user.
//       When the coach asks for an API key (401), a dialog asks the user for
//       one, the request is sent again with it, and the key is kept in
//       localStorage once the coach accepts it; every request sends it as
//       "Authorization: Bearer <key>". A key the coach refuses is asked for
//       again, saying so. Requests that meet a 401 together share one dialog;
//       closing it rejects them with the 401's ApiError.
//   Coach.stream(path, body, onEvent, {signal}) -> Promise<void>
//       POST body as JSON asking for Server-Sent Events and call
//       onEvent(name, data) for each event, data parsed from JSON. Errors
//       before the stream starts reject with a Coach.ApiError as api() does,
//       and a 401 asks for the API key as api() does.
//   Coach.el(tag, attrs, ...children) -> Element
//       build an element. attrs: "class" sets className, "text" sets
//       textContent, a function under "onclick"/"onkeydown"/... is added as a
//       listener, true sets an empty attribute, false/null/undefined are
//       skipped, anything else is set with setAttribute. children: strings
//       (added as text, never parsed as HTML), nodes, arrays, null (skipped).
//   Coach.richText(text, {cite}) -> DocumentFragment
//       render a coach answer without HTML: blank-line paragraphs, "- " lines
//       as lists, **bold**, [text](/path) links to the coach's own pages, and
//       [n] / [n, m] markers. cite(n) returns the element to show for marker
//       n, or null to show the text "[n]".
//   Coach.openSource(sectionId, {items}) / Coach.closeSource()
//       show one section of the article (GET /api/sections/<id>) in the
//       shared panel data-testid="source-panel": title, level, facet and full
//       text, one paragraph a line. The lines whose indexes (into the text
//       split on "\n") are in items are marked (a <mark data-cited>) and the
//       first is scrolled into view. Focus moves into it; the close button
//       and Escape close it and give focus back to what had it.
//   Coach.mountNav()
//       put the top bar with links to /, /plan and /ladder at the top of
//       <body>, the current page marked aria-current="page".
//   Coach.levelName(id), Coach.facetName(facet)
//       human names of a level id (senior: Senior PM) and a facet,
//       from GET /api/ladder (the id until it came).
//   Coach.ladder()                  GET /api/ladder once: names, grid, limits;
//       the limits on data-maxlength/-min/-max inputs; on a ladder file, its
//       title on the page
//   Coach.limits()                  the API's limits, or null before ladder() came
//   Coach.load(key, fallback), Coach.save(key, value), Coach.forget(key)
//       JSON in localStorage that never throws (private mode, full storage).
//
// Everything a user or the coach wrote goes on the page through textContent
// or text nodes, never parsed as HTML (the CSP forbids inline script anyway).
"use strict";

(function () {
  // ApiError is what api() and stream() reject with.
  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.name = "ApiError";
      this.status = status;
    }
  }

  const unreachable = "The coach could not be reached. Check your connection and that the coach is running, then try again.";

  async function errorFrom(res) {
    let msg = "";
    try {
      const data = await res.json();
      msg = data && data.error && data.error.message;
    } catch (e) {
      // not the JSON error shape: fall through to a generic message
    }
    return new ApiError(msg || "The coach answered with an error (HTTP " + res.status + "). Please try again.", res.status);
  }

  // The API key, when the coach wants one: kept in localStorage once the
  // coach has accepted it.
  const keyStore = "coach.apiKey";
  let apiKey = load(keyStore, "");
  if (typeof apiKey !== "string") apiKey = "";
  let enteredKey = ""; // the last key typed in the dialog

  async function request(path, opts, accept) {
    for (;;) {
      const init = { method: opts.method || (opts.body === undefined ? "GET" : "POST"), headers: { Accept: accept }, signal: opts.signal };
      if (opts.body !== undefined) {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(opts.body);
      }
      const sentKey = apiKey;
      if (sentKey) init.headers.Authorization = "Bearer " + sentKey;
      let res;
      try {
        res = await fetch(path, init);
      } catch (e) {
        if (e && e.name === "AbortError") throw e;
        throw new ApiError(unreachable, 0);
      }
      if (res.status === 401) {
        // Another request may have got a key meanwhile: try it first.
        if (apiKey !== sentKey) continue;
        // A quiet request (the page's own set-up) never asks for a key.
        if (opts.quiet) throw new ApiError("The coach needs an API key.", 401);
        let why = "This coach asks for an API key. Enter the key you were given.";
        if (sentKey && sentKey === enteredKey) why = "The coach did not accept that key. Check it and enter it again.";
        else if (sentKey) why = "The key saved in this browser is no longer accepted. Enter a valid key.";
        if (sentKey === load(keyStore, "")) forget(keyStore);
        const key = await askKey(why);
        if (key === null) throw new ApiError("The coach needs an API key to answer. Try again to enter one.", 401);
        continue;
      }
      if (sentKey && sentKey !== load(keyStore, "")) save(keyStore, sentKey);
      if (!res.ok) throw await errorFrom(res);
      return res;
    }
  }

  // askKey shows the API key dialog with message and resolves with the key
  // entered (also set as apiKey), or null when the user closes it. Callers
  // that ask while it is open share its answer.
  let asking = null;
  let keyDialog = null;
  function askKey(message) {
    if (asking) return asking;
    if (!keyDialog) keyDialog = buildKeyDialog();
    const d = keyDialog;
    d.parts.message.textContent = message;
    d.parts.input.value = "";
    const opener = document.activeElement;
    asking = new Promise(function (resolve) {
      d.onAnswer = function (key) {
        d.onAnswer = null;
        asking = null;
        if (d.open) d.close();
        if (opener && document.contains(opener) && typeof opener.focus === "function") opener.focus();
        if (key !== null) apiKey = enteredKey = key;
        resolve(key);
      };
    });
    d.showModal();
    d.parts.input.focus();
    return asking;
  }

  function buildKeyDialog() {
    const message = el("p", { id: "key-dialog-message", class: "key-message", "data-testid": "key-message", role: "alert" });
    const input = el("input", {
      id: "key-input", type: "password", class: "key-input", "data-testid": "key-input", autocomplete: "off",
      spellcheck: "false", "aria-describedby": "key-dialog-message",
    });
    const cancel = el("button", { type: "button", class: "secondary", "data-testid": "key-cancel" }, "Cancel");
    const submit = el("button", { type: "submit", "data-testid": "key-submit" }, "Use this key");
    const form = el("form", { method: "dialog", class: "key-form" },
      el("label", { for: "key-input" }, "API key"), input,
      el("div", { class: "key-actions" }, cancel, submit));
    const d = el("dialog", {
      class: "key-dialog", "data-testid": "key-dialog", "aria-labelledby": "key-dialog-title",
      "aria-describedby": "key-dialog-message",
    }, el("h2", { id: "key-dialog-title", text: "API key needed" }), message, form);
    d.parts = { message: message, input: input };
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      const key = input.value.trim();
      if (key === "") {
        message.textContent = "Enter the key, or cancel.";
        input.focus();
        return;
      }
      if (d.onAnswer) d.onAnswer(key);
    });
    cancel.addEventListener("click", function () { if (d.onAnswer) d.onAnswer(null); });
    // Escape closes a modal dialog: that is a cancel too.
    d.addEventListener("close", function () { if (d.onAnswer) d.onAnswer(null); });
    document.body.appendChild(d);
    return d;
  }

  // text sends a request and resolves with the reply's text (a calendar,
  // say); errors are ApiErrors as for api.
  async function text(path, opts, accept) {
    const res = await request(path, opts || {}, accept || "text/plain");
    return res.text();
  }

  async function api(path, opts) {
    const res = await request(path, opts || {}, "application/json");
    try {
      return await res.json();
    } catch (e) {
      throw new ApiError("The coach sent a reply that could not be read (HTTP " + res.status + ").", res.status);
    }
  }

  // stream reads Server-Sent Events from a POST: "event: NAME" and
  // "data: JSON" lines, an empty line ending each event.
  async function stream(path, body, onEvent, opts) {
    const res = await request(path, { body: body, signal: opts && opts.signal }, "text/event-stream");
    if (!res.body) throw new ApiError("This browser cannot read streamed replies.", res.status);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = "";
    let name = "message";
    let data = [];
    const dispatch = function () {
      if (data.length > 0) {
        let parsed;
        try {
          parsed = JSON.parse(data.join("\n"));
        } catch (e) {
          parsed = data.join("\n");
        }
        onEvent(name, parsed);
      }
      name = "message";
      data = [];
    };
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (e) {
        if (e && e.name === "AbortError") throw e;
        throw new ApiError("The connection to the coach was lost before the answer was complete.", 0);
      }
      if (chunk.done) break;
      buf += decoder.decode(chunk.value, { stream: true });
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl).replace(/\r$/, "");
        buf = buf.slice(nl + 1);
        if (line === "") dispatch();
        else if (line.startsWith("event:")) name = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
    }
    dispatch();
  }

  function el(tag, attrs) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === false || v === null || v === undefined) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (let i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }

  // inline renders [text](/path) links, then **bold** and [n] markers, of
  // one line into parent. Only links to the coach's own pages ("/plan?..."),
  // never to another site.
  const linkRe = /\[([^\]\n]+)\]\((\/(?!\/)[^)\s]*)\)/g;
  function inline(parent, text, cite) {
    let last = 0;
    let m;
    linkRe.lastIndex = 0;
    while ((m = linkRe.exec(text)) !== null) {
      inlineText(parent, text.slice(last, m.index), cite);
      parent.appendChild(el("a", { href: m[2], text: m[1] }));
      last = m.index + m[0].length;
    }
    inlineText(parent, text.slice(last), cite);
  }

  // inlineText renders **bold** and [n] markers of one line into parent.
  const markerRe = /\[(\d+(?:\s*,\s*\d+)*)\]/g;
  function inlineText(parent, text, cite) {
    const parts = text.split("**");
    parts.forEach(function (part, i) {
      // An odd part sits between two "**"; a last unpaired "**" stays text.
      const bold = i % 2 === 1 && i < parts.length - 1;
      const target = bold ? parent.appendChild(el("strong")) : parent;
      if (i % 2 === 1 && !bold) target.appendChild(document.createTextNode("**"));
      let last = 0;
      let m;
      markerRe.lastIndex = 0;
      while ((m = markerRe.exec(part)) !== null) {
        const nodes = m[1].split(",").map(function (s) { return cite ? cite(Number(s.trim())) : null; });
        if (nodes.some(function (n) { return !n; })) continue; // unknown number: leave the text as it is
        target.appendChild(document.createTextNode(part.slice(last, m.index)));
        nodes.forEach(function (n) { target.appendChild(n); });
        last = m.index + m[0].length;
      }
      target.appendChild(document.createTextNode(part.slice(last)));
    });
  }

  function richText(text, opts) {
    const cite = opts && opts.cite;
    const frag = document.createDocumentFragment();
    const blocks = String(text).split(/\n{2,}/);
    for (const block of blocks) {
      let list = null;
      let para = null;
      for (const line of block.split("\n")) {
        const item = /^\s*[-*•]\s+(.*)$/.exec(line);
        if (item) {
          para = null;
          if (!list) list = frag.appendChild(el("ul"));
          inline(list.appendChild(el("li")), item[1], cite);
        } else if (line.trim() !== "") {
          list = null;
          if (para) para.appendChild(el("br"));
          else para = frag.appendChild(el("p"));
          inline(para, line, cite);
        }
      }
    }
    return frag;
  }

  // ladder is GET /api/ladder, read once: the level and facet names, the
  // ladder page's grid and the limits the API checks. Elements with
  // data-maxlength (data-min, data-max) get that limit as their maxlength
  // (min, max), elements with data-limit as their text. The article's pages keep their own words; on a ladder file
  // elements with data-ladder-text (or data-ladder-placeholder) get that
  // text with {title} set to the ladder's title.
  let names = { levels: {}, facets: {} };
  let apiLimits = null;
  let ladderInfo = null;
  function ladder() {
    if (!ladderInfo) {
      ladderInfo = api("/api/ladder", { quiet: true }).then(function (info) {
        info = info || { article: true };
        if (info.names) names = info.names;
        if (info.limits) {
          apiLimits = info.limits;
          for (const [attr, name] of [["data-maxlength", "maxlength"], ["data-min", "min"], ["data-max", "max"]]) {
            for (const n of document.querySelectorAll("[" + attr + "]")) {
              const v = apiLimits[n.getAttribute(attr)];
              if (v !== undefined) n.setAttribute(name, String(v));
            }
          }
          for (const n of document.querySelectorAll("[data-limit]")) {
            const v = apiLimits[n.getAttribute("data-limit")];
            if (v !== undefined) n.textContent = String(v);
          }
        }
        if (info.article) return info;
        const t = String(info.title || "");
        document.title = document.title.replace("PM Career Coach", t + " · Coach");
        for (const n of document.querySelectorAll("[data-ladder-text]")) {
          n.textContent = n.getAttribute("data-ladder-text").split("{title}").join(t);
        }
        for (const n of document.querySelectorAll("[data-ladder-placeholder]")) {
          n.setAttribute("placeholder", n.getAttribute("data-ladder-placeholder").split("{title}").join(t));
        }
        return info;
      }).catch(function () {
        ladderInfo = null; // not cached: asked again once a key is entered
        return { article: true };
      });
    }
    return ladderInfo;
  }
  function facetName(f) { return names.facets[f] || f; }
  function levelName(id) { return names.levels[id] || id; }
  // limits are the API's limits (GET /api/ladder), or null before they
  // came: the server checks them anyway.
  function limits() { return apiLimits; }

  // The source panel, built once and reused.
  let panel = null;
  let opener = null;
  let current = null;
  const sectionCache = new Map();

  function buildPanel() {
    const title = el("h2", { id: "source-title", class: "source-title", tabindex: "-1" });
    const meta = el("p", { class: "source-meta" });
    const body = el("div", { class: "source-text" });
    const close = el("button", { type: "button", class: "source-close", "aria-label": "Close source", onclick: closeSource }, "×");
    panel = el("aside", {
      class: "source-panel", "data-testid": "source-panel", role: "dialog", "aria-modal": "false",
      "aria-labelledby": "source-title", hidden: true,
    },
      el("div", { class: "source-head" }, el("p", { class: "source-kicker", text: "From the article" }), close),
      title, meta, body);
    panel.parts = { title: title, meta: meta, body: body, close: close };
    document.body.appendChild(panel);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && panel && !panel.hidden) {
        e.preventDefault();
        closeSource();
      }
    });
  }

  // openSource shows a section in the panel, its cited lines (opts.items,
  // indexes into its text's lines) as mark elements, and scrolls to
  // opts.focus when it is one of them, to the first otherwise.
  async function openSource(sectionId, opts) {
    const items = new Set((opts && Array.isArray(opts.items)) ? opts.items : []);
    const focus = opts && typeof opts.focus === "number" && items.has(opts.focus) ? opts.focus : -1;
    if (!panel) buildPanel();
    if (panel.hidden) opener = document.activeElement;
    current = sectionId;
    const p = panel.parts;
    p.title.textContent = "Loading…";
    p.meta.textContent = "";
    p.body.replaceChildren();
    panel.hidden = false;
    document.body.classList.add("source-open");
    p.title.focus();
    try {
      await ladder(); // the level and facet names
      let s = sectionCache.get(sectionId);
      if (!s) {
        s = await api("/api/sections/" + sectionId.split("/").map(encodeURIComponent).join("/"));
        sectionCache.set(sectionId, s);
      }
      if (current !== sectionId || panel.hidden) return;
      p.title.textContent = s.title;
      p.meta.replaceChildren(
        el("span", { class: "tag" }, "Level: ", levelName(s.level)), " ",
        el("span", { class: "tag" }, "Facet: ", facetName(s.facet)));
      let first = null;
      String(s.text).split("\n").forEach(function (line, i) {
        if (line.trim() === "") return;
        const para = el("p", { "data-line": String(i) });
        if (items.has(i)) {
          para.appendChild(el("mark", { "data-cited": "true", text: line }));
          if (!first || i === focus) first = para;
        } else {
          para.textContent = line;
        }
        p.body.appendChild(para);
      });
      if (first) first.scrollIntoView({ block: "center" });
    } catch (err) {
      if (current !== sectionId) return;
      p.title.textContent = "Source unavailable";
      p.body.replaceChildren(el("p", { class: "error", role: "alert", text: err.message }));
    }
  }

  // lineIndex is the index of line among text's lines (spaces aside), or -1.
  function lineIndex(text, line) {
    const want = String(line).trim();
    return String(text).split("\n").findIndex(function (l) { return l.trim() === want; });
  }

  function closeSource() {
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    current = null;
    document.body.classList.remove("source-open");
    if (opener && document.contains(opener) && typeof opener.focus === "function") opener.focus();
    opener = null;
  }

  function mountNav() {
    const here = location.pathname.replace(/\/+$/, "") || "/";
    const link = function (href, text) {
      return el("a", { href: href, "aria-current": here === href ? "page" : null }, text);
    };
    const bar = el("header", { class: "topbar" },
      el("a", { class: "brand", href: "/" }, el("img", { src: iconURL(), alt: "", width: "24", height: "24" }), "PM Career Coach"),
      el("nav", { "aria-label": "Pages" }, link("/", "Chat"), link("/plan", "Growth plan"), link("/ladder", "Ladder")));
    document.body.insertBefore(bar, document.body.firstChild);
    return bar;
  }

  // iconURL reuses the versioned favicon URL the page links.
  function iconURL() {
    const icon = document.querySelector('link[rel="icon"]');
    return icon ? icon.getAttribute("href") : "/static/favicon.svg";
  }

  function load(key, fallback) {
    try {
      const raw = localStorage.getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) {
      return fallback;
    }
  }
  function save(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }
  function forget(key) {
    try {
      localStorage.removeItem(key);
    } catch (e) {
      // nothing stored, nothing to do
    }
  }

  window.Coach = {
    ApiError: ApiError, api: api, text: text, stream: stream, el: el, richText: richText,
    openSource: openSource, closeSource: closeSource, lineIndex: lineIndex, mountNav: mountNav,
    levelName: levelName, facetName: facetName, ladder: ladder, limits: limits, load: load, save: save, forget: forget,
  };
})();
