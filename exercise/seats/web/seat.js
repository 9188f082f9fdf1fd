// A player's seat in a browser: the same protocol as `exercise join` (docs/seats.md).
// Every text from the scenario or from players is set with textContent, never as markup;
// nothing is loaded from another address. The page keeps no secret: the code stays in
// this tab's memory, for reconnecting. Its words come from the host in the page's
// language (?lang=nl, else the browser's), the English being the key.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const state = {
    code: "", name: "", client: randomId(), token: null, ws: null, view: null,
    clock: { now: 0, speed: 1, paused: true }, clockAt: performance.now(),
    selected: null, waiting: new Map(), delay: 100, stopped: false,
  };
  const FINAL = new Set([4001, 4003, 4008, 4029]);
  // The host's limits (exercise/seats/protocol.py, exercise/debrief/feedback.py): a frame
  // over MAX_FRAME closes the connection, so a form that long is not sent.
  const MAX_FRAME = 128 * 1024, MAX_ANSWER = 10000, MAX_NAME = 80;
  // The feedback form after the end: drawn once (what is typed stays), `cid` while the
  // host has not answered, `done` once it recorded the form (no second one from here).
  const feedback = { drawn: false, cid: null, done: false };
  const lang = pickLanguage();
  let words = {}, codes = {}, kinds = [], elements = [];

  function pickLanguage() {
    const asked = new URLSearchParams(location.search).get("lang");
    if (asked === "en" || asked === "nl") return asked;
    return (navigator.language || "").toLowerCase().startsWith("nl") ? "nl" : "en";
  }

  // A word of the page in its language, with {name} filled in from `values`.
  function w(msgid, values) {
    const said = Object.prototype.hasOwnProperty.call(words, msgid) ? words[msgid] : msgid;
    return String(said).replace(/\{(\w+)\}/g, (all, name) =>
      values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all);
  }

  // A status or delivery method the host sent as a code, as people read it.
  function said(value) {
    return Object.prototype.hasOwnProperty.call(codes, value) ? codes[value] : String(value);
  }

  function loadWords() {
    document.documentElement.lang = lang;
    fetch("words-" + lang + ".json").then((answer) => answer.ok ? answer.json() : null).then((data) => {
      if (!data) return;
      words = data.words || {};
      codes = data.codes || {};
      kinds = Array.isArray(data.kinds) ? data.kinds : [];
      elements = Array.isArray(data.elements) ? data.elements : [];
      drawChoices();
      for (const node of document.querySelectorAll("[data-w]")) node.textContent = w(node.dataset.w);
      render();
    }).catch(() => {});
  }

  function randomId() {
    const bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function clockText(seconds) {
    const whole = Math.floor(Math.abs(seconds));
    const pad = (n) => String(n).padStart(2, "0");
    const sign = seconds < 0 ? "-" : "+";
    return "T" + sign + pad(Math.floor(whole / 3600)) + ":" + pad(Math.floor(whole / 60) % 60) + ":" + pad(whole % 60);
  }

  function now() {
    const c = state.clock;
    return c.paused ? c.now : c.now + ((performance.now() - state.clockAt) / 1000) * c.speed;
  }

  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function notice(text) {
    $("notice").textContent = text;
    if (text) setTimeout(() => { if ($("notice").textContent === text) $("notice").textContent = ""; }, 6000);
  }

  // -- the connection --

  function connect() {
    const scheme = location.protocol.startsWith("https") ? "wss://" : "ws://";
    const ws = new WebSocket(scheme + location.host + "/");
    state.ws = ws;
    $("link").textContent = w("connecting");
    ws.onopen = () => {
      const hello = { type: "hello", version: 1, client: state.client };
      if (state.token) hello.token = state.token; else hello.code = state.code;
      if (state.name) hello.name = state.name;
      hello.lang = lang;
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (message) => receive(JSON.parse(message.data));
    ws.onclose = (closed) => {
      state.ws = null;
      if (feedback.cid) {
        // Sent, but did the host record it? Sent again it could be a second form:
        // people check with exercise control, then may send it again.
        feedback.cid = null;
        feedbackBusy(false);
        $("feedback-result").textContent =
          w("the connection dropped while sending: ask exercise control whether the form was recorded");
      }
      if (closed.code === 4003 && state.token) { state.token = null; connect(); return; }
      if (FINAL.has(closed.code)) {
        state.stopped = true;
        $("link").textContent = w("closed");
        $("join").hidden = false;
        $("join-error").textContent = closed.reason || w("the host closed this seat");
        return;
      }
      $("link").textContent = w("reconnecting");
      setTimeout(connect, state.delay * (0.5 + Math.random()));
      state.delay = Math.min(5000, state.delay * 2);
    };
  }

  function receive(frame) {
    if (frame.type === "welcome") {
      state.token = frame.token;
      state.delay = 100;
      $("link").textContent = w("connected");
      $("join").hidden = true;
      if (frame.kind === "facilitator" || frame.kind === "evaluator") {
        notice(w("this page shows a player's or the wall's view; exercise control uses the console"));
      }
      for (const [cid, command] of state.waiting) send(cid, command);
    } else if (frame.type === "view") {
      state.view = frame.view;
      state.clock = frame.clock;
      state.clockAt = performance.now();
      render();
    } else if (frame.type === "ack") {
      if (feedback.cid !== null && frame.cid === feedback.cid) { feedbackAnswered(frame); return; }
      if (!state.waiting.has(frame.cid)) return;
      state.waiting.delete(frame.cid);
      notice(frame.ok ? w("Done.") : frame.reason);
    }
  }

  function send(cid, command) {
    if (state.ws && state.ws.readyState === WebSocket.OPEN) {
      state.ws.send(JSON.stringify({ type: "cmd", cid: cid, command: command }));
    }
  }

  function command(body, question) {
    if (!window.confirm(question)) return false;
    const cid = randomId();
    state.waiting.set(cid, body);
    send(cid, body);
    return true;
  }

  // -- what the seat shows --

  function render() {
    const view = state.view;
    if (!view) return;
    $("title").textContent = view.title;
    $("level").textContent = view.level;
    $("phase").textContent = view.phase;
    // the wall (no inbox): the media and its public feed (phases, media items), newest first
    const wall = !Array.isArray(view.inbox);
    $("panel").hidden = false;
    for (const part of document.querySelectorAll("#panel .player")) part.hidden = wall;
    // after the end nothing more is decided, taken or issued: only what happened is shown
    for (const part of document.querySelectorAll("#panel .act")) part.hidden = wall || Boolean(view.ended);
    $("feed-section").hidden = !wall;
    renderFeedback(wall ? null : view);
    renderMedia(view);
    if (wall) {
      $("feed").replaceChildren(...(view.feed || []).slice().reverse().map(([t, text]) =>
        element("li", clockText(t) + "  " + text)));
      return;
    }
    const inbox = $("inbox");
    inbox.replaceChildren();
    if (!view.inbox.some((item) => item.inject === state.selected)) {
      state.selected = view.inbox.length ? view.inbox[0].inject : null;
    }
    for (const item of view.inbox) {
      const open = item.decision && item.decision.status === "open";
      const row = element("li", clockText(item.received) + "  " + item.title,
        (open ? "open " : "") + (item.inject === state.selected ? "selected" : ""));
      row.tabIndex = 0;
      row.addEventListener("click", () => { state.selected = item.inject; render(); });
      inbox.append(row);
    }
    renderDetail(view.inbox.find((item) => item.inject === state.selected));
    const measures = $("measures");
    measures.replaceChildren();
    for (const row of view.measures) {
      const line = element("li", row.title + " (" + said(row.status) + ") ");
      if (view.ended) {
        // nothing is taken or lifted after the end
      } else if (row.status === "available") {
        const take = element("button", w("Take"));
        take.type = "button";
        take.addEventListener("click", () =>
          command({ type: "take-measure", measure: row.measure }, w("Take {title}?", { title: row.title })));
        line.append(take);
      } else if (row.status === "in-force") {
        // Lifting asks whether the measure was accounted for to parliament or the council.
        const informed = document.createElement("input");
        informed.type = "checkbox";
        const box = element("label");
        box.append(informed, document.createTextNode(" " + w("accounted for to parliament or the council") + " "));
        const lift = element("button", w("Lift"));
        lift.type = "button";
        lift.addEventListener("click", () =>
          command({ type: "lift-measure", measure: row.measure, informed: informed.checked },
            informed.checked ? w("Lift {title}, accounted for to parliament or the council?", { title: row.title })
              : w("Lift {title}?", { title: row.title })));
        line.append(box, lift);
      }
      measures.append(line);
    }
    renderProducts(view);
    const history = $("history");
    history.replaceChildren(...view.history.map(([t, text]) => element("li", clockText(t) + "  " + text)));
  }

  // The product form's kinds and elements, in the page's language (drawn once words came).
  function drawChoices() {
    const kind = $("product-kind");
    const picked = kind.value;
    kind.replaceChildren(element("option", w("Kind of product")));
    kind.firstChild.value = "";
    for (const value of kinds) {
      const option = element("option", said(value));
      option.value = value;
      option.selected = value === picked;
      kind.append(option);
    }
    boxes($("element-boxes"), elements.map((value) => [value, said(value)]));
  }

  // Checkboxes for [value, label] pairs, keeping those ticked.
  function boxes(holder, pairs) {
    const ticked = new Set(Array.from(holder.querySelectorAll("input:checked"), (i) => i.value));
    holder.replaceChildren(...pairs.map(([value, label]) => {
      const input = document.createElement("input");
      input.type = "checkbox";
      input.value = value;
      input.checked = ticked.has(value);
      const wrap = element("label");
      wrap.append(input, document.createTextNode(" " + label));
      return wrap;
    }));
  }

  function ticked(holder) {
    return Array.from(holder.querySelectorAll("input:checked"), (i) => i.value);
  }

  function productStatus(row) {
    const role = String(row.other || "").toUpperCase();
    if (row.status === "to-approve") return w("from {role}: waiting for your approval", { role: role });
    if (row.status === "submitted") return w("waiting for {role}", { role: role });
    if (row.status === "returned") return w("returned: {note}", { note: row.note });
    if (row.status === "issued") return w("issued");
    return said(row.status);
  }

  // The role's products (those waiting for its approval first, with approve and return),
  // and the injects a draft can answer.
  function renderProducts(view) {
    const products = $("products");
    const notes = new Map(Array.from(products.querySelectorAll("input[data-product]"),
      (i) => [i.dataset.product, i.value]));
    products.replaceChildren();
    for (const row of view.products || []) {
      const line = element("li", row.product + "  " + row.kind + "  " + productStatus(row) + "  " + row.text);
      if (row.status === "to-approve") {
        const approve = element("button", w("Approve and issue"));
        approve.type = "button";
        approve.addEventListener("click", () =>
          command({ type: "approve-product", product: row.product },
            w("Approve and issue {product}?", { product: row.product })));
        const note = document.createElement("input");
        note.maxLength = 10000;
        note.placeholder = w("Note (needed to return it)");
        note.dataset.product = row.product;
        note.value = notes.get(row.product) || "";
        const back = element("button", w("Return"));
        back.type = "button";
        back.addEventListener("click", () => {
          if (!note.value.trim()) { notice(w("Say why it goes back.")); return; }
          command({ type: "return-product", product: row.product, note: note.value },
            w("Return {product}?", { product: row.product }));
        });
        line.append(approve, note, back);
      }
      products.append(line);
    }
    boxes($("answer-boxes"), (view.answerable || []).map(([id, title]) => [id, title]));
  }

  // Once the session has ended: the role's feedback form, the questions as the host sends
  // them (the scenario's own, else the default form), each a text or a score 1-5.
  function renderFeedback(view) {
    const asked = view && view.ended && Array.isArray(view.feedback) ? view.feedback : [];
    $("feedback-section").hidden = asked.length === 0;
    if (asked.length === 0 || feedback.drawn) return;
    feedback.drawn = true;
    $("feedback-questions").replaceChildren(...asked.map((question, n) => {
      const id = "feedback-" + n;
      const label = element("label", question.text);
      label.htmlFor = id;
      let field;
      if (question.kind === "scale") {
        field = document.createElement("select");
        const none = element("option", w("no answer"));
        none.value = "";
        none.dataset.w = "no answer";
        field.append(none);
        for (let score = 1; score <= 5; score++) {
          const option = element("option", String(score));
          option.value = String(score);
          field.append(option);
        }
      } else {
        field = document.createElement("textarea");
        field.maxLength = MAX_ANSWER;
        field.rows = 3;
      }
      field.id = id;
      field.dataset.question = String(question.id);
      field.dataset.kind = question.kind === "scale" ? "scale" : "text";
      const wrap = element("div");
      wrap.append(label, field);
      return wrap;
    }));
    if (!$("feedback-name").value) $("feedback-name").value = state.name;
  }

  // The form's fields and button, while it is on its way or once it was recorded.
  function feedbackBusy(busy) {
    for (const field of document.querySelectorAll("#feedback-section select, #feedback-section textarea, #feedback-section input")) {
      field.disabled = busy;
    }
    $("send-feedback").disabled = busy;
  }

  function feedbackAnswered(ack) {
    feedback.cid = null;
    if (ack.ok) {
      feedback.done = true;  // stays disabled: this page sends one form
      $("feedback-result").textContent = w("Feedback recorded, thank you.");
      return;
    }
    feedbackBusy(false);
    $("feedback-result").textContent = w("Not recorded: {reason}", { reason: ack.reason });
  }

  function renderMedia(view) {
    // the media every player sees: the narratives that started, then the items, newest first
    $("narratives").replaceChildren(...(view.narratives || []).map((row) =>
      element("li", row.reach.toFixed(1) + "%  " + row.claim + (row.status === "answered" ? "  (" + w("answered") + ")" : ""))));
    $("media").replaceChildren(...(view.media || []).map((item) =>
      element("li", clockText(item.received) + "  " + item.outlet + ": " + item.title)));
  }

  function renderDetail(item) {
    const detail = $("detail");
    const decision = $("decision");
    if (!item) { detail.replaceChildren(); decision.hidden = true; return; }
    detail.replaceChildren(
      element("h3", item.title),
      element("p", clockText(item.received) + "  " + said(item.method) + "  " + item.sender, "meta"),
      element("p", item.text));
    const d = item.decision;
    if (!d) { decision.hidden = true; return; }
    decision.hidden = false;
    $("prompt").textContent = d.prompt;
    const options = $("options");
    const chosen = options.dataset.inject === item.inject
      ? (options.querySelector("input:checked") || {}).value : undefined;
    options.dataset.inject = item.inject;
    options.replaceChildren();
    if (d.status !== "open") {
      $("deadline").textContent = said(d.status) + ": " + d.chosen;
      $("decide").disabled = true;
      return;
    }
    $("deadline").textContent = d.deadline === null ? "" : w("deadline {time}", { time: clockText(d.deadline) });
    $("decide").disabled = false;
    for (const [id, label] of d.options) {
      const input = document.createElement("input");
      input.type = "radio";
      input.name = "option";
      input.value = id;
      input.checked = id === chosen;
      const wrap = element("label");
      wrap.append(input, document.createTextNode(" " + label));
      options.append(wrap);
    }
  }

  // -- the forms --

  $("join").addEventListener("submit", (event) => {
    event.preventDefault();
    state.code = $("code").value.trim();
    state.name = $("name").value.trim();
    state.token = null;
    state.stopped = false;
    $("join-error").textContent = "";
    connect();
  });

  $("decide").addEventListener("click", () => {
    const item = state.view && state.view.inbox.find((i) => i.inject === state.selected);
    const picked = $("options").querySelector("input:checked");
    if (!item || !picked) { notice(w("choose an option first")); return; }
    const body = { type: "decide", inject: item.inject, option: picked.value, rationale: $("rationale").value };
    if (command(body, w("Decide {title}?", { title: item.title }))) $("rationale").value = "";
  });

  $("send-initiative").addEventListener("click", () => {
    const text = $("initiative").value.trim();
    if (!text) { notice(w("type the initiative first")); return; }
    if (command({ type: "self-decision", text: text }, w("Send: {text}?", { text: text }))) $("initiative").value = "";
  });

  $("issue").addEventListener("click", () => {
    const kind = $("product-kind").value;
    const audience = $("audience").value.trim();
    const text = $("product-text").value.trim();
    if (!kind) { notice(w("Choose the kind of product.")); return; }
    if (!audience) { notice(w("Say who it is for.")); return; }
    if (!text) { notice(w("Write the text first.")); return; }
    const body = {
      type: "issue-product", kind: kind, audience: audience, channel: $("channel").value.trim(),
      elements: ticked($("element-boxes")), text: text, answers: ticked($("answer-boxes")),
    };
    if (!command(body, w("Issue {kind} for {audience}?", { kind: said(kind), audience: audience }))) return;
    for (const id of ["audience", "channel", "product-text"]) $(id).value = "";
    $("product-kind").value = "";
    for (const box of document.querySelectorAll("#elements input, #answers input")) box.checked = false;
  });

  $("send-feedback").addEventListener("click", () => {
    if (feedback.cid !== null || feedback.done || !state.view) return;
    const answers = {};
    for (const field of $("feedback-questions").querySelectorAll("[data-question]")) {
      const value = field.value.trim();
      if (!value) continue;
      answers[field.dataset.question] = field.dataset.kind === "scale" ? Number(value) : value;
    }
    if (Object.keys(answers).length === 0) { notice(w("Answer at least one question.")); return; }
    const name = $("feedback-name").value.trim().slice(0, MAX_NAME);
    const frame = { type: "feedback", cid: randomId(), answers: answers, name: name };
    const data = JSON.stringify(frame);
    if (new TextEncoder().encode(data).length > MAX_FRAME) { notice(w("The answers are too long to send: shorten them.")); return; }
    if (!state.ws || state.ws.readyState !== WebSocket.OPEN) { notice(w("Not connected: send it again in a moment.")); return; }
    if (!window.confirm(w("Record this feedback form for {role}?", { role: state.view.title }))) return;
    feedback.cid = frame.cid;
    feedbackBusy(true);
    $("feedback-result").textContent = w("Sending…");
    state.ws.send(data);
  });

  loadWords();
  setInterval(() => {
    if (!state.view) return;
    const said = state.view.ended ? w("ended") : state.clock.paused ? w("paused") : "";
    $("clock").textContent = clockText(now()) + (said ? " " + said : "");
  }, 250);
})();
