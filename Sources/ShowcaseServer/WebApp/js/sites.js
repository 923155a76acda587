// The Sites tab: search and filters (answered by the server), the result list and a site's card.
import { findSites } from './api.js';
import { $, el, status, showTab } from './dom.js';
import { toggleList } from './forms.js';
import { siteName } from './format.js';
import { hasTerm, lang, t, term } from './i18n.js';
import { addVisit } from './itinerary.js';
import { KIND_COLOURS, zoomTo } from './map.js';
import { state, on } from './state.js';

/// The filters' choices from the loaded sites (kinds, themes, leagues, designation schemes and levels).
export function fillFilters() {
  const values = key => [...new Set(state.sites.flatMap(f => {
    const v = f.properties[key];
    return Array.isArray(v) ? v : typeof v === 'string' ? v.split(';') : [];
  }).filter(Boolean))].sort();
  const fill = (select, all, list, group) => {
    const keep = select.value;
    select.replaceChildren(el('option', { value: '', text: t(all) }),
      ...list.map(v => el('option', { value: v, text: term(group, v) })));
    select.value = keep;
  };
  fill($('#f-kind'), 'allKinds', values('kind'), 'kinds');
  fill($('#f-theme'), 'allThemes', values('themes'), 'themes');
  fill($('#f-league'), 'allLeagues', values('league'), 'leagues');
  // designations: "national-key-relic national 2006 batch=6; showcase league 2023" (scheme, level, …)
  const entries = state.sites.flatMap(f => (f.properties.designations || '').split(';')
    .map(s => s.trim().split(' ')).filter(w => w.length > 1));
  fill($('#f-scheme'), 'allSchemes', [...new Set(entries.map(w => w[0]))].sort(), 'schemes');
  fill($('#f-level'), 'allLevels', [...new Set(entries.map(w => w[1]))].sort(), 'levels');
}

/// The start and end boxes' suggestions: towns of 20,000+ in both languages, then every site id.
export function fillPlaces() {
  const big = state.towns.filter(f => (f.properties.population || 0) >= 20000)
    .sort((a, b) => b.properties.population - a.properties.population);
  const options = [];
  for (const f of big) {
    options.push(el('option', { value: f.properties.name, label: f.properties.label_zh || '' }));
    if (f.properties.label_zh) options.push(el('option', { value: f.properties.label_zh, label: f.properties.name }));
  }
  for (const f of state.sites) options.push(el('option', { value: f.properties.id, label: siteName(f.properties) }));
  $('#places').replaceChildren(...options);
}

const FILTERS = [['#f-kind', 'kind'], ['#f-theme', 'theme'], ['#f-league', 'league'], ['#f-scheme', 'scheme'],
  ['#f-level', 'level']];
let searchTimer = null, searchSerial = 0;

/// Asks the server for the sites matching the box and the filters (200 ms after the last keystroke).
export function searchSites() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const serial = ++searchSerial;
    const q = $('#site-search').value.trim();
    const params = new URLSearchParams({ limit: '200' });
    if (q) params.set('q', q);
    for (const [id, key] of FILTERS) if ($(id).value) params.set(key, $(id).value);
    try {
      const fc = await findSites(params);
      if (serial === searchSerial) showResults(fc.features, q);
    } catch (e) { status.fail(e.message); }
  }, 200);
}

function showResults(features, query = '') {
  $('#site-results').dataset.query = query; // which search the list answers (the list re-renders per keystroke)
  $('#site-count').textContent = t('sitesShown', features.length, state.sites.length);
  const day = state.selectedDay + 1;
  $('#site-results').replaceChildren(...features.map(f => {
    const p = f.properties;
    return el('li', { 'data-testid': 'site-result', dataset: { site: p.id } },
      el('span', { class: 'dot', style: `background:${KIND_COLOURS[p.kind] || '#777'}` }),
      el('div', { class: 'what', onclick: () => showCard(p.id) },
        el('div', { class: 'name' }, siteName(p)),
        el('div', { class: 'sub' }, [lang === 'zh' ? p.name_en : p.name_zh, term('kinds', p.kind), term('leagues', p.league),
          p.precision && term('precisions', p.precision)].filter(Boolean).join(' · '))),
      el('div', { class: 'acts' },
        el('button', {
          type: 'button', class: 'small', 'data-testid': 'site-add', disabled: !state.doc,
          title: state.doc ? '' : t('noTrip'), onclick: () => addVisit(p.id),
        }, t('addTo', day)),
        el('button', { type: 'button', class: 'small', onclick: () => showCard(p.id) }, t('details'))));
  }));
}

/// One designation entry ("national-key-relic national 2006 batch=6") in the page's words.
export function designationText(entry) {
  const [scheme, level, ...rest] = entry.trim().split(' ');
  const more = rest.map(w => w.startsWith('batch=') ? t('batch', w.slice(6))
    : w.startsWith('review=') ? t('reviewDue', w.slice(7)) : w);
  return [term('schemes', scheme), term('levels', level), ...more].join(' · ');
}

/// The `aliases` column ("王昭君墓 (national-key-relic batch=6 no=Ⅱ－17); other name"): official
/// names with their list, batch and number, and other names.
export function aliases(text) {
  return (text || '').split(';').map(s => s.trim()).filter(Boolean).map(entry => {
    const m = entry.match(/^(.*) \(([a-z0-9-]+)((?: [a-z]+=\S+)*)\)$/);
    if (!m || !hasTerm('schemes', m[2])) return { name: entry };
    const keys = Object.fromEntries(m[3].trim().split(' ').filter(Boolean).map(w => w.split('=')));
    return { name: m[1], scheme: m[2], batch: keys.batch, number: keys.no };
  });
}

const officialText = a => [a.name, [term('schemes', a.scheme), a.batch && t('batch', a.batch),
  a.number && t('listNo', a.number)].filter(Boolean).join(' · ')].join(' — ');

/// Text from the data in English prose (sources, notes) is marked so, for screen readers in a
/// Chinese page (WCAG 3.1.2); Chinese text is the page's own language.
const HAN = /[\u3400-\u9fff]/;
const dataLang = v => (typeof v === 'string' && !HAN.test(v) && /[A-Za-z]{3}/.test(v) ? 'en' : null);

/// A site's card: names, official names, kind, league, designations, hours, visit, coordinate and
/// its precision, sources.
export function showCard(id) {
  const f = state.byId[id];
  if (!f) return;
  const p = f.properties, card = $('#site-card');
  const [lon, lat] = f.geometry.coordinates;
  const coarse = p.precision && !p.precision.startsWith('exact');
  const designations = (p.designations || '').split(';').filter(s => s.trim()).map(designationText);
  // The sources' own title is English prose: shown in the English page, the list above in both.
  if (lang === 'en' && p.designation) designations.push(p.designation);
  const named = aliases(p.aliases);
  const rows = [
    [t('officialName'), named.filter(a => a.scheme).map(officialText).join('; ')],
    [t('alsoKnownAs'), named.filter(a => !a.scheme).map(a => a.name).join('; ')],
    [t('kind'), [term('kinds', p.kind), lang === 'en' && p.kind_detail].filter(Boolean).join(' — ')],
    [t('league'), [p.league_zh, lang === 'en' && p.league, p.banner].filter(v => v && v !== 'not verified').join(' · ')],
    [t('designation'), designations.join('; ') || '—'], [t('hours'), p.opening_hours || t('unknownHours')],
    ['', p.opening_hours_note],
    [t('visit'), p.visit_minutes ? t('minutes', p.visit_minutes) : null],
    [t('coordinate'), `${lon.toFixed(5)}, ${lat.toFixed(5)}`],
    [t('precision'), p.precision && term('precisions', p.precision)], [t('source'), p.coord_source],
    [t('facts'), p.facts], ['', p.fact_sources],
  ].filter(([, v]) => v);
  card.replaceChildren(
    el('h3', {}, p.name_zh || p.id), el('div', { class: 'sub', lang: p.name_en ? 'en' : null }, p.name_en || ''),
    el('dl', {}, rows.flatMap(([k, v]) => [el('dt', {}, k),
      el('dd', { class: k === t('precision') && coarse ? 'precise-coarse' : '', lang: dataLang(v),
        'data-testid': k === t('officialName') ? 'official-name' : null }, String(v))])),
    el('div', { class: 'acts' },
      el('button', { type: 'button', disabled: !state.doc, onclick: () => addVisit(id) }, t('addTo', state.selectedDay + 1)),
      el('button', { type: 'button', onclick: () => toggleList('must', id) }, t('must')),
      el('button', { type: 'button', onclick: () => toggleList('avoid', id) }, t('avoid')),
      el('button', { type: 'button', onclick: () => zoomTo(lat, lon) }, t('zoom'))));
  card.hidden = false;
}

export function wireSites() {
  $('#site-search').addEventListener('input', searchSites);
  for (const [id] of FILTERS) $(id).addEventListener('change', searchSites);
}

on('site', id => { showTab('sites'); showCard(id); });
on('lang', () => { fillFilters(); searchSites(); });
on('trip', searchSites); // "Add to day N" is enabled once there is a trip
on('day', searchSites);
