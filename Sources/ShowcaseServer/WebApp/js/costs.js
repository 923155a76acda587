// What the trip costs and what its group should know, beside the itinerary: the total, the cost
// per pupil (a lower bound when a ticket price is unknown), the budget, each day's share under
// its column, the coaches and staff ratios, and the warnings (night driving, staff short, …).
// Everything is the server's answer (GeoJSON foreign members `costs`, `group`, `warnings`),
// redrawn after every plan and every hand edit.
import { $, $$, el } from './dom.js';
import { lang, t } from './i18n.js';
import { state, on } from './state.js';

const money = x => x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const said = w => (lang === 'zh' && w.message_zh ? w.message_zh : w.message);

function draw() {
  const box = $('#trip-costs');
  const fc = state.fc, costs = fc?.costs, group = fc?.group, warnings = fc?.warnings || [];
  if (!fc || (!costs && !group && !warnings.length)) { box.replaceChildren(); box.hidden = true; return; }
  box.hidden = false;
  const parts = [];
  if (group) {
    const ratios = group.ratios.map(r => `${t('role_' + r.role)} ${r.count}/${r.required}${r.ok ? '' : ' ⚠'}`).join(' · ');
    parts.push(el('div', { 'data-testid': 'group-summary' },
      t('groupLine', group.people, group.coaches, group.seats_per_coach), ratios ? ' · ' + ratios : ''));
  }
  if (costs) {
    const budget = state.doc?.budget_per_student;
    parts.push(el('div', { class: 'costline' },
      el('strong', {}, t('costTotal', money(costs.total_cny))), ' · ',
      el('strong', { 'data-testid': 'cost-per-student', dataset: { value: String(costs.per_student_cny) } },
        t('costPerPupil', money(costs.per_student_cny))),
      budget ? el('span', { class: costs.per_student_cny > budget ? 'over' : 'within' }, ' · ' + t('budgetOf', money(budget))) : null,
      costs.lower_bound ? el('span', { class: 'over', 'data-testid': 'cost-lower-bound' }, ' · ' + t('lowerBound', costs.unknown_prices.length)) : null));
    const byKind = {};
    for (const i of costs.items) byKind[i.kind] = (byKind[i.kind] || 0) + i.amount_cny;
    parts.push(el('div', { class: 'costkinds' },
      Object.entries(byKind).map(([k, a]) => `${t('cost_' + k)} ${money(a)}`).join(' · ')));
  }
  for (const w of warnings) parts.push(el('div', { class: 'warning', 'data-testid': 'warning' }, '⚠ ' + said(w)));
  box.replaceChildren(...parts);
  // Each day's share, under its column's totals.
  $$('#days .day').forEach((column, d) => {
    column.querySelector('.daycost')?.remove();
    if (!costs) return;
    column.querySelector('header').append(el('div', { class: 'daycost', 'data-testid': 'day-cost' },
      t('dayCost', money(costs.per_day_cny[d] || 0))));
  });
}

on('trip', draw);
// After the board has redrawn itself in the new language.
on('lang', () => setTimeout(draw, 0));
