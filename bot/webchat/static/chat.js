// The web chat: renders the bot's neutral reply blocks with DOM APIs (textContent only, never innerHTML).
// The page's own words come from the server (/webchat/api/session, both languages); the page speaks the
// language of the conversation: each reply says its language, and the page's words follow it.
"use strict";
// Who speaks is the server-side session's business: the page only sends the session's CSRF token.
const state = { all: {}, texts: {}, lang: "nb", people: [], csrf: "", mode: "anonymous", session: {}, unread: null };
const $ = (id) => document.getElementById(id);
let serial = 0;
const uid = (prefix) => `${prefix}-${++serial}`;

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const say = (key) => state.texts[key] || "";

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

function bubble(mine, language) {
  const div = el("div", { class: mine ? "msg me" : "msg bot" });
  if (language) div.lang = language;
  // who said it, for screen readers (the colours and sides say it to the eye)
  div.appendChild(el("span", { class: "visually-hidden" }, say(mine ? "webchat.you" : "webchat.bot") + " "));
  $("log").appendChild(div);
  return div;
}

function scrollDown() { $("log").scrollTop = $("log").scrollHeight; }

function renderReply(reply) {
  useLanguage(reply.language);
  const box = bubble(false, reply.language);
  box.dataset.intent = reply.intent;
  for (const block of reply.blocks) box.appendChild(renderBlock(block, reply.language));
  scrollDown();
  // a form the person asked for takes the focus, so the keyboard is where the eyes are
  const first = box.querySelector("form input, form textarea, form select");
  if (first) first.focus();
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
    case "image": {
      // a chart: the numbers are in the text above it too; alt repeats them for whoever cannot see it
      const figure = el("figure", { class: "chart" });
      if (typeof block.src === "string" && block.src.startsWith("data:image/png;base64,")) {
        figure.appendChild(el("img", { src: block.src, alt: block.alt, title: block.title }));
      }
      return figure;
    }
    default: return el("p", {}, "");
  }
}

// One field: its label above, the hint and the error under it, both read out with the field.
function renderField(field) {
  const hintId = field.hint ? uid("hint") : null;
  const errorId = uid("error");
  const described = [hintId, errorId].filter(Boolean).join(" ");
  const mark = () => (field.required ? [el("span", { "aria-hidden": "true" }, " *")] : []);
  let wrapper;
  if (field.kind === "multiselect") {
    // several choices as checkboxes: visible, keyboard-usable, and plainly «one or more»
    wrapper = el("fieldset", { class: "choices", "data-field": field.name, "aria-describedby": described });
    const legend = el("legend", {}, field.label);
    legend.append(...mark());
    wrapper.appendChild(legend);
    const options = el("div", { class: "options" });
    const chosen = Array.isArray(field.initial) ? field.initial : [];
    for (const choice of field.options) {
      const label = el("label", { class: "choice" });
      const box = el("input", { type: "checkbox", name: field.name, value: choice.value });
      box.checked = chosen.includes(choice.value);
      label.append(box, el("span", {}, choice.label));
      options.appendChild(label);
    }
    wrapper.appendChild(options);
  } else {
    wrapper = el("div", { class: "field", "data-field": field.name });
    const id = uid(`field-${field.name}`);
    const label = el("label", { for: id }, field.label);
    label.append(...mark());
    let input;
    if (field.kind === "textarea") input = el("textarea", { rows: "4" });
    else if (field.kind === "select") {
      input = el("select");
      input.appendChild(el("option", { value: "" }, ""));
      for (const choice of field.options) input.appendChild(el("option", { value: choice.value }, choice.label));
    } else input = el("input", { type: { number: "number", date: "date", datetime: "datetime-local" }[field.kind] || "text" });
    input.id = id;
    input.name = field.name;
    input.setAttribute("aria-describedby", described);
    if (field.required) input.setAttribute("aria-required", "true");
    if (typeof field.initial === "string") input.value = field.initial;
    if (field.max_length) input.maxLength = field.max_length;
    wrapper.append(label, input);
  }
  if (field.hint) wrapper.appendChild(el("span", { class: "hint", id: hintId }, field.hint));
  wrapper.appendChild(el("span", { class: "error", id: errorId, "data-error-for": field.name }));
  return wrapper;
}

function renderForm(form, language) {
  const titleId = uid("form-title");
  const node = el("form", { "data-form-id": form.form_id, "aria-labelledby": titleId, novalidate: "" });
  node.appendChild(el("h2", { id: titleId }, form.title));
  if (form.fields.some((f) => f.required)) node.appendChild(el("p", { class: "required-note" }, say("webchat.required_note")));
  for (const field of form.fields) node.appendChild(renderField(field));
  node.appendChild(el("span", { class: "error", role: "alert", "data-error-for": "_form" }));
  const submit = el("button", { type: "submit" }, form.submit_label);
  node.appendChild(submit);
  const token = Math.random().toString(36).slice(2) + Date.now().toString(36);
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = {};
    for (const input of node.querySelectorAll("[name]")) {
      if (input.type === "checkbox") {
        values[input.name] = values[input.name] || [];
        if (input.checked) values[input.name].push(input.value);
      } else if (input.value !== "") values[input.name] = input.value;
    }
    submit.disabled = true;
    let result;
    try {
      result = await post("/webchat/api/forms", {
        form_id: form.form_id, context: form.context, values, language, submission_id: token,
      });
    } catch {
      result = { ok: false, errors: { _form: say("webchat.offline") } };
    }
    submit.disabled = false;
    if (!result.errors) result.errors = { _form: result.message || "" };
    for (const span of node.querySelectorAll("[data-error-for]")) span.textContent = "";
    for (const invalid of node.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");
    if (!result.ok) {
      let first = null;
      for (const [name, message] of Object.entries(result.errors)) {
        const span = node.querySelector(`[data-error-for="${CSS.escape(name)}"]`) || node.querySelector('[data-error-for="_form"]');
        span.textContent = message;
        const field = node.querySelector(`[data-field="${CSS.escape(name)}"]`);
        const control = field && (field.matches("fieldset") ? field : field.querySelector("[name]"));
        if (control) control.setAttribute("aria-invalid", "true");
        const focusable = field && field.querySelector("[name]");
        if (focusable && !first) first = focusable;
      }
      // the first field with an error takes the focus; its error is read out with it (aria-describedby)
      if (first) first.focus();
      return;
    }
    submit.disabled = true;
    if (result.reply) renderReply(result.reply);
  });
  return node;
}

async function send(text, data, shown) {
  bubble(true).append(shown || text);
  scrollDown();
  let reply;
  try {
    reply = await post("/webchat/api/messages", { text, data: data || {} });
  } catch {
    reply = { message: say("webchat.offline") };
  }
  if (reply.blocks) renderReply(reply);
  else if (reply.message) bubble(false, state.lang).append(reply.message);
  showUnread(reply.unread);
}

// The speaker's unread notices («varsler»): what reaches people who use neither Slack nor Teams.
function showUnread(count) {
  if (typeof count !== "number") return;
  state.unread = count;
  const button = $("notifications");
  button.hidden = false;
  button.dataset.unread = String(count);
  button.textContent = `${say("webchat.notifications")} (${count})`;
  showMenuLabel();
}

// The phone's one-line header: the menu button names the unread notices the closed menu hides.
function showMenuLabel() {
  const toggle = $("who-toggle");
  const unread = state.unread || 0;
  toggle.dataset.unread = String(unread);
  toggle.textContent = unread ? `${say("webchat.menu")} (${unread})` : say("webchat.menu");
}

function toggleMenu() {
  const open = !document.querySelector("header").classList.contains("open");
  document.querySelector("header").classList.toggle("open", open);
  $("who-toggle").setAttribute("aria-expanded", String(open));
}

function showRoles() {
  const person = state.people.find((p) => p.key === user());
  const roles = person ? (person.roles[state.lang] || person.roles.nb || []) : [];
  $("roles").textContent = person ? [person.title, ...roles].join(" · ") : "";
}

// Every word the page itself shows, in the current language (called again when the language changes).
function showWords() {
  document.documentElement.lang = state.lang;
  document.title = say("webchat.title");
  $("title").textContent = say("webchat.title");
  $("log").setAttribute("aria-label", say("webchat.conversation"));
  $("text-label").textContent = say("webchat.message_label");
  $("text").placeholder = say("webchat.placeholder");
  $("send").textContent = say("webchat.send");
  $("pick-label").textContent = say("webchat.pick_user");
  const anonymous = $("user").querySelector('option[value="anonymous"]');
  if (anonymous) anonymous.textContent = say("webchat.anonymous");
  for (const option of $("user").querySelectorAll("option[data-person]")) {
    const p = state.people.find((person) => person.key === option.value);
    if (p) option.textContent = `${(p.names && p.names[state.lang]) || p.name} – ${p.title}`;
  }
  const session = state.session;
  if (state.mode === "demo") $("demo-note").textContent = say("webchat.demo");
  else if (!session.user && !session.login_url) $("demo-note").textContent = say("webchat.anonymous");
  if (session.user) {
    $("signed-in").textContent = `${say("webchat.signed_in_as")} ${session.user.name || session.user.email || ""}`;
  }
  $("sign-out").textContent = say("webchat.sign_out");
  $("sign-in").textContent = say("webchat.sign_in");
  if (state.unread !== null) showUnread(state.unread);
  showMenuLabel();
  showRoles();
}

function useLanguage(language) {
  if (!language || language === state.lang || !state.all[language]) return;
  state.lang = language;
  state.texts = state.all[language];
  showWords();
}

async function pickDemoPerson() {
  const result = await post("/webchat/api/demo/login", { user: user() });
  if (result.csrf_token) state.csrf = result.csrf_token;
  showRoles();
  if (result.user) showUnread(result.unread);
  else { state.unread = null; $("notifications").hidden = true; showMenuLabel(); }
}

function showSignIn(session) {
  if (session.mode === "demo") {
    $("picker").hidden = false;
    $("demo-note").hidden = false;
    $("user").appendChild(el("option", { value: "anonymous" }, say("webchat.anonymous")));
    for (const p of state.people) $("user").appendChild(el("option", { value: p.key, "data-person": "" }));
    if (session.user) $("user").value = session.user.id;
    $("user").addEventListener("change", pickDemoPerson);
  } else if (session.user) {
    $("signed-in").hidden = false;
    $("sign-out").hidden = false;
    $("sign-out").addEventListener("click", async () => { await post("/webchat/logout", {}); location.reload(); });
  } else if (session.login_url) {
    $("sign-in").hidden = false;
    $("sign-in").href = session.login_url;
  } else {
    $("demo-note").hidden = false;
  }
}

async function start() {
  const session = await (await fetch("/webchat/api/session", { credentials: "same-origin" })).json();
  state.session = session;
  state.mode = session.mode;
  state.csrf = session.csrf_token;
  state.people = session.people || [];
  state.all = session.texts;
  state.lang = state.all[session.language] ? session.language : "nb";
  state.texts = state.all[state.lang];
  showSignIn(session);
  if (session.user) showUnread(session.unread);
  showWords();
  $("who-toggle").addEventListener("click", toggleMenu);
  $("notifications").addEventListener("click", () => send(say("webchat.notifications").toLowerCase()));
  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value.trim();
    if (text) { $("text").value = ""; send(text); }
    $("text").focus();
  });
  document.body.dataset.mode = session.mode;
  document.body.dataset.ready = "1";
}

start();
