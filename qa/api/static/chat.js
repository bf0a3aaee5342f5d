// The chat page: streams answers from POST /api/chat (Server-Sent Events over fetch), shows [n] citations
// as links that open the cited passage in its context, and the per-township evidence table.
"use strict";

const $ = (id) => document.getElementById(id);
const history = [];  // the user's earlier questions in this conversation
if (location.pathname.startsWith("/embed")) document.body.classList.add("embed");

function headers() {
  const h = { "Content-Type": "application/json" };
  const key = localStorage.getItem("qa-key");
  if (key) h.Authorization = "Bearer " + key;
  return h;
}

async function call(url, options = {}) {
  let r = await fetch(url, { ...options, headers: headers() });
  if (r.status === 401) {
    const key = prompt("请输入访问密钥（API key）：");
    if (!key) throw new Error("需要访问密钥");
    localStorage.setItem("qa-key", key.trim());
    r = await fetch(url, { ...options, headers: headers() });
  }
  if (!r.ok) {
    let detail = r.statusText;
    try { detail = (await r.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(`${r.status} ${detail}`);
  }
  return r;
}

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

async function loadReports() {
  try {
    const reports = await (await call("/api/reports")).json();
    const towns = [...new Set(reports.map((r) => r.township).filter(Boolean))].sort();
    const years = [...new Set(reports.map((r) => r.year).filter(Boolean))].sort();
    for (const t of towns) $("township").append(new Option(t, t));
    for (const y of years) $("year").append(new Option(y + "年", y));
    setStatus(`已收录 ${reports.length} 份报告`);
  } catch (e) {
    setStatus("服务暂时不可用：" + e.message, true);
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

async function showPassage(c) {
  const url = `/api/reports/${encodeURIComponent(c.report_id)}/text?start=${c.start}&end=${c.end}&context=300`;
  try {
    const p = await (await call(url)).json();
    $("passage-title").textContent = `${p.township || c.file}${p.year ? "（" + p.year + "年）" : ""}`;
    $("passage-section").textContent = c.section || "（报告开头）";
    const box = $("passage-text");
    box.textContent = "";
    const mark = document.createElement("mark");
    mark.textContent = p.text;
    box.append("…" + p.before, mark, p.after + "…");
    $("passage").hidden = false;
    mark.scrollIntoView({ block: "center" });
  } catch (e) {
    setStatus("无法打开引用段落：" + e.message, true);
  }
}

function renderReports(turn, reports) {
  if (!reports || !reports.length) return;
  const table = document.createElement("table");
  table.className = "reports";
  table.innerHTML = "<tr><th>乡镇</th><th>年度</th><th>报告是否提到</th><th>依据</th></tr>";
  for (const r of reports) {
    const tr = table.insertRow();
    tr.insertCell().textContent = r.township || r.report_id;
    tr.insertCell().textContent = r.year || "";
    const yes = tr.insertCell();
    yes.textContent = r.supported ? "有" : "未提到";
    yes.className = r.supported ? "yes" : "no";
    const cites = tr.insertCell();
    for (const c of r.citations) {
      const a = document.createElement("a");
      a.className = "cite"; a.href = "#"; a.textContent = `[${c.n}]`;
      a.addEventListener("click", (ev) => { ev.preventDefault(); showPassage(c); });
      cites.append(a);
    }
  }
  turn.append(table);
}

async function ask(question) {
  // the filters travel as fields of the request, never as words added to the question
  const scope = { township: $("township").value || null, year: $("year").value ? Number($("year").value) : null };
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
    a.textContent = "服务暂时不可用，请稍后再试。（" + e.message + "）";
    setStatus("服务暂时不可用", true);
  }
}

function finish(turn, a, answer) {
  renderAnswer(a, answer.answer, answer.citations.length ? answer.citations : answer.related);
  a.dataset.mode = answer.mode;
  if (answer.refused) a.classList.add("refused");
  const notes = [];
  if (answer.interpreted_as) notes.push("理解为：" + answer.interpreted_as);
  if (answer.llm_error) notes.push("大模型暂不可用，以下为报告原文摘录。（" + answer.llm_error + "）");
  // what the answer could not do: vectors down (keywords only), sentences the citation check removed
  for (const w of answer.warnings || []) notes.push("提示：" + w);
  let after = a;
  for (const n of notes) {
    const p = document.createElement("div"); p.className = "note"; p.textContent = n;
    if (n.startsWith("提示：")) p.classList.add("warning");
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
$("new-chat").addEventListener("click", () => { history.length = 0; $("conversation").textContent = ""; });
$("close-passage").addEventListener("click", () => { $("passage").hidden = true; });
loadReports();
