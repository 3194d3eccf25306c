// The local preview plays Google's part: it sends add-on event objects to the backend and
// renders the Card v1 JSON that comes back as a sidebar. No framework; one card stack.
"use strict";

const state = { stack: [], context: null, seq: 0 };
const $ = (id) => document.getElementById(id);

function persona() {
  const who = $("persona").value;
  return { who, user: state.context.people[who], host: who === "rep" ? "DOCS" : "SHEETS" };
}

function currentFile() {
  const p = persona();
  if (p.host === "DOCS") {
    const id = $("doc").value;
    return { id, title: id.split("/").pop().replace(/\.docx$/, "") };
  }
  return { id: state.context.tracker, title: "Desktop Study tracker" };
}

// The event object, built like Google's (commonEventObject, authorizationEventObject, docs/sheets).
function buildEvent(parameters) {
  const p = persona();
  const file = currentFile();
  const formInputs = {};
  document.querySelectorAll("#card [data-input]").forEach((el) => {
    formInputs[el.name] = { stringInputs: { value: [el.value] } };
  });
  const event = {
    commonEventObject: { hostApp: p.host, platform: "WEB", formInputs, parameters: parameters || {},
                         userLocale: "en", timeZone: { id: Intl.DateTimeFormat().resolvedOptions().timeZone } },
    authorizationEventObject: { userOAuthToken: "", userIdToken: "", systemIdToken: "" },
  };
  const hasScope = $("scope").checked;
  event[p.host.toLowerCase()] = hasScope ? { id: file.id, title: file.title, addonHasFileScopePermission: true }
                                         : { addonHasFileScopePermission: false };
  return event;
}

async function call(url, parameters) {
  const seq = ++state.seq;  // a slower answer to an earlier click must not replace a newer card
  const event = buildEvent(parameters);
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Handover-User": persona().user },
    body: JSON.stringify(event),
  });
  let body = {};
  try { body = await response.json(); } catch (e) { body = { error: "not JSON" }; }
  if (seq !== state.seq) return;
  $("trace").textContent = "POST " + url + "\n" + JSON.stringify(event, null, 2) + "\n\n" + response.status + "\n" + JSON.stringify(body, null, 2);
  handle(body, response.status);
}

async function drawTracker() {
  const onSheet = persona().host === "SHEETS";
  $("sheet").hidden = !onSheet;
  if (!onSheet) return;
  const data = await (await fetch("/preview/tracker")).json();
  const table = $("tracker-table");
  table.innerHTML = "";
  const head = table.insertRow();
  data.headers.forEach((h) => { const th = document.createElement("th"); th.textContent = h; head.appendChild(th); });
  data.rows.forEach((r) => { const row = table.insertRow(); r.forEach((v) => { row.insertCell().textContent = v; }); });
}

function handle(body, status) {
  drawTracker();
  if (body.requesting_google_scopes) {
    toast("Google would ask you to grant: " + body.requesting_google_scopes.scopes.join(", "));
    return;
  }
  if (body.action) { navigate(body.action); return; }
  const render = body.renderActions;
  if (render && render.hostAppAction) {
    const editor = render.hostAppAction.editorAction || {};
    if ("requestFileScopeForActiveDocument" in editor) {
      $("scope").checked = true;  // the preview grants what Docs would ask the user for
      toast("File access granted (Docs would ask you first)");
      openSidebar();
    }
    return;
  }
  if (render && render.action) { navigate(render.action); return; }
  toast(status === 401 ? "Refused: not signed in" : "Error " + status + (body.error ? ": " + body.error : ""));
}

function navigate(action) {
  (action.navigations || []).forEach((nav) => {
    if (nav.pushCard) state.stack.push(nav.pushCard);
    if (nav.updateCard) { state.stack.pop(); state.stack.push(nav.updateCard); }
    if (nav.popCard || nav.pop) state.stack.pop();
    if (nav.popToRoot) state.stack.splice(1);
  });
  if (action.notification) toast(action.notification.text);
  show();
}

function toast(text) {
  const el = $("toast");
  el.textContent = text;
  el.hidden = false;
  clearTimeout(el.timer);
  el.timer = setTimeout(() => { el.hidden = true; }, 4000);
}

function show() {
  const card = state.stack[state.stack.length - 1];
  $("back").hidden = state.stack.length < 2;
  const root = $("card");
  root.innerHTML = "";
  if (card) root.appendChild(renderCard(card));
}

function el(tag, cls, html) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (html !== undefined) node.innerHTML = html;  // card text is the backend's escaped HTML subset
  return node;
}

function txt(tag, cls, text) {  // a plain-text card field: shown as typed, never read as HTML
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  node.textContent = text;
  return node;
}

function renderCard(card) {
  const node = el("div", "card");
  if (card.header) {
    const header = el("div", "card-header");
    header.appendChild(txt("h2", "", card.header.title || ""));
    if (card.header.subtitle) header.appendChild(txt("div", "subtitle", card.header.subtitle));
    node.appendChild(header);
  }
  (card.sections || []).forEach((section) => node.appendChild(renderSection(section)));
  return node;
}

function renderSection(section) {
  const node = el("div", "card-section");
  if (section.header) node.appendChild(el("h3", "", section.header));
  const widgets = (section.widgets || []).map(renderWidget);
  const keep = section.collapsible ? (section.uncollapsibleWidgetsCount || 0) : widgets.length;
  widgets.forEach((w, i) => { if (i >= keep) w.hidden = true; node.appendChild(w); });
  if (keep < widgets.length) {
    const toggle = el("button", "collapse-toggle", "Show " + (widgets.length - keep) + " more");
    toggle.onclick = () => { widgets.forEach((w) => { w.hidden = false; }); toggle.remove(); };
    node.appendChild(toggle);
  }
  return node;
}

function renderWidget(w) {
  const node = el("div", "widget");
  if (w.textParagraph) { node.innerHTML = w.textParagraph.text; return node; }
  if (w.decoratedText) {
    const d = w.decoratedText;
    node.className += " decorated";
    if (d.startIcon) node.appendChild(el("span", "icon", d.startIcon.knownIcon === "STAR" ? "&#9733;" : "&#9675;"));
    if (d.topLabel) node.appendChild(txt("div", "top", d.topLabel));
    node.appendChild(el("div", "text", d.text));
    if (d.bottomLabel) node.appendChild(txt("div", "bottom", d.bottomLabel));
    if (d.button) node.appendChild(renderButton(d.button, "end-button"));
    return node;
  }
  if (w.buttonList) {
    node.className += " buttons";
    w.buttonList.buttons.forEach((b) => node.appendChild(renderButton(b, "")));
    return node;
  }
  if (w.textInput) {
    const t = w.textInput;
    node.className += " field";
    node.appendChild(txt("label", "", t.label || t.name));
    const input = document.createElement(t.type === "MULTIPLE_LINE" ? "textarea" : "input");
    input.name = t.name; input.value = t.value || ""; input.placeholder = t.placeholderText || "";
    input.setAttribute("data-input", ""); input.setAttribute("aria-label", t.label || t.name);
    node.appendChild(input);
    if (t.hintText) node.appendChild(txt("div", "hint", t.hintText));  // Google shows the hint under the field, always
    return node;
  }
  if (w.selectionInput) {
    const s = w.selectionInput;
    node.className += " field";
    node.appendChild(txt("label", "", s.label || s.name));
    const select = document.createElement("select");
    select.name = s.name; select.setAttribute("data-input", ""); select.setAttribute("aria-label", s.label || s.name);
    (s.items || []).forEach((item) => {
      const option = document.createElement("option");
      option.value = item.value; option.textContent = item.text; option.selected = !!item.selected;
      select.appendChild(option);
    });
    node.appendChild(select);
    return node;
  }
  if (w.divider) { node.appendChild(el("hr", "divider")); return node; }
  node.textContent = "(widget the preview does not draw: " + Object.keys(w).join(", ") + ")";
  return node;
}

function renderButton(b, cls) {
  const button = txt("button", ["card-button", b.type === "FILLED" ? "filled" : "", cls].filter(Boolean).join(" "), b.text);
  button.onclick = () => click(b.onClick || {});
  return button;
}

function click(onClick) {
  if (onClick.openLink) {
    const url = onClick.openLink.url;
    window.open(url.startsWith("file:") ? "/files/" + currentFile().id : url, "_blank");
    return;
  }
  if (onClick.action) {
    const params = {};
    (onClick.action.parameters || []).forEach((p) => { params[p.key] = p.value; });
    call(onClick.action.function, params);
  }
}

function openSidebar() {
  state.stack = [];
  const p = persona();
  const file = currentFile();
  $("who").textContent = "Signed in as " + p.user + (p.host === "DOCS" ? ", editing " + file.title : ", on the tracker");
  const link = $("file-link");
  link.innerHTML = "";
  if (p.host === "DOCS" && file.id) {
    const a = el("a", "");
    a.textContent = "Open " + file.title + " (.docx)";  // a file name is not HTML
    a.href = "/files/" + file.id;
    link.appendChild(a);
  }
  $("doc-label").hidden = p.host !== "DOCS";
  call(location.origin + (p.host === "DOCS" ? "/addon/docs/home" : "/addon/sheets/home"), {});
}

async function loadContext() {
  state.context = await (await fetch("/preview/context")).json();
  const select = $("doc");
  const chosen = select.value;
  select.innerHTML = "";
  state.context.docs.forEach((d) => {
    const option = document.createElement("option");
    option.value = d; option.textContent = d;
    select.appendChild(option);
  });
  if (chosen) select.value = chosen;
  $("tracker-link").href = "/files/" + state.context.tracker;
}

$("open").onclick = async () => { await loadContext(); openSidebar(); };
$("persona").onchange = () => openSidebar();
$("doc").onchange = () => openSidebar();
$("back").onclick = () => { state.stack.pop(); show(); };
loadContext().then(openSidebar);
