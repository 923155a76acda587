// The Routes & tours tab: stored routes and tours, shown on the map, evaluated on a date or optimised.
import { $, el } from './dom.js';
import { setForm } from './forms.js';
import { lang, t, term } from './i18n.js';
import { evaluate, plan } from './itinerary.js';
import { showLine } from './map.js';

export function showRoutes(features) {
  $('#route-list').replaceChildren(...features.map(f => {
    const p = f.properties;
    return el('li', {},
      el('div', { class: 'what', onclick: () => showLine(f.geometry.coordinates) },
        el('div', { class: 'name' }, (lang === 'zh' ? p.name_zh || p.name_en : p.name_en || p.name_zh) || p.id),
        el('div', { class: 'sub' }, [term('routeKinds', p.kind), t('storedDays', p.days), t('stops', p.stop_count), p.example ? t('example') : t('official')].join(' · '))),
      el('div', { class: 'acts' },
        el('button', { type: 'button', class: 'small', onclick: () => showLine(f.geometry.coordinates) }, t('showRoute')),
        el('button', { type: 'button', class: 'small', onclick: () => evaluateRoute(p) }, t('evaluate')),
        el('button', { type: 'button', class: 'small', onclick: () => optimiseRoute(p) }, t('optimise'))));
  }));
}

function routeRequest(p) {
  return { start: p.start, date: $('#route-date').value || $('#plan-date').value, profile: $('#plan-profile').value };
}

function evaluateRoute(p) {
  const visits = p.visits.map(day => day.map(v => (v.stay_minutes ? { site: v.site, stay_minutes: v.stay_minutes } : v.site)));
  const doc = { ...routeRequest(p), visits };
  setForm({ ...doc, days: doc.visits.length });
  evaluate(doc);
}

function optimiseRoute(p) {
  const ids = p.visits.flat().map(v => v.site);
  const request = { ...routeRequest(p), days: p.days, only: ids, must: ids };
  setForm(request);
  plan(request);
}
