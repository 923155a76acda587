// Small DOM helpers every panel uses, the status line and the tabs.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

/// An element with attributes (`class`, `text`, `dataset`, `on…` listeners, the rest as is) and children.
export const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
};

/// The header's status line; `data-busy` on the body tells tests (and scripts) a request is out.
export const status = {
  busy(text) { const s = $('#status'); s.className = 'busy'; s.textContent = text; document.body.dataset.busy = '1'; },
  done(text) { const s = $('#status'); s.className = ''; s.textContent = text; delete document.body.dataset.busy; },
  fail(text) { const s = $('#status'); s.className = 'error'; s.textContent = text; delete document.body.dataset.busy; },
};

export function showTab(name) {
  $$('.tabs button').forEach(b => {
    b.classList.toggle('on', b.dataset.tab === name);
    b.setAttribute('aria-selected', String(b.dataset.tab === name));
  });
  $$('.tab').forEach(p => p.classList.toggle('on', p.dataset.tab === name));
}
