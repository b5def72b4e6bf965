/* pausepost: the local web page.
 *
 * One page, four views switched by the URL hash (#compose, #photo, #audit, #rules). Plain DOM,
 * no framework, no build step, nothing loaded from anywhere but this server.
 *
 * Two rules hold throughout:
 * - Text the person wrote, and text from their old posts, only ever reaches the page through
 *   textContent (the el() helper), never innerHTML.
 * - The server's CSP forbids inline styles in markup, so positions are set through element.style
 *   (the CSSOM), which the policy allows.
 */
"use strict";

// ---------------------------------------------------------------------------------------------
// Small helpers

const TOKEN = document.querySelector('meta[name="pausepost-token"]')?.content ?? "";
const CHECK_DELAY_MS = 250;
const POLL_MS = 1000;
const AUDIT_PAGE = 25;

const LEVEL_WORDS = { error: "Serious", warning: "Warning", note: "Note" };
const LEVEL_ICONS = { error: "✕", warning: "!", note: "i" };
const LEVEL_RANK = { note: 0, warning: 1, error: 2 };
const VERDICTS = {
  post: { icon: "✓", title: "Good to post" },
  pause: { icon: "!", title: "Pause: review the highlighted words" },
  stop: { icon: "✕", title: "Stop: don't post this as it is" },
};

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/** Build an element. Strings among the children become text nodes, so they are never parsed as
 * HTML. `props` may hold className, text, attrs (setAttribute), dataset and on (listeners). */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  Object.assign(node.dataset, props.dataset ?? {});
  for (const [type, handler] of Object.entries(props.on ?? {})) node.addEventListener(type, handler);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function show(node, visible = true) {
  node.hidden = !visible;
}

function setText(node, text) {
  // Only touch live regions when the words change, so screen readers are not told twice.
  if (node.textContent !== text) node.textContent = text;
}

function showError(node, message) {
  setText(node, message || "");
  show(node, Boolean(message));
}

function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

function formatClock(ms) {
  return new Date(ms).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

function formatDate(iso) {
  if (!iso) return "Date unknown";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

function formatSeconds(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function formatSize(bytes) {
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

// ---------------------------------------------------------------------------------------------
// The API: every change carries the token; errors come back as {"error": "..."}.

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function api(path, { method = "GET", json, body, signal } = {}) {
  const headers = {};
  let payload;
  if (method !== "GET") headers["x-pausepost-token"] = TOKEN;
  if (json !== undefined) {
    payload = JSON.stringify(json);
    headers["content-type"] = "application/json";
  } else if (body !== undefined) {
    // Files go as their own bytes: the server refuses form encodings.
    payload = body;
    headers["content-type"] = "application/octet-stream";
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, signal, cache: "no-store" });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError("pausepost is not answering. Is it still running? Start it again with "
      + "'pausepost serve' and reload this page.", 0);
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const message = data && typeof data.error === "string" ? data.error
      : `the request failed (${response.status} ${response.statusText})`;
    throw new ApiError(message, response.status);
  }
  return data;
}

// What the server told us at start: policy, profile, audiences, platforms, rules.
const app = { info: null, rules: new Map(), rulesData: null };

function ruleTitle(id) {
  return app.rules.get(id)?.title ?? id;
}

// ---------------------------------------------------------------------------------------------
// Offsets: the server counts Unicode code points (Python), the browser UTF-16 units. An emoji is
// one of the former and two of the latter, so every span is converted through this map.

function codePointMap(text) {
  const map = [0];
  let units = 0;
  for (const ch of text) {
    units += ch.length;
    map.push(units);
  }
  return map;
}

/** Spans (UTF-16) for the findings of one part ("text" or "quote") of a checked text. */
function spansFor(findings, part, text) {
  const map = codePointMap(text);
  const last = map.length - 1;
  const spans = [];
  findings.forEach((finding, index) => {
    const where = finding.where ?? {};
    if (where.part !== part || where.start === undefined || where.end === undefined) return;
    const start = map[Math.min(Math.max(where.start, 0), last)];
    const end = map[Math.min(Math.max(where.end, 0), last)];
    if (end > start) spans.push({ start, end, index, level: finding.level, rule: finding.rule });
  });
  return spans;
}

/** Move spans to follow an edit from `before` to `after`: spans before the edit stay, spans after
 * it shift, spans the edit touched are dropped until the next check answers. */
function shiftSpans(spans, before, after) {
  if (before === after) return spans;
  const limit = Math.min(before.length, after.length);
  let head = 0;
  while (head < limit && before.charCodeAt(head) === after.charCodeAt(head)) head += 1;
  let tail = 0;
  while (tail < limit - head
    && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) {
    tail += 1;
  }
  const editEnd = before.length - tail;
  const delta = after.length - before.length;
  const out = [];
  for (const span of spans) {
    if (span.end <= head) out.push(span);
    else if (span.start >= editEnd) out.push({ ...span, start: span.start + delta, end: span.end + delta });
  }
  return out;
}

/** Text with <mark>s around the spans. Overlapping spans are cut into segments, each marked with
 * its most serious finding, and remembering every finding that covers it. */
function markedFragment(text, spans) {
  const fragment = document.createDocumentFragment();
  const cuts = new Set([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) {
      fragment.append(piece);
      continue;
    }
    const worst = covering.reduce((x, y) => (LEVEL_RANK[y.level] > LEVEL_RANK[x.level] ? y : x));
    fragment.append(el("mark", {
      dataset: { rule: worst.rule, level: worst.level, findings: covering.map((s) => s.index).join(" ") },
    }, piece));
  }
  return fragment;
}

// ---------------------------------------------------------------------------------------------
// Describing findings: the same list item in the compose, photo, pause and audit views.

function describeWhere(where = {}) {
  const [kind, number] = String(where.part ?? "").split(":");
  const nth = number && Number(number) > 0 ? ` ${Number(number) + 1}` : "";
  if (kind === "text") return "in your post";
  if (kind === "quote") return "in the post you are replying to or sharing";
  if (kind === "image") return `in the photo${nth}`;
  if (kind === "metadata") return `in the file's hidden data (metadata)${nth}`;
  if (kind === "video") {
    if (where.time === undefined) return `in the video${nth}`;
    const end = where.time_end !== undefined && where.time_end > where.time
      ? `–${formatSeconds(where.time_end)}` : "";
    return `in the video${nth} at ${formatSeconds(where.time)}${end}`;
  }
  return "";
}

/** Quoted words, with the quotation marks as text so they are copied and read out too. */
function quoted(text, className = "quoted") {
  return el("span", { className }, `“${text}”`);
}

function citationText(citation) {
  return `${citation.source}, ${citation.ref}: ${citation.summary}`;
}

function levelBadge(level) {
  return el("span", { className: "badge", dataset: { level } },
    el("span", { className: "badge-icon", attrs: { "aria-hidden": "true" } }, LEVEL_ICONS[level] ?? "•"),
    LEVEL_WORDS[level] ?? level);
}

/**
 * One finding as a list item. Options:
 * - number: shown as a tag matching the box drawn on a photo;
 * - onApply(index): offers the finding's suggested rewrite, when it has one;
 * - compact: fewer details (used in the audit list).
 */
function findingItem(finding, index, options = {}) {
  const item = el("li", {
    className: "finding",
    dataset: { level: finding.level, rule: finding.rule, index: String(index) },
    attrs: { tabindex: options.focusable === false ? undefined : "0" },
  });
  const title = el("p", { className: "finding-head" },
    options.number ? el("span", { className: "box-number" },
      el("span", { className: "visually-hidden" }, "Box "), String(options.number)) : null,
    levelBadge(finding.level),
    el("span", { className: "finding-rule" }, ruleTitle(finding.rule)),
    el("code", { className: "rule-id" }, finding.rule));
  item.append(title, el("p", { className: "finding-message" }, finding.message));

  const found = [];
  if (finding.evidence) found.push(quoted(finding.evidence, "evidence"), " ");
  found.push(describeWhere(finding.where));
  if (typeof finding.confidence === "number") {
    found.push(el("span", { className: "confidence" }, ` · ${Math.round(finding.confidence * 100)}% sure`));
  }
  item.append(el("p", { className: "finding-where" }, "Found: ", found));

  // Only the post's own words can be rewritten: not the quoted post, not a photo.
  if (typeof finding.suggestion === "string" && options.onApply && finding.where?.part === "text") {
    const removing = finding.suggestion === "";
    item.append(el("p", { className: "suggestion" },
      removing ? "Suggestion: remove these words." : el("span", {}, "Suggestion: ",
        quoted(finding.suggestion)), " ",
      el("button", {
        className: "button small", attrs: { type: "button" },
        on: { click: () => options.onApply(index) },
      }, removing ? "Remove the words" : "Apply the suggestion")));
  }
  if (finding.advice && !options.compact) item.append(el("p", { className: "advice" }, finding.advice));
  if (finding.citations?.length && !options.compact) {
    item.append(el("ul", { className: "citations", attrs: { "aria-label": "Where the rule comes from" } },
      finding.citations.map((c) => el("li", {}, citationText(c)))));
  }
  return item;
}

function renderFindings(list, findings, options = {}) {
  const items = findings.map((finding, index) => findingItem(finding, index, {
    ...options,
    number: options.numbers ? options.numbers[index] : undefined,
  }));
  list.replaceChildren(...items);
  return items;
}

/** The banner: words, an icon and a shape per verdict, so it never relies on colour alone. */
function setVerdict(banner, verdict, title, detail) {
  banner.dataset.verdict = verdict;
  const icon = { ...VERDICTS, paused: { icon: "‖" }, none: { icon: "…" }, error: { icon: "!" } };
  setText($(".verdict-icon", banner), icon[verdict]?.icon ?? "");
  setText($(".verdict-title", banner), title ?? VERDICTS[verdict]?.title ?? "");
  setText($(".verdict-detail", banner), detail ?? "");
}

function verdictDetail(report) {
  const findings = report.findings ?? [];
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.level] = (counts[f.level] ?? 0) + 1;
  const parts = [];
  if (counts.error) parts.push(plural(counts.error, "serious problem"));
  if (counts.warning) parts.push(plural(counts.warning, "warning"));
  if (counts.note) parts.push(plural(counts.note, "note"));
  let detail = parts.length ? `Found: ${parts.join(", ")}.` : "Nothing in it breaks the rules checked.";
  if (report.problems?.length) detail += ` Not everything could be checked: ${report.problems.join(" ")}`;
  return detail;
}

// ---------------------------------------------------------------------------------------------
// Copy controls: enabled for "post"; for "pause" only once the person ticks that they have
// paused and reviewed; never for "stop".

class CopyControls {
  /** Options: beforeCopy() may refuse by returning a message (the pause releases the draft
   * first); emptyNote is said when there is nothing to copy; copiedNote after copying. */
  constructor(root, getText, { beforeCopy = null, emptyNote = "Write your post first.",
    copiedNote = "Copied. Paste it into the app when you are ready." } = {}) {
    this.root = root;
    this.getText = getText;
    this.beforeCopy = beforeCopy;
    this.emptyNote = emptyNote;
    this.copiedNote = copiedNote;
    this.copying = false;
    this.button = $('[data-role="copy"]', root);
    this.confirmLabel = $(".confirm", root);
    this.confirm = $('[data-role="confirm"]', root);
    this.note = $('[data-role="note"]', root);
    this.verdict = null;
    this.reason = "";
    this.waiting = false;
    this.confirm.addEventListener("change", () => this.refresh());
    this.button.addEventListener("click", () => this.copy());
  }

  /** verdict: null (nothing checked), "post", "pause" or "stop"; waiting: a check is due. */
  update(verdict, { waiting = false, reason = "", resetConfirm = false } = {}) {
    if (resetConfirm || verdict !== "pause") this.confirm.checked = false;
    this.verdict = verdict;
    this.waiting = waiting;
    this.reason = reason;
    this.refresh();
  }

  refresh() {
    const { verdict } = this;
    show(this.confirmLabel, verdict === "pause"); // kept in place while typing: no jumping
    let enabled = false;
    let note = "";
    if (!verdict) note = this.emptyNote;
    else if (this.waiting) note = this.note.textContent; // unchanged while typing: no chatter
    else if (verdict === "post") enabled = true;
    else if (verdict === "pause") {
      enabled = this.confirm.checked;
      if (!enabled) note = "Tick the box once you have paused and reviewed the highlighted words.";
    } else {
      note = `Copying is turned off until the serious problems are fixed${this.reason ? `: ${this.reason}` : "."}`;
    }
    this.button.disabled = !enabled;
    setText(this.note, note);
  }

  async copy() {
    if (this.copying) return;
    this.copying = true;
    try {
      if (this.beforeCopy) {
        const refusal = await this.beforeCopy();
        if (refusal) {
          setText(this.note, refusal);
          return;
        }
      }
      const ok = await copyToClipboard(this.getText());
      setText(this.note, ok ? this.copiedNote
        : "Your browser would not let the page copy. Select the text and copy it yourself.");
    } finally {
      this.copying = false;
    }
  }
}

async function copyToClipboard(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older browsers, or a clipboard permission refused: the selection-based way still works.
    const scratch = el("textarea", { className: "offscreen", attrs: { readonly: "", "aria-hidden": "true" } });
    const focused = document.activeElement;
    scratch.value = text;
    document.body.append(scratch);
    scratch.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    scratch.remove();
    focused?.focus();
    return ok;
  }
}

// ---------------------------------------------------------------------------------------------
// The highlighting editor: a transparent textarea over a backdrop that mirrors its text, with
// <mark>s around the risky spans. Pointer and caret positions are mapped back to findings.

class Highlighter {
  constructor(root, { onCaret } = {}) {
    this.root = root;
    this.input = $("textarea", root);
    this.backdrop = $(".editor-backdrop", root);
    this.text = "";
    this.spans = [];
    this.onCaret = onCaret;
    this.input.addEventListener("scroll", () => this.syncScroll());
    for (const type of ["keyup", "click", "select", "focus"]) {
      this.input.addEventListener(type, () => this.reportCaret());
    }
    this.input.addEventListener("blur", () => this.onCaret?.(null));
    this.input.addEventListener("mousemove", (event) => this.hover(event));
    this.input.addEventListener("mouseleave", () => hideTooltip());
    // Re-measure when the box's width changes (window resized, zoom): the text rewraps.
    this.width = 0;
    new ResizeObserver(([entry]) => {
      const width = Math.round(entry.contentRect.width);
      if (width !== this.width) {
        this.width = width;
        this.autosize();
      }
    }).observe(this.root);
  }

  /** New findings for the text they were checked on; the box may have moved on since. */
  setSpans(checkedText, spans) {
    this.text = checkedText;
    this.spans = spans;
    this.follow();
  }

  /** Follow the textarea's current value, shifting the spans over any edit since. */
  follow() {
    const value = this.input.value;
    this.spans = shiftSpans(this.spans, this.text, value);
    this.text = value;
    this.render();
  }

  clear() {
    this.spans = [];
    this.text = this.input.value;
    this.render();
  }

  render() {
    const fragment = markedFragment(this.text, this.spans);
    // A textarea shows a last empty line after a final newline; a div needs a character there.
    if (this.text.endsWith("\n") || !this.text) fragment.append(" ");
    this.backdrop.replaceChildren(fragment);
    this.autosize();
  }

  /** Grow the box with its text (up to the CSS max-height), so most posts need no scrolling. */
  autosize() {
    const input = this.input;
    // Shrinking the box for a moment to measure it could make the page jump: keep its place.
    const page = document.scrollingElement;
    const pageTop = page ? page.scrollTop : 0;
    input.style.height = "auto";
    const border = input.offsetHeight - input.clientHeight;
    input.style.height = `${input.scrollHeight + border}px`;
    if (page && page.scrollTop !== pageTop) page.scrollTop = pageTop;
    this.syncScroll();
  }

  syncScroll() {
    this.backdrop.scrollTop = this.input.scrollTop;
    this.backdrop.scrollLeft = this.input.scrollLeft;
  }

  spanFor(index) {
    return this.spans.find((s) => s.index === index) ?? null;
  }

  emphasise(indices) {
    const wanted = new Set(indices.map(String));
    for (const mark of $$("mark", this.backdrop)) {
      const hit = mark.dataset.findings.split(" ").some((i) => wanted.has(i));
      mark.classList.toggle("active", hit);
    }
  }

  reportCaret() {
    if (!this.onCaret || document.activeElement !== this.input) return;
    const at = this.input.selectionStart;
    const span = this.spans.find((s) => s.start <= at && at <= s.end);
    this.onCaret(span ? span.index : null);
  }

  /** Findings under the pointer: the marks sit under the textarea, so test their boxes. */
  indicesAt(x, y) {
    for (const mark of $$("mark", this.backdrop)) {
      for (const rect of mark.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) {
          return mark.dataset.findings.split(" ").map(Number);
        }
      }
    }
    return [];
  }

  hover(event) {
    const indices = this.indicesAt(event.clientX, event.clientY);
    if (!indices.length) {
      hideTooltip();
      return;
    }
    showTooltip(indices.map((i) => compose.findings[i]).filter(Boolean), event.clientX, event.clientY);
  }
}

// The tooltip: the mouse user's view of a highlighted finding (keyboard users get the caret
// panel beside the box, which a screen reader also reads).
const tooltip = document.getElementById("tooltip");

function findingSummary(finding) {
  const citation = finding.citations?.[0];
  return [
    el("p", { className: "tooltip-head" }, levelBadge(finding.level), " ", el("strong", {}, finding.message)),
    el("p", {}, finding.advice),
    citation ? el("p", { className: "muted" }, citationText(citation)) : null,
  ];
}

function showTooltip(findings, x, y) {
  if (!findings.length) return;
  // Rebuilt only when the pointer moves onto other findings, not on every mouse move.
  if (tooltip.hidden || tooltip.findings !== findings.map(findingKey).join("|")) {
    tooltip.findings = findings.map(findingKey).join("|");
    tooltip.replaceChildren(...findings.flatMap(findingSummary));
  }
  show(tooltip);
  const width = tooltip.offsetWidth;
  const height = tooltip.offsetHeight;
  const left = Math.max(8, Math.min(x + 14, window.innerWidth - width - 8));
  const below = y + 18;
  const top = below + height > window.innerHeight - 8 ? Math.max(8, y - height - 12) : below;
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${top}px`;
}

function hideTooltip() {
  show(tooltip, false);
}

// ---------------------------------------------------------------------------------------------
// Compose: check as you type.

const compose = {
  banner: document.getElementById("verdict"),
  error: document.getElementById("compose-error"),
  post: document.getElementById("post-text"),
  quote: document.getElementById("quote-text"),
  list: document.getElementById("findings"),
  empty: document.getElementById("findings-empty"),
  caret: document.getElementById("caret-finding"),
  status: document.getElementById("compose-status"),
  editor: document.getElementById("compose-editor"),
  findings: [],
  report: null,
  checked: null, // {text, quote, audience} the report is for
  seq: 0,
  controller: null,
  timer: null,
  slowTimer: null,
  textHL: null,
  quoteHL: null,
  copy: null,
};

function audience() {
  return $('input[name="audience"]:checked')?.value ?? "public";
}

function currentDraft() {
  return { text: compose.post.value, quote: compose.quote.value, audience: audience() };
}

function sameDraft(a, b) {
  return Boolean(a && b) && a.text === b.text && a.quote === b.quote && a.audience === b.audience;
}

function scheduleCheck(delay = CHECK_DELAY_MS) {
  clearTimeout(compose.timer);
  compose.timer = setTimeout(runCheck, delay);
  updateComposeCopy();
}

/** Send the draft; an older answer arriving after a newer question is dropped (sequence
 * numbers), and the older request itself is aborted. */
async function runCheck() {
  compose.timer = null;
  const draft = currentDraft();
  compose.controller?.abort();
  const seq = ++compose.seq;
  if (!draft.text.trim()) {
    compose.controller = null;
    setBusy(false);
    showNeutral();
    return;
  }
  const controller = new AbortController();
  compose.controller = controller;
  setBusy(true);
  try {
    const report = await api("/api/check", {
      method: "POST",
      json: { text: draft.text, quote: draft.quote.trim() ? draft.quote : null, audience: draft.audience },
      signal: controller.signal,
    });
    if (seq !== compose.seq) return;
    compose.controller = null;
    setBusy(false);
    showError(compose.error, "");
    showReport(report, draft);
  } catch (err) {
    if (err.name === "AbortError" || seq !== compose.seq) return;
    showError(compose.error, `The post could not be checked: ${err.message}`);
    setVerdict(compose.banner, "error", "Not checked", "Fix the problem above, then try again.");
    compose.report = null;
    compose.checked = null;
    updateComposeCopy();
  } finally {
    if (seq === compose.seq) {
      setBusy(false);
      compose.controller = null;
    }
  }
}

/** Forget any check that is due or on its way: its answer would be for a draft now gone. */
function cancelCheck() {
  clearTimeout(compose.timer);
  compose.timer = null;
  compose.controller?.abort();
  compose.controller = null;
  compose.seq += 1;
  setBusy(false);
}

/** Mark the banner busy while a check runs; say so in words only if it takes a while, so quick
 * checks while typing do not make the banner flicker. */
function setBusy(busy) {
  clearTimeout(compose.slowTimer);
  compose.banner.classList.remove("slow");
  if (busy) {
    compose.banner.setAttribute("aria-busy", "true");
    compose.slowTimer = setTimeout(() => compose.banner.classList.add("slow"), 600);
  } else {
    compose.banner.removeAttribute("aria-busy");
  }
}

function showNeutral() {
  compose.report = null;
  compose.checked = null;
  compose.findings = [];
  compose.textHL.clear();
  compose.quoteHL.clear();
  compose.list.replaceChildren();
  show(compose.empty);
  setText(compose.empty, "Nothing to look at yet.");
  showCaretFinding(null);
  showError(compose.error, "");
  setVerdict(compose.banner, "none", "Nothing to check yet",
    "Write your post below and it will be checked as you type.");
  updateComposeCopy();
}

function showReport(report, draft) {
  const textChanged = compose.checked?.text !== draft.text;
  compose.report = report;
  compose.checked = draft;
  compose.findings = report.findings ?? [];
  compose.textHL.setSpans(draft.text, spansFor(compose.findings, "text", draft.text));
  compose.quoteHL.setSpans(draft.quote, spansFor(compose.findings, "quote", draft.quote));
  const items = renderFindings(compose.list, compose.findings, { onApply: applySuggestion });
  for (const item of items) linkItemToMarks(item);
  show(compose.empty, !compose.findings.length);
  setText(compose.empty, "Nothing has been found.");
  setVerdict(compose.banner, report.verdict, undefined, verdictDetail(report));
  compose.textHL.reportCaret();
  updateComposeCopy(textChanged);
}

function errorReasons(findings) {
  const messages = findings.filter((f) => f.level === "error").map((f) => f.message);
  return [...new Set(messages)].join("; ");
}

function updateComposeCopy(resetConfirm = false) {
  const waiting = compose.timer !== null || compose.controller !== null
    || !sameDraft(compose.checked, currentDraft());
  const verdict = compose.post.value.trim() ? compose.report?.verdict ?? null : null;
  compose.copy.update(verdict, { waiting: Boolean(verdict) && waiting, resetConfirm,
    reason: errorReasons(compose.findings) });
}

/** Focusing or pointing at a list item lights up its words in the box. */
function linkItemToMarks(item) {
  const index = Number(item.dataset.index);
  const on = () => {
    compose.textHL.emphasise([index]);
    compose.quoteHL.emphasise([index]);
  };
  const off = () => {
    compose.textHL.emphasise([]);
    compose.quoteHL.emphasise([]);
  };
  item.addEventListener("focusin", on);
  item.addEventListener("mouseenter", on);
  item.addEventListener("focusout", off);
  item.addEventListener("mouseleave", off);
}

/** The caret panel: what the finding under the cursor is about, read out by screen readers. */
function showCaretFinding(index) {
  const finding = index === null ? null : compose.findings[index] ?? null;
  compose.textHL.emphasise(finding ? [index] : []);
  compose.quoteHL.emphasise(finding ? [index] : []);
  for (const item of $$(".finding", compose.list)) {
    item.classList.toggle("current", Boolean(finding) && item.dataset.index === String(index));
  }
  // The panel is a live region: rewrite it only when it is about something else, so a screen
  // reader does not repeat the same finding after every check.
  const key = finding ? `${findingKey(finding)}\u0000${finding.message}` : "";
  if (compose.caret.dataset.key === key) return;
  compose.caret.dataset.key = key;
  if (!finding) {
    compose.caret.replaceChildren();
    compose.caret.classList.remove("filled");
    return;
  }
  compose.caret.classList.add("filled");
  compose.caret.replaceChildren(
    el("p", { className: "tooltip-head" }, levelBadge(finding.level), " ",
      el("strong", {}, `${ruleTitle(finding.rule)}: `), finding.message),
    el("p", {}, finding.advice),
    ...(finding.citations ?? []).slice(0, 2).map((c) => el("p", { className: "muted" }, citationText(c))),
  );
}

/** Replace a finding's words with its suggested rewrite, then check again at once. */
function applySuggestion(index) {
  const finding = compose.findings[index];
  const span = compose.textHL.spanFor(index);
  const input = compose.post;
  if (!finding || !span) {
    setText(compose.status, "The words have changed since the check: wait a moment and try again.");
    return;
  }
  let { start, end } = span;
  const replacement = finding.suggestion ?? "";
  const value = input.value;
  if (!replacement) {
    // Removing words should not leave a double space behind.
    if (value[start - 1] === " " && (end === value.length || /[\s.,!?;:]/.test(value[end]))) start -= 1;
    else if (start === 0 && value[end] === " ") end += 1;
  }
  input.focus();
  input.setSelectionRange(start, end);
  // insertText keeps the browser's undo history (Ctrl+Z brings the words back); setRangeText is
  // the fallback where the command is not supported.
  const done = document.execCommand(replacement ? "insertText" : "delete", false, replacement);
  if (!done || input.value === value) {
    input.setRangeText(replacement, start, end, "end");
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  setText(compose.status, replacement ? `Replaced “${finding.evidence}” with “${replacement}”.`
    : `Removed “${finding.evidence}”.`);
  scheduleCheck(0);
}

// Character counts, one line per platform.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/giu;
const graphemes = typeof Intl.Segmenter === "function"
  ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

function platformLength(text, platform) {
  let rest = text;
  let links = 0;
  if (platform.links) {
    rest = text.replace(URL_PATTERN, () => {
      links += 1;
      return "";
    });
  }
  const count = platform.graphemes && graphemes
    ? [...graphemes.segment(rest)].length : [...rest].length;
  return count + links * (platform.links ?? 0);
}

function updateCounts() {
  const text = compose.post.value;
  const list = document.getElementById("counts");
  const items = (app.info?.platforms ?? []).map((platform) => {
    const used = platformLength(text, platform);
    const over = used - platform.limit;
    return el("li", { className: over > 0 ? "count over" : "count" },
      el("span", { className: "count-name" }, platform.name), " ",
      el("span", { className: "count-value" }, `${used.toLocaleString()}/${platform.limit.toLocaleString()}`),
      over > 0 ? el("span", { className: "count-over" },
        el("span", { attrs: { "aria-hidden": "true" } }, " ⚠"), ` ${over.toLocaleString()} too many`) : null);
  });
  list.replaceChildren(...items);
}

function updateReminder() {
  const reminders = app.info?.audiences?.[audience()] ?? [];
  setText(document.getElementById("audience-reminder"), reminders.join(" "));
}

function setupCompose() {
  compose.textHL = new Highlighter($('[data-editor="text"]'), { onCaret: showCaretFinding });
  compose.quoteHL = new Highlighter($('[data-editor="quote"]'), { onCaret: showCaretFinding });
  compose.copy = new CopyControls($('[data-copy="compose"]'), () => compose.post.value);
  compose.post.addEventListener("input", () => {
    compose.textHL.follow();
    updateCounts();
    scheduleCheck();
  });
  compose.quote.addEventListener("input", () => {
    compose.quoteHL.follow();
    scheduleCheck();
  });
  for (const radio of $$('input[name="audience"]')) {
    radio.addEventListener("change", () => {
      updateReminder();
      scheduleCheck(0);
    });
  }
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideTooltip();
  });
  window.addEventListener("scroll", hideTooltip, { passive: true });
  showNeutral();
  updateCounts();
  updateReminder();
}

// ---------------------------------------------------------------------------------------------
// Pause before posting: the draft is sent to pausepost, which keeps it in its drafts file on
// this computer (the same store as `pausepost pause` and `pausepost drafts`), so it survives the
// page being closed. Nothing is kept in the browser. The countdown runs to the server's due_at,
// worked out against Date.now() so a sleeping laptop still comes back on time.

const pause = {
  panel: document.getElementById("pause-panel"),
  waiting: document.getElementById("pause-waiting"),
  review: document.getElementById("pause-review"),
  error: document.getElementById("pause-error"),
  heldSection: document.getElementById("held-drafts"),
  heldList: document.getElementById("held-list"),
  heldError: document.getElementById("held-error"),
  heldCount: 0,
  listSeq: 0,
  draft: null, // the held draft, as the server last described it
  due: 0, // when its cooling-off ends, in Date.now() milliseconds
  chosen: null, // the minutes chosen on this page (null when opened from the list)
  released: false, // released for copying: no longer on hold
  data: null, // the review, once the time is up
  seq: 0, // bumped whenever another draft is shown, so late answers are dropped
  timer: null,
  starting: false,
  copy: null,
};

function draftPath(draft, action = "") {
  return `/api/drafts/${encodeURIComponent(draft.id)}${action ? `/${action}` : ""}`;
}

/** "1 hour 30 minutes", "2 days", "no time at all". */
function durationWords(minutes) {
  const whole = Math.max(0, Math.round(minutes));
  if (!whole) return "no time at all";
  const parts = [];
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const rest = whole % 60;
  if (days) parts.push(plural(days, "day"));
  if (hours) parts.push(plural(hours, "hour"));
  if (rest) parts.push(plural(rest, "minute"));
  return parts.join(" ");
}

/** 4:05, or 2:04:05 from an hour up. */
function formatCountdown(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  if (whole < 3600) return formatSeconds(whole);
  const pad = (n) => String(n).padStart(2, "0");
  return `${Math.floor(whole / 3600)}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
}

/** A local time, with the day too when it is not today: "14:35", "14:35 on Tuesday 3 June". */
function clockWithDay(ms) {
  const when = new Date(ms);
  if (when.toDateString() === new Date().toDateString()) return formatClock(ms);
  return `${formatClock(ms)} on ${when.toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" })}`;
}

function excerpt(text, length = 90) {
  const flat = String(text ?? "").replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > length ? `${chars.slice(0, length - 1).join("").trimEnd()}…` : flat;
}

function dueOf(draft) {
  const due = Date.parse(draft.due_at);
  return Number.isNaN(due) ? Date.now() + Math.max(0, draft.seconds_left ?? 0) * 1000 : due;
}

async function startPause() {
  if (pause.starting) return;
  const draft = currentDraft();
  if (!draft.text.trim()) {
    setText(compose.status, "Write your post first: there is nothing to pause.");
    compose.post.focus();
    return;
  }
  const minutes = Number.parseInt(document.getElementById("pause-minutes").value, 10);
  const chosen = Number.isInteger(minutes) && minutes >= 0 ? minutes : null;
  pause.starting = true;
  setText(compose.status, "Pausing your draft…");
  let held;
  try {
    held = await api("/api/drafts", {
      method: "POST",
      json: { text: draft.text, quote: draft.quote.trim() ? draft.quote : null, audience: draft.audience,
        minutes: chosen },
    });
  } catch (err) {
    setText(compose.status, "");
    showError(compose.error, `Your draft could not be paused: ${err.message}`);
    return;
  } finally {
    pause.starting = false;
  }
  showError(compose.error, "");
  // The draft now lives in pausepost's drafts file: the box is emptied so it is not paused twice.
  cancelCheck();
  compose.post.value = "";
  compose.quote.value = "";
  compose.textHL.follow();
  compose.quoteHL.follow();
  updateCounts();
  showNeutral();
  openHeld(held, { chosen });
  if (!pause.review.hidden) return; // no wait at all: straight to the review
  setText(compose.status, `Your draft is on hold until ${clockWithDay(pause.due)}.`);
}

/** Show a held draft: its countdown, or its review when the time is up. */
function openHeld(draft, { chosen = null } = {}) {
  cancelCheck(); // an answer arriving now must not replace the "Paused" banner
  clearInterval(pause.timer);
  pause.timer = null;
  pause.seq += 1;
  pause.draft = draft;
  pause.due = dueOf(draft);
  pause.chosen = chosen;
  pause.released = draft.state === "released";
  pause.data = null;
  hideTooltip();
  showError(pause.error, "");
  show(compose.editor, false);
  show(pause.heldSection, false);
  show(pause.panel);
  if (Date.now() >= pause.due) {
    finishPause();
    return;
  }
  show(pause.waiting);
  show(pause.review, false);
  const until = clockWithDay(pause.due);
  setText(document.getElementById("pause-until"), `Come back at ${until}: your draft will be checked again then.`);
  renderHold(draft, chosen);
  setVerdict(compose.banner, "paused", "Paused", `Your draft is held until ${until}.`);
  tickPause();
  pause.timer = setInterval(tickPause, 1000);
  document.getElementById("pause-heading").focus();
}

/** How long the server holds it, and why: a flagged or late-night draft waits longer. */
function renderHold(draft, chosen) {
  const held = durationWords(draft.hold_minutes);
  let words = `Held for ${held}.`;
  if (chosen !== null && draft.hold_minutes > chosen) {
    words = `Held for ${held}, longer than the ${durationWords(chosen)} you chose, because:`;
  } else if ((draft.hold_reasons ?? []).length) {
    words = `Held for ${held}:`;
  }
  setText(document.getElementById("pause-hold"), words);
  document.getElementById("pause-reasons").replaceChildren(
    ...(draft.hold_reasons ?? []).map((reason) => el("li", {}, reason)));
}

function tickPause() {
  const left = pause.due - Date.now();
  if (left <= 0) {
    clearInterval(pause.timer);
    pause.timer = null;
    finishPause();
    return;
  }
  setText(document.getElementById("pause-left"), formatCountdown(Math.ceil(left / 1000)));
}

function findingKey(finding) {
  return `${finding.rule}\u0000${finding.evidence}`;
}

/** The time is up (by this page's clock): ask pausepost to check the held draft again. */
async function finishPause() {
  const draft = pause.draft;
  if (!draft) return;
  const seq = pause.seq;
  show(pause.waiting, false);
  show(pause.review);
  show(document.getElementById("review-body"), false);
  setText(document.getElementById("review-when"), "Checking your draft again…");
  pause.copy.update(null);
  document.getElementById("review-heading").focus();
  let data;
  try {
    data = await api(draftPath(draft, "review"));
  } catch (err) {
    if (seq !== pause.seq) return;
    if (err.status === 404) {
      draftGone();
      return;
    }
    setText(document.getElementById("review-when"), `Your pause is over, but the draft could not be checked again: ${err.message}`);
    setVerdict(compose.banner, "error", "Not checked", "Open it again from Drafts on hold once pausepost is running.");
    return;
  }
  if (seq !== pause.seq) return; // discarded, edited or another draft opened meanwhile
  renderReview(data);
  setText(compose.status, "Your pause is over: your draft has been checked again.");
}

function renderReview(data) {
  const draft = data.draft;
  const report = data.report ?? {};
  const findings = report.findings ?? [];
  pause.data = data;
  pause.draft = draft;
  pause.released = draft.state === "released";
  show(document.getElementById("review-body"));
  let when = `Your pause ended at ${clockWithDay(pause.due)}. Read it once more as a stranger would.`;
  if (!data.ready && data.seconds_left > 0) {
    when += ` pausepost's own clock says ${durationWords(Math.ceil(data.seconds_left / 60))} of the wait `
      + "is left, so it will not release the draft for copying until then.";
  }
  setText(document.getElementById("review-when"), when);
  document.getElementById("review-text").replaceChildren(
    markedFragment(draft.text, spansFor(findings, "text", draft.text)));
  const quote = draft.quote ?? "";
  show(document.getElementById("review-quote-block"), Boolean(quote.trim()));
  document.getElementById("review-quote").replaceChildren(markedFragment(quote, spansFor(findings, "quote", quote)));
  renderChanges(data.changes ?? {}, findings);
  renderImagined(data.imagined, draft.text);
  setText(document.getElementById("review-reminder"), (data.reminders ?? []).join(" "));
  renderFindings(document.getElementById("review-findings"), findings);
  show(document.getElementById("review-findings-empty"), !findings.length);
  setVerdict(compose.banner, report.verdict, undefined, verdictDetail(report));
  pause.copy.update(report.verdict ?? null, { resetConfirm: true, reason: errorReasons(findings) });
  show($('[data-role="later"]', pause.review), !pause.released);
}

const VERDICT_WORDS = { post: "good to post", pause: "pause and review", stop: "don't post as it is" };

function changeItem(className, label, finding) {
  return el("li", { className }, el("strong", {}, label),
    ruleTitle(finding.rule), finding.evidence ? `, “${finding.evidence}”` : "");
}

function renderChanges(changes, findings) {
  const items = [];
  if (changes.text_changed) items.push(el("li", {}, "The words were edited since you paused."));
  const { first_verdict: first, verdict } = changes;
  if (first && verdict && first !== verdict) {
    items.push(el("li", {}, `When you paused the check said “${VERDICT_WORDS[first] ?? first}”; `
      + `now it says “${VERDICT_WORDS[verdict] ?? verdict}”.`));
  }
  const added = changes.added ?? [];
  const removed = changes.removed ?? [];
  for (const f of added) items.push(changeItem("change-added", "New: ", f));
  for (const f of removed) items.push(changeItem("change-removed", "No longer found: ", f));
  if (!added.length && !removed.length) {
    items.push(el("li", {}, findings.length ? "The same things were found as before you paused."
      : "Nothing was found, before or after the pause."));
  }
  document.getElementById("review-changes").replaceChildren(...items);
}

/** "Imagine it said to you": shown only when turning the post towards the reader changed it. */
function renderImagined(imagined, text) {
  const block = document.getElementById("review-imagine");
  const turned = imagined && typeof imagined.text === "string" && imagined.text.trim()
    && imagined.text.trim() !== String(text ?? "").trim();
  show(block, Boolean(turned));
  if (!turned) return;
  setText(document.getElementById("imagine-prompt"),
    imagined.prompt || "Imagine someone saying this to you. Would you find it offensive?");
  document.getElementById("imagine-text").replaceChildren(quoted(imagined.text, "imagined"));
  const citation = imagined.citation;
  setText(document.getElementById("imagine-source"), citation ? citationText(citation) : "");
}

/** Copying releases the draft from hold first; pausepost refuses while it is cooling off. */
async function releaseForCopy() {
  const draft = pause.draft;
  if (!draft) return "There is no draft to copy.";
  if (pause.released) return null;
  const seq = pause.seq;
  try {
    const released = await api(draftPath(draft, "release"), { method: "POST", json: {} });
    if (seq === pause.seq) {
      pause.draft = released;
      pause.released = true;
      show($('[data-role="later"]', pause.review), false);
    }
    return null;
  } catch (err) {
    return `Not copied: pausepost would not release it. ${err.message}`;
  }
}

/** Put the draft's words back in a box; what was there before comes back with Ctrl+Z. */
function replaceBoxText(input, value) {
  if (input.value === value) return;
  if (input.value) {
    input.focus();
    input.select();
    const done = value ? document.execCommand("insertText", false, value) : document.execCommand("delete");
    if (done && input.value === value) return;
  }
  input.value = value;
}

function afterLeaving() {
  if (compose.post.value.trim()) scheduleCheck(0);
  else showNeutral();
}

function leavePause() {
  clearInterval(pause.timer);
  pause.timer = null;
  pause.seq += 1;
  pause.draft = null;
  pause.data = null;
  showError(pause.error, "");
  show(pause.panel, false);
  show(compose.editor);
  show(pause.heldSection, pause.heldCount > 0);
  afterLeaving();
}

/** Edit: the words go back in the box and the held draft is discarded (pause again later). */
async function editAfterPause() {
  const draft = pause.draft;
  if (!draft) return;
  const held = !pause.released;
  leavePause();
  replaceBoxText(compose.quote, draft.quote ?? "");
  replaceBoxText(compose.post, draft.text);
  const radio = $$('input[name="audience"]').find((r) => r.value === draft.audience);
  if (radio) radio.checked = true;
  compose.textHL.follow();
  compose.quoteHL.follow();
  updateCounts();
  updateReminder();
  compose.checked = null;
  scheduleCheck(0);
  compose.post.focus();
  setText(compose.status, "Your draft is back in the box and no longer on hold.");
  if (held) {
    try {
      await api(draftPath(draft), { method: "DELETE" });
    } catch (err) {
      if (err.status !== 404) {
        showError(compose.error, `Your draft is back in the box, but its held copy could not be removed: ${err.message} `
          + "It is still listed under Drafts on hold.");
      }
    }
  }
  loadHeld();
}

/** Back to writing: the draft stays on hold, listed under Drafts on hold. */
function laterPause() {
  leavePause();
  loadHeld();
  compose.post.focus();
  setText(compose.status, "Your draft stays on hold: open it from Drafts on hold.");
}

async function discardDraft() {
  const draft = pause.draft;
  if (!draft) return;
  showError(pause.error, "");
  try {
    await api(draftPath(draft), { method: "DELETE" });
  } catch (err) {
    if (err.status !== 404) {
      showError(pause.error, `The draft could not be discarded: ${err.message}`);
      return;
    }
  }
  leavePause();
  loadHeld();
  setText(compose.status, "Draft discarded: its words were deleted from pausepost's drafts file.");
  compose.post.focus();
}

/** The draft was discarded elsewhere (another tab, `pausepost drafts discard`). */
function draftGone() {
  leavePause();
  loadHeld();
  showError(compose.error, "That draft is no longer on hold: it was discarded or released elsewhere.");
  compose.post.focus();
}

// Drafts on hold: listed when the page opens, so a held draft survives closing the tab.

async function loadHeld() {
  const ticket = ++pause.listSeq;
  let drafts;
  try {
    drafts = await api("/api/drafts");
  } catch (err) {
    if (ticket !== pause.listSeq) return null;
    showError(pause.heldError, `The drafts on hold could not be read: ${err.message}`);
    show(pause.heldSection, pause.panel.hidden);
    return null;
  }
  if (ticket !== pause.listSeq) return null;
  showError(pause.heldError, "");
  renderHeld(drafts);
  return drafts;
}

function renderHeld(drafts) {
  pause.heldCount = drafts.length;
  pause.heldList.replaceChildren(...drafts.map(heldItem));
  show(pause.heldSection, drafts.length > 0 && pause.panel.hidden);
}

function heldItem(draft) {
  const due = dueOf(draft);
  const short = excerpt(draft.text, 40);
  const ready = Date.now() >= due;
  return el("li", { className: "held-item", dataset: { id: String(draft.id) } },
    el("div", { className: "held-info" },
      el("p", { className: "held-excerpt" }, quoted(excerpt(draft.text))),
      el("p", { className: "muted held-due" },
        ready ? "Its time is up: ready to look at again"
          : el("span", {}, "Back for review at ", el("time", { attrs: { datetime: draft.due_at } }, clockWithDay(due))),
        draft.verdict && VERDICT_WORDS[draft.verdict] ? ` · checked: ${VERDICT_WORDS[draft.verdict]}` : "")),
    el("div", { className: "button-row held-buttons" },
      el("button", {
        className: "button small", attrs: { type: "button" },
        on: { click: () => openFromList(draft.id) },
      }, "Open", el("span", { className: "visually-hidden" }, ` the draft “${short}”`)),
      el("button", {
        className: "button small danger-quiet", attrs: { type: "button" },
        on: { click: () => discardFromList(draft) },
      }, "Discard", el("span", { className: "visually-hidden" }, ` the draft “${short}”`))));
}

async function openFromList(id) {
  const drafts = await loadHeld(); // afresh: it may have changed in another tab or the CLI
  if (!drafts) return;
  const draft = drafts.find((d) => d.id === id);
  if (!draft) {
    setText(compose.status, "That draft is no longer on hold.");
    document.getElementById("held-heading").focus();
    return;
  }
  openHeld(draft);
}

async function discardFromList(draft) {
  showError(pause.heldError, "");
  try {
    await api(draftPath(draft), { method: "DELETE" });
  } catch (err) {
    if (err.status !== 404) {
      showError(pause.heldError, `The draft could not be discarded: ${err.message}`);
      return;
    }
  }
  setText(compose.status, "Draft discarded: its words were deleted from pausepost's drafts file.");
  const drafts = await loadHeld();
  if (drafts?.length) document.getElementById("held-heading").focus();
  else compose.post.focus();
}

/** The profile's own pause length is the default choice. */
function choosePauseDefault() {
  const select = document.getElementById("pause-minutes");
  const preferred = String(app.info?.profile?.pause_minutes ?? 15);
  if (!$$("option", select).some((o) => o.value === preferred)) {
    select.append(el("option", { attrs: { value: preferred } }, plural(Number(preferred), "minute")));
  }
  select.value = preferred;
}

function setupPause() {
  pause.copy = new CopyControls($('[data-copy="review"]'), () => pause.draft?.text ?? "", {
    beforeCopy: releaseForCopy,
    emptyNote: "Wait for the check to finish.",
    copiedNote: "Copied, and no longer on hold. Paste it into the app when you are ready.",
  });
  document.getElementById("pause-start").addEventListener("click", startPause);
  document.getElementById("pause-early").addEventListener("click", editAfterPause);
  document.getElementById("review-edit").addEventListener("click", editAfterPause);
  for (const button of $$('[data-role="discard"]', pause.panel)) button.addEventListener("click", discardDraft);
  for (const button of $$('[data-role="later"]', pause.panel)) button.addEventListener("click", laterPause);
}

// ---------------------------------------------------------------------------------------------
// Photo or video: upload, check, draw boxes, make a safe copy.

const photo = {
  input: document.getElementById("photo-input"),
  zone: document.getElementById("dropzone"),
  status: document.getElementById("photo-status"),
  error: document.getElementById("photo-error"),
  result: document.getElementById("photo-result"),
  stage: document.getElementById("photo-stage"),
  list: document.getElementById("photo-findings"),
  upload: null,
  url: null,
  findings: [],
  busy: false,
};

async function forgetPhoto() {
  const old = photo.upload;
  photo.upload = null;
  photo.findings = [];
  if (photo.url) URL.revokeObjectURL(photo.url);
  photo.url = null;
  photo.stage.replaceChildren();
  document.getElementById("redact-stage").replaceChildren();
  show(photo.result, false);
  show(document.getElementById("redact-result"), false);
  if (old) {
    try {
      await api(`/api/uploads/${encodeURIComponent(old.id)}`, { method: "DELETE" });
    } catch {
      // It is deleted when the server stops anyway.
    }
  }
}

async function handleMediaFile(file) {
  if (!file) return;
  if (photo.busy) {
    setText(photo.status, "Still checking the last file: wait for it to finish, then choose again.");
    return;
  }
  const limit = app.info?.limits?.media_bytes;
  if (limit && file.size > limit) {
    showError(photo.error, `${file.name} is larger than ${formatSize(limit)}, the most pausepost takes.`);
    return;
  }
  photo.busy = true;
  photo.zone.classList.add("busy");
  showError(photo.error, "");
  await forgetPhoto();
  try {
    setText(photo.status, `Sending ${file.name} (${formatSize(file.size)}) to pausepost on this computer…`);
    const upload = await api(`/api/uploads?name=${encodeURIComponent(file.name)}`, { method: "POST", body: file });
    photo.upload = upload;
    setText(photo.status, `Checking ${file.name}… this can take a few seconds${upload.kind === "video" ? " for a video" : ""}.`);
    const key = upload.kind === "video" ? "videos" : "images";
    const report = await api("/api/check", { method: "POST", json: { text: "", [key]: [upload.id] } });
    photo.url = URL.createObjectURL(file);
    showPhotoReport(upload, report);
    setText(photo.status, `Checked ${file.name}: ${verdictDetail(report)}`);
  } catch (err) {
    setText(photo.status, "");
    showError(photo.error, `${file.name} could not be checked: ${err.message}`);
  } finally {
    photo.busy = false;
    photo.zone.classList.remove("busy");
    photo.input.value = "";
  }
}

/** Show a photo or video in `stage`, with a numbered box per finding that has one. Boxes are
 * placed in percentages of the file's own size, so they follow the picture as it resizes. */
function drawMedia(stage, url, kind, name, findings, numbers, onFail) {
  const media = kind === "video"
    ? el("video", { attrs: { controls: "", preload: "metadata", "aria-label": `Your video, ${name}` } })
    : el("img", { attrs: { alt: `Your photo, ${name}` } });
  const layer = el("div", { className: "box-layer", attrs: { "aria-hidden": "true" } });
  const boxes = [];
  findings.forEach((finding, index) => {
    const box = finding.where?.box;
    if (!Array.isArray(box) || box.length !== 4) return;
    const node = el("div", { className: "box", dataset: { level: finding.level, index: String(index) } },
      el("span", { className: "box-tag" }, String(numbers[index])));
    boxes.push({ node, box, where: finding.where });
    layer.append(node);
  });
  const place = () => {
    const width = kind === "video" ? media.videoWidth : media.naturalWidth;
    const height = kind === "video" ? media.videoHeight : media.naturalHeight;
    if (!width || !height) return;
    for (const { node, box } of boxes) {
      const [x, y, w, h] = box;
      node.style.left = `${(100 * x) / width}%`;
      node.style.top = `${(100 * y) / height}%`;
      node.style.width = `${(100 * w) / width}%`;
      node.style.height = `${(100 * h) / height}%`;
    }
    layer.classList.add("ready");
  };
  if (kind === "video") {
    media.addEventListener("loadedmetadata", place);
    // A video's boxes show while the player is inside the finding's time range.
    const sync = () => {
      const t = media.currentTime;
      for (const { node, where } of boxes) {
        const start = where.time ?? 0;
        const end = where.time_end ?? start + 1;
        node.hidden = !(t >= start - 0.25 && t <= end + 0.25);
      }
    };
    media.addEventListener("timeupdate", sync);
    media.addEventListener("loadedmetadata", sync);
  } else {
    media.addEventListener("load", place);
  }
  media.addEventListener("error", () => {
    // e.g. HEIC in Chromium, or a video codec the browser lacks: the check itself still ran
    stage.replaceChildren(el("p", { className: "media-fallback" }, "No preview: this browser cannot show this kind of file."));
    onFail?.();
  });
  media.src = url;
  stage.replaceChildren(media, layer);
  return boxes;
}

function showPhotoReport(upload, report) {
  photo.findings = report.findings ?? [];
  const numbers = [];
  let next = 1;
  for (const f of photo.findings) numbers.push(Array.isArray(f.where?.box) ? next++ : undefined);
  show(photo.result);
  setVerdict(document.getElementById("photo-verdict"), report.verdict, undefined, verdictDetail(report));
  const caption = document.getElementById("photo-caption");
  setText(caption, `${upload.name}, ${formatSize(upload.size)}.${next > 1 ? " Numbered boxes match the list." : ""}`);
  drawMedia(photo.stage, photo.url, upload.kind, upload.name, photo.findings, numbers, () => {
    setText(caption, `${upload.name}: your browser cannot show this kind of file, but it was checked. The findings are listed.`);
  });
  const problems = document.getElementById("photo-problems");
  problems.replaceChildren(...(report.problems ?? []).map((p) => el("li", {}, `Not checked: ${p}`)));
  const items = renderFindings(photo.list, photo.findings, { numbers });
  for (const item of items) linkItemToBox(item, photo.stage);
  show(document.getElementById("photo-findings-empty"), !photo.findings.length);
  const redact = document.getElementById("redact-button");
  redact.disabled = false;
  show(document.getElementById("redact-result"), false);
}

function linkItemToBox(item, stage) {
  const index = item.dataset.index;
  const toggle = (on) => () => {
    for (const box of $$(".box", stage)) box.classList.toggle("active", on && box.dataset.index === index);
  };
  item.addEventListener("focusin", toggle(true));
  item.addEventListener("mouseenter", toggle(true));
  item.addEventListener("focusout", toggle(false));
  item.addEventListener("mouseleave", toggle(false));
}

const ACTION_WORDS = { cover: "Covered", blur: "Blurred", strip: "Removed from the file's hidden data" };

async function redactPhoto() {
  const upload = photo.upload;
  if (!upload) return;
  const button = document.getElementById("redact-button");
  button.disabled = true;
  showError(photo.error, "");
  setText(photo.status, "Making a safe copy…");
  try {
    const result = await api(`/api/uploads/${encodeURIComponent(upload.id)}/redact`, { method: "POST" });
    if (photo.upload !== upload) return;
    const link = document.getElementById("redact-download");
    link.href = result.download;
    link.setAttribute("download", result.name);
    setText(link, `Download the safe copy (${result.name})`);
    const remaining = result.remaining ?? [];
    const numbers = [];
    let next = 1;
    for (const f of remaining) numbers.push(Array.isArray(f.where?.box) ? next++ : undefined);
    // The download URL serves the copy; a query string keeps a second copy from showing the first.
    drawMedia(document.getElementById("redact-stage"), `${result.download}?v=${Date.now()}`,
      upload.kind, result.name, remaining, numbers);
    const actions = (result.actions ?? []).map((a) => el("li", {},
      `${ACTION_WORDS[a.action] ?? a.action}: ${a.evidence || ruleTitle(a.rule)} (${ruleTitle(a.rule)})`));
    if (!actions.length) actions.push(el("li", {}, "Nothing needed changing."));
    document.getElementById("redact-actions").replaceChildren(...actions);
    renderFindings(document.getElementById("redact-remaining"), remaining, { numbers, compact: true });
    if (!remaining.length) {
      document.getElementById("redact-remaining").replaceChildren(
        el("li", { className: "finding-none" }, "Nothing: the safe copy was checked again and nothing was found."));
    }
    const notes = (result.notes ?? []).slice();
    if (result.lossless) notes.unshift("The picture itself was not changed: only hidden data was removed.");
    document.getElementById("redact-notes").replaceChildren(...notes.map((n) => el("li", {}, n)));
    show(document.getElementById("redact-result"));
    setText(photo.status, `The safe copy is ready: ${plural((result.actions ?? []).length, "change")} made.`);
    document.getElementById("redact-heading").focus();
  } catch (err) {
    setText(photo.status, "");
    showError(photo.error, `The safe copy could not be made: ${err.message}`);
  } finally {
    button.disabled = false;
  }
}

function setupPhoto() {
  photo.input.addEventListener("change", () => handleMediaFile(photo.input.files?.[0]));
  // The drop zone is the file input's label: a click or Enter/Space opens the chooser; a drop
  // hands over the file directly.
  photo.zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    photo.zone.classList.add("dragging");
  });
  photo.zone.addEventListener("dragleave", () => photo.zone.classList.remove("dragging"));
  photo.zone.addEventListener("drop", (event) => {
    event.preventDefault();
    photo.zone.classList.remove("dragging");
    handleMediaFile(event.dataTransfer?.files?.[0]);
  });
  // A file dropped anywhere else would make the browser leave the page (and any draft held in
  // it): on the photo view it is taken as the photo, elsewhere it is refused. File inputs keep
  // their own drop behaviour.
  const carriesFiles = (event) => Array.from(event.dataTransfer?.types ?? []).includes("Files")
    && !(event.target instanceof HTMLInputElement && event.target.type === "file");
  window.addEventListener("dragover", (event) => {
    if (carriesFiles(event)) event.preventDefault();
  });
  window.addEventListener("drop", (event) => {
    if (event.defaultPrevented || !carriesFiles(event)) return;
    event.preventDefault();
    if (!document.getElementById("view-photo").hidden) handleMediaFile(event.dataTransfer.files[0]);
  });
  document.getElementById("redact-button").addEventListener("click", redactPhoto);
  document.getElementById("photo-clear").addEventListener("click", async () => {
    await forgetPhoto();
    setText(photo.status, "The file was removed.");
    photo.input.focus();
  });
}

// ---------------------------------------------------------------------------------------------
// Audit: start one from an export, or open one; browse, filter and mark posts.

const audit = {
  list: document.getElementById("audit-list"),
  posts: document.getElementById("audit-posts"),
  id: null,
  offset: 0,
  data: null,
  polling: null,
  loading: 0,
};

const STATUS_WORDS = {
  reading: "Reading the export", checking: "Checking", done: "Finished", failed: "Failed",
  stopped: "Stopped before the end",
};

async function loadAudits() {
  let entries;
  try {
    entries = await api("/api/audits");
  } catch (err) {
    showError(document.getElementById("audit-start-error"), `The list of audits could not be read: ${err.message}`);
    return;
  }
  show(document.getElementById("audit-list-empty"), !entries.length);
  audit.list.replaceChildren(...entries.map(auditListItem));
}

function auditListItem(entry) {
  const progress = entry.status === "checking" && entry.total
    ? ` (${entry.done.toLocaleString()} of ${entry.total.toLocaleString()})` : "";
  const details = [STATUS_WORDS[entry.status] ?? entry.status];
  if (entry.platform) details.push(PLATFORM_NAMES[entry.platform] ?? entry.platform);
  if (entry.started) details.push(`started ${formatDate(entry.started)}`);
  const openable = entry.status === "done" || entry.status === "stopped";
  return el("li", { className: "audit-entry", dataset: { id: entry.id } },
    el("div", {},
      el("strong", { className: "audit-name" }, entry.name),
      el("span", { className: "muted" }, ` ${details.join(" · ")}${progress}`),
      entry.error ? el("p", { className: "error-text" }, entry.error) : null),
    el("button", {
      className: "button small", attrs: { type: "button", disabled: openable ? undefined : "",
        "aria-label": `Open the audit ${entry.name}` },
      on: { click: () => openAudit(entry.id) },
    }, "Open"));
}

async function startAudit(event) {
  event.preventDefault();
  const input = document.getElementById("audit-file");
  const file = input.files?.[0];
  const error = document.getElementById("audit-start-error");
  const status = document.getElementById("audit-start-status");
  showError(error, "");
  if (!file) {
    showError(error, "Choose your export file first.");
    input.focus();
    return;
  }
  const media = document.getElementById("audit-media").checked;
  const button = document.getElementById("audit-start-button");
  button.disabled = true;
  showProgress("Sending the export…", null);
  try {
    const entry = await api(`/api/audits?name=${encodeURIComponent(file.name)}&media=${media}`, {
      method: "POST", body: file,
    });
    setText(status, `The audit of ${file.name} has started.`);
    input.value = "";
    await loadAudits();
    pollAudit(entry.id);
  } catch (err) {
    show(document.getElementById("audit-progress"), false);
    showError(error, `The audit could not start: ${err.message}`);
    button.disabled = false;
  }
}

function showProgress(label, entry) {
  const block = document.getElementById("audit-progress");
  const bar = document.getElementById("audit-progress-bar");
  show(block);
  setText(document.getElementById("audit-progress-label"), label);
  if (entry && entry.total) {
    bar.max = entry.total;
    bar.value = entry.done;
  } else {
    bar.removeAttribute("value"); // an indeterminate bar while the export is read
  }
}

/** Poll a running audit every second until it finishes, then open it. */
function pollAudit(id) {
  clearInterval(audit.polling);
  const status = document.getElementById("audit-start-status");
  const button = document.getElementById("audit-start-button");
  const tick = async () => {
    let entry;
    try {
      entry = await api(`/api/audits/${encodeURIComponent(id)}`);
    } catch (err) {
      clearInterval(audit.polling);
      showError(document.getElementById("audit-start-error"), err.message);
      button.disabled = false;
      return;
    }
    if (entry.status === "reading") showProgress("Reading the export…", null);
    else if (entry.status === "checking") {
      showProgress(`Checking: ${entry.done.toLocaleString()} of ${entry.total.toLocaleString()} posts`, entry);
    }
    if (entry.status === "done" || entry.status === "failed" || entry.status === "stopped") {
      clearInterval(audit.polling);
      audit.polling = null;
      button.disabled = false;
      show(document.getElementById("audit-progress"), false);
      await loadAudits();
      if (entry.status === "failed") {
        showError(document.getElementById("audit-start-error"), `The audit failed: ${entry.error ?? "unknown error"}`);
        setText(status, "");
      } else {
        setText(status, `The audit of ${entry.name} is finished: ${plural(entry.total, "post")} checked.`);
        openAudit(id);
      }
    }
  };
  audit.polling = setInterval(tick, POLL_MS);
  tick();
}

function auditFilters() {
  return {
    rule: document.getElementById("filter-rule").value,
    level: document.getElementById("filter-level").value,
    year: document.getElementById("filter-year").value,
    decision: document.getElementById("filter-decision").value,
  };
}

async function openAudit(id) {
  audit.id = id;
  audit.offset = 0;
  for (const id of ["filter-rule", "filter-level", "filter-year", "filter-decision"]) {
    document.getElementById(id).value = "";
  }
  show(document.getElementById("audit-open"));
  await loadPosts({ focus: true });
}

async function loadPosts({ focus = false } = {}) {
  if (!audit.id) return;
  const params = new URLSearchParams({ risky: "true", offset: String(audit.offset), limit: String(AUDIT_PAGE) });
  for (const [key, value] of Object.entries(auditFilters())) if (value) params.set(key, value);
  const ticket = ++audit.loading;
  const status = document.getElementById("audit-posts-status");
  setText(status, "Loading posts…");
  showError(document.getElementById("audit-posts-error"), "");
  let data;
  try {
    data = await api(`/api/audits/${encodeURIComponent(audit.id)}/posts?${params}`);
  } catch (err) {
    if (ticket !== audit.loading) return;
    setText(status, "");
    showError(document.getElementById("audit-posts-error"), `The posts could not be read: ${err.message}`);
    return;
  }
  if (ticket !== audit.loading) return; // a newer filter choice is on its way
  audit.data = data;
  renderAudit(data);
  if (focus) document.getElementById("audit-open-heading").focus();
}

function fillSelect(select, counts, label) {
  const keep = select.value;
  const options = [el("option", { attrs: { value: "" } }, select.options[0]?.textContent ?? "Any")];
  for (const [value, n] of Object.entries(counts)) {
    options.push(el("option", { attrs: { value } }, `${label(value)} (${n.toLocaleString()})`));
  }
  if (keep && !(keep in counts)) options.push(el("option", { attrs: { value: keep } }, `${label(keep)} (0)`));
  select.replaceChildren(...options);
  select.value = keep;
}

function renderAudit(data) {
  const entry = data.audit;
  setText(document.getElementById("audit-open-heading"), `Audit: ${entry.name}`);
  const risky = Object.values(data.counts.decisions ?? {}).reduce((a, b) => a + b, 0);
  setText(document.getElementById("audit-summary"),
    `${plural(data.posts_in_audit, "post")} checked, ${plural(risky, "risky post")}.`
    + (entry.platform ? ` Platform: ${entry.platform}.` : ""));
  const history = data.history ?? [];
  show(document.getElementById("audit-history-block"), history.length > 0);
  document.getElementById("audit-history").replaceChildren(...history.map((h) => el("li", {
    className: "finding", dataset: { level: h.level },
  }, el("p", { className: "finding-head" }, levelBadge(h.level), el("span", { className: "finding-rule" }, ruleTitle(h.rule))),
  el("p", { className: "finding-message" }, h.message),
  h.posts?.length ? el("p", { className: "muted" }, `Across ${plural(h.posts.length, "post")}.`) : null)));

  fillSelect(document.getElementById("filter-rule"), data.counts.rules ?? {}, ruleTitle);
  fillSelect(document.getElementById("filter-year"), data.counts.years ?? {}, (y) => (y === "unknown" ? "Unknown" : y));
  const decisionNames = { undecided: "Not decided yet", handled: "Handled", deleted: "Deleted", keep: "Keep" };
  const decisionSelect = document.getElementById("filter-decision");
  for (const option of decisionSelect.options) {
    if (!option.value) continue;
    const n = data.counts.decisions?.[option.value] ?? 0;
    option.textContent = `${decisionNames[option.value]} (${n.toLocaleString()})`;
  }

  audit.posts.replaceChildren(...data.posts.map(auditPostItem));
  const first = data.matching ? data.offset + 1 : 0;
  const last = Math.min(data.offset + data.posts.length, data.matching);
  const words = data.matching
    ? `Showing ${first.toLocaleString()}–${last.toLocaleString()} of ${plural(data.matching, "post")}.`
    : "No posts match these filters.";
  setText(document.getElementById("audit-posts-status"), words);
  setText(document.getElementById("audit-page"), data.matching ? `${first}–${last} of ${data.matching}` : "");
  document.getElementById("audit-prev").disabled = data.offset <= 0;
  document.getElementById("audit-next").disabled = data.offset + data.posts.length >= data.matching;
  show($(".pager", document.getElementById("audit-open")), data.matching > AUDIT_PAGE || data.offset > 0);
}

const PLATFORM_NAMES = {
  x: "X", twitter: "X", facebook: "Facebook", instagram: "Instagram", threads: "Threads",
  linkedin: "LinkedIn", bluesky: "Bluesky", mastodon: "Mastodon", reddit: "Reddit", tiktok: "TikTok",
};

function safeLink(url) {
  // Only web links become links: a post's URL comes from an export file.
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function auditPostItem(post, n) {
  const headingId = `post-${audit.offset + n}`;
  const platform = PLATFORM_NAMES[post.platform] ?? post.platform ?? "";
  const findings = post.findings ?? [];
  const link = post.url ? safeLink(post.url) : null;
  const meta = [platform, post.kind && post.kind !== "post" ? post.kind : null].filter(Boolean).join(" · ");
  const article = el("article", { className: "audit-post", attrs: { "aria-labelledby": headingId } },
    el("header", { className: "audit-post-head" },
      el("h3", { attrs: { id: headingId } }, el("time", { attrs: { datetime: post.created ?? undefined } }, formatDate(post.created))),
      el("span", { className: "muted" }, meta),
      el("span", { className: "badge verdict-badge", dataset: { verdict: post.verdict } },
        el("span", { className: "badge-icon", attrs: { "aria-hidden": "true" } }, VERDICTS[post.verdict]?.icon ?? ""),
        post.verdict === "stop" ? "Serious" : post.verdict === "pause" ? "Review" : "Fine"),
      link ? el("a", {
        className: "post-link",
        attrs: { href: link, target: "_blank", rel: "noopener noreferrer" },
      }, `View on ${platform || "the site"}`, el("span", { className: "visually-hidden" }, " (opens in a new tab)")) : null),
    post.reply_to ? el("p", { className: "muted" }, `Replying to ${post.reply_to}`) : null,
    post.quote ? el("blockquote", { className: "audit-quote" },
      markedFragment(post.quote, spansFor(findings, "quote", post.quote))) : null,
    el("p", { className: "audit-text" }, markedFragment(post.text ?? "", spansFor(findings, "text", post.text ?? ""))),
    el("ul", { className: "findings compact" }, findings.map((f, i) => findingItem(f, i, { compact: true, focusable: false }))),
    decisionButtons(post));
  return el("li", {}, article);
}

function decisionButtons(post) {
  const note = el("span", { className: "saved-note", attrs: { role: "status" } },
    post.decision ? `Saved: ${post.decision}.` : "");
  const group = el("div", { className: "decisions", attrs: { role: "group", "aria-label": "What you did about this post" } });
  const choices = [["handled", "Handled"], ["deleted", "Deleted"], ["keep", "Keep"]];
  const buttons = choices.map(([value, label]) => el("button", {
    className: "button small toggle",
    attrs: { type: "button", "aria-pressed": String(post.decision === value) },
    dataset: { decision: value },
    on: { click: () => decide(post, value, buttons, note) },
  }, label));
  group.append(...buttons, note);
  return group;
}

async function decide(post, value, buttons, note) {
  if (post.decision === value) return;
  setText(note, "Saving…");
  try {
    const saved = await api(`/api/audits/${encodeURIComponent(audit.id)}/decisions`, {
      method: "POST", json: { key: post.key, decision: value },
    });
    post.decision = saved.decision;
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.decision === saved.decision));
    setText(note, `Saved: ${saved.decision}.`);
  } catch (err) {
    setText(note, `Not saved: ${err.message}`);
  }
}

function setupAudit() {
  document.getElementById("audit-start").addEventListener("submit", startAudit);
  document.getElementById("audit-refresh").addEventListener("click", loadAudits);
  for (const id of ["filter-rule", "filter-level", "filter-year", "filter-decision"]) {
    document.getElementById(id).addEventListener("change", () => {
      audit.offset = 0;
      loadPosts();
    });
  }
  document.getElementById("audit-filters").addEventListener("submit", (e) => e.preventDefault());
  document.getElementById("audit-prev").addEventListener("click", () => {
    audit.offset = Math.max(0, audit.offset - AUDIT_PAGE);
    loadPosts({ focus: true });
  });
  document.getElementById("audit-next").addEventListener("click", () => {
    audit.offset += AUDIT_PAGE;
    loadPosts({ focus: true });
  });
}

// ---------------------------------------------------------------------------------------------
// The rules, from the active policy pack.

function renderRules(data) {
  const policy = data.policy;
  setText(document.getElementById("rules-policy"),
    `From the ${policy.name} policy pack (${policy.chain.join(" → ")}). Each rule says why it matters, `
    + "what to write instead, and where it comes from.");
  const index = document.getElementById("rules-index");
  const list = document.getElementById("rules-list");
  index.replaceChildren(...data.rules.map((rule) => el("li", {},
    el("a", { attrs: { href: `#rule-${rule.id}` } }, rule.title))),
  el("li", {}, el("a", { attrs: { href: "#political" } }, "Political activity by group")));
  list.replaceChildren(...data.rules.map((rule) => el("article", {
    className: "rule card", attrs: { id: `rule-${rule.id}`, "aria-labelledby": `rule-title-${rule.id}`, tabindex: "-1" },
    dataset: { rule: rule.id, level: rule.level },
  },
  el("header", { className: "rule-head" },
    el("h2", { attrs: { id: `rule-title-${rule.id}` } }, rule.title),
    el("code", { className: "rule-id" }, rule.id),
    el("span", { className: "muted" }, "Usually: "), levelBadge(rule.level)),
  el("dl", { className: "rule-details" },
    el("dt", {}, "Why it matters"), el("dd", {}, rule.why),
    rule.example ? [el("dt", {}, "For example"), el("dd", {}, quoted(rule.example))] : null,
    rule.instead ? [el("dt", {}, "Write instead"), el("dd", {}, quoted(rule.instead))] : null,
    rule.advice ? [el("dt", {}, "What to do"), el("dd", {}, rule.advice)] : null,
    rule.citations?.length ? [el("dt", {}, "Where it comes from"), el("dd", {},
      el("ul", { className: "citations" }, rule.citations.map((c) => el("li", {}, citationText(c)))))] : null))));
  renderPoliticalTable(data);
  setText(document.getElementById("footer-policy"), `Policy: ${policy.name}`);
}

const GROUP_NAMES = {
  restricted: "Politically restricted", intermediate: "Intermediate", unspecified: "Not set",
  free: "Politically free",
};

function renderPoliticalTable(data) {
  const levels = data.political_levels ?? {};
  const rules = Object.keys(levels);
  const groups = [...new Set(rules.flatMap((r) => Object.keys(levels[r])))];
  const mine = data.political_group;
  setText(document.getElementById("political-group"),
    `Your group: ${GROUP_NAMES[mine] ?? mine}${mine === "unspecified" ? " (set political_group in your profile to be exact)" : ""}. `
    + "Its column is marked “your group”.");
  const table = document.getElementById("political-table");
  $("thead", table).replaceChildren(el("tr", {}, el("th", { attrs: { scope: "col" } }, "Rule"),
    groups.map((g) => el("th", { attrs: { scope: "col" }, className: g === mine ? "mine" : "" },
      GROUP_NAMES[g] ?? g, g === mine ? el("span", { className: "mine-tag" }, " (your group)") : null))));
  $("tbody", table).replaceChildren(...rules.map((rule) => el("tr", {},
    el("th", { attrs: { scope: "row" } }, ruleTitle(rule)),
    groups.map((g) => el("td", { className: g === mine ? "mine" : "" },
      levels[rule][g] ? levelBadge(levels[rule][g]) : "–")))));
}

// ---------------------------------------------------------------------------------------------
// Views, switched by the URL hash; #rule-… anchors open the rules view at that rule.

const VIEWS = ["compose", "photo", "audit", "rules"];

function route({ moveFocus = true } = {}) {
  const target = decodeURIComponent(location.hash.slice(1));
  let view = VIEWS.includes(target) ? target : null;
  let anchor = null;
  if (!view && target) {
    anchor = document.getElementById(target);
    view = anchor?.closest("[data-view]")?.dataset.view ?? null;
    if (!view) return; // e.g. the skip link's #main: stay where we are
  }
  view = view ?? "compose";
  for (const section of $$("[data-view]")) show(section, section.dataset.view === view);
  for (const link of $$("[data-nav]")) {
    if (link.dataset.nav === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  hideTooltip();
  if (view === "audit") loadAudits();
  if (anchor && anchor !== document.getElementById(`view-${view}`)) {
    anchor.scrollIntoView();
    if (moveFocus) anchor.focus({ preventScroll: true });
  } else if (moveFocus) {
    $(`#view-${view} h1`).focus();
  }
  document.title = `${$(`#view-${view} h1`).textContent}: pausepost`;
}

// ---------------------------------------------------------------------------------------------
// Start

async function start() {
  setupCompose();
  setupPause();
  setupPhoto();
  setupAudit();
  window.addEventListener("hashchange", () => route());
  route({ moveFocus: false });
  const held = loadHeld(); // drafts paused earlier, even from a page since closed
  try {
    const [info, rules] = await Promise.all([api("/api/info"), api("/api/rules")]);
    app.info = info;
    app.rulesData = rules;
    for (const rule of rules.rules) app.rules.set(rule.id, rule);
    renderRules(rules);
    choosePauseDefault();
    updateCounts();
    updateReminder();
    if (location.hash.startsWith("#rule-")) route({ moveFocus: false });
  } catch (err) {
    showError(document.getElementById("app-error"), `pausepost could not start: ${err.message}`);
  }
  await held;
  document.documentElement.dataset.ready = "true";
}

start();
