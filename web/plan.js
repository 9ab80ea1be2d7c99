// plan.js: the growth-plan page (GET /plan), after common.js. It lists the
// levels (GET /api/levels) and adjacent roles (GET /api/sections), asks
// POST /api/plan, and shows the phases as checklists whose items link the
// section they cite. The inputs go into the URL's query string, so the link
// reopens the same plan: mentors share it. Everything the coach or the user
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

  const minWeeks = 1;
  const maxWeeks = 104;
  const maxContext = 1000;
  const rolePrefix = "Adjacent roles: ";

  // rungs maps an option's value to its rung on the management ladder, so
  // targets at or below the current level can be greyed out.
  const rungs = new Map();
  let plan = null; // the plan on show
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
  // adjacent roles from the article's role sections.
  async function loadOptions() {
    const [lv, secs] = await Promise.all([C.api("/api/levels"), C.api("/api/sections")]);
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
    if (!/^\d+$/.test(req.weeks) || Number(req.weeks) < minWeeks || Number(req.weeks) > maxWeeks) {
      return "Weeks must be a whole number from " + minWeeks + " to " + maxWeeks + ".";
    }
    if (req.context.length > maxContext) return "The context is over " + maxContext + " characters.";
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

  async function makePlan(req) {
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
      const data = await C.api("/api/plan", { body: body, signal: ctrl.signal });
      if (inFlight !== ctrl) return;
      plan = data;
      history.replaceState(null, "", location.pathname + queryOf(req));
      render(data);
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

  // chip is the link from an item or the sources to a cited section.
  function chip(c, n) {
    return el("button", {
      type: "button", class: "chip", "data-citation-id": c.id, title: "Read “" + c.title + "” in the article",
      onclick: function () { C.openSource(c.id); },
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

  // The ticks of a plan are kept in this browser under the plan's link.
  function ticksKey() {
    return "coach.plan.ticks" + location.search;
  }

  function render(data) {
    const number = new Map();
    const byId = new Map();
    data.citations.forEach(function (c, i) {
      number.set(c.id, i + 1);
      byId.set(c.id, c);
    });
    const ticks = C.load(ticksKey(), {});

    title.textContent = data.current.name + " → " + data.target.name;
    const nPhases = data.phases.length;
    meta.textContent = data.weeks + (data.weeks === 1 ? " week" : " weeks") + " · " +
      nPhases + (nPhases === 1 ? " phase" : " phases") +
      (data.mode === "llm" ? " · wording tailored by a language model" : "") +
      (data.degraded ? " · the language model did not answer, so this is the offline plan" : "");
    tailoring.textContent = data.tailoring || "";
    tailoring.hidden = !data.tailoring;

    let k = 0;
    phases.replaceChildren.apply(phases, data.phases.map(function (ph) {
      return el("li", { class: "phase", "data-testid": "plan-phase" },
        el("h3", { class: "phase-title" }, el("span", { class: "weeks", text: weeksLabel(ph.weeks) }), " ", ph.title),
        el("ul", { class: "checklist" }, ph.items.map(function (it) {
          const key = String(k++);
          const c = byId.get(it.citation_id) || { id: it.citation_id, title: it.citation_id };
          const box = el("input", {
            type: "checkbox", class: "tick", "aria-label": "Done: " + (it.skill || it.text.slice(0, 60)),
            checked: ticks[key] ? true : null,
            onchange: function () {
              const t = C.load(ticksKey(), {});
              if (box.checked) t[key] = true;
              else delete t[key];
              C.save(ticksKey(), t);
            },
          });
          return el("li", { class: "item" + (it.emphasis ? " " + it.emphasis : ""), "data-testid": "plan-item" },
            box,
            el("div", { class: "item-body" },
              it.emphasis === "focus" ? el("span", { class: "badge focus", text: "Focus" }) : null,
              it.emphasis === "lighter" ? el("span", { class: "badge lighter", text: "Lighter touch" }) : null,
              itemText(it),
              el("div", { class: "item-source" }, chip(c, number.get(c.id) || "?"))));
        })));
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
    actionStatus.textContent = (await copyText(plan.markdown)) ? "Markdown copied." : "Copying failed: use Download .md instead.";
  });
  document.getElementById("copy-link").addEventListener("click", async function () {
    actionStatus.textContent = (await copyText(location.href)) ? "Link copied: it reopens this plan." : "Copying failed: copy the address bar instead.";
  });
  document.getElementById("download-md").addEventListener("click", function () {
    if (!plan) return;
    const url = URL.createObjectURL(new Blob([plan.markdown], { type: "text/markdown;charset=utf-8" }));
    const a = el("a", { href: url, download: fileName(plan), hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    actionStatus.textContent = "Downloaded " + fileName(plan) + ".";
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
    if (q.has("current") && q.has("target")) makePlan(readForm());
  }

  start();
})();
