// ladder.js: the ladder page (GET /ladder), after common.js. It shows the
// ladder as a grid of the article's sections (levels as columns, facets as
// rows, from GET /api/levels and GET /api/ladder), compares two levels side
// by side, and places a description of someone's work on the ladder (POST
// /api/assess), highlighting the level in the grid and linking a growth plan
// to the next rung. Everything the coach or the user wrote goes on the page
// as text, never as HTML.
"use strict";

(function () {
  const C = window.Coach;
  const el = C.el;

  // The grid's rows, in order, from GET /api/ladder.
  let gridFacets = [];
  let article = true;
  const storeKey = "coach.ladder.assess";
  const planWeeks = 12;

  const gridTable = document.getElementById("ladder-grid");
  const gridHead = document.getElementById("grid-head");
  const gridBody = document.getElementById("grid-body");
  const gridStatus = document.getElementById("grid-status");
  const compareA = document.getElementById("compare-a");
  const compareB = document.getElementById("compare-b");
  const compareView = document.getElementById("compare-view");
  const compareError = document.getElementById("compare-error");
  const form = document.getElementById("assess-form");
  const input = document.getElementById("assess-input");
  const titleInput = document.getElementById("assess-title-input");
  const count = document.getElementById("assess-count");
  const submit = document.getElementById("assess-submit");
  const assessError = document.getElementById("assess-error");
  const status = document.getElementById("assess-status");
  const output = document.getElementById("assess-output");
  const resultTitle = document.getElementById("assess-result-title");
  const kicker = document.getElementById("assess-kicker");
  const levelOut = document.getElementById("assess-level");
  const confidence = document.getElementById("assess-confidence");
  const summary = document.getElementById("assess-summary");
  const planPara = document.getElementById("assess-plan");
  const planLink = document.getElementById("assess-plan-link");
  const evidenceBlock = document.getElementById("assess-evidence-block");
  const evidenceList = document.getElementById("assess-evidence");
  const gapsBlock = document.getElementById("assess-gaps-block");
  const gapsTitle = document.getElementById("assess-gaps-title");
  const gapsList = document.getElementById("assess-gaps");
  const skillsTitle = document.getElementById("assess-skills-title");
  const skillsList = document.getElementById("assess-skills");

  let levels = []; // the rungs in order, then the IC track: {id, name, rung}
  let estimated = null; // the assessed level's id
  let comparing = null; // the comparison request in flight

  function levelById(id) {
    return levels.find(function (l) { return l.id === id; });
  }

  // sectionLabel names a section by its level and facet ("Senior PM · What changes").
  function sectionLabel(id) {
    const [level, facet] = String(id).split("/");
    const l = levelById(level);
    return (l ? l.name : C.levelName(level)) + " · " + C.facetName(facet);
  }

  // skillName is the name of a skill line ("Product Thinking: ..." -> "Product Thinking").
  function skillName(line) {
    const i = line.indexOf(":");
    return i > 0 && i < 70 ? line.slice(0, i).trim() : line;
  }

  // chip is a button that opens a section in the source panel; cited (an
  // assessment's citation of it) marks the lines the assessment quotes and
  // line, the chip's own, is scrolled to.
  function chip(sectionId, label, extra, cited, line) {
    const items = cited && Array.isArray(cited.items) ? cited.items : [];
    const focus = cited && line ? C.lineIndex(cited.text, line) : -1;
    return el("button", {
      type: "button", class: "chip" + (extra ? " " + extra : ""), "data-citation-id": sectionId,
      title: "Open " + sectionLabel(sectionId) + " in the article",
      onclick: function () { C.openSource(sectionId, { items: items, focus: focus }); },
    }, el("span", { class: "label", text: label }));
  }

  // The grid.

  async function loadLadder() {
    const lv = await C.api("/api/levels"); // asks for a key if one is needed
    const info = await C.ladder();
    article = info.article;
    gridFacets = (info.facets || []).map(function (f) { return f.id; });
    const all = lv.levels || [];
    levels = all.filter(function (l) { return l.rung > 0; }).sort(function (a, b) { return a.rung - b.rung; })
      .concat(all.filter(function (l) { return l.rung === 0; }));
    // info.grid: level id -> facet id -> section, items and all.
    const cells = function (level, facet) { return ((info.grid || {})[level] || {})[facet] || null; };
    renderGrid(cells);
  }

  function compareURL(a, b) {
    return "/api/compare?a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b);
  }

  function renderGrid(cells) {
    for (const l of levels) {
      gridHead.appendChild(el("th", { scope: "col", "data-level": l.id, class: l.rung === 0 ? "col-ic" : null },
        el("span", { class: "rung", text: l.rung > 0 ? "Rung " + l.rung : "Alternative path" }),
        el("span", { class: "level-name", text: l.name }),
        el("span", { class: "you-badge", text: "You", hidden: true })));
    }
    for (const f of gridFacets) {
      const row = el("tr", {}, el("th", { scope: "row", class: "facet", text: C.facetName(f) }));
      for (const l of levels) {
        const s = cells(l.id, f);
        row.appendChild(s ? cell(l, f, s) : el("td", { class: "cell-empty", "data-level": l.id },
          el("p", { class: "muted", text: !article ? "The ladder has no such section for this level."
            : l.rung === 0 ? "The article lists no skills for this track." : "The article starts this rung with its responsibilities." })));
      }
      gridBody.appendChild(row);
    }
    gridStatus.hidden = true;
    gridTable.hidden = false;
    if (estimated) highlight(estimated);
  }

  function cell(l, facet, s) {
    const items = facet === "skills" ? s.items.map(skillName) : s.items;
    const open = function () { C.openSource(s.id); };
    return el("td", {
      "data-testid": "ladder-cell", "data-section-id": s.id, "data-level": l.id, tabindex: "0",
      class: "ladder-cell" + (l.rung === 0 ? " col-ic" : ""),
      "aria-label": l.name + ", " + C.facetName(facet) + ": " + items.length + " items. Press Enter to read the section.",
      onclick: open,
      onkeydown: function (e) {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          open();
        }
      },
    }, el("ul", {}, items.map(function (it) { return el("li", { text: it.trim() }); })));
  }

  // highlight marks a level's column as the assessed one.
  function highlight(id) {
    estimated = id;
    for (const node of document.querySelectorAll("#ladder-grid [data-level]")) {
      node.classList.toggle("is-you", node.dataset.level === id);
    }
    for (const badge of document.querySelectorAll("#ladder-grid .you-badge")) {
      badge.hidden = badge.parentElement.dataset.level !== id;
    }
    // Bring the column into the grid's own view, without moving the page.
    const head = id && gridHead.querySelector('[data-level="' + id + '"]');
    const scroller = gridTable.parentElement;
    if (head && scroller && !gridTable.hidden) {
      const corner = gridHead.querySelector(".corner");
      const left = scroller.getBoundingClientRect().left + (corner ? corner.getBoundingClientRect().width : 0);
      scroller.scrollLeft += head.getBoundingClientRect().left - left;
    }
  }

  // Comparison.

  function fillSelects() {
    for (const select of [compareA, compareB]) {
      select.replaceChildren(
        el("optgroup", { label: "Management ladder" }, levels.filter(function (l) { return l.rung > 0; }).map(option)),
        el("optgroup", { label: "Individual contributor" }, levels.filter(function (l) { return l.rung === 0; }).map(option)));
    }
    const q = new URLSearchParams(location.search);
    compareA.value = levelById(q.get("a")) ? q.get("a") : "senior";
    compareB.value = levelById(q.get("b")) ? q.get("b") : "director";
  }

  function option(l) {
    return el("option", { value: l.id }, l.name);
  }

  async function showComparison() {
    const a = compareA.value;
    const b = compareB.value;
    if (!a || !b) return;
    const q = new URLSearchParams(location.search);
    q.set("a", a);
    q.set("b", b);
    history.replaceState(null, "", location.pathname + "?" + q.toString());
    if (comparing) comparing.abort();
    const ctl = new AbortController();
    comparing = ctl;
    compareView.setAttribute("aria-busy", "true");
    try {
      const c = await C.api(compareURL(a, b), { signal: ctl.signal });
      compareError.hidden = true;
      renderComparison(c);
    } catch (err) {
      if (err && err.name === "AbortError") return;
      compareError.textContent = err.message;
      compareError.hidden = false;
    } finally {
      if (comparing === ctl) {
        comparing = null;
        compareView.removeAttribute("aria-busy");
      }
    }
  }

  function renderComparison(c) {
    compareView.replaceChildren(...(c.facets || []).map(function (f) {
      return el("section", { class: "compare-facet", "data-facet": f.facet },
        el("h3", { text: f.name }),
        el("div", { class: "compare-row" }, side(c.a, f, f.a), side(c.b, f, f.b)));
    }));
  }

  function side(level, f, s) {
    const body = s
      ? [el("ul", {}, (f.facet === "skills" ? s.items.map(skillName) : s.items).map(function (it) { return el("li", { text: it.trim() }); })),
        chip(s.id, "Read the section", "small")]
      : [el("p", { class: "muted", text: "The article has no “" + f.name.toLowerCase() + "” section for this level." })];
    return el("div", { class: "compare-side", "data-level": level.id },
      el("p", { class: "compare-side-name", text: level.name }), body);
  }

  // Self-assessment.

  function showError(msg) {
    assessError.textContent = msg;
    assessError.hidden = false;
  }

  async function assess(description, title) {
    assessError.hidden = true;
    if (description.trim() === "") {
      showError("Describe what you do at work first: what you own, who you work with or lead, and how your success is judged.");
      input.focus();
      return;
    }
    const lim = C.limits(); // null before GET /api/ladder came: the server checks
    if (lim && description.length > lim.description_chars) {
      showError("Your description is over " + lim.description_chars + " characters; shorten it a little.");
      return;
    }
    C.save(storeKey, { description: description, title: title });
    submit.disabled = true;
    status.textContent = "Finding your level…";
    try {
      const body = { description: description };
      if (title.trim() !== "") body.title = title.trim();
      const r = await C.api("/api/assess", { body: body });
      renderAssessment(r);
      status.textContent = r.level ? "Your level: " + r.level.name + "." : "No level found.";
      resultTitle.focus();
    } catch (err) {
      status.textContent = "";
      showError(err.message);
    } finally {
      submit.disabled = false;
    }
  }

  function renderAssessment(r) {
    output.hidden = false;
    evidenceList.replaceChildren();
    gapsList.replaceChildren();
    skillsList.replaceChildren();
    if (!r.level) {
      kicker.textContent = "Not placed";
      levelOut.textContent = "No level found";
      confidence.textContent = "";
      summary.textContent = r.summary || "";
      planPara.hidden = true;
      evidenceBlock.hidden = true;
      gapsBlock.hidden = true;
      highlight(null);
      return;
    }
    kicker.textContent = "Your level";
    levelOut.textContent = r.level.name;
    confidence.textContent = "Confidence " + Math.round(r.confidence * 100) + "%: how clearly what you describe points at this level.";
    summary.textContent = r.summary || "";
    if (r.next) {
      const q = new URLSearchParams();
      q.set("current", r.level.name);
      q.set("target", r.next.name);
      q.set("weeks", String(planWeeks));
      planLink.href = "/plan?" + q.toString();
      planLink.textContent = "Make a " + planWeeks + "-week growth plan from " + r.level.name + " to " + r.next.name;
      planPara.hidden = false;
    } else {
      planPara.hidden = true;
    }

    const cited = new Map((r.citations || []).map(function (c) { return [c.id, c]; }));
    for (const ev of r.evidence || []) {
      evidenceList.appendChild(el("li", {},
        el("q", { class: "quote", text: ev.quote }),
        el("span", { class: "matches", text: " matches " }),
        chip(ev.section_id, ev.item.trim(), "wide", cited.get(ev.section_id), ev.item)));
    }
    evidenceBlock.hidden = evidenceList.children.length === 0;

    const skills = (r.gaps || []).filter(function (g) { return /\/skills$/.test(g.section_id); });
    const expects = (r.gaps || []).filter(function (g) { return !/\/skills$/.test(g.section_id); });
    for (const g of expects) gapsList.appendChild(el("li", {}, chip(g.section_id, g.item.trim(), "wide", cited.get(g.section_id), g.item)));
    for (const g of skills) skillsList.appendChild(el("li", {}, chip(g.section_id, g.item.trim(), "wide", cited.get(g.section_id), g.item)));
    gapsTitle.textContent = r.next
      ? "What a " + r.next.name + " is expected to do that your description does not show yet"
      : "What the " + (r.level.id === "ic" ? "track" : "role") + " expects that your description does not show yet";
    skillsTitle.textContent = "Skills the article says to develop as " + r.level.name;
    gapsTitle.hidden = gapsList.children.length === 0;
    gapsList.hidden = gapsList.children.length === 0;
    skillsTitle.hidden = skillsList.children.length === 0;
    skillsList.hidden = skillsList.children.length === 0;
    gapsBlock.hidden = (r.gaps || []).length === 0;

    highlight(r.level.id);
    if (levels.length > 0) {
      compareA.value = r.level.id;
      // The top rung and the IC track set beside the Director, whose reach they share or outgrow.
      compareB.value = r.next ? r.next.id : "director";
      showComparison();
    }
  }

  // Wiring.

  input.addEventListener("input", function () {
    count.textContent = String(input.value.length);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    assess(input.value, titleInput.value);
  });
  // Ctrl+Enter or Cmd+Enter in the description submits, as in the chat.
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      assess(input.value, titleInput.value);
    }
  });
  compareA.addEventListener("change", showComparison);
  compareB.addEventListener("change", showComparison);

  async function start() {
    C.mountNav();
    const saved = C.load(storeKey, null);
    if (saved && typeof saved.description === "string") {
      input.value = saved.description;
      titleInput.value = typeof saved.title === "string" ? saved.title : "";
      count.textContent = String(input.value.length);
    }
    try {
      await loadLadder();
    } catch (err) {
      gridStatus.textContent = "The ladder could not be loaded: " + err.message;
      gridStatus.classList.add("error");
      return;
    }
    fillSelects();
    showComparison();
  }

  start();
})();
