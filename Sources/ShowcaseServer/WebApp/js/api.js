// The only module that talks to the server: the OGC collections, POST /plan and
// /itinerary/evaluate (in the page's language), the export links and saving a route.
import { lang } from './i18n.js';

/// A JSON answer, or an Error carrying the problem's `detail` (RFC 9457) in words.
async function request(path, options = {}) {
  const response = await fetch(path, options);
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try { detail = JSON.parse(text).detail || text; } catch (_) { /* not JSON */ }
    throw new Error(detail);
  }
  return JSON.parse(text);
}

const post = (path, body) => request(path, {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
});

/// Everything the page draws before a trip: settings, sites, towns, roads, stored routes and tours,
/// and the base map (boundaries, rivers, lakes).
export async function baseData() {
  const [config, sites, towns, roads, stored, base] = await Promise.all([
    request('/app/config.json'), request('/collections/sites/items?limit=10000'),
    request('/collections/towns/items?limit=10000'), request('/collections/roads/items?limit=10000'), storedRoutes(),
    request('/basemap'),
  ]);
  return { config, sites, towns, roads, stored, base };
}

/// The stored heritage routes and study tours, routes first.
export async function storedRoutes() {
  const [routes, tours] = await Promise.all([
    request('/collections/routes/items?limit=1000'), request('/collections/tours/items?limit=1000'),
  ]);
  return [...routes.features, ...tours.features];
}

/// Sites matching `params` (URLSearchParams: q, kind, theme, league, scheme, level, limit).
export const findSites = params => request('/collections/sites/items?' + params);

/// A plan for the form's request, as GeoJSON.
export const planTrip = body => post(`/plan?f=geojson&lang=${lang}`, body);

/// An arranged itinerary timed again, with the rules it breaks, as GeoJSON.
export const evaluateTrip = doc => post(`/itinerary/evaluate?f=geojson&lang=${lang}`, doc);

/// A paper for the itinerary as edited (`notice`: 家长告知书, `filing`: 备案表), as Markdown.
export async function paper(format, doc) {
  const response = await fetch(`/itinerary/evaluate?f=${format}&lang=${lang}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc),
  });
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try { detail = JSON.parse(text).detail || text; } catch (_) { /* not JSON */ }
    throw new Error(detail);
  }
  return text;
}

/// A download link that holds the whole itinerary document.
export const exportLink = (format, doc) =>
  `/itinerary/evaluate?f=${format}&download=1&lang=${lang}&itinerary=${encodeURIComponent(JSON.stringify(doc))}`;

/// Saves an itinerary as a stored route (`routes`) or tour (`tours`) with the operator's token.
export const saveStored = (layer, body, token) => request(`/collections/${layer}/items`, {
  method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});
