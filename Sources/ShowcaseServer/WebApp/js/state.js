// What the page holds between requests, and the few events panels tell one another.

export const state = {
  sites: [], byId: {}, towns: [], config: {},
  fc: null,          // the current itinerary as the server's GeoJSON
  doc: null,         // the request plus each day's visits: what /itinerary/evaluate takes
  selectedDay: 0, must: [], avoid: [], removed: [], pick: false, version: 0,
};

const listeners = {};

/// Panels listen instead of calling one another: `lang` (the language changed), `trip` (a new
/// itinerary is shown), `day` (another day is selected), `site` (a site was chosen on the map).
export function on(event, listener) {
  (listeners[event] ||= []).push(listener);
}

export function emit(event, ...args) {
  for (const listener of listeners[event] || []) listener(...args);
}
