// plan.js: the growth-plan page (GET /plan), after common.js. It lists the
// levels (GET /api/levels) and adjacent roles (GET /api/sections), asks
// POST /api/plan, and shows the phases as checklists whose items link the
// section they cite. The inputs go into the URL's query string, and the
// ticks and notes into its fragment (#t=0,3&n1=...), so the address is the
// share link: it reopens the same plan with the same ticks and notes, and
// nothing is stored on the server. The Markdown export, the .ics of the
// check-ins and the print carry them too. Everything the coach or the user
// wrote goes on the page as text, never as HTML.
"use strict";

(function () {
  const C = window.Coach;
  const el = C.el;

  const form = document.getElementById("plan-form");
  const current = document.getElementById("plan-current");
  const target = document.getElementById("plan-target");
  const weeks = document.getElementById("plan-weeks");
  const context = document.getElementById("plan-context");
  const contextCount = document.getElementById("context-count");
  const submit = document.getElementById("plan-submit");
  const errorBox = document.getElementById("plan-error");
  const status = document.getElementById("plan-status");
  const output = document.getElementById("plan-output");
  const title = document.getElementById("plan-title");
  const meta = document.getElementById("plan-meta");
  const tailoring = document.getElementById("plan-tailoring");
  const phases = document.getElementById("plan-phases");
  const sources = document.getElementById("plan-sources");
  const actionStatus = document.getElementById("action-status");
  const timelineNote = document.getElementById("plan-timeline");
  const startDate = document.getElementById("plan-start");

  const rolePrefix = "Adjacent roles: ";

  // rungs maps an option's value to its rung on the management ladder, so
  // targets at or below the current level can be greyed out.
  const rungs = new Map();
  let plan = null; // the plan on show
  let planBody = null; // the request that made it, for its calendar
  let inFlight = null;

  function showError(msg) {
    errorBox.textContent = msg;
    errorBox.hidden = false;
  }
  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = "";
  }
  function say(msg) {
    status.textContent = msg;
  }

  // The form's options: the rungs and the IC track from /api/levels, the
  // adjacent roles from the article's role sections; the limits with them.
  async function loadOptions() {
    const [lv, secs] = await Promise.all([C.api("/api/levels"), C.api("/api/sections"), C.ladder()]);
    const levels = lv.levels || [];
    const ladder = levels.filter(function (l) { return l.rung > 0; }).sort(function (a, b) { return a.rung - b.rung; });
    const ic = levels.filter(function (l) { return l.rung === 0; });
    const roles = (secs.sections || []).filter(function (s) { return s.level === "adjacent" && s.facet === "role"; })
      .map(function (s) { return s.title.startsWith(rolePrefix) ? s.title.slice(rolePrefix.length) : s.title; });

    const option = function (name, rung) {
      if (rung !== undefined) rungs.set(name, rung);
      return el("option", { value: name }, name);
    };
    current.replaceChildren(
      el("optgroup", { label: "Management ladder" }, ladder.map(function (l) { return option(l.name, l.rung); })),
      el("optgroup", { label: "Individual contributor" }, ic.map(function (l) { return option(l.name, 3.5); })));
    target.replaceChildren(
      el("optgroup", { label: "Management ladder" }, ladder.map(function (l) { return option(l.name, l.rung); })),
      el("optgroup", { label: "Individual contributor" }, ic.map(function (l) { return option(l.name, 99); })),
      el("optgroup", { label: "Product-adjacent roles" }, roles.map(function (r) { return option(r, 99); })));
    if (ladder.length > 0) current.value = ladder[0].name;
    if (ladder.length > 2) target.value = ladder[2].name;
  }

  // markTargets greys out the targets at or below the current level (the IC
  // track and adjacent roles stay open) and moves the choice up if needed.
  function markTargets() {
    const from = rungs.get(current.value);
    let firstOpen = null;
    for (const opt of target.options) {
      const r = rungs.get(opt.value);
      const below = opt.value === current.value ||
        (from !== undefined && r !== undefined && r !== 99 && r <= from);
      opt.disabled = below;
      if (!below && firstOpen === null) firstOpen = opt;
    }
    const sel = target.options[target.selectedIndex];
    if (sel && sel.disabled && firstOpen) target.value = firstOpen.value;
  }

  // choose selects value in a select, adding it as an option when it is
  // not one (a shared link may say "APM" or "Staff PM": the coach knows
  // every alias).
  function choose(select, value) {
    for (const opt of select.options) {
      if (opt.value.toLowerCase() === value.toLowerCase()) {
        select.value = opt.value;
        return;
      }
    }
    select.appendChild(el("option", { value: value }, value));
    select.value = value;
  }

  function readForm() {
    const w = weeks.value.trim();
    return { current: current.value, target: target.value, weeks: w, context: context.value };
  }

  // check returns a message for input the coach would reject, or "".
  function check(req) {
    if (!req.current) return "Choose the mentee's current level.";
    if (!req.target) return "Choose a target.";
    const lim = C.limits(); // null before GET /api/ladder came: the server checks
    if (!/^\d+$/.test(req.weeks) || (lim && (Number(req.weeks) < lim.min_weeks || Number(req.weeks) > lim.max_weeks))) {
      return lim ? "Weeks must be a whole number from " + lim.min_weeks + " to " + lim.max_weeks + "." : "Weeks must be a whole number.";
    }
    if (lim && req.context.length > lim.context_chars) return "The context is over " + lim.context_chars + " characters.";
    return "";
  }

  // queryOf is the query string that reopens the plan.
  function queryOf(req) {
    const q = new URLSearchParams();
    q.set("current", req.current);
    q.set("target", req.target);
    q.set("weeks", String(req.weeks));
    if (req.context.trim() !== "") q.set("context", req.context);
    return "?" + q.toString();
  }

  // fromLink is true for the plan a shared link opens: it is made offline,
  // so a link's context never reaches the language model for whoever opens
  // it; "Make the plan" asks again with it.
  async function makePlan(req, fromLink) {
    clearError();
    const problem = check(req);
    if (problem) {
      showError(problem);
      return;
    }
    if (inFlight) inFlight.abort();
    const ctrl = new AbortController();
    inFlight = ctrl;
    submit.disabled = true;
    submit.textContent = "Making the plan…";
    form.setAttribute("aria-busy", "true");
    say("Making the plan…");
    try {
      const body = { current: req.current, target: req.target, weeks: Number(req.weeks) };
      if (req.context.trim() !== "") body.context = req.context;
      if (fromLink) body.offline = true;
      const data = await C.api("/api/plan", { body: body, signal: ctrl.signal });
      if (inFlight !== ctrl) return;
      plan = data;
      planBody = body;
      // Ticks and notes stay only while the link is the same plan.
      const q = queryOf(req);
      const keep = q === location.search ? location.hash : "";
      history.replaceState(null, "", location.pathname + q + keep);
      state = readState(data);
      render(data);
      // Ticks restored from this browser go back into the address.
      if (location.hash === "" && (state.ticks.size > 0 || Object.keys(state.notes).length > 0)) writeState();
      say("The plan is ready: " + data.phases.length + " phases.");
    } catch (err) {
      if (err && err.name === "AbortError") return;
      showError(err.message);
      say("");
    } finally {
      if (inFlight === ctrl) {
        inFlight = null;
        submit.disabled = false;
        submit.textContent = "Make the plan";
        form.removeAttribute("aria-busy");
      }
    }
  }

  // chip is the link from an item or the sources to a cited section: the
  // panel marks the lines the plan quotes, and scrolls to line (an item's
  // own) when given.
  function chip(c, n, line) {
    const items = Array.isArray(c.items) ? c.items : [];
    const focus = line && c.text ? C.lineIndex(c.text, line) : -1;
    return el("button", {
      type: "button", class: "chip", "data-citation-id": c.id, title: "Read “" + c.title + "” in the article",
      onclick: function () { C.openSource(c.id, { items: items, focus: focus }); },
    }, el("span", { class: "num", text: "[" + n + "]" }), el("span", { class: "label", text: c.title }));
  }

  // itemText bolds a skill's name at the start of an item.
  function itemText(it) {
    if (it.skill && it.text.startsWith(it.skill)) {
      return el("span", { class: "text" }, el("strong", { text: it.skill }), it.text.slice(it.skill.length));
    }
    return el("span", { class: "text", text: it.text });
  }

  function weeksLabel(span) {
    const parts = String(span).split("-");
    return parts.length === 2 && parts[0] === parts[1] ? "Week " + parts[0] : "Weeks " + span;
  }

  // state is the ticks (item numbers, in phase order) and the notes (by
  // phase number) of the plan on show. It lives in the URL's fragment, and a
  // copy in this browser under the plan's link for a reload without it.
  let state = { ticks: new Set(), notes: {} };

  function stateKey() {
    return "coach.plan.state" + location.search;
  }

  function readState(data) {
    const h = location.hash.replace(/^#/, "");
    let q = null;
    if (h !== "") q = new URLSearchParams(h);
    else {
      const saved = C.load(stateKey(), "");
      if (saved) q = new URLSearchParams(saved);
    }
    const st = { ticks: new Set(), notes: {} };
    if (!q) return st;
    let total = 0;
    data.phases.forEach(function (ph) { total += ph.items.length; });
    (q.get("t") || "").split(",").forEach(function (x) {
      if (/^\d+$/.test(x) && Number(x) < total) st.ticks.add(Number(x));
    });
    data.phases.forEach(function (ph, i) {
      const n = q.get("n" + i);
      if (n) st.notes[i] = n;
    });
    return st;
  }

  // writeState puts the ticks and notes into the address bar's fragment
  // (without a history entry) and this browser's storage.
  function writeState() {
    const q = new URLSearchParams();
    const ticks = Array.from(state.ticks).sort(function (a, b) { return a - b; });
    if (ticks.length) q.set("t", ticks.join(","));
    Object.keys(state.notes).sort().forEach(function (i) {
      if (state.notes[i].trim() !== "") q.set("n" + i, state.notes[i]);
    });
    const frag = q.toString();
    history.replaceState(null, "", location.pathname + location.search + (frag ? "#" + frag : ""));
    if (frag) C.save(stateKey(), frag);
    else C.forget(stateKey());
  }

  // exportMarkdown is the plan's Markdown with the ticks ("- [x]") and the
  // notes filled in.
  function exportMarkdown() {
    if (!plan) return "";
    let k = 0;
    let phase = 0;
    return plan.markdown.split("\n").map(function (line) {
      if (line.startsWith("- [ ] ")) {
        return (state.ticks.has(k++) ? "- [x] " : "- [ ] ") + line.slice(6);
      }
      if (line === "**Notes:**") {
        const n = (state.notes[phase++] || "").replace(/\s+/g, " ").trim();
        return n ? "**Notes:** " + n : line;
      }
      return line;
    }).join("\n");
  }

  // The check-ins as a calendar (a Promise of its text): one all-day event
  // per check-in question, spread over its phase's weeks from the start
  // date. The coach writes it (POST /api/plan/ics, the same generator as
  // `coach plan --ics`), from the request that made this plan.
  function exportICS() {
    if (!plan || !planBody) return Promise.resolve("");
    const body = { current: planBody.current, target: planBody.target, weeks: planBody.weeks };
    if (planBody.context) body.context = planBody.context;
    if (startDate.value) body.start = startDate.value;
    return C.text("/api/plan/ics", { body: body }, "text/calendar");
  }
  window.CoachPlan = { markdown: exportMarkdown, ics: exportICS };

  // actionText bolds an action's template label: "Practise:", "Stretch
  // assignment:", "Ask for:".
  function actionText(it) {
    const m = /^(Practise:|Stretch assignment:|Ask for:)\s*/.exec(it.action || "");
    if (m) return el("span", { class: "action" }, el("strong", { text: m[1] }), " " + it.action.slice(m[0].length));
    return el("span", { class: "action", text: it.action || it.text });
  }

  function render(data) {
    const number = new Map();
    const byId = new Map();
    data.citations.forEach(function (c, i) {
      number.set(c.id, i + 1);
      byId.set(c.id, c);
    });
    title.textContent = data.current.name + " → " + data.target.name;
    const nPhases = data.phases.length;
    meta.textContent = data.weeks + (data.weeks === 1 ? " week" : " weeks") + " · " +
      nPhases + (nPhases === 1 ? " phase" : " phases") +
      (data.mode === "llm" ? " · actions worded for the context by a language model" : "") +
      (data.degraded ? " · the language model did not answer, so this is the offline plan" : "");
    timelineNote.textContent = data.timeline_note || "";
    timelineNote.hidden = !data.timeline_note;
    tailoring.textContent = data.tailoring || "";
    tailoring.hidden = !data.tailoring;

    let k = 0;
    phases.replaceChildren.apply(phases, data.phases.map(function (ph, pi) {
      const printed = el("div", { class: "notes-print", text: state.notes[pi] || "" });
      const notes = el("textarea", {
        id: "plan-notes-" + pi, "data-testid": "plan-notes", rows: "2", maxlength: "2000",
        placeholder: "What the mentee did, what you agreed for next time…",
        oninput: function () {
          state.notes[pi] = notes.value;
          printed.textContent = notes.value;
          writeState();
        },
      });
      notes.value = state.notes[pi] || "";
      return el("li", { class: "phase", "data-testid": "plan-phase" },
        el("h3", { class: "phase-title" }, el("span", { class: "weeks", text: weeksLabel(ph.weeks) }), " ", ph.title),
        ph.milestone ? el("p", { class: "milestone", "data-testid": "plan-milestone" }, el("strong", { text: "Milestone: " }), ph.milestone) : null,
        el("ul", { class: "checklist" }, ph.items.map(function (it) {
          const n = k++;
          const c = byId.get(it.citation_id) || { id: it.citation_id, title: it.citation_id };
          const box = el("input", {
            type: "checkbox", class: "tick", "data-item": String(n), "aria-label": "Done: " + (it.skill || (it.action || it.text).slice(0, 60)),
            checked: state.ticks.has(n) ? true : null,
            onchange: function () {
              if (box.checked) state.ticks.add(n);
              else state.ticks.delete(n);
              writeState();
            },
          });
          return el("li", { class: "item" + (it.emphasis ? " " + it.emphasis : ""), "data-testid": "plan-item", "data-kind": it.kind || "" },
            box,
            el("div", { class: "item-body" },
              it.emphasis === "focus" ? el("span", { class: "badge focus", text: "Focus" }) : null,
              it.emphasis === "lighter" ? el("span", { class: "badge lighter", text: "Lighter touch" }) : null,
              actionText(it),
              el("p", { class: "source-line" }, "Source: “", itemText(it), "”"),
              el("div", { class: "item-source" }, chip(c, number.get(c.id) || "?", it.text))));
        })),
        el("div", { class: "phase-extra" },
          (ph.evidence || []).length ? el("h4", { text: "Evidence to collect" }) : null,
          (ph.evidence || []).length ? el("ul", { class: "evidence", "data-testid": "plan-evidence" }, ph.evidence.map(function (e) { return el("li", { text: e }); })) : null,
          (ph.checkins || []).length ? el("h4", { text: "Check-in questions" }) : null,
          (ph.checkins || []).length ? el("ol", { class: "checkins", "data-testid": "plan-checkins" }, ph.checkins.map(function (q) { return el("li", { text: q }); })) : null,
          el("div", { class: "notes" }, el("h4", {}, el("label", { for: "plan-notes-" + pi, text: "Notes" })), notes, printed)));
    }));
    sources.replaceChildren.apply(sources, data.citations.map(function (c, i) {
      return el("li", {}, chip(c, i + 1));
    }));
    actionStatus.textContent = "";
    output.hidden = false;
    title.focus({ preventScroll: true });
    title.scrollIntoView({ block: "start", behavior: "auto" });
  }

  // copyText puts text on the clipboard, falling back to a selected textarea
  // where the Clipboard API is missing or refused.
  async function copyText(text) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (e) {
      // fall back below
    }
    const area = el("textarea", { class: "copy-buffer", readonly: true, "aria-hidden": "true" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  function fileName(p) {
    const slug = function (s) { return String(s).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); };
    return "growth-plan-" + slug(p.current.name) + "-to-" + slug(p.target.name) + "-" + p.weeks + "w.md";
  }

  document.getElementById("copy-md").addEventListener("click", async function () {
    if (!plan) return;
    actionStatus.textContent = (await copyText(exportMarkdown())) ? "Markdown copied, with the ticks and notes." : "Copying failed: use Download .md instead.";
  });
  document.getElementById("copy-link").addEventListener("click", async function () {
    actionStatus.textContent = (await copyText(location.href)) ? "Link copied: it reopens this plan." : "Copying failed: copy the address bar instead.";
  });
  function download(text, type, name) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const a = el("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    actionStatus.textContent = "Downloaded " + name + ".";
  }
  document.getElementById("download-md").addEventListener("click", function () {
    if (plan) download(exportMarkdown(), "text/markdown;charset=utf-8", fileName(plan));
  });
  document.getElementById("download-ics").addEventListener("click", function () {
    if (!plan) return;
    const name = fileName(plan).replace(/\.md$/, "-check-ins.ics");
    exportICS().then(function (text) { download(text, "text/calendar;charset=utf-8", name); },
      function (err) { actionStatus.textContent = "The calendar could not be made: " + err.message; });
  });
  document.getElementById("print").addEventListener("click", function () { window.print(); });

  context.addEventListener("input", function () {
    contextCount.textContent = String(context.value.length);
  });
  current.addEventListener("change", markTargets);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    makePlan(readForm());
  });

  async function start() {
    C.mountNav();
    const today = new Date();
    startDate.value = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
    try {
      await loadOptions();
    } catch (err) {
      showError("The levels could not be loaded: " + err.message);
      return;
    }
    // A shared link: fill the form from the query string and show its plan at once.
    const q = new URLSearchParams(location.search);
    if (q.has("current")) choose(current, q.get("current"));
    markTargets();
    if (q.has("target")) choose(target, q.get("target"));
    if (q.has("weeks")) weeks.value = q.get("weeks");
    if (q.has("context")) context.value = q.get("context");
    contextCount.textContent = String(context.value.length);
    if (q.has("current") && q.has("target")) makePlan(readForm(), true);
  }

  start();
})();
