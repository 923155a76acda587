// The trip form: start, days, travel, the day's hours, lunch, themes, nights, must and avoid;
// it turns into the plan file's keys (what POST /plan and /itinerary/evaluate take) and back.
import { $, $$, el, showTab, status } from './dom.js';
import { siteName } from './format.js';
import { groupKeys, setGroupForm } from './group.js';
import { t, term } from './i18n.js';
import { pickPoint } from './map.js';
import { state, on } from './state.js';

/// A chip per theme the sites carry; ticked themes are kept across a redraw.
export function fillThemes() {
  const themes = [...new Set(state.sites.flatMap(f => (f.properties.themes || '').split(';')).filter(Boolean))].sort();
  const box = $('#plan-themes'), ticked = new Set(formThemes());
  box.replaceChildren(...themes.map(th => el('label', { class: 'chip' },
    el('input', { type: 'checkbox', value: th, checked: ticked.has(th) }), term('themes', th))));
}
const formThemes = () => $$('#plan-themes input:checked').map(i => i.value);

/// Puts a site on the must-visit or avoid list (off the other one), or takes it off.
export function toggleList(which, id) {
  const other = which === 'must' ? 'avoid' : 'must';
  state[other] = state[other].filter(x => x !== id);
  state[which] = state[which].includes(id) ? state[which].filter(x => x !== id) : [...state[which], id];
  showChips();
}

function showChips() {
  const chips = which => state[which].map(id => el('span', { class: 'chip ' + which },
    siteName(state.byId[id]?.properties || { id }),
    el('button', { type: 'button', 'aria-label': t('remove'), onclick: () => toggleList(which, id) }, '×')));
  $('#plan-must').replaceChildren(...chips('must'));
  $('#plan-avoid').replaceChildren(...chips('avoid'));
}
on('lang', () => { showChips(); if (state.sites.length) fillThemes(); });

function showHotelInputs() {
  const box = $('#plan-hotels');
  if ($('#plan-hotel-mode').value !== 'fixed') { box.replaceChildren(); return; }
  const nights = Math.max(0, Number($('#plan-days').value) - 1), old = $$('input', box).map(i => i.value);
  box.replaceChildren(...Array.from({ length: nights }, (_, i) => el('input', {
    list: 'places', value: old[i] || '', placeholder: `${t('night')} ${i + 1}`, 'aria-label': `${t('night')} ${i + 1}`,
  })));
}

/// The plan file's keys from the form.
export function formRequest() {
  const r = {
    start: $('#plan-start').value.trim(), date: $('#plan-date').value, days: Number($('#plan-days').value),
    profile: $('#plan-profile').value, window: `${$('#plan-from').value}-${$('#plan-to').value}`,
    lunch: $('#plan-lunch').value,
  };
  if ($('#plan-end').value.trim()) r.end = $('#plan-end').value.trim();
  if ($('#plan-max').value) r.max_per_day = Number($('#plan-max').value);
  const themes = formThemes();
  if (themes.length) r.themes = themes;
  if (state.must.length) r.must = [...state.must];
  if (state.avoid.length) r.avoid = [...state.avoid];
  const mode = $('#plan-hotel-mode').value;
  if (mode === 'choose' && r.days > 1) r.choose_hotels = true;
  if (mode === 'fixed' && r.days > 1) r.hotels = $$('#plan-hotels input').map(i => i.value.trim());
  return { ...r, ...groupKeys() };
}

/// Fills the form from a request or an itinerary document (a link, a stored route).
export function setForm(r) {
  $('#plan-start').value = r.start || '';
  $('#plan-end').value = r.end || '';
  if (r.date) $('#plan-date').value = r.date;
  $('#plan-days').value = r.days || (r.visits ? r.visits.length : 1);
  if (r.profile) $('#plan-profile').value = r.profile;
  if (r.window) { const [a, b] = r.window.split('-'); $('#plan-from').value = a; $('#plan-to').value = b; }
  if (r.lunch) $('#plan-lunch').value = r.lunch;
  setGroupForm(r);
  $('#plan-max').value = r.max_per_day || '';
  for (const i of $$('#plan-themes input')) i.checked = (r.themes || []).includes(i.value);
  state.must = r.must || []; state.avoid = r.avoid || [];
  showChips();
}

/// The next Monday, the form's first day by default.
function nextMonday() {
  const d = new Date();
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

/// `submit` gets the form's request when the user presses "Plan the trip".
export function wireForm(submit) {
  $('#plan-date').value = nextMonday();
  $('#route-date').value = $('#plan-date').value;
  $('#plan-form').addEventListener('submit', e => { e.preventDefault(); submit(formRequest()); });
  $('#plan-hotel-mode').addEventListener('change', showHotelInputs);
  $('#plan-days').addEventListener('change', showHotelInputs);
  $('#pick-start').addEventListener('click', () => {
    status.done(t('pickNow'));
    pickPoint((lon, lat) => { $('#plan-start').value = `${lon.toFixed(5)},${lat.toFixed(5)}`; showTab('plan'); });
  });
}
