// chat.js: the chat page (GET /). Sends each question with the conversation
// so far to POST /api/chat as a stream, shows the answer as it arrives with
// its citations as chips that open the source panel, and keeps the
// conversation in localStorage. Built on common.js (window.Coach); nothing a
// user or the coach wrote is ever parsed as HTML.
"use strict";

(function () {
  const C = window.Coach;
  const el = C.el;
  const storeKey = "coach.chat.v1";
  const maxHistory = 50; // turns the API accepts
  const maxChars = 4000; // characters a message or turn may hold
  const maxHistoryBytes = 40000; // leaves room for the question within the body limit
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

  // messages is the conversation: {role: "user", content} and
  // {role: "assistant", content, citations, mode, degraded, error}.
  let messages = [];
  let busy = false;
  let controller = null;

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

  // history is what the API gets: the latest turns, each within the limit,
  // and together well under the 64 KiB the server reads.
  // An exchange the coach declined (no sources: off-topic, or an attempt
  // to change its instructions) is left out, so it does not colour the
  // questions after it.
  function history() {
    const out = [];
    let bytes = 0;
    for (let i = messages.length - 1; i >= 0 && out.length < maxHistory; i--) {
      const m = messages[i];
      if (m.role === "assistant" && !m.error && Array.isArray(m.citations) && m.citations.length === 0) {
        if (i > 0 && messages[i - 1].role === "user") i--;
        continue;
      }
      const content = messages[i].content.slice(0, maxChars);
      bytes += encoder.encode(content).length + 40;
      if (bytes > maxHistoryBytes) break;
      out.unshift({ role: messages[i].role, content: content });
    }
    return out;
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
    this.node = el("li", { class: "msg assistant", "data-testid": "message-assistant", "aria-busy": "true" },
      el("h2", { class: "visually-hidden", text: "The coach answered" }),
      this.answer, this.waiting, this.notes, this.sources);
  }

  AssistantView.prototype.cite = function (n) {
    const c = this.citations[n - 1];
    if (!c) return null;
    return el("button", {
      type: "button", class: "cite", "data-cite": String(n), title: c.title,
      "aria-label": "Source " + n + ": " + c.title,
      onclick: function () { C.openSource(c.id); },
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
        onclick: function () { C.openSource(c.id); },
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
    if (m.degraded && !m.error) this.note(degradedNote);
    if (m.error) this.note(m.error, "error");
    return this;
  };

  const degradedNote = "The language model could not answer, so this is the coach's offline answer, quoted from the article.";

  function renderAll() {
    log.replaceChildren();
    for (const m of messages) {
      if (m.role === "user") log.appendChild(userMessage(m.content));
      else log.appendChild(new AssistantView().fromStored(m).node);
    }
    updateWelcome();
  }

  function setBusy(on) {
    busy = on;
    send.disabled = on;
    form.setAttribute("aria-busy", on ? "true" : "false");
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
    const turns = history();
    const userNode = log.appendChild(userMessage(text));
    const view = new AssistantView();
    log.appendChild(view.node);
    input.value = "";
    welcome.hidden = true;
    setStatus("The coach is answering…");
    scrollToEnd(true);

    let done = null;
    let streamError = null;
    controller = new AbortController();
    try {
      await C.stream("/api/chat", { message: text, history: turns, stream: true }, function (name, data) {
        if (name === "citations") {
          view.citations = Array.isArray(data) ? data : [];
          view.render();
        } else if (name === "delta") {
          if (view.text === "") view.waiting.hidden = true;
          view.text += data && typeof data.text === "string" ? data.text : "";
          view.render();
          scrollToEnd(false);
        } else if (name === "error") {
          streamError = (data && data.message) || "The answer stopped before it was complete.";
        } else if (name === "done") {
          done = data || {};
        }
      }, { signal: controller.signal });
      if (!done) throw new C.ApiError("The connection to the coach was lost before the answer was complete.", 0);
    } catch (err) {
      if (err && err.name === "AbortError") return;
      if (view.text === "") {
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
      streamError = err.message;
    }

    view.finish();
    if (done && Array.isArray(done.citations)) {
      view.used = new Set(done.citations.map(function (c) { return c.id; }));
    }
    view.render();
    if (done && done.degraded && !streamError) view.note(degradedNote);
    if (streamError) view.note(streamError, "error");
    messages.push({ role: "user", content: text });
    messages.push({
      role: "assistant", content: view.text,
      // Only what the chips need: the panel fetches the text. Unused ones
      // are kept (and hidden) so the [n] numbering survives a reload.
      citations: view.citations.map(function (c) { return { id: c.id, title: c.title }; }),
      used: view.used ? Array.from(view.used) : null,
      mode: done ? done.mode : "", degraded: !!(done && done.degraded), error: streamError || undefined,
    });
    persist();
    setStatus("The coach has answered.");
    setBusy(false);
    input.focus();
  }

  function newConversation() {
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

  for (const q of starters) {
    starterList.appendChild(el("li", {}, el("button", {
      type: "button", class: "starter", "data-testid": "starter", onclick: function () { ask(q); },
    }, q)));
  }

  C.mountNav();
  messages = stored();
  renderAll();
  if (messages.length > 0) scrollToEnd(true);
})();
