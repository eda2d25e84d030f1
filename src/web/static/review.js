// The review screen's keyboard and source pane (served from /static/review.js; no inline script).
// j / ↓  next finding      k / ↑  previous finding      Esc  back to the finding
// c confirm   x dismiss (asks for a note first)   f 单位已整改   u undo the decision   n write a note
// ] / [  next / previous report of the batch
// Choosing a finding highlights its cells and sentences in the source pane and scrolls them into
// view; the PDF page view (pdf-view.js) listens for the same choice.

document.documentElement.classList.add('js');

const articles = [...document.querySelectorAll('ol.findings article.finding')];
const pane = document.querySelector('.source-pane');
const statusLine = document.querySelector('.status-line');
let current = null;

function say(text) {
  if (statusLine) statusLine.textContent = text;
}

function scrollPaneTo(el) {
  if (!pane || !pane.contains(el)) return;
  const r = el.getBoundingClientRect();
  const p = pane.getBoundingClientRect();
  if (pane.scrollHeight > pane.clientHeight + 1) pane.scrollTop += r.top - p.top - pane.clientHeight / 3;
  else el.scrollIntoView({ block: 'nearest' });
}

function boxesOf(article) {
  try {
    return JSON.parse(article.dataset.boxes || '[]');
  } catch {
    return [];
  }
}

function select(article, focus = true, initial = false) {
  if (!article) return;
  if (current) current.closest('li').classList.remove('current');
  for (const el of document.querySelectorAll('.cur')) el.classList.remove('cur');
  current = article;
  article.closest('li').classList.add('current');
  if (focus) article.focus({ preventScroll: true });
  if (!initial) article.scrollIntoView({ block: 'nearest' });
  let first = null;
  for (const id of (article.dataset.targets || '').split(' ')) {
    const el = id && document.getElementById(id);
    if (el && pane && pane.contains(el)) {
      el.classList.add('cur');
      first = first || el;
    }
  }
  // A PDF's page view scrolls to its own box once the page is drawn (pdf-view.js).
  const pdf = document.getElementById('pdf-view');
  if (pdf && boxesOf(article).length) scrollPaneTo(pdf);
  else if (first) scrollPaneTo(first);
  // (Not on first load: a fragment set while the page loads makes the browser jump to it.)
  if (!initial) history.replaceState(null, '', `#${article.id}`);
  document.dispatchEvent(new CustomEvent('finding:select', { detail: { id: article.id, boxes: boxesOf(article) } }));
}

function move(step) {
  if (!articles.length) return;
  const i = current ? articles.indexOf(current) : -1;
  const next = articles[Math.min(articles.length - 1, Math.max(0, i + step))];
  select(next);
}

function decideForm(article) {
  return article && article.querySelector('form.decide');
}

function submit(form, status) {
  const button = form.querySelector(`button[name="status"][value="${status}"]`);
  if (button) form.requestSubmit(button);
}

function askNote(form, status) {
  form.dataset.pending = status;
  const note = form.querySelector('input[name="note"]');
  note.focus();
  say('驳回需要填写理由：输入备注后按 Enter 保存，按 Esc 取消。');
}

// A dismissal needs a note, however it is submitted (keyboard, mouse).
for (const form of document.querySelectorAll('form.decide')) {
  form.addEventListener('submit', (e) => {
    const status = e.submitter ? e.submitter.value : form.dataset.pending;
    const note = form.querySelector('input[name="note"]');
    if (status === 'dismissed' && !note.value.trim()) {
      e.preventDefault();
      askNote(form, 'dismissed');
    }
  });
  const note = form.querySelector('input[name="note"]');
  note.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (form.dataset.pending) submit(form, form.dataset.pending);
      else {
        say('备注已填好：按 c 确认、x 驳回、f 单位已整改来保存。');
        form.closest('article').focus();
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      delete form.dataset.pending;
      say('');
      form.closest('article').focus();
    }
  });
}

for (const form of document.querySelectorAll('form.bulk')) {
  form.addEventListener('submit', (e) => {
    const status = form.querySelector('select[name="status"]').value;
    const note = form.querySelector('input[name="note"]');
    if (status === 'dismissed' && !note.value.trim()) {
      e.preventDefault();
      note.focus();
      say('批量驳回需要填写理由。');
    }
  });
}

for (const article of articles) {
  article.addEventListener('click', (e) => {
    if (article !== current && !e.target.closest('a, button, input, select, textarea, summary')) select(article);
  });
  article.addEventListener('focusin', () => {
    if (article !== current) select(article, false);
  });
}

// Evidence links scroll the source pane instead of the window.
for (const link of document.querySelectorAll('a.evidence-link, a.backref')) {
  link.addEventListener('click', (e) => {
    const id = link.getAttribute('href').slice(1);
    const target = document.getElementById(id);
    if (!target) return;
    e.preventDefault();
    if (link.classList.contains('backref')) {
      select(target);
      return;
    }
    for (const el of document.querySelectorAll('.cur')) el.classList.remove('cur');
    target.classList.add('cur');
    scrollPaneTo(target);
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
  });
}

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t instanceof HTMLElement && (t.matches('input, textarea, select') || t.isContentEditable)) return;
  const form = decideForm(current);
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      e.preventDefault();
      move(1);
      break;
    case 'k':
    case 'ArrowUp':
      e.preventDefault();
      move(-1);
      break;
    case 'c':
    case 'f':
    case 'u':
      if (!form) return;
      e.preventDefault();
      submit(form, { c: 'confirmed', f: 'fixed', u: 'open' }[e.key]);
      break;
    case 'x':
      if (!form) return;
      e.preventDefault();
      if (form.querySelector('input[name="note"]').value.trim()) submit(form, 'dismissed');
      else askNote(form, 'dismissed');
      break;
    case 'n':
      if (!form) return;
      e.preventDefault();
      delete form.dataset.pending;
      form.querySelector('input[name="note"]').focus();
      say('输入备注；按 Enter 回到发现，再按 c / x / f 保存。');
      break;
    case 'Escape':
      if (current) current.focus();
      break;
    case '[':
    case ']': {
      const link = document.querySelector(`nav.crumbs a[data-key="${e.key}"]`);
      if (link) {
        e.preventDefault();
        link.click();
      }
      break;
    }
    default:
  }
});

const fromHash = location.hash && document.getElementById(location.hash.slice(1));
// Arriving at a finding (after a decision, or from a link) scrolls to it; a fresh page stays at its top.
if (fromHash && articles.includes(fromHash)) select(fromHash, true);
else select(articles[0], false, true);
