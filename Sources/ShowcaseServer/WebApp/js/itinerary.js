// The itinerary board: a column per day with every drive, visit, wait, lunch and broken rule,
// and the hand edits (reorder, move to another day, pin, remove, add), each timed again by the server.
import { planTrip, evaluateTrip } from './api.js';
import { $, $$, el, status } from './dom.js';
import { formRequest } from './forms.js';
import { addSeconds, byDay, clock, duration, km, said, stopName, verdict } from './format.js';
import { lang, t } from './i18n.js';
import { DAY_COLOURS } from './map.js';
import { state, on, emit } from './state.js';

/// Plans the request and shows the answer.
export async function plan(request, message) {
  const seconds = Math.min(request.time_limit || 2, state.config.max_plan_seconds || 10);
  status.busy(message || t('planning', Math.ceil(seconds + 1)));
  $('#plan-submit').disabled = true;
  try {
    const fc = await planTrip(request);
    show(fc, docFrom(fc, request));
    status.done(t('planned') + ' ' + verdict(fc));
  } catch (e) {
    status.fail(e.message);
  } finally {
    $('#plan-submit').disabled = false;
  }
}

/// Times an itinerary document again and shows it with the rules it breaks.
export async function evaluate(doc) {
  status.busy(t('timing'));
  try {
    const fc = await evaluateTrip(doc);
    show(fc, doc);
    status.done(t('timed') + ' ' + verdict(fc));
  } catch (e) {
    status.fail(e.message);
  }
}

/// The itinerary document of a plan: its request, and each day's visits and lunch in order,
/// with the nights where the plan put them (so evaluating it gives the same times back).
function docFrom(fc, request) {
  const doc = { ...request };
  delete doc.choose_hotels; delete doc.time_limit; delete doc.only; delete doc.days;
  const days = byDay(fc);
  const pinned = id => state.doc?.visits.flat().some(v => v.site === id && v.pinned);
  doc.visits = days.map(d => d.stops.filter(s => s.kind === 'stop' || s.kind === 'lunch')
    .map(s => (s.kind === 'lunch' ? { lunch: true } : pinned(s.site_id) ? { site: s.site_id, pinned: true } : s.site_id)));
  if (days.length > 1) doc.hotels = days.slice(0, -1).map(d => d.stops[d.stops.length - 1].label);
  else delete doc.hotels;
  return doc;
}

function show(fc, doc) {
  state.fc = fc;
  state.doc = doc;
  state.version += 1;
  document.body.dataset.version = String(state.version);
  state.selectedDay = Math.min(state.selectedDay, doc.visits.length - 1);
  history.replaceState(null, '', '#trip=' + encodeURIComponent(JSON.stringify(doc)));
  drawBoard();
  emit('trip');
}

function drawBoard() {
  const fc = state.fc, doc = state.doc, days = byDay(fc);
  const problems = fc.violations || [];
  $('#trip-title').textContent = t('trip', days.length, doc.date, fc.score);
  $('#reoptimise').disabled = false;
  const notes = [];
  const general = problems.filter(v => v.day === null);
  for (const v of general) notes.push(el('div', { class: 'problem', 'data-testid': 'violation' }, said(v)));
  if ((fc.not_included || []).length) {
    notes.push(el('div', {}, `${t('notIncluded')}: ` + fc.not_included.slice(0, 8).map(x => `${x.name} (${x.reason})`).join('; ')));
  }
  const worst = fc.worst_precision;
  if (worst) notes.push(el('div', { 'data-testid': 'worst-precision' }, t('coarsest', worst.precision, worst.site_ids.length)));
  if ((fc.assumptions || []).length) notes.push(el('div', {}, `${t('assumptions')}: ` + fc.assumptions.join('; ')));
  $('#trip-notes').replaceChildren(...notes);
  $('#days').replaceChildren(...days.map((day, d) => dayColumn(day, d, days.length, problems)));
}
on('lang', () => { if (state.fc) drawBoard(); });

function dayColumn(day, d, dayCount, problems) {
  const doc = state.doc;
  const colour = DAY_COLOURS[d % DAY_COLOURS.length];
  const date = day.stops[0].arrive.slice(0, 10);
  const weekday = new Date(date + 'T12:00:00Z').toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { weekday: 'short', timeZone: 'UTC' });
  const legs = Object.values(day.legs);
  const driving = legs.reduce((a, l) => a + l.duration_s, 0), distance = legs.reduce((a, l) => a + l.distance_m, 0);
  const visits = day.stops.filter(s => s.kind === 'stop');
  const dayProblems = problems.filter(v => v.day === d + 1 && !v.site_id);
  let number = 0;
  const items = day.stops.map(s => {
    const leg = day.legs[s.order];
    const drive = s.travel_unknown ? el('div', { class: 'drive' }, `↓ ${t('travelUnknown')}`)
      : leg ? el('div', { class: 'drive' }, `↓ ${duration(leg.duration_s)} · ${km(leg.distance_m)} km` + (leg.rests ? t('rests', leg.rests) : '')) : null;
    if (s.kind === 'start') return el('li', { class: 'base' }, el('span', { class: 'time' }, clock(s.depart)), `${t('from')} ${stopName(s)}`);
    if (s.kind === 'end') return el('li', { class: 'base' }, drive, el('span', { class: 'time' }, clock(s.arrive)), `${t('backAt')} ${stopName(s)}`);
    if (s.kind === 'lunch') {
      const begin = addSeconds(s.arrive, s.waiting_s || 0);
      return el('li', { class: 'lunch' }, drive, el('span', { class: 'time' }, `${begin}–${clock(s.depart)}`), t('lunchStop'));
    }
    number += 1;
    const index = doc.visits[d].findIndex(v => (v.site || v) === s.site_id);
    const visit = doc.visits[d][index];
    const pinned = typeof visit === 'object' && visit.pinned;
    const begin = addSeconds(s.arrive, s.waiting_s || 0);
    const mine = problems.filter(v => v.site_id === s.site_id && v.day === d + 1);
    const tool = (attrs, text) => el('button', { type: 'button', ...attrs }, text);
    const stop = e => e.stopPropagation();
    return el('li', { class: 'stop', 'data-testid': 'itinerary-stop', dataset: { site: s.site_id } }, drive,
      // Badge, times and name are separate words (spaces between them) to a screen reader.
      el('div', {}, el('span', { class: 'num', style: `background:${colour}` }, number), ' ',
        el('span', { class: 'time' }, `${begin}–${clock(s.depart)}`), ' ', el('span', { class: 'name' }, stopName(s))),
      s.waiting_s ? el('div', { class: 'wait' }, `${clock(s.arrive)} · ${t('waits', duration(s.waiting_s))}`) : null,
      ...mine.map(v => el('div', { class: 'violation', 'data-testid': 'violation' }, said(v))),
      el('div', { class: 'tools' },
        tool({ 'data-testid': 'stop-up', title: t('up'), 'aria-label': t('up'), onclick: e => { stop(e); moveVisit(d, index, -1); } }, '↑'),
        tool({ 'data-testid': 'stop-down', title: t('down'), 'aria-label': t('down'), onclick: e => { stop(e); moveVisit(d, index, 1); } }, '↓'),
        el('select', { 'aria-label': t('moveTo'), onclick: stop, onchange: e => moveToDay(d, index, Number(e.target.value)) },
          el('option', { value: '', text: t('moveTo') }),
          ...Array.from({ length: dayCount }, (_, k) => (k === d ? null : el('option', { value: k, text: t('dayN', k + 1) })))),
        tool({ class: pinned ? 'pinned' : '', title: t('pin'), 'aria-label': t('pin'), 'aria-pressed': String(!!pinned),
          onclick: e => { stop(e); togglePin(d, index); } }, pinned ? t('pinned') : t('pinShort')),
        tool({ 'data-testid': 'stop-remove', title: t('remove'), 'aria-label': t('remove'), onclick: e => { stop(e); removeVisit(d, index); } }, '✕')));
  });
  const column = el('section', {
    class: 'day' + (d === state.selectedDay ? ' selected' : ''), 'data-testid': 'itinerary-day', style: `--daycolour:${colour}`,
    tabindex: '0', 'aria-label': t('dayN', d + 1), title: t('selectDay'), onclick: () => selectDay(d),
    onkeydown: e => { if (e.key === 'Enter' && e.target === column) selectDay(d); },
  },
  el('header', {}, el('div', { class: 'date' }, `${t('dayN', d + 1)} · ${weekday} ${date}`),
    el('div', { class: 'totals' }, t('sitesKm', visits.length, km(distance), duration(driving)))),
  el('div', { class: 'dayproblems' }, ...dayProblems.map(v => el('div', { class: 'violation', 'data-testid': 'violation' }, said(v)))),
  el('ol', {}, ...items));
  return column;
}

function selectDay(d) {
  state.selectedDay = d;
  $$('#days .day').forEach((e, k) => e.classList.toggle('selected', k === d));
  emit('day');
}

const edited = () => JSON.parse(JSON.stringify(state.doc));
const siteOf = v => (typeof v === 'string' ? v : v.site);

function removeVisit(d, i) {
  const doc = edited();
  const [gone] = doc.visits[d].splice(i, 1);
  state.removed = [...new Set([...state.removed, siteOf(gone)])];
  evaluate(doc);
}

/// Swaps a visit with the next visit up or down the day (lunch keeps its place); past the
/// day's first or last visit it moves to the day before or after.
function moveVisit(d, i, step) {
  const doc = edited(), list = doc.visits[d];
  let j = i + step;
  while (j >= 0 && j < list.length && list[j].lunch) j += step;
  if (j < 0 || j >= list.length) {
    const other = d + step;
    if (other < 0 || other >= doc.visits.length) return;
    const [v] = list.splice(i, 1);
    if (step < 0) doc.visits[other].push(v); else doc.visits[other].unshift(v);
  } else {
    [list[i], list[j]] = [list[j], list[i]];
  }
  evaluate(doc);
}

function moveToDay(d, i, target) {
  if (Number.isNaN(target)) return;
  const doc = edited();
  const [v] = doc.visits[d].splice(i, 1);
  doc.visits[target].push(v);
  evaluate(doc);
}

function togglePin(d, i) {
  const doc = edited(), v = doc.visits[d][i];
  doc.visits[d][i] = typeof v === 'string' ? { site: v, pinned: true } : (v.pinned ? v.site : { ...v, pinned: true });
  evaluate(doc);
}

/// Adds a site to the selected day (before the day's end); a site already in the trip moves there.
export function addVisit(id) {
  if (!state.doc) return;
  const doc = edited();
  let existing = null;
  for (const list of doc.visits) {
    const i = list.findIndex(v => siteOf(v) === id);
    if (i >= 0) existing = list.splice(i, 1)[0];
  }
  doc.visits[state.selectedDay].push(existing || id);
  state.removed = state.removed.filter(x => x !== id);
  evaluate(doc);
}

/// Plans again around the pinned stops and without the removed ones.
export function reoptimise() {
  const request = { ...formRequest() };
  const pinned = state.doc.visits.flat().filter(v => typeof v === 'object' && v.pinned).map(v => v.site);
  request.must = [...new Set([...(request.must || []), ...pinned])];
  request.avoid = [...new Set([...(request.avoid || []), ...state.removed])].filter(id => !request.must.includes(id));
  if (!request.must.length) delete request.must;
  if (!request.avoid.length) delete request.avoid;
  plan(request);
}
