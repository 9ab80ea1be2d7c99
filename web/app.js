// The coach's page: sends a question to POST /api/chat and shows the answer
// and its citations. Everything the coach or the user wrote is put on the page
// with textContent, never as HTML.
"use strict";

(function () {
  const form = document.getElementById("chat-form");
  const input = document.getElementById("message");
  const send = document.getElementById("send");
  const status = document.getElementById("status");
  const reply = document.getElementById("reply");
  const answer = document.getElementById("answer");
  const citations = document.getElementById("citations");
  const citationsTitle = document.getElementById("citations-title");

  // The conversation so far, sent with each question so follow-ups work.
  const history = [];
  const maxHistory = 50;

  async function postJSON(url, body) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    let data = null;
    try {
      data = await res.json();
    } catch (e) {
      throw new Error("The coach sent an unreadable reply (HTTP " + res.status + ").");
    }
    if (!res.ok) {
      const msg = data && data.error && data.error.message;
      throw new Error(msg || "The coach answered HTTP " + res.status + ".");
    }
    return data;
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function render(data) {
    answer.replaceChildren();
    for (const para of String(data.answer || "").split(/\n{2,}/)) {
      if (para.trim() !== "") answer.appendChild(el("p", para));
    }
    if (data.degraded) {
      answer.appendChild(el("p", "The language model did not answer in time; this is the offline answer.", "note"));
    }
    citations.replaceChildren();
    const list = Array.isArray(data.citations) ? data.citations : [];
    citationsTitle.hidden = list.length === 0;
    for (const c of list) {
      const item = el("li");
      const details = el("details");
      const summary = el("summary");
      summary.appendChild(el("span", c.title, "title"));
      summary.appendChild(el("code", c.id, "id"));
      details.appendChild(summary);
      details.appendChild(el("pre", c.text, "quote"));
      item.appendChild(details);
      citations.appendChild(item);
    }
    reply.hidden = false;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const message = input.value.trim();
    if (message === "") {
      status.textContent = "Type a question first.";
      return;
    }
    send.disabled = true;
    status.textContent = "Thinking…";
    try {
      const data = await postJSON("/api/chat", { message: message, history: history.slice(-maxHistory) });
      render(data);
      history.push({ role: "user", content: message }, { role: "assistant", content: String(data.answer || "") });
      while (history.length > maxHistory) history.shift();
      status.textContent = "";
      input.value = "";
    } catch (err) {
      status.textContent = err.message;
    } finally {
      send.disabled = false;
      input.focus();
    }
  });
})();
