// chat.js: the chat page (GET /). Sends each question with the conversation
// so far to POST /api/chat as a stream, shows the answer as it arrives with
// its citations as chips that open the source panel on the lines it quotes,
// offers the coach's follow-up questions, and keeps the conversation (and
// the reader's thumbs up or down) in localStorage. A stop button ends a
// stream and keeps what was written; each answer can be copied, the last
// regenerated. Built on common.js (window.Coach); nothing a user or the coach
// wrote is ever parsed as HTML.
"use strict";

(function () {
  const C = window.Coach;
  const el = C.el;
  const storeKey = "coach.chat.v1";
  const encoder = new TextEncoder();

  const starters = [
    "What does an Associate PM do day to day?",
    "What should a Mid-level PM learn to become a Senior PM?",
    "How is a Senior PM's success judged?",
    "What changes when you become a Director of Product?",
    "What does a VP of Product own?",
    "I don't want to manage people. What are my options?",
  ];

  const form = document.getElementById("chat-form");
  const input = document.getElementById("chat-input");
  const send = document.getElementById("send");
  const log = document.getElementById("log");
  const welcome = document.getElementById("welcome");
  const starterList = document.getElementById("starters");
  const status = document.getElementById("status");
  const errorBox = document.getElementById("error");
  const errorText = document.getElementById("error-text");
  const retry = document.getElementById("retry");
  const newChat = document.getElementById("new-chat");
  const stop = document.getElementById("stop");

  // messages is the conversation: {role: "user", content} and
  // {role: "assistant", content, citations: [{id, title, items}], used,
  // suggestions, feedback: "up"|"down"|undefined, mode, degraded, error}.
  let messages = [];
  let busy = false;
  let controller = null;
  let stopped = false; // the reader pressed stop
  let views = []; // the AssistantViews on the page, in order

  function stored() {
    const data = C.load(storeKey, null);
    if (!data || !Array.isArray(data.messages)) return [];
    return data.messages.filter(function (m) {
      return m && (m.role === "user" || m.role === "assistant") && typeof m.content === "string";
    });
  }

  function persist() {
    C.save(storeKey, { messages: messages });
  }

  // history is what the API gets: the latest turns the API accepts, each
  // within the message limit, and together small enough that the body with
  // the question (each of its characters at most six bytes in JSON) stays
  // within the server's body limit (GET /api/ladder's limits; unbounded
  // before they came: the server checks them anyway).
  // An exchange the coach declined (no sources: off-topic, or an attempt
  // to change its instructions) is left out, so it does not colour the
  // questions after it.
  function history() {
    const lim = C.limits();
    const maxTurns = lim ? lim.history_turns : Infinity;
    const maxChars = lim ? lim.message_chars : Infinity;
    const maxBytes = lim ? lim.body_bytes - 6 * lim.message_chars : Infinity;
    const out = [];
    let bytes = 0;
    for (let i = messages.length - 1; i >= 0 && out.length < maxTurns; i--) {
      const m = messages[i];
      if (m.role === "assistant" && !m.error && Array.isArray(m.citations) && m.citations.length === 0) {
        if (i > 0 && messages[i - 1].role === "user") i--;
        continue;
      }
      const content = cutChars(messages[i].content, maxChars);
      bytes += encoder.encode(content).length + 40;
      if (bytes > maxBytes) break;
      out.unshift({ role: messages[i].role, content: content });
    }
    return out;
  }

  // cutChars keeps the first n characters (code points, as the server counts
  // them) of s, never half of an emoji's surrogate pair: a lone half is a
  // broken UTF-16 escape the server refuses, and the turn would be resent
  // broken with every follow-up.
  function cutChars(s, n) {
    if (typeof s.toWellFormed === "function") s = s.toWellFormed();
    if (s.length <= n) return s;
    return Array.from(s).slice(0, n).join("");
  }

  function setStatus(text) {
    status.textContent = text;
  }

  function showError(message) {
    errorText.textContent = message;
    errorBox.hidden = false;
  }

  function hideError() {
    errorBox.hidden = true;
    errorText.textContent = "";
  }

  function updateWelcome() {
    welcome.hidden = messages.length > 0;
  }

  function scrollToEnd(force) {
    const nearEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
    if (force || nearEnd) window.scrollTo(0, document.documentElement.scrollHeight);
  }

  function userMessage(text) {
    return el("li", { class: "msg user", "data-testid": "message-user" },
      el("h2", { class: "visually-hidden", text: "You asked" }),
      el("div", { class: "bubble", text: text }));
  }

  // AssistantView is one coach message on the page, re-rendered as text
  // arrives.
  function AssistantView() {
    this.text = "";
    this.citations = [];
    this.used = null; // ids kept by done, null until then
    this.answer = el("div", { class: "answer" });
    this.waiting = el("p", { class: "waiting", "data-testid": "waiting" },
      el("span", { class: "dots", "aria-hidden": "true" }, el("span"), el("span"), el("span")),
      " The coach is thinking…");
    this.notes = el("div", { class: "notes" });
    this.sources = el("div", { class: "sources" });
    this.actions = el("div", { class: "actions" });
    this.follow = el("div", { class: "suggestions" });
    this.follow.hidden = true;
    this.message = null; // the stored message, once finished
    this.node = el("li", { class: "msg assistant", "data-testid": "message-assistant", "aria-busy": "true" },
      el("h2", { class: "visually-hidden", text: "The coach answered" }),
      this.answer, this.waiting, this.notes, this.sources, this.actions, this.follow);
  }

  // open shows citation c's section with the lines the answer quotes.
  function openCitation(c) {
    C.openSource(c.id, { items: Array.isArray(c.items) ? c.items : [] });
  }

  AssistantView.prototype.cite = function (n) {
    const c = this.citations[n - 1];
    if (!c) return null;
    return el("button", {
      type: "button", class: "cite", "data-cite": String(n), title: c.title,
      "aria-label": "Source " + n + ": " + c.title,
      onclick: function () { openCitation(c); },
    }, "[" + n + "]");
  };

  AssistantView.prototype.render = function () {
    const self = this;
    this.answer.replaceChildren(C.richText(this.text, { cite: function (n) { return self.cite(n); } }));
    this.renderSources();
  };

  // renderSources shows the citations as chips: those the text cites, then
  // the others under "More sources".
  AssistantView.prototype.renderSources = function () {
    const self = this;
    const cited = new Set();
    const re = /\[(\d+(?:\s*,\s*\d+)*)\]/g;
    let m;
    while ((m = re.exec(this.text)) !== null) {
      m[1].split(",").forEach(function (s) { cited.add(Number(s.trim())); });
    }
    const main = [];
    const more = [];
    this.citations.forEach(function (c, i) {
      if (self.used && !self.used.has(c.id)) return;
      const chip = el("li", {}, el("button", {
        type: "button", class: "chip", "data-citation-id": c.id, title: c.title,
        onclick: function () { openCitation(c); },
      }, el("span", { class: "num", text: "[" + (i + 1) + "]" }), el("span", { class: "label", text: c.title })));
      (cited.has(i + 1) || cited.size === 0 ? main : more).push(chip);
    });
    const parts = [];
    if (main.length > 0) {
      parts.push(el("h3", { class: "sources-title", text: "Sources" }), el("ul", { class: "chips" }, main));
    }
    if (more.length > 0) {
      parts.push(el("details", { class: "more-sources" },
        el("summary", {}, more.length === 1 ? "1 more related section" : more.length + " more related sections"),
        el("ul", { class: "chips" }, more)));
    }
    this.sources.replaceChildren.apply(this.sources, parts);
  };

  AssistantView.prototype.note = function (text, kind) {
    this.notes.appendChild(el("p", { class: "note " + (kind || ""), role: kind === "error" ? "alert" : null, text: text }));
  };

  AssistantView.prototype.finish = function () {
    this.waiting.remove();
    this.node.removeAttribute("aria-busy");
  };

  AssistantView.prototype.fromStored = function (m) {
    this.text = m.content;
    this.citations = Array.isArray(m.citations) ? m.citations : [];
    this.used = Array.isArray(m.used) ? new Set(m.used) : null;
    this.render();
    this.finish();
    if (m.stopped) this.note(stoppedNote);
    if (m.degraded && !m.error) this.note(degradedNote);
    if (m.error) this.note(m.error, "error");
    this.done(m);
    return this;
  };

  // done shows the finished answer's actions (copy, thumbs, regenerate) and
  // its follow-up questions, for the stored message m.
  AssistantView.prototype.done = function (m) {
    const self = this;
    this.message = m;
    const rate = function (rating) {
      return el("button", {
        type: "button", "data-testid": "feedback-" + rating, "aria-pressed": m.feedback === rating ? "true" : "false",
        title: rating === "up" ? "Thumbs up: a good answer" : "Thumbs down: a poor answer",
        onclick: function () { feedback(self, rating); },
      }, rating === "up" ? "Helpful" : "Not helpful");
    };
    this.regen = el("button", { type: "button", "data-testid": "regenerate", onclick: regenerate }, "Regenerate");
    this.actions.replaceChildren(
      el("button", { type: "button", "data-testid": "copy", onclick: function () { copyAnswer(self); } }, "Copy"),
      rate("up"), rate("down"), this.regen);
    const sugg = Array.isArray(m.suggestions) ? m.suggestions.filter(function (q) { return typeof q === "string" && q !== ""; }) : [];
    if (sugg.length > 0) {
      this.follow.replaceChildren(
        el("h3", { text: "You could ask" }),
        el("ul", {}, sugg.map(function (q) {
          return el("li", {}, el("button", {
            type: "button", class: "suggestion", "data-testid": "suggestion", onclick: function () { ask(q); },
          }, q));
        })));
    }
  };

  // setLast shows the follow-ups and regenerate on the last answer only.
  AssistantView.prototype.setLast = function (last) {
    this.follow.hidden = !last || this.follow.childNodes.length === 0;
    if (this.regen) this.regen.hidden = !last;
  };

  function markLast() {
    views.forEach(function (v, i) { v.setLast(i === views.length - 1 && !busy); });
  }

  async function copyAnswer(view) {
    let ok = false;
    try {
      await navigator.clipboard.writeText(view.text);
      ok = true;
    } catch (e) {
      // No clipboard API here (an insecure origin, a denied permission):
      // the selection way still works.
      const area = el("textarea", { class: "visually-hidden", "aria-hidden": "true" });
      area.value = view.text;
      document.body.appendChild(area);
      area.select();
      try { ok = document.execCommand("copy"); } catch (e2) { ok = false; }
      area.remove();
    }
    setStatus(ok ? "Answer copied." : "Copying failed: select the text instead.");
  }

  // feedback records a thumbs up or down on an answer: kept with the
  // conversation, counted by the coach. Pressing it again takes it back.
  function feedback(view, rating) {
    const m = view.message;
    if (!m) return;
    m.feedback = m.feedback === rating ? undefined : rating;
    persist();
    view.actions.querySelectorAll("[data-testid^='feedback-']").forEach(function (b) {
      b.setAttribute("aria-pressed", b.dataset.testid === "feedback-" + m.feedback ? "true" : "false");
    });
    if (m.feedback) {
      C.api("/api/feedback", { body: { rating: m.feedback } }).catch(function () { /* counted or not, the rating stays */ });
      setStatus("Thanks for the feedback.");
    }
  }

  // regenerate asks the last question again, in place of its answer.
  function regenerate() {
    if (busy || messages.length < 2) return;
    const last = messages[messages.length - 1];
    const q = messages[messages.length - 2];
    if (last.role !== "assistant" || q.role !== "user") return;
    messages = messages.slice(0, -2);
    persist();
    const v = views.pop();
    if (v) {
      const userNode = v.node.previousElementSibling;
      v.node.remove();
      if (userNode) userNode.remove();
    }
    ask(q.content);
  }

  const degradedNote = "The language model could not answer, so this is the coach's offline answer, quoted from the article.";

  function renderAll() {
    log.replaceChildren();
    views = [];
    for (const m of messages) {
      if (m.role === "user") log.appendChild(userMessage(m.content));
      else {
        const v = new AssistantView().fromStored(m);
        views.push(v);
        log.appendChild(v.node);
      }
    }
    markLast();
    updateWelcome();
  }

  function setBusy(on) {
    busy = on;
    send.disabled = on;
    stop.hidden = !on;
    form.setAttribute("aria-busy", on ? "true" : "false");
    markLast();
  }

  async function ask(question) {
    if (busy) return;
    const text = question.trim();
    if (text === "") {
      setStatus("Type a question first.");
      input.focus();
      return;
    }
    hideError();
    setBusy(true);
    await C.ladder(); // the limits history() keeps to
    const turns = history();
    const userNode = log.appendChild(userMessage(text));
    const view = new AssistantView();
    log.appendChild(view.node);
    views.push(view);
    markLast();
    input.value = "";
    welcome.hidden = true;
    setStatus("The coach is answering…");
    scrollToEnd(true);

    let done = null;
    let streamError = null;
    controller = new AbortController();
    stopped = false;
    try {
      await C.stream("/api/chat", { message: text, history: turns, stream: true }, function (name, data) {
        if (name === "citations") {
          view.citations = Array.isArray(data) ? data : [];
          view.render();
        } else if (name === "delta") {
          const first = view.text === "";
          if (first) view.waiting.hidden = true;
          view.text += data && typeof data.text === "string" ? data.text : "";
          view.render();
          // The reader starts at the top of the answer, not at its end.
          if (first) view.node.scrollIntoView({ block: "start" });
        } else if (name === "error") {
          streamError = (data && data.message) || "The answer stopped before it was complete.";
        } else if (name === "done") {
          done = data || {};
        }
      }, { signal: controller.signal });
      if (!done) throw new C.ApiError("The connection to the coach was lost before the answer was complete.", 0);
    } catch (err) {
      if (err && err.name === "AbortError" && !stopped) return; // a new conversation
      if (stopped && view.text === "") {
        // Stopped before a word came: as if it had not been asked.
        userNode.remove();
        view.node.remove();
        views.pop();
        updateWelcome();
        if (input.value === "") input.value = text;
        setStatus("Stopped.");
        setBusy(false);
        input.focus();
        return;
      }
      if (stopped) {
        streamError = null;
      } else if (view.text === "") {
        // Nothing arrived: take the question back so it can be sent again.
        userNode.remove();
        view.node.remove();
        updateWelcome();
        if (input.value === "") input.value = text;
        showError(err.message || "Something went wrong. Please try again.");
        setStatus("");
        setBusy(false);
        input.focus();
        return;
      }
      if (!stopped) streamError = err.message;
    }
    controller = null;

    view.finish();
    if (done && Array.isArray(done.citations)) {
      view.used = new Set(done.citations.map(function (c) { return c.id; }));
      // done has the lines the answer quotes (an LLM's are known only then).
      const items = new Map(done.citations.map(function (c) { return [c.id, c.items]; }));
      view.citations = view.citations.map(function (c) {
        const it = items.get(c.id);
        return Array.isArray(it) && it.length > 0 ? Object.assign({}, c, { items: it }) : c;
      });
    }
    view.render();
    if (stopped) view.note(stoppedNote);
    if (done && done.degraded && !streamError) view.note(degradedNote);
    if (streamError) view.note(streamError, "error");
    messages.push({ role: "user", content: text });
    const m = {
      role: "assistant", content: view.text,
      // Only what the chips need: the panel fetches the text. Unused ones
      // are kept (and hidden) so the [n] numbering survives a reload.
      citations: view.citations.map(function (c) { return { id: c.id, title: c.title, items: Array.isArray(c.items) ? c.items : [] }; }),
      used: view.used ? Array.from(view.used) : null,
      suggestions: done && Array.isArray(done.suggestions) ? done.suggestions : [],
      mode: done ? done.mode : "", degraded: !!(done && done.degraded), error: streamError || undefined, stopped: stopped || undefined,
    };
    messages.push(m);
    view.done(m);
    persist();
    setStatus(stopped ? "Stopped." : "The coach has answered.");
    setBusy(false);
    input.focus();
  }

  const stoppedNote = "Stopped: the answer above is what was written before you pressed stop.";

  function stopAnswer() {
    if (!busy || !controller) return;
    stopped = true;
    controller.abort();
  }

  function newConversation() {
    stopped = false;
    if (controller) controller.abort();
    setBusy(false);
    messages = [];
    C.forget(storeKey);
    C.closeSource();
    hideError();
    renderAll();
    setStatus("New conversation started.");
    input.value = "";
    input.focus();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    ask(input.value);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      ask(input.value);
    }
  });
  // A keypress can follow a cancelled keydown (some input methods and
  // automation send them apart): it must not add the line break either.
  input.addEventListener("keypress", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) e.preventDefault();
  });
  retry.addEventListener("click", function () { ask(input.value); });
  newChat.addEventListener("click", newConversation);
  stop.addEventListener("click", stopAnswer);

  function renderStarters(qs) {
    starterList.replaceChildren(...qs.map(function (q) {
      return el("li", {}, el("button", {
        type: "button", class: "starter", "data-testid": "starter", onclick: function () { ask(q); },
      }, q));
    }));
  }
  renderStarters(starters);
  // A ladder file brings starters in its own names.
  C.ladder().then(function (info) {
    if (!info.article && info.starters && info.starters.length > 0) renderStarters(info.starters);
  });

  C.mountNav();
  messages = stored();
  renderAll();
  if (messages.length > 0) scrollToEnd(true);
})();
