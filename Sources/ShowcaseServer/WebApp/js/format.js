// How times, lengths, names and the server's itinerary read on the page.
import { lang, t } from './i18n.js';
import { state } from './state.js';

export const clock = iso => iso.slice(11, 16);

export const addSeconds = (iso, s) => {
  const [h, m, sec] = iso.slice(11, 19).split(':').map(Number);
  const total = h * 3600 + m * 60 + sec + s;
  return `${String(Math.floor(total / 3600) % 24).padStart(2, '0')}:${String(Math.floor(total % 3600 / 60)).padStart(2, '0')}`;
};

export const duration = s => {
  const m = Math.round(s / 60);
  return t('duration', Math.floor(m / 60), m % 60);
};

export const km = m => (m / 1000).toFixed(1);

/// A violation in the page's language.
export const said = v => (lang === 'zh' && v.message_zh ? v.message_zh : v.message);

export const verdict = fc => (fc.violations && fc.violations.length ? t('breaks', fc.violations.length) : t('allKept'));

export const siteName = p => (lang === 'zh' ? (p.name_zh || p.name_en) : (p.name_en || p.name_zh)) || p.id || p.site_id;

// A town the trip starts or ends at is labelled in English by the planner; in Chinese its
// GeoNames Chinese name (towns layer, label_zh) is shown instead.
const townZh = label => (state.towns || []).find(f => f.properties.name === label)?.properties.label_zh;

export const stopName = p => (p.site_id && state.byId[p.site_id] ? siteName(state.byId[p.site_id].properties)
  : (lang === 'zh' ? (p.name_zh || townZh(p.label) || p.label) : (p.name_en || p.label)));

/// Features grouped by day: stops (Points, in order) with the leg that led to each.
export function byDay(fc) {
  const days = [];
  for (const f of fc.features) {
    const p = f.properties, d = p.day - 1;
    days[d] = days[d] || { stops: [], legs: {} };
    if (f.geometry.type === 'Point') days[d].stops.push({ ...p, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] });
    else days[d].legs[p.order] = { ...p, coordinates: f.geometry.coordinates };
  }
  for (const d of days) d.stops.sort((a, b) => a.order - b.order);
  return days.filter(Boolean);
}
