// congvan web page: plain JavaScript, no framework, no build step.
// Every piece of stored text reaches the page through textContent / text nodes, never as HTML.
'use strict';

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** Make an element: el('td', { class: 'x', title: 't' }, 'text', child, ...). Strings become text nodes. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c != null && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

const viDate = (iso) => {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  return [m[3], m[2], m[1]].filter(Boolean).join('/');
};

const docRef = (d) => (d.number && d.symbol ? `${d.number}/${d.symbol}` : d.symbol || d.number || '(không số)');

function toast(msg) {
  const t = $('#toast');
  t.textContent = msg;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), 2500);
}

async function api(path, params, init) {
  const qs = params ? `?${params}` : '';
  const r = await fetch(`${path}${qs}`, init);
  const body = await r.json().catch(() => ({}));
  if (r.status === 401 && path !== '/api/login') showLogin();
  if (!r.ok) throw new Error(body.error || `HTTP ${r.status}`);
  return body;
}

// ------------------------------------------------------------------ accounts

const session = { accounts: false, user: null };

function showLogin() {
  session.user = null;
  $('#who').hidden = true;
  for (const s of $$('.view')) s.hidden = s.id !== 'view-login';
  $('#login-name').focus();
}

function showUser() {
  const u = session.user;
  $('#who').hidden = !session.accounts || !u;
  if (u) $('#who-name').textContent = `${u.name} · ${ROLE_LABEL[u.role] || u.role}${u.agency ? ` · ${u.agency}` : ''}`;
}

const ROLE_LABEL = { admin: 'quản trị', clerk: 'văn thư', member: 'cán bộ', viewer: 'xem' };

async function loadSession() {
  const s = await api('/api/session');
  session.accounts = s.accounts;
  session.user = s.user;
  showUser();
  return !s.accounts || !!s.user;
}

async function login(e) {
  e.preventDefault();
  $('#login-error').textContent = '';
  try {
    await api('/api/login', null, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: $('#login-name').value, password: $('#login-password').value }),
    });
    $('#login-password').value = '';
    await loadSession();
    route();
  } catch (err) {
    $('#login-error').textContent = `Không đăng nhập được: ${err.message}`;
  }
}

async function logout() {
  await api('/api/logout', null, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => null);
  showLogin();
}

/** Snippet text with its matches in <mark>. */
function snippet(s) {
  const out = [];
  let at = 0;
  for (const [a, b] of s.marks || []) {
    if (a > at) out.push(s.text.slice(at, a));
    out.push(el('mark', null, s.text.slice(a, b)));
    at = b;
  }
  out.push(s.text.slice(at));
  return out;
}

const KIND_LABEL = { by: 'trước ngày', within: 'trong kỳ', from: 'từ ngày', recurring: 'định kỳ', ongoing: 'thường xuyên' };

function statusBadge(t) {
  const label = t.doneOn ? `xong · ${t.statusLabel}` : t.statusLabel;
  let days = '';
  if (t.doneOn) days = `ngày ${viDate(t.doneOn)}`;
  else if (t.daysLeft != null && t.status === 'overdue') days = `trễ ${-t.daysLeft} ngày`;
  else if (t.daysLeft === 0) days = 'hạn hôm nay';
  else if (t.daysLeft != null) days = `còn ${t.daysLeft} ngày`;
  return [el('span', { class: `status st-${t.status}` }, label), days ? el('span', { class: 'days' }, days) : null];
}

function dueCell(t) {
  const d = t.deadline;
  if (!d) return el('td', { class: 'due' }, '—');
  const when = t.due ? viDate(t.due) : d.kind === 'ongoing' ? 'thường xuyên' : '—';
  return el('td', { class: 'due', title: d.text || '' }, when, el('span', { class: 'kind' }, d.kind === 'recurring' ? `định kỳ: ${d.text || ''}` : KIND_LABEL[d.kind] || d.kind));
}

// ------------------------------------------------------------------ tasks view

const state = { offset: 0, limit: 50, sortDir: 0, rows: [], today: '' };

function taskParams(extra = {}) {
  const f = new FormData($('#task-form'));
  const p = new URLSearchParams();
  for (const [k, v] of f) if (String(v).trim()) p.set(k, String(v).trim());
  for (const [k, v] of Object.entries(extra)) if (v != null && v !== '') p.set(k, v);
  return p;
}

function setExportLinks() {
  const p = taskParams();
  p.delete('limit');
  p.delete('offset');
  for (const fmt of ['ics', 'csv', 'json', 'edoc']) {
    const q = new URLSearchParams(p);
    q.set('format', fmt);
    $(`#export-${fmt}`).href = `/api/export?${q}`;
  }
}

function renderTasks() {
  const body = clear($('#task-table tbody'));
  let rows = state.rows.slice();
  if (state.sortDir) {
    rows.sort((a, b) => {
      if (!a.due && !b.due) return 0;
      if (!a.due) return 1;
      if (!b.due) return -1;
      return state.sortDir * (a.due < b.due ? -1 : a.due > b.due ? 1 : 0);
    });
  }
  $('#sort-mark').textContent = state.sortDir === 1 ? '↑' : state.sortDir === -1 ? '↓' : '↕';
  if (!rows.length) body.append(el('tr', null, el('td', { colspan: 8, class: 'empty' }, 'Không có nhiệm vụ nào khớp.')));
  for (const t of rows) {
    const d = t.document;
    const open = () => (location.hash = `#/doc/${encodeURIComponent(d.recordId)}?task=${t.seq}`);
    body.append(
      el('tr', { dataset: { id: t.id, ref: t.ref } },
        el('td', { class: 'doc' }, el('a', { href: `#/doc/${encodeURIComponent(d.recordId)}?task=${t.seq}`, class: 'doc-link' }, `${d.type || ''} ${docRef(d)}`), el('div', { class: 'date' }, viDate(d.date))),
        el('td', null, t.label || '–'),
        el('td', { class: 'text' }, snippet(t.snippet)),
        el('td', { class: 'agencies' }, t.lead.join('; ') || '—'),
        el('td', { class: 'agencies' }, t.support.join('; ')),
        dueCell(t),
        el('td', null, statusBadge(t)),
        el('td', null,
          el('button', { type: 'button', class: 'act', disabled: t.mayChange === false, title: t.mayChange === false ? 'Chỉ cơ quan chủ trì hoặc phối hợp được ghi nhận' : null, onclick: () => setDone(t, !t.doneOn) }, t.doneOn ? 'Mở lại' : 'Xong'),
          ' ',
          el('button', { type: 'button', class: 'act link', title: 'Xem trong văn bản', onclick: open }, 'Xem')),
      ),
    );
  }
}

async function setDone(t, done) {
  const today = $('#today-input').value || state.today;
  try {
    await api(`/api/tasks/${encodeURIComponent(t.ref)}/${done ? 'done' : 'reopen'}`, null, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(done ? { on: today } : {}),
    });
    toast(done ? `Đã ghi nhận hoàn thành: mục ${t.label}` : `Đã mở lại: mục ${t.label}`);
    loadTasks();
  } catch (e) {
    toast(`Lỗi: ${e.message}`);
  }
}

const STATUS_CHIPS = [
  ['', 'Tất cả', null],
  ['on-track', 'Trong hạn', 'on-track'],
  ['due-soon', 'Sắp đến hạn', 'due-soon'],
  ['overdue', 'Quá hạn', 'overdue'],
  ['done', 'Đã xong', null],
];

function renderStats(s) {
  const chips = clear($('#status-chips'));
  const current = $('#status').value;
  const counts = { '': s.total, 'on-track': s.byStatus['on-track'], 'due-soon': s.byStatus['due-soon'], overdue: s.byStatus.overdue, done: s.byStatus['done-on-time'] + s.byStatus['done-late'] };
  for (const [value, label, st] of STATUS_CHIPS) {
    chips.append(
      el('button', { type: 'button', class: `chip${current === value ? ' active' : ''}`, dataset: { status: value }, onclick: () => {
        $('#status').value = value;
        state.offset = 0;
        loadTasks();
      } }, st ? el('span', { class: `status st-${st}` }, label) : label, el('b', null, String(counts[value] ?? 0))),
    );
  }
  if (!s.complete) chips.append(el('span', { class: 'days' }, '(đếm trên 20 000 nhiệm vụ đầu)'));
  const body = clear($('#agency-table tbody'));
  for (const a of s.byAgency.slice(0, 15)) {
    body.append(el('tr', { title: `Lọc theo ${a.name}`, onclick: () => {
      $('#agency').value = a.name;
      state.offset = 0;
      loadTasks();
    } }, el('td', null, a.name), el('td', null, String(a.lead)), el('td', null, a.overdue ? String(a.overdue) : '')));
  }
  if (!s.byAgency.length) body.append(el('tr', null, el('td', { colspan: 3, class: 'empty' }, '—')));
  if (s.sample) body.append(el('tr', null, el('td', { colspan: 3, class: 'days' }, `(đếm trên ${s.sample.toLocaleString('vi-VN')} nhiệm vụ đầu)`)));
}

let loadSeq = 0;
async function loadTasks() {
  const seq = ++loadSeq;
  setExportLinks();
  const p = taskParams({ limit: state.limit, offset: state.offset });
  const statsParams = taskParams();
  statsParams.delete('status');
  try {
    const [r, s] = await Promise.all([api('/api/tasks', p), api('/api/stats', statsParams)]);
    if (seq !== loadSeq) return;
    state.rows = r.items;
    state.today = r.today;
    $('#today-label').textContent = `Tính đến ngày ${viDate(r.today)}`;
    $('#result-count').textContent = `${r.total}${r.totalCapped ? '+' : ''} nhiệm vụ${r.capped ? ' (xếp hạng trên các kết quả mới nhất)' : ''} · ${r.ms.toFixed(0)} ms`;
    const page = Math.floor(state.offset / state.limit) + 1;
    $('#page-label').textContent = `Trang ${page}`;
    $('#prev').disabled = state.offset === 0;
    $('#next').disabled = state.offset + r.items.length >= r.total;
    renderTasks();
    renderStats(s);
  } catch (e) {
    if (seq !== loadSeq) return;
    state.rows = [];
    renderTasks();
    toast(`Lỗi: ${e.message}`);
  }
}

let agencyTimer = 0;
function suggestAgencies(value) {
  clearTimeout(agencyTimer);
  agencyTimer = setTimeout(async () => {
    const r = await api('/api/agencies', new URLSearchParams({ q: value, limit: '30' })).catch(() => ({ items: [] }));
    const list = clear($('#agency-list'));
    for (const a of r.items) list.append(el('option', { value: a.name }));
  }, 150);
}

// ------------------------------------------------------------------ documents

async function loadDocuments() {
  const f = new FormData($('#doc-form'));
  const p = new URLSearchParams();
  for (const [k, v] of f) if (String(v).trim()) p.set(k, String(v).trim());
  p.set('limit', '50');
  const body = clear($('#doc-table tbody'));
  try {
    const r = await api('/api/documents', p);
    $('#doc-count').textContent = `${r.total}${r.totalCapped ? '+' : ''} văn bản`;
    if (!r.items.length) body.append(el('tr', null, el('td', { colspan: 5, class: 'empty' }, 'Không có văn bản nào khớp.')));
    for (const d of r.items) {
      body.append(el('tr', null,
        el('td', { class: 'doc' }, el('a', { href: `#/doc/${encodeURIComponent(d.recordId)}`, class: 'doc-link' }, `${d.type || ''} ${docRef(d)}`)),
        el('td', { class: 'due' }, viDate(d.date)),
        el('td', { class: 'agencies' }, d.issuer || ''),
        el('td', { class: 'text' }, d.subject ? el('div', null, el('strong', null, d.subject)) : null, el('div', { class: 'days' }, snippet(d.snippet))),
        el('td', null, String(d.tasks)),
      ));
    }
  } catch (e) {
    toast(`Lỗi: ${e.message}`);
  }
}

// ------------------------------------------------------------------ document view

const docState = { bySeq: new Map(), active: null };

/** Cut the text at every highlight boundary; each piece knows which highlights cover it. */
function renderHighlighted(container, text, highlights) {
  clear(container);
  docState.bySeq = new Map();
  const cuts = new Set([0, text.length]);
  for (const h of highlights) {
    cuts.add(h.start);
    cuts.add(h.end);
  }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  // highlights sorted by start: a sweep keeps the ones open at each piece
  const hs = highlights.slice().sort((a, b) => a.start - b.start);
  let next = 0;
  let open = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    while (next < hs.length && hs[next].start <= a) open.push(hs[next++]);
    open = open.filter((h) => h.end > a);
    const cover = open.filter((h) => h.start <= a && h.end >= b);
    const piece = text.slice(a, b);
    if (!cover.length) {
      frag.append(document.createTextNode(piece));
      continue;
    }
    const kinds = [...new Set(cover.map((h) => h.kind))];
    const span = el('span', { class: kinds.map((k) => `hl-${k}`).join(' '), title: cover.map((h) => (h.kind === 'field' ? h.label : `${h.kind}: ${h.label}`)).join(' · ') }, piece);
    for (const h of cover) {
      if (h.task == null) continue;
      if (!docState.bySeq.has(h.task)) docState.bySeq.set(h.task, []);
      docState.bySeq.get(h.task).push({ el: span, kind: h.kind });
    }
    frag.append(span);
  }
  container.append(frag);
}

function activateTask(seq, scroll = true) {
  for (const e of $$('.doc-text [class*="on-"]')) e.classList.remove('on-task', 'on-lead', 'on-support', 'on-deadline');
  for (const li of $$('#doc-task-list li')) li.classList.toggle('on', Number(li.dataset.seq) === seq);
  docState.active = seq;
  const parts = docState.bySeq.get(seq) || [];
  for (const p of parts) p.el.classList.add(`on-${p.kind}`);
  if (scroll) {
    // scroll the text box (not the page) to the task, and the list to its entry
    const box = $('#doc-text');
    const first = parts.find((p) => p.kind === 'task') || parts[0];
    if (first) box.scrollTop = Math.max(0, first.el.offsetTop - box.clientHeight / 3);
    const li = $(`#doc-task-list li[data-seq="${seq}"]`);
    const list = $('.doc-tasks');
    if (li && (li.offsetTop < list.scrollTop || li.offsetTop > list.scrollTop + list.clientHeight - 60)) list.scrollTop = li.offsetTop - 40;
  }
}

let docShown = null;
let docLoads = 0;
async function loadDocument(id, taskSeq) {
  const today = $('#today-input').value;
  const mine = ++docLoads;
  // another document than the one on screen: never show the old one under the new address
  if (docShown !== id) {
    docShown = null;
    $('#doc-title').textContent = '…';
    clear($('#doc-meta'));
    clear($('#doc-text'));
    clear($('#doc-task-list'));
    $('#doc-task-count').textContent = '';
  }
  const v = await api(`/api/documents/${encodeURIComponent(id)}`, today ? new URLSearchParams({ today }) : null);
  // a later navigation answered first or is on its way: its document wins
  if (mine !== docLoads) return;
  docShown = id;
  $('#doc-title').textContent = `${v.type || ''} ${docRef(v)}${v.subject ? ` — ${v.subject}` : ''}`;
  const meta = clear($('#doc-meta'));
  const add = (k, val) => val && meta.append(el('dt', null, k), el('dd', null, val));
  add('Cơ quan ban hành', v.issuer);
  add('Ngày', [v.place, viDate(v.date)].filter(Boolean).join(', '));
  add('Người ký', [v.signer.authority, v.signer.position, v.signer.name].filter(Boolean).join(' '));
  add('Tệp', `${v.file} (${v.recordId})`);
  renderHighlighted($('#doc-text'), v.text, v.highlights);
  const list = clear($('#doc-task-list'));
  $('#doc-task-count').textContent = `(${v.tasks.length})`;
  for (const t of v.tasks) {
    list.append(el('li', { dataset: { seq: t.seq }, onclick: () => activateTask(t.seq) },
      el('div', null, el('span', { class: 'label' }, t.label || '•'), t.text.length > 160 ? `${t.text.slice(0, 157)}…` : t.text),
      el('div', { class: 'who' }, `Chủ trì: ${t.lead.join('; ') || '—'}${t.support.length ? ` · Phối hợp: ${t.support.join('; ')}` : ''}`),
      el('div', { class: 'who' }, t.deadline ? `Hạn: ${t.deadline.text || ''}${t.due ? ` (${viDate(t.due)})` : ''} ` : 'Không có hạn ', ...statusBadge(t).slice(0, 1)),
    ));
  }
  if (taskSeq) activateTask(Number(taskSeq));
  else $('#doc-text').scrollTop = 0;
}

// ------------------------------------------------------------------ deadlines

const cal = { unit: 'week', anchor: null };

const isoOf = (d) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
const dateOf = (iso) => new Date(`${iso}T00:00:00Z`);
const plusDays = (iso, n) => isoOf(new Date(dateOf(iso).getTime() + n * 86400000));
const mondayOf = (iso) => plusDays(iso, -((dateOf(iso).getUTCDay() + 6) % 7));

function calRange() {
  if (cal.unit === 'week') {
    // four weeks from the anchor's Monday
    const from = mondayOf(cal.anchor);
    return { from, to: plusDays(from, 27) };
  }
  // three months from the anchor's month
  const d = dateOf(cal.anchor);
  const from = isoOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
  const to = isoOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 3, 0)));
  return { from, to };
}

function weekNumber(iso) {
  const d = dateOf(iso);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86400000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - jan1) / 86400000 / 7) + 1;
}

async function loadDeadlines() {
  const today = $('#today-input').value || state.today || isoOf(new Date());
  cal.anchor ??= today;
  const { from, to } = calRange();
  $('#cal-label').textContent = `${viDate(from)} – ${viDate(to)}`;
  for (const b of $$('.seg button')) b.classList.toggle('on', b.dataset.unit === cal.unit);
  const p = new URLSearchParams({ from, to, today });
  const agency = $('#cal-agency').value.trim();
  if (agency) p.set('agency', agency);
  const box = clear($('#cal-body'));
  let r;
  try {
    r = await api('/api/deadlines', p);
  } catch (e) {
    return toast(`Lỗi: ${e.message}`);
  }
  const groups = new Map();
  for (const it of r.items) {
    const key = cal.unit === 'week' ? mondayOf(it.date) : it.date.slice(0, 7);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(it);
  }
  // every period of the range, empty ones too
  const keys = [];
  if (cal.unit === 'week') for (let k = mondayOf(from); k <= to; k = plusDays(k, 7)) keys.push(k);
  else for (let k = from.slice(0, 7); k <= to.slice(0, 7); k = isoOf(new Date(Date.UTC(Number(k.slice(0, 4)), Number(k.slice(5, 7)), 1))).slice(0, 7)) keys.push(k);
  for (const key of keys) {
    const items = groups.get(key) || [];
    const title = cal.unit === 'week' ? `Tuần ${weekNumber(key)} · ${viDate(key)} – ${viDate(plusDays(key, 6))}` : `Tháng ${Number(key.slice(5, 7))}/${key.slice(0, 4)}`;
    const g = el('div', { class: 'cal-group' }, el('h3', null, `${title} `, el('span', { class: 'days' }, `${items.length} hạn`)));
    for (const { date, task: t } of items) {
      g.append(el('div', { class: 'cal-item' },
        el('div', { class: 'd' }, viDate(date), date === today ? el('span', { class: 'days' }, 'hôm nay') : null),
        el('div', null, t.deadline?.kind === 'recurring' && date !== t.due ? el('span', { class: 'days' }, 'lần sau') : statusBadge(t)),
        el('div', null, el('a', { href: `#/doc/${encodeURIComponent(t.document.recordId)}?task=${t.seq}` }, `${t.document.type || ''} ${docRef(t.document)} · mục ${t.label || '–'}`), el('div', null, t.text.length > 200 ? `${t.text.slice(0, 197)}…` : t.text)),
        el('div', { class: 'who' }, `Chủ trì: ${t.lead.join('; ') || '—'}`, t.deadline?.kind === 'recurring' ? el('div', null, `định kỳ: ${t.deadline.text || ''}`) : null),
      ));
    }
    if (!items.length) g.append(el('div', { class: 'days' }, 'Không có hạn nào.'));
    box.append(g);
  }
  if (r.capped) box.append(el('div', { class: 'days' }, 'Chỉ hiện 500 nhiệm vụ đầu; lọc theo cơ quan để xem đủ.'));
}

// ------------------------------------------------------------------ register of incoming documents

async function loadRegister() {
  $('#upload-form').hidden = !(session.user && session.user.may && session.user.may.upload);
  const sel = $('#register-year');
  const year = sel.value || String(new Date().getFullYear());
  const r = await api('/api/register', new URLSearchParams({ year }));
  const years = [...new Set([Number(year), new Date().getFullYear(), ...r.years])].sort((a, b) => b - a);
  clear(sel);
  for (const y of years) sel.append(el('option', { value: y, selected: String(y) === year }, String(y)));
  $('#register-csv').href = `/api/register?format=csv&year=${year}`;
  $('#register-count').textContent = `· ${r.items.length} văn bản`;
  const head = clear($('#register-table thead tr'));
  for (const c of r.columns) head.append(el('th', null, c));
  const body = clear($('#register-table tbody'));
  if (!r.items.length) body.append(el('tr', null, el('td', { colspan: r.columns.length, class: 'empty' }, 'Chưa có văn bản nào vào sổ năm này.')));
  const clerk = !!(session.user && session.user.may && session.user.may.upload);
  // the clerk writes who receives it (column 7) and a note (column 9)
  const editable = { 6: 'recipient', 8: 'note' };
  for (const l of r.items) {
    const cell = (c, i) => {
      if (i === 3) return el('a', { href: `#/doc/${encodeURIComponent(l.recordId)}` }, c || '(không số)');
      const field = editable[i];
      if (!clerk || !field) return c;
      return el('input', { class: `reg-${field}`, value: l[field] || '', maxlength: 500, 'aria-label': r.columns[i], onchange: (e) => annotate(l, field, e.target) });
    };
    body.append(el('tr', { dataset: { number: l.number, record: l.recordId } }, ...l.cells.map((c, i) => el('td', i === 5 ? { class: 'text' } : null, cell(c, i)))));
  }
}

async function annotate(l, field, input) {
  try {
    await api(`/api/register/${l.year}/${l.number}`, null, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ [field]: input.value }) });
    input.dataset.saved = '1';
    toast(`Đã ghi vào sổ: số đến ${l.number}/${l.year}`);
  } catch (e) {
    toast(`Lỗi: ${e.message}`);
  }
}

async function upload(e) {
  e.preventDefault();
  const f = $('#upload-file').files[0];
  if (!f) return;
  $('#upload-result').textContent = 'Đang đọc văn bản…';
  try {
    const r = await api('/api/documents', null, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(f.name) },
      body: f,
    });
    $('#upload-file').value = '';
    if (r.status === 'queued') return followUpload(r);
    $('#upload-result').textContent = r.status === 'failed'
      ? `Không đọc được: ${r.reason}`
      : `${r.status === 'unchanged' ? 'Đã có trong sổ' : 'Đã vào sổ'}: số đến ${r.register ? `${r.register.number}/${r.register.year}` : '—'} · ${r.tasks} nhiệm vụ`;
    loadRegister();
  } catch (err) {
    $('#upload-result').textContent = `Lỗi: ${err.message}`;
  }
}

/** A queued upload (PostgreSQL store): its run's progress until a worker has stored it or failed it. */
async function followUpload(r) {
  const out = $('#upload-result');
  out.textContent = `Đã gửi vào hàng đợi (lượt ${r.run}): đang chờ máy đọc văn bản…`;
  for (let i = 0; i < 600; i++) {
    await new Promise((ok) => setTimeout(ok, 1000));
    const runs = await api('/api/failures', new URLSearchParams({ runs: '20' })).catch(() => null);
    const run = runs && runs.items.find((x) => x.run === r.run);
    if (!run || run.inProgress) continue;
    if (run.failed) {
      const f = run.failures[0];
      out.textContent = `Không đọc được: ${f ? `${f.stage}: ${f.reason}` : 'lỗi'}`;
    } else {
      out.textContent = `Đã vào sổ: ${r.file}`;
      loadRegister();
    }
    return;
  }
  out.textContent = `Vẫn đang chờ trong hàng đợi (lượt ${r.run})`;
}

// ------------------------------------------------------------------ audit log

const ACTION_LABEL = { done: 'ghi nhận hoàn thành', reopen: 'mở lại', upload: 'tải lên văn bản', register: 'ghi sổ đến', 'user-add': 'thêm người dùng', 'user-remove': 'xóa người dùng', 'user-passwd': 'đổi mật khẩu', 'user-set': 'đổi vai trò' };

async function loadAudit() {
  const body = clear($('#audit-table tbody'));
  const r = await api('/api/audit', new URLSearchParams({ limit: '200' }));
  $('#audit-count').textContent = `${r.total} mục nhật ký${r.total > r.items.length ? ` (hiện ${r.items.length} mục mới nhất)` : ''}`;
  if (!r.items.length) body.append(el('tr', null, el('td', { colspan: 5, class: 'empty' }, 'Chưa có mục nào.')));
  for (const e of r.items) {
    const what = e.recordId
      ? el('a', { href: `#/doc/${encodeURIComponent(e.recordId)}${e.taskSeq != null ? `?task=${e.taskSeq}` : ''}` }, e.taskSeq != null ? `${e.recordId}#${e.taskSeq}` : e.recordId)
      : e.target || '';
    body.append(el('tr', { dataset: { action: e.action } },
      el('td', { class: 'due' }, new Date(e.at).toLocaleString('vi-VN')),
      el('td', null, e.actor),
      el('td', null, ACTION_LABEL[e.action] || e.action),
      el('td', null, what),
      el('td', { class: 'days' }, e.detail ? Object.entries(e.detail).map(([k, v]) => `${k}: ${v}`).join(', ') : ''),
    ));
  }
}

// ------------------------------------------------------------------ routing

/** The task form's fields a link may fill (#/?q=...&agency=...). */
const LINK_FIELDS = ['q', 'agency', 'role', 'status', 'kind', 'type', 'due_after', 'due_before', 'today'];

/** A hash's path and parameters; a malformed one never throws (a link may be crafted). */
function parseHash(hash) {
  const h = String(hash || '#/').replace(/^#/, '');
  const i = h.indexOf('?');
  let params;
  try {
    params = new URLSearchParams(i < 0 ? '' : h.slice(i + 1));
  } catch {
    params = new URLSearchParams();
  }
  return { path: i < 0 ? h : h.slice(0, i), params };
}

/** The values of the task form that a link carries: known field names only, the first of each. */
function linkFilters(hash) {
  const out = new Map();
  for (const [k, v] of parseHash(hash).params) if (LINK_FIELDS.includes(k) && !out.has(k)) out.set(k, v);
  return out;
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function show(view) {
  for (const s of $$('.view')) s.hidden = s.id !== `view-${view}`;
  for (const a of $$('.top nav a')) a.classList.toggle('on', a.dataset.view === view || (view === 'document' && a.dataset.view === 'documents' && false));
}

async function route() {
  const { path: pathPart, params } = parseHash(location.hash);
  try {
    if (session.accounts && !session.user) return showLogin();
    if (pathPart.startsWith('/doc/')) {
      show('document');
      await loadDocument(safeDecode(pathPart.slice(5)), params.get('task'));
    } else if (pathPart === '/documents') {
      show('documents');
      await loadDocuments();
    } else if (pathPart === '/register') {
      show('register');
      await loadRegister();
    } else if (pathPart === '/audit') {
      show('audit');
      await loadAudit();
    } else if (pathPart === '/deadlines') {
      show('deadlines');
      await loadDeadlines();
    } else {
      show('tasks');
      await loadTasks();
    }
  } catch (e) {
    toast(`Lỗi: ${e.message}`);
  }
}

function init() {
  $('#task-form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.offset = 0;
    state.sortDir = 0;
    if (location.hash && location.hash !== '#/') location.hash = '#/';
    else loadTasks();
  });
  for (const name of ['role', 'status', 'kind', 'due_after', 'due_before', 'today']) {
    $(`#task-form [name="${name}"]`).addEventListener('change', () => {
      state.offset = 0;
      loadTasks();
    });
  }
  $('#agency').addEventListener('input', (e) => suggestAgencies(e.target.value));
  $('#agency').addEventListener('change', () => {
    state.offset = 0;
    loadTasks();
  });
  $('#clear-filters').addEventListener('click', () => {
    $('#task-form').reset();
    state.offset = 0;
    state.sortDir = 0;
    loadTasks();
  });
  $('#sort-due').addEventListener('click', () => {
    state.sortDir = state.sortDir === 1 ? -1 : 1;
    renderTasks();
  });
  $('#prev').addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - state.limit);
    loadTasks();
  });
  $('#next').addEventListener('click', () => {
    state.offset += state.limit;
    loadTasks();
  });
  $('#doc-form').addEventListener('submit', (e) => {
    e.preventDefault();
    loadDocuments();
  });
  $('#back').addEventListener('click', (e) => {
    e.preventDefault();
    history.length > 1 ? history.back() : (location.hash = '#/');
  });
  for (const b of $$('.seg button')) {
    b.addEventListener('click', () => {
      cal.unit = b.dataset.unit;
      loadDeadlines();
    });
  }
  const step = (dir) => {
    const { from } = calRange();
    if (cal.unit === 'week') cal.anchor = plusDays(from, dir * 28);
    else {
      const d = dateOf(from);
      cal.anchor = isoOf(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + dir * 3, 1)));
    }
    loadDeadlines();
  };
  $('#cal-prev').addEventListener('click', () => step(-1));
  $('#cal-next').addEventListener('click', () => step(1));
  $('#cal-agency').addEventListener('change', () => loadDeadlines());
  // a link like /#/?q=...&agency=... fills the form
  // (only the form's own fields, found by name through the form, never through a selector built from the link)
  if (!parseHash(location.hash).path.startsWith('/doc/')) {
    const form = $('#task-form');
    for (const [k, v] of linkFilters(location.hash)) {
      const field = form.elements.namedItem(k);
      if (field && 'value' in field) field.value = v;
    }
  }
  $('#login-form').addEventListener('submit', login);
  $('#upload-form').addEventListener('submit', upload);
  $('#register-year').addEventListener('change', () => loadRegister());
  $('#logout').addEventListener('click', logout);
  window.addEventListener('hashchange', route);
  loadSession()
    .then(() => route())
    .catch((e) => toast(`Lỗi: ${e.message}`));
}

document.addEventListener('DOMContentLoaded', init);
