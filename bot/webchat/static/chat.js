// The web chat: renders the bot's neutral reply blocks with DOM APIs (textContent only, never innerHTML).
"use strict";
// Who speaks is the server-side session's business: the page only sends the session's CSRF token.
const state = { texts: {}, lang: "nb", people: [], csrf: "" };
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": state.csrf },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  return response.json();
}

function user() { return $("user").value; }

function bubble(mine) {
  const div = el("div", { class: mine ? "msg me" : "msg bot" });
  $("log").appendChild(div);
  return div;
}

function renderReply(reply) {
  const box = bubble(false);
  box.dataset.intent = reply.intent;
  for (const block of reply.blocks) box.appendChild(renderBlock(block, reply.language));
  box.scrollIntoView();
}

function renderBlock(block, language) {
  switch (block.type) {
    case "heading": return el("h2", {}, block.text);
    case "paragraph": return el("p", {}, block.text);
    case "facts": {
      const dl = el("dl");
      for (const [label, value] of block.items) { dl.appendChild(el("dt", {}, label)); dl.appendChild(el("dd", {}, value)); }
      return dl;
    }
    case "list": {
      const ul = el("ul");
      for (const item of block.items) ul.appendChild(el("li", {}, item));
      return ul;
    }
    case "actions": {
      const div = el("div", { class: "actions" });
      for (const b of block.buttons) {
        const button = el("button", { type: "button" }, b.label);
        // the bubble shows what the person clicked (its label), the server gets the value («2» is a meeting id)
        button.addEventListener("click", () => send(b.value || b.label, { action: b.action, value: b.value }, b.label));
        div.appendChild(button);
      }
      return div;
    }
    case "form": return renderForm(block, language);
    default: return el("p", {}, "");
  }
}

function renderForm(form, language) {
  const node = el("form", { "data-form-id": form.form_id });
  node.appendChild(el("h2", {}, form.title));
  for (const field of form.fields) {
    const label = el("label", {}, field.label + (field.required ? " *" : ""));
    let input;
    if (field.kind === "textarea") input = el("textarea", { rows: "4" });
    else if (field.kind === "select" || field.kind === "multiselect") {
      input = el("select", field.kind === "multiselect" ? { multiple: "" } : {});
      if (field.kind === "select") input.appendChild(el("option", { value: "" }, ""));
      for (const choice of field.options) input.appendChild(el("option", { value: choice.value }, choice.label));
    } else input = el("input", { type: { number: "number", date: "date", datetime: "datetime-local" }[field.kind] || "text" });
    input.name = field.name;
    if (typeof field.initial === "string") input.value = field.initial;
    else if (Array.isArray(field.initial) && input.multiple) {
      for (const option of input.options) option.selected = field.initial.includes(option.value);
    }
    if (field.max_length) input.maxLength = field.max_length;
    label.appendChild(input);
    if (field.hint) {
      const hintId = `hint-${form.form_id}-${field.name}`;
      label.appendChild(el("span", { class: "hint", id: hintId }, field.hint));
      input.setAttribute("aria-describedby", hintId);
    }
    label.appendChild(el("span", { class: "error", "data-error-for": field.name }));
    node.appendChild(label);
  }
  node.appendChild(el("span", { class: "error", "data-error-for": "_form" }));
  const submit = el("button", { type: "submit" }, form.submit_label);
  node.appendChild(submit);
  const token = Math.random().toString(36).slice(2) + Date.now().toString(36);
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = {};
    for (const input of node.querySelectorAll("[name]")) {
      if (input.multiple) values[input.name] = [...input.selectedOptions].map((o) => o.value);
      else if (input.value !== "") values[input.name] = input.value;
    }
    submit.disabled = true;
    const result = await post("/webchat/api/forms", {
      form_id: form.form_id, context: form.context, values, language, submission_id: token,
    });
    submit.disabled = false;
    if (!result.errors) result.errors = { _form: result.message || "" };
    for (const span of node.querySelectorAll("[data-error-for]")) span.textContent = "";
    if (!result.ok) {
      for (const [name, message] of Object.entries(result.errors)) {
        const span = node.querySelector(`[data-error-for="${CSS.escape(name)}"]`) || node.querySelector('[data-error-for="_form"]');
        span.textContent = message;
      }
      return;
    }
    submit.disabled = true;
    if (result.reply) renderReply(result.reply);
  });
  return node;
}

async function send(text, data, shown) {
  bubble(true).textContent = shown || text;
  const reply = await post("/webchat/api/messages", { text, data: data || {} });
  if (reply.blocks) renderReply(reply);
  else if (reply.message) bubble(false).textContent = reply.message;
  showUnread(reply.unread);
}

// The speaker's unread notices («varsler»): what reaches people who use neither Slack nor Teams.
function showUnread(count) {
  if (typeof count !== "number") return;
  const button = $("notifications");
  button.hidden = false;
  button.dataset.unread = String(count);
  button.textContent = `${state.texts["webchat.notifications"]} (${count})`;
}

function showRoles() {
  const person = state.people.find((p) => p.key === user());
  $("roles").textContent = person ? [person.title, ...person.roles].join(" · ") : "";
}

async function pickDemoPerson() {
  const result = await post("/webchat/api/demo/login", { user: user() });
  if (result.csrf_token) state.csrf = result.csrf_token;
  showRoles();
  if (result.user) showUnread(result.unread);
  else $("notifications").hidden = true;
}

function showSignIn(session, texts) {
  if (session.mode === "demo") {
    $("picker").hidden = false;
    $("demo-note").hidden = false;
    $("demo-note").textContent = texts["webchat.demo"];
    $("pick-label").textContent = texts["webchat.pick_user"] + " ";
    $("user").appendChild(el("option", { value: "anonymous" }, texts["webchat.anonymous"]));
    for (const p of state.people) $("user").appendChild(el("option", { value: p.key }, `${p.name} – ${p.title}`));
    if (session.user) $("user").value = session.user.id;
    $("user").addEventListener("change", pickDemoPerson);
    showRoles();
  } else if (session.user) {
    $("signed-in").hidden = false;
    $("signed-in").textContent = `${texts["webchat.signed_in_as"]} ${session.user.name || session.user.email || ""}`;
    $("sign-out").hidden = false;
    $("sign-out").textContent = texts["webchat.sign_out"];
    $("sign-out").addEventListener("click", async () => { await post("/webchat/logout", {}); location.reload(); });
  } else if (session.login_url) {
    $("sign-in").hidden = false;
    $("sign-in").href = session.login_url;
    $("sign-in").textContent = texts["webchat.sign_in"];
  } else {
    $("demo-note").hidden = false;
    $("demo-note").textContent = texts["webchat.anonymous"];
  }
}

async function start() {
  const session = await (await fetch("/webchat/api/session", { credentials: "same-origin" })).json();
  state.csrf = session.csrf_token;
  state.people = session.people || [];
  const texts = session.texts[state.lang];
  state.texts = texts;
  document.title = texts["webchat.title"];
  $("title").textContent = texts["webchat.title"];
  $("text").placeholder = texts["webchat.placeholder"];
  $("send").textContent = texts["webchat.send"];
  showSignIn(session, texts);
  if (session.user) showUnread(session.unread);
  $("notifications").addEventListener("click", () => send(texts["webchat.notifications"].toLowerCase()));
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value.trim();
    if (text) { $("text").value = ""; send(text); }
  });
  document.body.dataset.mode = session.mode;
  document.body.dataset.ready = "1";
}

start();
