// The two papers a school hands in, from the print menu: the parents' notice (家长告知书) and the
// filing sheet (备案表). The server writes them (Markdown, in the page's language) for the trip as
// edited; this module turns that Markdown's few forms (headings, tables, lists, bold) into the
// print view and opens the print dialog.
import { paper } from './api.js';
import { $, el, status } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';

/// Text with **bold** spans as nodes.
const inline = text => text.split(/(\*\*[^*]+\*\*)/).filter(Boolean)
  .map(part => (part.startsWith('**') ? el('strong', {}, part.slice(2, -2)) : part));

/// The Markdown the server writes, as elements.
export function render(markdown) {
  const nodes = [];
  let table = null, list = null;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) table = null;
    if (!line.startsWith('- ')) list = null;
    const heading = line.match(/^(#{1,3}) (.*)$/);
    if (heading) { nodes.push(el('h' + heading[1].length, {}, ...inline(heading[2]))); continue; }
    if (line.startsWith('|')) {
      const cells = line.slice(1, -1).split('|').map(c => c.trim());
      if (cells.every(c => /^-+$/.test(c))) continue;
      if (!table) { table = el('table'); nodes.push(table); table.append(el('tr', {}, ...cells.map(c => el('th', {}, ...inline(c))))); continue; }
      table.append(el('tr', {}, ...cells.map(c => el('td', {}, ...inline(c)))));
      continue;
    }
    if (line.startsWith('- ')) {
      if (!list) { list = el('ul'); nodes.push(list); }
      list.append(el('li', {}, ...inline(line.slice(2))));
      continue;
    }
    if (line.trim()) nodes.push(el('p', {}, ...inline(line)));
  }
  return nodes;
}

async function printPaper(format) {
  if (!state.doc) return;
  status.busy(t(format === 'notice' ? 'printNotice' : 'printFiling'));
  try {
    const markdown = await paper(format, state.doc);
    $('#print-view').replaceChildren(el('section', { class: 'paper', 'data-testid': `paper-${format}` }, ...render(markdown)));
    status.done(t('printReady'));
    window.print();
  } catch (e) { status.fail(e.message); }
}

export function wirePapers() {
  $('#print-notice').addEventListener('click', () => printPaper('notice'));
  $('#print-filing').addEventListener('click', () => printPaper('filing'));
}
