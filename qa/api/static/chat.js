// The chat page: streams answers from POST /api/chat (Server-Sent Events over fetch), shows [n] citations
// as links that open the cited passage in its context, and the per-township evidence table; the admin view and
// the county view (the indicator table, the required-parts check, shared themes, downloads).
"use strict";

const $ = (id) => document.getElementById(id);
const history = [];  // the user's earlier questions in this conversation
if (location.pathname.startsWith("/embed")) document.body.classList.add("embed");

function headers(json = true) {
  const h = json ? { "Content-Type": "application/json" } : {};
  const key = localStorage.getItem("qa-key");
  if (key) h.Authorization = "Bearer " + key;
  return h;
}

// What an official reads when a request fails: in Chinese, saying what to do (the server's detail is English)
const MESSAGES = {
  400: "问题无法处理，请换个说法再试。", 401: "需要访问密钥，请在上方输入。", 403: "这个密钥没有此项权限。",
  404: "没有找到这份报告，可能已被删除。", 408: "请求超时，请再试一次。", 413: "内容太大，无法提交。",
  429: "提问太频繁，请稍等一分钟再试。", 503: "服务暂时不可用，请稍后再试。",
};

class RequestError extends Error {
  constructor(status) { super(MESSAGES[status] || "服务暂时不可用，请稍后再试。"); this.status = status; }
}

async function call(url, options = {}) {
  let r;
  try {
    r = await fetch(url, { ...options, headers: headers(!(options.body instanceof FormData)) });
  } catch (e) {
    throw new RequestError(0);  // no answer at all: the server is down or unreachable
  }
  if (r.status === 401) signIn(localStorage.getItem("qa-key") ? "密钥不正确，请重新输入。" : "");
  if (!r.ok) throw new RequestError(r.status);
  return r;
}

// Sign-in: a form, not prompt(); the key is kept in this browser only
function signIn(message) {
  $("signin").hidden = false;
  $("signin-message").textContent = message;
  $("key").focus();
}

$("signin").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  localStorage.setItem("qa-key", $("key").value.trim());
  $("key").value = "";
  $("signin-message").textContent = "";
  $("signin").hidden = true;
  setStatus("");
  await loadReports();
  if (!$("county").hidden) await loadTab();
});

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

const zh = new Intl.Collator("zh-CN");

async function loadReports(announce = true) {
  try {
    const reports = await (await call("/api/reports")).json();
    const towns = [...new Set(reports.map((r) => r.township).filter(Boolean))].sort(zh.compare);
    const years = [...new Set(reports.map((r) => r.year).filter(Boolean))].sort();
    for (const prefix of ["", "county-"]) {  // the page's filters and the county view's
      fillSelect($(prefix + "township"), towns, (t) => t);
      fillSelect($(prefix + "year"), years, (y) => y + "年");
    }
    if (announce) setStatus(`已收录 ${reports.length} 份报告`);
    welcome(reports, towns, years);
  } catch (e) {
    setStatus(e.message, true);
  }
}

// A filter's options after 全部 (again after a sign-in or an upload: no duplicates), keeping what was chosen
function fillSelect(select, values, label) {
  const keep = select.value;
  select.length = 1;
  for (const v of values) select.append(new Option(label(v), v));
  select.value = values.map(String).includes(keep) ? keep : "";
}

// The empty state: what is loaded, and questions to start from (a click asks one)
function welcome(reports, towns, years) {
  const span = years.length > 1 ? `${years[0]}–${years[years.length - 1]}年` : years.length ? `${years[0]}年` : "";
  $("loaded").textContent = reports.length
    ? `已收录 ${reports.length} 份报告（${span}）：${towns.join("、")}`
    : "还没有导入报告，请管理员先上传。";
  const first = towns[0] || "某乡镇";
  $("examples").textContent = "";
  for (const q of [`${first}有多少人领取了行政执法证？`, "哪些乡镇聘请了村法律顾问？", `${first}下一年的工作计划是什么？`,
                   "各乡镇普遍存在哪些问题？"]) {
    const b = document.createElement("button");
    b.type = "button"; b.className = "example"; b.textContent = q;
    b.addEventListener("click", () => ask(q));
    $("examples").append(b);
  }
}

// Text with [n] markers -> text nodes and citation links.
function renderAnswer(el, text, citations) {
  el.textContent = "";
  const byN = new Map((citations || []).map((c) => [c.n, c]));
  let last = 0;
  for (const m of text.matchAll(/\[(\d+)\]/g)) {
    el.append(text.slice(last, m.index));
    const c = byN.get(Number(m[1]));
    if (c) {
      const a = document.createElement("a");
      a.className = "cite"; a.textContent = m[0]; a.href = "#"; a.dataset.n = m[1];
      a.title = `${c.township || c.file} ${c.year || ""} ${c.section || ""}`;
      a.addEventListener("click", (ev) => { ev.preventDefault(); showPassage(c); });
      el.append(a);
    } else {
      el.append(m[0]);
    }
    last = m.index + m[0].length;
  }
  el.append(text.slice(last));
}

let opener = null;  // what opened the passage: focus goes back to it when the passage closes

async function showPassage(c) {
  const url = `/api/reports/${encodeURIComponent(c.report_id)}/text?start=${c.start}&end=${c.end}&context=300`;
  try {
    const p = await (await call(url)).json();
    $("passage-title").textContent = `${p.township || c.name || c.file || p.file_name}${p.year ? "（" + p.year + "年）" : ""}`;
    $("passage-section").textContent = "章节：" + (c.section || "（报告开头）");
    const where = p.page ? `，第 ${p.page} 页` : p.paragraph ? `，第 ${p.paragraph} 段` : "";
    $("passage-file").textContent = `文件：${p.file_name || c.file}${where}`;
    const original = $("passage-original");
    original.hidden = !p.download;
    original.textContent = p.page ? `打开原文件（第 ${p.page} 页）` : "下载原文件";
    original.onclick = (ev) => { ev.preventDefault(); openOriginal(p); };
    const box = $("passage-text");
    box.textContent = "";
    const mark = document.createElement("mark");
    mark.textContent = p.text;
    box.append("…" + p.before, mark, p.after + "…");
    opener = document.activeElement;
    $("passage").hidden = false;
    mark.scrollIntoView({ block: "center" });
    $("close-passage").focus({ preventScroll: true });
  } catch (e) {
    setStatus("无法打开引用段落：" + e.message, true);
  }
}

// The original file, fetched with the key (a plain link could not send it); a PDF opens at its page in the
// browser's viewer, other files are saved under their own name.
async function openOriginal(p) {
  try {
    const blob = await (await call(p.download)).blob();
    if (p.page) {
      const url = URL.createObjectURL(blob);
      window.open(`${url}#page=${p.page}`, "_blank", "noopener");
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } else {
      save(blob, p.file_name || "report");
    }
  } catch (e) {
    setStatus("无法打开原文件：" + e.message, true);
  }
}

// A fetched file saved under `name` (the browser's download): an object URL and a link with `download`
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url; a.download = name;
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function closePassage() {
  if ($("passage").hidden) return;
  $("passage").hidden = true;
  if (opener && opener.focus) opener.focus();
}

function citeLink(c) {
  const a = document.createElement("a");
  a.className = "cite"; a.href = "#"; a.textContent = `[${c.n}]`;
  a.title = `${c.township || c.file} ${c.year || ""} ${c.section || ""}`;
  a.addEventListener("click", (ev) => { ev.preventDefault(); showPassage(c); });
  return a;
}

// The per-report table of a question across reports: in the answer's order (reports found first, by their first
// citation), then those where nothing was found; a column with what each report says; sortable by its headers
function renderReports(turn, reports) {
  if (!reports || !reports.length) return;
  const first = (r) => (r.citations.length ? Math.min(...r.citations.map((c) => c.n)) : Infinity);
  const rows = [...reports].sort((x, y) => (first(x) - first(y)) || zh.compare(x.township || "", y.township || ""));
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  const table = document.createElement("table");
  table.className = "reports";
  const head = table.createTHead().insertRow();
  const figures = rows.some((r) => r.figure);  // a how-many question: each report's figure in a column of its own
  const columns = [["乡镇", (r) => r.township || r.report_id], ["年度", (r) => String(r.year || "")],
                   ["结果", (r) => (r.supported ? "0" : "1")],
                   ...(figures ? [["数字", (r) => (r.value == null ? Number.MAX_VALUE : -r.value)]] : []),
                   ["报告中的表述", () => ""]];
  const body = table.createTBody();
  const fill = (list) => {
    body.textContent = "";
    for (const r of list) {
      const tr = body.insertRow();
      tr.insertCell().textContent = r.township || r.report_id;
      tr.insertCell().textContent = r.year ? r.year + "年" : "";
      const found = tr.insertCell();
      found.textContent = r.supported ? "找到" : "未找到";
      found.className = r.supported ? "yes" : "no";
      if (!r.supported) found.title = "在这份报告里没有找到相关的句子（不等于报告一定没写，可点开原文核对）";
      if (figures) {
        const figure = tr.insertCell();
        figure.className = "figure";
        figure.textContent = r.figure || "—";
      }
      const said = tr.insertCell();
      said.className = "said";
      for (const c of r.citations) said.append(c.text.length > 80 ? c.text.slice(0, 80) + "…" : c.text, citeLink(c), " ");
    }
  };
  for (const [name, key] of columns) {
    const th = document.createElement("th");
    th.textContent = name;
    if (name !== "报告中的表述") {
      th.className = "sortable"; th.tabIndex = 0; th.title = "点击排序";
      const order = (x, y) => { const a = key(x), b = key(y); return typeof a === "number" ? a - b : zh.compare(a, b); };
      const sort = () => fill([...rows].sort(order));
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (ev) => { if (ev.key === "Enter") sort(); });
    }
    head.append(th);
  }
  fill(rows);
  wrap.append(table);
  turn.append(wrap);
}

// A refusal's closest passages, shown for orientation: not evidence, but often what the official was after
function renderRelated(turn, after, related) {
  if (!related || !related.length) return;
  const box = document.createElement("div");
  box.className = "related";
  const title = document.createElement("p");
  title.textContent = "最接近的段落（仅供参考，请点编号核对原文）：";
  const list = document.createElement("ol");
  for (const c of related) {
    const li = document.createElement("li");
    li.append(citeLink(c), ` ${c.township || c.file}${c.year ? "（" + c.year + "年）" : ""}：${c.text}`);
    list.append(li);
  }
  box.append(title, list);
  turn.insertBefore(box, after.nextSibling);
}

async function ask(question) {
  // the filters travel as fields of the request, never as words added to the question
  const scope = { township: $("township").value || null, year: $("year").value ? Number($("year").value) : null };
  $("welcome").hidden = true;
  const turn = document.createElement("div");
  turn.className = "turn";
  const q = document.createElement("div"); q.className = "q"; q.textContent = question;
  const within = [scope.township, scope.year && scope.year + "年"].filter(Boolean).join(" · ");
  if (within) {
    const f = document.createElement("span"); f.className = "scope"; f.textContent = "范围：" + within;
    q.append(f);
  }
  const a = document.createElement("div"); a.className = "a"; a.textContent = "…";
  turn.append(q, a);
  $("conversation").append(turn);
  turn.scrollIntoView();
  const messages = [...history.map((h) => ({ role: "user", content: h })), { role: "user", content: question }];
  history.push(question);
  let text = "";
  try {
    const r = await call("/api/chat", { method: "POST", body: JSON.stringify({ messages, stream: true, ...scope }) });
    const reader = r.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
        const kind = block.match(/^event: (.*)$/m)[1];
        const data = JSON.parse(block.match(/^data: (.*)$/m)[1]);
        if (kind === "delta") { text += data.text; a.textContent = text; }
        else if (kind === "citations") renderReports(turn, data.reports);
        else if (kind === "done") finish(turn, a, data);
      }
    }
  } catch (e) {
    a.classList.add("refused");
    a.textContent = e.message;
    if (e.status !== 401) setStatus(e.message, true);
  }
}

function finish(turn, a, answer) {
  renderAnswer(a, answer.answer, answer.citations.length ? answer.citations : answer.related);
  a.dataset.mode = answer.mode;
  if (answer.refused) {
    a.classList.add("refused");
    renderRelated(turn, a, answer.related);
  }
  if (answer.interpreted_as) {  // how a follow-up was read goes above its answer: read first, then what follows from it
    const reading = document.createElement("div");
    reading.className = "note reading";
    reading.textContent = "理解为（结合前面的问题）：" + answer.interpreted_as;
    turn.insertBefore(reading, a);
  }
  const notes = [];  // [text, detail for whoever runs the service (shown on hover), warning?]
  if (answer.llm_error) notes.push(["大模型暂不可用，以下为报告原文摘录。", answer.llm_error, false]);
  // what the answer could not do: vectors down (keywords only), sentences the citation check removed
  for (const w of answer.warnings || []) notes.push(["提示：" + w, "", true]);
  let after = turn.querySelector(".related") || a;
  for (const [text, detail, warning] of notes) {
    const p = document.createElement("div"); p.className = "note"; p.textContent = text;
    if (detail) p.title = detail;
    if (warning) p.classList.add("warning");
    turn.insertBefore(p, after.nextSibling);
    after = p;
  }
}

$("ask").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const question = $("question").value.trim();
  if (!question) return;
  $("question").value = "";
  ask(question);
});
$("question").addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); $("ask").requestSubmit(); }
});
$("new-chat").addEventListener("click", () => {
  history.length = 0;
  for (const t of [...document.querySelectorAll(".turn")]) t.remove();
  $("welcome").hidden = false;
});
$("close-passage").addEventListener("click", closePassage);
document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closePassage(); });
document.addEventListener("mousedown", (ev) => {  // a click outside the passage closes it (a citation opens another)
  if (!$("passage").hidden && !$("passage").contains(ev.target) && !ev.target.closest("a.cite")) closePassage();
});
// The admin view: upload reports (each file's result), the reports held (with what was not found), delete
const STATUS = { added: "已导入", updated: "已更新", unchanged: "未变（已收录）", failed: "失败" };
const LEVELS = { township: "乡镇", street: "街道", county: "县级", department: "部门", city: "市级", unknown: "未识别" };
const FIELDS = { township: "乡镇", year: "年度" };

// One of the page's views in <main>: the conversation, the admin view or the county view (which needs the room
// the question form takes, and has filters of its own)
function showView(name) {
  for (const view of ["conversation", "admin", "county"]) $(view).hidden = view !== name;
  $("ask").hidden = name === "county";
}

async function showAdmin() {
  showView("admin");
  await listReports();
}

async function listReports() {
  try {
    const reports = await (await call("/api/reports")).json();
    const body = $("report-list").tBodies[0];
    body.textContent = "";
    for (const r of reports) {
      const tr = body.insertRow();
      tr.insertCell().textContent = r.township || r.body || "（乡镇未识别）";
      tr.insertCell().textContent = r.year ? r.year + "年" : "（未识别）";
      tr.insertCell().textContent = LEVELS[r.level] || r.level;
      tr.insertCell().textContent = r.missing.map((f) => FIELDS[f] || f).join("、");
      tr.insertCell().textContent = r.file;
      const b = document.createElement("button");
      b.type = "button"; b.textContent = "删除"; b.className = "delete";
      b.addEventListener("click", () => removeReport(r));
      tr.insertCell().append(b);
    }
  } catch (e) {
    setStatus(e.message, true);
  }
}

async function removeReport(r) {
  if (!confirm(`删除「${r.township || r.file}」${r.year || ""} 的报告？其引用、索引一并删除。`)) return;
  try {
    await call(`/api/reports/${encodeURIComponent(r.id)}`, { method: "DELETE" });
    setStatus(`已删除：${r.file}`);
  } catch (e) {
    setStatus(e.status === 403 ? "这个密钥没有管理权限，不能删除。" : e.message, true);
  }
  await listReports();
  await loadReports(false);
}

$("upload").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const form = new FormData();
  for (const f of $("files").files) form.append("files", f);
  if (!form.has("files")) return;
  const list = $("upload-results");
  list.textContent = "";
  setStatus("正在导入……");
  try {
    const out = await (await call("/api/reports", { method: "POST", body: form })).json();
    for (const f of out.files) {
      const li = document.createElement("li");
      li.className = f.status;
      const name = f.file.split("/").pop();
      li.textContent = f.status === "failed"
        ? `${name}：失败。原因：${f.reason_zh || f.reason}${(f.fix_zh || f.fix) ? "。建议：" + (f.fix_zh || f.fix) : ""}`
        : `${name}：${STATUS[f.status]}（${f.township || "乡镇未识别"}${f.year ? "，" + f.year + "年" : ""}）`;
      list.append(li);
    }
    setStatus(`导入完成：新增 ${out.added}，更新 ${out.updated}，未变 ${out.unchanged}，失败 ${out.failed}`, out.failed > 0);
  } catch (e) {
    setStatus(e.status === 403 ? "这个密钥没有管理权限，不能上传。" : e.message, true);
  }
  $("files").value = "";
  await listReports();
  await loadReports(false);
});
$("open-admin").addEventListener("click", showAdmin);
$("close-admin").addEventListener("click", () => showView("conversation"));


// The county view (依法治县办): every report side by side in 指标对比表 (GET /api/table), 必备内容检查
// (GET /api/required) and 共性问题 / 下年计划 (GET /api/themes); each figure, heading and sentence links to its place
// in the report. Its year is the page's year (kept in step); its township narrows the table, its exports and the
// check, not the themes or the summary draft (they are about what townships share).
const county = { tab: "table", kind: "problems", loads: 0 };
const TABS = ["table", "required", "themes"];
const KINDS = { problems: "存在问题", plans: "下年计划", measures: "主要做法" };


// The township chosen, unless the shown tab is across townships (themes: the select is disabled there)
const countyTown = () => ($("county-township").disabled ? "" : $("county-township").value);

// The view's scope as a query string, with `params` (format=…) added
function countyQuery(params = {}, township = true) {
  const q = new URLSearchParams(params);
  if ($("county-year").value) q.set("year", $("county-year").value);
  if (township && countyTown()) q.set("township", countyTown());
  return "?" + q.toString();
}

function scopeName(township = true) {
  const parts = [township && countyTown(), $("county-year").value && $("county-year").value + "年"];
  const within = parts.filter(Boolean).join("");
  return within ? `（${within}）` : "";
}

function showCounty() {
  $("county-year").value = $("year").value;
  showView("county");
  $("county-title").focus();
  loadTab();
}

function selectTab(tab) {
  county.tab = tab;
  for (const t of TABS) {
    $("tab-" + t).setAttribute("aria-pressed", String(t === tab));
    $("panel-" + t).hidden = t !== tab;
  }
  $("county-township").disabled = tab === "themes";
  loadTab();
}

// The shown tab's data, fetched again (after a filter, a tab or a sign-in); the newest load wins over older ones
async function loadTab() {
  const load = ++county.loads;
  const [url, render] = {
    table: ["/api/table" + countyQuery(), renderTable],
    required: ["/api/required" + countyQuery({}, false), renderRequired],
    themes: ["/api/themes" + countyQuery({ kind: county.kind }, false), renderThemes],
  }[county.tab];
  const panel = $("panel-" + county.tab);
  panel.setAttribute("aria-busy", "true");
  try {
    const data = await (await call(url)).json();
    if (load === county.loads) render(data);
  } catch (e) {
    if (load !== county.loads) return;
    for (const el of panel.querySelectorAll("table, ol, .count")) el.textContent = "";  // no figures of another scope
    setStatus(e.message, true);
  } finally {  // a load overtaken by one for another tab leaves its own panel idle too
    if (load === county.loads || panel !== $("panel-" + county.tab)) panel.removeAttribute("aria-busy");
  }
}

const place = (r) => r.township || r.body || r.file || r.report_id;
const byPlace = (x, y) => zh.compare(place(x), place(y)) || (x.year || 0) - (y.year || 0);
const number = (v) => String(Number.isInteger(v) ? v : Number(v.toFixed(2)));

// A link to the sentence (or heading) `c` comes from, opened in the passage viewer
function sourceLink(text, title, c) {
  const a = document.createElement("a");
  a.className = "cite source"; a.href = "#"; a.textContent = text; a.title = title;
  a.addEventListener("click", (ev) => { ev.preventDefault(); showPassage(c); });
  return a;
}

function headRow(table, names) {
  const tr = table.createTHead().insertRow();
  for (const [name, title] of names) {
    const th = document.createElement("th");
    th.scope = "col"; th.textContent = name;
    if (title) th.title = title;
    tr.append(th);
  }
}

function reportRow(body, r) {
  const tr = body.insertRow();
  tr.dataset.report = r.report_id;
  const th = document.createElement("th");
  th.scope = "row"; th.textContent = place(r);
  tr.append(th);
  tr.insertCell().textContent = r.year ? r.year + "年" : "（未识别）";
  return tr;
}

// The report's own wording of a figure (「15000余人」); a stated nothing (「未制定行政规范性文件」) as 0 with its words
function figureText(c) {
  return /\d/.test(c.figure) ? c.figure : `${number(c.value)}${c.unit}（${c.figure}）`;
}

function renderTable(data) {
  const table = $("indicator-table");
  table.textContent = "";
  const rows = [...data.rows].sort(byPlace);
  table.createCaption().textContent = rows.length
    ? `各乡镇报告中的数字${scopeName()}：${rows.length} 份报告` : `所选范围${scopeName()}内没有报告。`;
  headRow(table, [["乡镇"], ["年度"], ...data.indicators.map((i) => [`${i.name}（${i.unit}）`])]);
  const body = table.createTBody();
  for (const r of rows) {
    const tr = reportRow(body, r);
    for (const ind of data.indicators) {
      const c = r.cells[ind.id], td = tr.insertCell();
      td.dataset.indicator = ind.id;
      if (!c) {  // not stated is never a 0 a reader could add up
        td.className = "unstated"; td.textContent = "未写明"; td.title = "报告里没有找到这项数字（不等于 0）";
        continue;
      }
      td.className = "stated";
      td.append(sourceLink(figureText(c), c.sentence,
                           { ...c, text: c.sentence, report_id: r.report_id, file: r.file, township: r.township, year: r.year }));
      if (c.change != null) {
        const change = document.createElement("span");
        change.className = "change";
        change.textContent = `比上年${c.change > 0 ? "+" : ""}${number(c.change)}`;
        td.append(change);
      }
    }
  }
}

function renderRequired(data) {
  const town = countyTown();
  const reports = data.reports.filter((r) => !town || r.township === town).sort(byPlace);
  const names = new Map(data.parts.map((p) => [p.id, p.name]));
  const table = $("required-table");
  table.textContent = "";
  table.createCaption().textContent = `年度报告的必备内容${scopeName()}`;
  headRow(table, [["乡镇"], ["年度"], ...data.parts.map((p) => [p.name, p.rule])]);
  const body = table.createTBody();
  for (const r of reports) {
    const tr = reportRow(body, r);
    for (const part of data.parts) {
      const c = r.parts.find((x) => x.part === part.id), td = tr.insertCell();
      td.dataset.part = part.id;
      if (!c || !c.present) {
        td.className = "missing"; td.textContent = "缺"; td.title = `没有找到「${part.name}」的标题或句子`;
        continue;
      }
      td.className = "present";
      const by = c.by === "heading" ? "标题" : "句子";
      if (!c.quotes.length) td.textContent = "✓";
      c.quotes.forEach((q, i) => {
        const link = sourceLink(i ? `[${i + 1}]` : "✓", `${by}：${q.text}`,
                                { ...q, report_id: r.report_id, township: r.township, name: r.name, year: r.year });
        link.setAttribute("aria-label", `「${part.name}」的${by}${i ? i + 1 : ""}：${q.text}`);  // not just "✓"
        td.append(i ? " " : "", link);
      });
    }
  }
  const short = reports.filter((r) => r.missing.length);
  const which = short.map((r) => `${place(r)}${r.year ? "（" + r.year + "年）" : ""}缺「${r.missing.map((m) => names.get(m) || m).join("」「")}」`);
  $("required-count").textContent = !reports.length ? `所选范围${scopeName()}内没有报告。`
    : `${reports.length} 份报告中，${short.length} 份缺少必备内容${which.length ? "：" + which.join("；") : "。"}`;
}

function renderThemes(data) {
  const what = KINDS[data.kind] || KINDS[county.kind];
  const list = $("themes-list");
  list.textContent = "";
  $("themes-count").textContent = data.themes.length
    ? `${data.reports} 份报告${scopeName(false)}写到的${what}，归纳为 ${data.themes.length} 个主题：`
    : `所选范围${scopeName(false)}内的报告没有找到${what}。`;
  for (const t of data.themes) {
    const li = document.createElement("li");
    li.className = "theme";
    const label = document.createElement("h3");
    label.textContent = t.label;
    const towns = document.createElement("p");
    towns.className = "towns";
    towns.textContent = `${t.townships.length} 个乡镇：${t.townships.join("、")}`;
    const items = document.createElement("ul");
    t.items.forEach((item, i) => {
      const said = document.createElement("li");
      said.append(`${item.name}${item.year ? "（" + item.year + "年）" : ""}：${item.text}`, citeLink({ ...item, n: i + 1 }));
      items.append(said);
    });
    li.append(label, towns, items);
    list.append(li);
  }
}

function selectKind(kind) {
  county.kind = kind;
  for (const k of Object.keys(KINDS)) $("kind-" + k).setAttribute("aria-pressed", String(k === kind));
  loadTab();
}

// Downloads go through call(): fetched with the key a plain link could not send, then saved; the button waits
// for its file (a second click would fetch it twice, and the older status could overwrite the newer)
async function download(button, url, name, what) {
  button.disabled = true;
  setStatus(`正在生成${what}……`);
  try {
    save(await (await call(url)).blob(), name);
    setStatus(`已下载：${name}`);
  } catch (e) {
    setStatus(`无法下载${what}：${e.status === 404 ? "所选范围内没有报告。" : e.message}`, true);
  } finally {
    button.disabled = false;
  }
}

$("open-county").addEventListener("click", showCounty);
$("close-county").addEventListener("click", () => { showView("conversation"); $("open-county").focus(); });
for (const tab of TABS) $("tab-" + tab).addEventListener("click", () => selectTab(tab));
for (const kind of Object.keys(KINDS)) $("kind-" + kind).addEventListener("click", () => selectKind(kind));
$("county-year").addEventListener("change", () => { $("year").value = $("county-year").value; loadTab(); });
$("county-township").addEventListener("change", loadTab);
$("export-xlsx").addEventListener("click", (ev) =>
  download(ev.currentTarget, "/api/table" + countyQuery({ format: "xlsx" }), `指标对比表${scopeName()}.xlsx`, "Excel 表"));
$("export-csv").addEventListener("click", (ev) =>
  download(ev.currentTarget, "/api/table" + countyQuery({ format: "csv" }), `指标对比表${scopeName()}.csv`, "CSV 表"));
$("export-docx").addEventListener("click", (ev) =>
  download(ev.currentTarget, "/api/summary" + countyQuery({ format: "docx" }, false), `县级汇总草稿${scopeName(false)}.docx`, "汇总草稿"));

loadReports();
