// The planner's web app. It holds no planning logic: it builds requests from the form and the
// hand edits, sends them to this server's API (POST /plan, POST /itinerary/evaluate, the OGC
// collections) and draws what comes back. Every edit is timed again by the server.
'use strict';

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
};

// ---------------------------------------------------------------- words, in two languages

const WORDS = {
  en: {
    title: 'Showcase Route Planner', tabPlan: 'Plan a trip', tabSites: 'Sites', tabRoutes: 'Routes & tours',
    start: 'Start (a town, a site or a click on the map)', end: 'End (optional; default: back at the start)', pickOnMap: 'Pick on map',
    date: 'First day', days: 'Days', profile: 'Travel by', coach: 'Coach', car: 'Car', walk: 'Walking', groupSize: 'Group size',
    dayFrom: 'Day starts', dayTo: 'Day ends', maxPerDay: 'Sites a day (max)', lunch: 'Lunch', lunchDefault: '12:00–13:30, 1 h',
    lunchEarly: '11:30–13:00, 45 min', lunchNone: 'No lunch stop', themes: 'Themes (none ticked: every site)', nights: 'Nights',
    nightsBase: 'Back at the start every evening', nightsChoose: 'Choose hotels for me', nightsFixed: "I name each night's town",
    night: 'Night', mustAvoid: 'Must visit / avoid', mustHint: 'Add sites from the Sites tab (site card: “Must visit”, “Avoid”).',
    planIt: 'Plan the trip', search: 'Search: 博物, dazhao, museum…', allKinds: 'All kinds', allThemes: 'All themes',
    allLeagues: 'All leagues', allLevels: 'All designation levels', allSchemes: 'All designations', sitesShown: (n, m) => `${n} of ${m} sites`,
    addTo: d => `Add to day ${d}`, details: 'Details', must: 'Must visit', avoid: 'Avoid', zoom: 'Show on map',
    evalDate: 'Date for evaluating a stored route', showRoute: 'Show', evaluate: 'Evaluate', optimise: 'Optimise', example: 'example',
    official: 'official', dayN: d => `Day ${d}`, sitesKm: (n, km, t) => `${n} sites · ${km} km · ${t} driving`, from: 'from', backAt: 'back at',
    lunchStop: 'Lunch', waits: m => `arrives early, waits ${m}`, rests: n => ` (incl. ${n}×20 min rest)`, remove: 'Remove', up: 'Move up',
    down: 'Move down', pin: 'Pin: keep it when re-optimising', pinShort: 'Pin', pinned: 'Pinned', moveTo: 'Move to…', reoptimise: 'Re-optimise', calendar: 'Calendar',
    markdown: 'Markdown', print: 'Print', link: 'Link', linkCopied: 'Link to this trip copied (also in the address bar).',
    noTrip: 'No trip yet: plan one, or open a stored route.', trip: (n, d, s) => `${n} days from ${d} · score ${s}`,
    planning: s => `Planning… (up to ${s} s)`, timing: 'Timing the trip again…', planned: 'Planned.', timed: 'Timed again.',
    breaks: n => `${n} rule${n === 1 ? '' : 's'} broken`, allKept: 'Every rule kept.', loading: 'Loading the map data…',
    ready: 'Ready.', pickNow: 'Click the map where the trip starts.', notIncluded: 'Not included', assumptions: 'Assumptions',
    travelUnknown: 'drive not known (same coarse point as the last stop)',
    coarsest: (p, n) => `Coordinates: at worst ${p} (${n} stop${n === 1 ? '' : 's'}); times to and from such stops are estimates`,
    kind: 'Kind', designation: 'Designation', hours: 'Opening hours', visit: 'Visit', coordinate: 'Coordinate', precision: 'Precision',
    source: 'Source', facts: 'Facts', league: 'League', minutes: m => `${m} min`, selectDay: 'Click a day to add sites to it',
    unknownHours: 'not in the data (09:00–17:00 assumed)', storedDays: d => `${d} day(s)`, stops: n => `${n} stops`,
    legend: 'Kinds of site', printTitle: 'Itinerary', time: 'Time', stop: 'Stop', travel: 'Travel', problems: 'Rules broken',
  },
  zh: {
    title: '示范点线路规划', tabPlan: '规划行程', tabSites: '地点', tabRoutes: '线路与研学',
    start: '出发地（城镇、地点或在地图上点选）', end: '终点（可选，默认回到出发地）', pickOnMap: '地图点选',
    date: '出发日期', days: '天数', profile: '交通方式', coach: '大巴', car: '小汽车', walk: '步行', groupSize: '团队人数',
    dayFrom: '每日出发', dayTo: '每日结束', maxPerDay: '每天最多地点', lunch: '午餐', lunchDefault: '12:00–13:30，1 小时',
    lunchEarly: '11:30–13:00，45 分钟', lunchNone: '不安排午餐', themes: '主题（不选则全部）', nights: '住宿',
    nightsBase: '每晚回到出发地', nightsChoose: '由系统选择住宿城镇', nightsFixed: '自己指定每晚住宿城镇',
    night: '第几晚', mustAvoid: '必去 / 不去', mustHint: '在“地点”页的地点卡片中选择“必去”或“不去”。',
    planIt: '生成行程', search: '搜索：博物、dazhao、museum……', allKinds: '全部类型', allThemes: '全部主题',
    allLeagues: '全部盟市', allLevels: '全部命名级别', allSchemes: '全部命名类别', sitesShown: (n, m) => `显示 ${n} / ${m} 个地点`,
    addTo: d => `加入第 ${d} 天`, details: '详情', must: '必去', avoid: '不去', zoom: '在地图上显示',
    evalDate: '评估已存线路的日期', showRoute: '显示', evaluate: '评估', optimise: '优化', example: '示例',
    official: '官方', dayN: d => `第 ${d} 天`, sitesKm: (n, km, t) => `${n} 个地点 · ${km} 公里 · 行车 ${t}`, from: '出发：', backAt: '到达：',
    lunchStop: '午餐', waits: m => `提前到达，等候 ${m}`, rests: n => `（含 ${n} 次 20 分钟休息）`, remove: '删除', up: '上移',
    down: '下移', pin: '固定：重新优化时保留', pinShort: '固定', pinned: '已固定', moveTo: '移到……', reoptimise: '重新优化', calendar: '日历',
    markdown: 'Markdown', print: '打印', link: '链接', linkCopied: '已复制本行程的链接（也在地址栏中）。',
    noTrip: '还没有行程：请先规划，或打开一条已存线路。', trip: (n, d, s) => `${n} 天，${d} 出发 · 得分 ${s}`,
    planning: s => `正在规划……（最多 ${s} 秒）`, timing: '正在重新计算时间……', planned: '已生成行程。', timed: '已重新计算。',
    breaks: n => `有 ${n} 处不符合规定`, allKept: '全部符合规定。', loading: '正在加载地图数据……',
    ready: '就绪。', pickNow: '请在地图上点击出发地。', notIncluded: '未安排', assumptions: '说明',
    travelUnknown: '路程未知（与上一站同一粗略坐标）',
    coarsest: (p, n) => `坐标精度：最粗为 ${p}（${n} 个地点），相关行程时间为估计值`,
    kind: '类型', designation: '命名', hours: '开放时间', visit: '参观时长', coordinate: '坐标', precision: '坐标精度',
    source: '来源', facts: '简介', league: '盟市', minutes: m => `${m} 分钟`, selectDay: '点击某一天，把地点加入该天',
    unknownHours: '数据中没有（按 09:00–17:00 计）', storedDays: d => `${d} 天`, stops: n => `${n} 个地点`,
    legend: '地点类型', save: '保存', saveTitle: '保存为线路或研学路线', nameZh: '中文名称', nameEn: '英文名称', saveId: '编号（小写字母、数字、连字符）',
    saveKind: '类型', kindStudy: '研学路线', kindRed: '红色教育路线', kindHeritage: '遗产旅游线路', token: '管理员口令', cancel: '取消',
    saved: id => `已保存为 ${id}，见“线路与研学”。`,
    printTitle: '行程单', time: '时间', stop: '地点', travel: '路程', problems: '不符合规定之处',
  },
};
let lang = new URLSearchParams(location.search).get('lang') || ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');
const t = (key, ...args) => { const w = WORDS[lang][key] ?? WORDS.en[key] ?? key; return typeof w === 'function' ? w(...args) : w; };

function applyWords() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const e of $$('[data-t]')) e.textContent = t(e.dataset.t);
  $('#lang').textContent = lang === 'zh' ? 'EN' : '中文';
  $('#site-search').placeholder = t('search');
  $('#pick-start').title = t('pickNow');
}

// ---------------------------------------------------------------- talking to the server

const status = {
  busy(text) { const s = $('#status'); s.className = 'busy'; s.textContent = text; document.body.dataset.busy = '1'; },
  done(text) { const s = $('#status'); s.className = ''; s.textContent = text; delete document.body.dataset.busy; },
  fail(text) { const s = $('#status'); s.className = 'error'; s.textContent = text; delete document.body.dataset.busy; },
};

/// A JSON answer, or an Error carrying the problem's `detail` (RFC 9457) in words.
async function api(path, options = {}) {
  const response = await fetch(path, options);
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try { detail = JSON.parse(text).detail || text; } catch (_) { /* not JSON */ }
    throw new Error(detail);
  }
  return JSON.parse(text);
}
const post = (path, body) => api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

// ---------------------------------------------------------------- the map and its offline base

const map = L.map('map', { zoomControl: true, attributionControl: true }).setView([43.3, 114.5], 5);
map.attributionControl.setPrefix('Leaflet');
map.attributionControl.addAttribution('Towns © GeoNames (CC BY 4.0) · sites: project data with sources per site');
const KIND_COLOURS = {
  museum: '#1f77b4', memorial: '#9467bd', temple: '#d62728', community: '#2ca02c', 'scenic-area': '#17becf', 'heritage-town': '#ff7f0e',
  'historic-site': '#8c564b', 'archaeological-site': '#a0522d', village: '#66a61e', 'education-base': '#e377c2', 'nature-park': '#1b9e77',
  geopark: '#7570b3', 'industrial-heritage': '#666666', street: '#e6ab02', landmark: '#bcbd22', institution: '#4e79a7',
  'art-troupe': '#f28e2b', 'space-site': '#3b3b98', other: '#7f7f7f',
};
const DAY_COLOURS = ['#c0392b', '#1f6fb4', '#2e8b3a', '#8e44ad', '#d35400', '#138d90', '#7f5539', '#c2185b', '#546e7a', '#827717', '#283593', '#00695c', '#ad1457', '#4e342e'];
const ROAD_STYLES = {
  motorway: { color: '#d9774a', weight: 3.5 }, trunk: { color: '#e8a14c', weight: 3 }, primary: { color: '#f0c35b', weight: 2.5 },
  secondary: { color: '#a8a29a', weight: 2 }, tertiary: { color: '#bdb8b0', weight: 1.5 },
};
const layers = { roads: L.layerGroup().addTo(map), towns: L.layerGroup().addTo(map), sites: L.layerGroup().addTo(map), route: L.layerGroup().addTo(map), trip: L.layerGroup().addTo(map) };
const townMarkers = [], siteMarkers = [];

/// Labels by zoom: cities of 100,000+ always, towns of 20,000+ from zoom 7, the rest from 10.
function updateLabels() {
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
    if (z >= 10 && !shown.some(q => Math.abs(q.x - at.x) < 120 && Math.abs(q.y - at.y) < 18)) { m.openTooltip(); shown.push(at); } else m.closeTooltip();
  }
}
map.on('zoomend', updateLabels);

const legend = L.control({ position: 'bottomleft' });
legend.onAdd = () => {
  const used = [...new Set(state.sites.map(s => s.properties.kind))].sort();
  const box = el('details', { class: 'legend' },
    el('summary', { 'data-t': 'legend' }, t('legend')),
    el('div', { class: 'kinds' }, used.map(k => el('span', {}, el('span', { class: 'dot', style: `background:${KIND_COLOURS[k] || '#777'}` }), k))));
  L.DomEvent.disableClickPropagation(box);
  return box;
};

// ---------------------------------------------------------------- state

const state = {
  sites: [], byId: {}, towns: [], config: {},
  fc: null,          // the current itinerary as the server's GeoJSON
  doc: null,         // the request plus each day's visits: what /itinerary/evaluate takes
  selectedDay: 0, must: [], avoid: [], removed: [], pick: false, version: 0,
};
const siteName = p => (lang === 'zh' ? (p.name_zh || p.name_en) : (p.name_en || p.name_zh)) || p.id || p.site_id;
// A town the trip starts or ends at is labelled in English by the planner; in Chinese its
// GeoNames Chinese name (towns layer, label_zh) is shown instead.
const townZh = label => (state.towns || []).find(f => f.properties.name === label)?.properties.label_zh;
const stopName = p => p.site_id && state.byId[p.site_id] ? siteName(state.byId[p.site_id].properties)
  : (lang === 'zh' ? (p.name_zh || townZh(p.label) || p.label) : (p.name_en || p.label));

// ---------------------------------------------------------------- loading the data

async function loadData() {
  status.busy(t('loading'));
  const [config, sites, towns, roads, routes, tours] = await Promise.all([
    api('/app/config.json'), api('/collections/sites/items?limit=10000'), api('/collections/towns/items?limit=10000'),
    api('/collections/roads/items?limit=10000'), api('/collections/routes/items?limit=1000'), api('/collections/tours/items?limit=1000'),
  ]);
  state.config = config;
  if (config.tiles) L.tileLayer(config.tiles, { maxZoom: 18, attribution: '© OpenStreetMap contributors' }).addTo(map).bringToBack();
  state.sites = sites.features;
  for (const f of state.sites) state.byId[f.properties.id] = f;
  state.towns = towns.features;

  L.geoJSON(roads, { style: f => ({ ...(ROAD_STYLES[f.properties.highway] || { color: '#c8c3bb', weight: 1.2 }), opacity: 0.9 }), interactive: false }).addTo(layers.roads);
  for (const f of state.towns) {
    const [lon, lat] = f.geometry.coordinates, p = f.properties, big = (p.population || 0) >= 100000;
    const label = lang === 'zh' ? (p.label_zh || p.name) : p.name;
    const m = L.circleMarker([lat, lon], { radius: big ? 4 : 2, color: '#374151', weight: 1, fillColor: '#fff', fillOpacity: 1, interactive: false })
      .bindTooltip(label, { permanent: true, direction: 'right', offset: [4, 0], className: 'town-label' + (big ? ' big' : '') });
    m.addTo(layers.towns);
    townMarkers.push({ marker: m, size: p.population || 0, feature: f });
  }
  for (const f of state.sites) {
    const [lon, lat] = f.geometry.coordinates, p = f.properties;
    const m = L.circleMarker([lat, lon], { radius: 6, color: '#fff', weight: 1.5, fillColor: KIND_COLOURS[p.kind] || '#777', fillOpacity: 0.95 })
      .bindTooltip(siteName(p), { permanent: true, direction: 'top', offset: [0, -6], className: 'site-label' })
      .on('click', () => { showTab('sites'); showCard(p.id); });
    m.siteId = p.id;
    m.addTo(layers.sites);
    siteMarkers.push(m);
  }
  legend.addTo(map);
  if (state.sites.length) map.fitBounds(L.featureGroup(siteMarkers).getBounds(), { padding: [20, 20] });
  updateLabels();
  fillFilters();
  fillPlaces();
  fillThemes();
  showRoutes([...routes.features, ...tours.features]);
  searchSites();
  document.body.dataset.sites = String(state.sites.length);
  status.done(t('ready'));
}

function relabel() {
  for (const { marker, feature } of townMarkers) marker.setTooltipContent(lang === 'zh' ? (feature.properties.label_zh || feature.properties.name) : feature.properties.name);
  for (const m of siteMarkers) m.setTooltipContent(siteName(state.byId[m.siteId].properties));
}

// ---------------------------------------------------------------- the sites panel

function fillFilters() {
  const values = key => [...new Set(state.sites.flatMap(f => {
    const v = f.properties[key];
    return Array.isArray(v) ? v : typeof v === 'string' ? v.split(';') : [];
  }).filter(Boolean))].sort();
  const fill = (select, all, list) => {
    const keep = select.value;
    select.replaceChildren(el('option', { value: '', text: t(all) }), ...list.map(v => el('option', { value: v, text: v })));
    select.value = keep;
  };
  fill($('#f-kind'), 'allKinds', values('kind'));
  fill($('#f-theme'), 'allThemes', values('themes'));
  fill($('#f-league'), 'allLeagues', values('league'));
  // designations: "national-key-relic national 2006 batch=6; showcase league 2023" (scheme, level, …)
  const entries = state.sites.flatMap(f => (f.properties.designations || '').split(';').map(s => s.trim().split(' ')).filter(w => w.length > 1));
  fill($('#f-scheme'), 'allSchemes', [...new Set(entries.map(w => w[0]))].sort());
  fill($('#f-level'), 'allLevels', [...new Set(entries.map(w => w[1]))].sort());
}

function fillPlaces() {
  const big = state.towns.filter(f => (f.properties.population || 0) >= 20000).sort((a, b) => b.properties.population - a.properties.population);
  const options = [];
  for (const f of big) {
    options.push(el('option', { value: f.properties.name, label: f.properties.label_zh || '' }));
    if (f.properties.label_zh) options.push(el('option', { value: f.properties.label_zh, label: f.properties.name }));
  }
  for (const f of state.sites) options.push(el('option', { value: f.properties.id, label: siteName(f.properties) }));
  $('#places').replaceChildren(...options);
}

function fillThemes() {
  const themes = [...new Set(state.sites.flatMap(f => (f.properties.themes || '').split(';')).filter(Boolean))].sort();
  const box = $('#plan-themes'), ticked = new Set(formThemes());
  box.replaceChildren(...themes.map(th => el('label', { class: 'chip' },
    el('input', { type: 'checkbox', value: th, checked: ticked.has(th) }), th)));
}
const formThemes = () => $$('#plan-themes input:checked').map(i => i.value);

let searchTimer = null, searchSerial = 0;
function searchSites() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(async () => {
    const serial = ++searchSerial;
    const q = $('#site-search').value.trim();
    const params = new URLSearchParams({ limit: '200' });
    if (q) params.set('q', q);
    for (const [id, key] of [['#f-kind', 'kind'], ['#f-theme', 'theme'], ['#f-league', 'league'], ['#f-scheme', 'scheme'], ['#f-level', 'level']]) {
      if ($(id).value) params.set(key, $(id).value);
    }
    try {
      const fc = await api('/collections/sites/items?' + params);
      if (serial === searchSerial) showResults(fc.features, fc.numberMatched, q);
    } catch (e) { status.fail(e.message); }
  }, 200);
}

function showResults(features, matched, query = '') {
  $('#site-results').dataset.query = query; // which search the list answers (the list re-renders per keystroke)
  $('#site-count').textContent = t('sitesShown', features.length, state.sites.length);
  const day = state.selectedDay + 1;
  $('#site-results').replaceChildren(...features.map(f => {
    const p = f.properties;
    return el('li', { 'data-testid': 'site-result', dataset: { site: p.id } },
      el('span', { class: 'dot', style: `background:${KIND_COLOURS[p.kind] || '#777'}` }),
      el('div', { class: 'what', onclick: () => showCard(p.id) },
        el('div', { class: 'name' }, siteName(p)),
        el('div', { class: 'sub' }, [lang === 'zh' ? p.name_en : p.name_zh, p.kind, p.league, p.precision].filter(Boolean).join(' · '))),
      el('div', { class: 'acts' },
        el('button', { type: 'button', class: 'small', 'data-testid': 'site-add', disabled: !state.doc, title: state.doc ? '' : t('noTrip'),
          onclick: () => addVisit(p.id) }, t('addTo', day)),
        el('button', { type: 'button', class: 'small', onclick: () => showCard(p.id) }, t('details'))));
  }));
}

function showCard(id) {
  const f = state.byId[id];
  if (!f) return;
  const p = f.properties, card = $('#site-card');
  const [lon, lat] = f.geometry.coordinates;
  const coarse = p.precision && !p.precision.startsWith('exact');
  const designation = [...(p.designations || '').split(';').map(s => s.trim()), p.designation].filter(Boolean).join(' · ');
  const rows = [
    [t('kind'), [p.kind, p.kind_detail].filter(Boolean).join(' — ')], [t('league'), [p.league_zh, p.league, p.banner].filter(v => v && v !== 'not verified').join(' · ')],
    [t('designation'), designation || '—'], [t('hours'), p.opening_hours || t('unknownHours')], ['', p.opening_hours_note],
    [t('visit'), p.visit_minutes ? t('minutes', p.visit_minutes) : null], [t('coordinate'), `${lon.toFixed(5)}, ${lat.toFixed(5)}`],
    [t('precision'), p.precision], [t('source'), p.coord_source], [t('facts'), p.facts], ['', p.fact_sources],
  ].filter(([, v]) => v);
  card.replaceChildren(
    el('h3', {}, p.name_zh || p.id), el('div', { class: 'sub' }, p.name_en || ''),
    el('dl', {}, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { class: k === t('precision') && coarse ? 'precise-coarse' : '' }, String(v))])),
    el('div', { class: 'acts' },
      el('button', { type: 'button', disabled: !state.doc, onclick: () => addVisit(id) }, t('addTo', state.selectedDay + 1)),
      el('button', { type: 'button', onclick: () => toggleList('must', id) }, t('must')),
      el('button', { type: 'button', onclick: () => toggleList('avoid', id) }, t('avoid')),
      el('button', { type: 'button', onclick: () => map.setView([lat, lon], 12) }, t('zoom'))));
  card.hidden = false;
}

function toggleList(which, id) {
  const other = which === 'must' ? 'avoid' : 'must';
  state[other] = state[other].filter(x => x !== id);
  state[which] = state[which].includes(id) ? state[which].filter(x => x !== id) : [...state[which], id];
  showChips();
}

function showChips() {
  const chips = which => state[which].map(id => el('span', { class: 'chip ' + which }, siteName(state.byId[id]?.properties || { id }),
    el('button', { type: 'button', 'aria-label': t('remove'), onclick: () => toggleList(which, id) }, '×')));
  $('#plan-must').replaceChildren(...chips('must'));
  $('#plan-avoid').replaceChildren(...chips('avoid'));
}

// ---------------------------------------------------------------- the trip form

function showHotelInputs() {
  const box = $('#plan-hotels');
  if ($('#plan-hotel-mode').value !== 'fixed') { box.replaceChildren(); return; }
  const nights = Math.max(0, Number($('#plan-days').value) - 1), old = $$('input', box).map(i => i.value);
  box.replaceChildren(...Array.from({ length: nights }, (_, i) => el('input', { list: 'places', value: old[i] || '', placeholder: `${t('night')} ${i + 1}`, 'aria-label': `${t('night')} ${i + 1}` })));
}

/// The plan file's keys from the form (what POST /plan and /itinerary/evaluate take).
function formRequest() {
  const r = {
    start: $('#plan-start').value.trim(), date: $('#plan-date').value, days: Number($('#plan-days').value),
    profile: $('#plan-profile').value, window: `${$('#plan-from').value}-${$('#plan-to').value}`, lunch: $('#plan-lunch').value,
  };
  if ($('#plan-end').value.trim()) r.end = $('#plan-end').value.trim();
  if ($('#plan-group').value) r.group_size = Number($('#plan-group').value);
  if ($('#plan-max').value) r.max_per_day = Number($('#plan-max').value);
  const themes = formThemes();
  if (themes.length) r.themes = themes;
  if (state.must.length) r.must = [...state.must];
  if (state.avoid.length) r.avoid = [...state.avoid];
  const mode = $('#plan-hotel-mode').value;
  if (mode === 'choose' && r.days > 1) r.choose_hotels = true;
  if (mode === 'fixed' && r.days > 1) r.hotels = $$('#plan-hotels input').map(i => i.value.trim());
  return r;
}

function setForm(r) {
  $('#plan-start').value = r.start || '';
  $('#plan-end').value = r.end || '';
  if (r.date) $('#plan-date').value = r.date;
  $('#plan-days').value = r.days || (r.visits ? r.visits.length : 1);
  if (r.profile) $('#plan-profile').value = r.profile;
  if (r.window) { const [a, b] = r.window.split('-'); $('#plan-from').value = a; $('#plan-to').value = b; }
  if (r.lunch) $('#plan-lunch').value = r.lunch;
  $('#plan-group').value = r.group_size || '';
  $('#plan-max').value = r.max_per_day || '';
  for (const i of $$('#plan-themes input')) i.checked = (r.themes || []).includes(i.value);
  state.must = r.must || []; state.avoid = r.avoid || [];
  showChips();
}

async function plan(request, message) {
  const seconds = Math.min(request.time_limit || 2, state.config.max_plan_seconds || 10);
  status.busy(message || t('planning', Math.ceil(seconds + 1)));
  $('#plan-submit').disabled = true;
  try {
    const fc = await post(`/plan?f=geojson&lang=${lang}`, request);
    const doc = docFrom(fc, request);
    show(fc, doc);
    status.done(t('planned') + ' ' + verdict(fc));
  } catch (e) {
    status.fail(e.message);
  } finally {
    $('#plan-submit').disabled = false;
  }
}

/// The itinerary document of a plan: its request, and each day's visits and lunch in order,
/// with the nights where the plan put them (so evaluating it gives the same times back).
function docFrom(fc, request) {
  const doc = { ...request };
  delete doc.choose_hotels; delete doc.time_limit; delete doc.only; delete doc.days;
  const days = byDay(fc);
  doc.visits = days.map(d => d.stops.filter(s => s.kind === 'stop' || s.kind === 'lunch')
    .map(s => s.kind === 'lunch' ? { lunch: true } : (state.doc?.visits.flat().some(v => v.site === s.site_id && v.pinned) ? { site: s.site_id, pinned: true } : s.site_id)));
  if (days.length > 1) doc.hotels = days.slice(0, -1).map(d => d.stops[d.stops.length - 1].label);
  else delete doc.hotels;
  return doc;
}

// ---------------------------------------------------------------- the itinerary and its edits

/// Features grouped by day: stops (Points, in order) with the leg that led to each.
function byDay(fc) {
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

const clock = iso => iso.slice(11, 16);
const addSeconds = (iso, s) => {
  const [h, m, sec] = iso.slice(11, 19).split(':').map(Number);
  const total = h * 3600 + m * 60 + sec + s;
  return `${String(Math.floor(total / 3600) % 24).padStart(2, '0')}:${String(Math.floor(total % 3600 / 60)).padStart(2, '0')}`;
};
const duration = s => {
  const m = Math.round(s / 60), zh = lang === 'zh';
  if (m < 60) return zh ? `${m} 分钟` : `${m} min`;
  return zh ? `${Math.floor(m / 60)} 小时 ${m % 60} 分钟` : `${Math.floor(m / 60)} h ${m % 60} min`;
};
const km = m => (m / 1000).toFixed(1);
const said = v => (lang === 'zh' && v.message_zh ? v.message_zh : v.message);
const verdict = fc => fc.violations && fc.violations.length ? t('breaks', fc.violations.length) : t('allKept');

function show(fc, doc) {
  state.fc = fc;
  state.doc = doc;
  state.version += 1;
  document.body.dataset.version = String(state.version);
  state.selectedDay = Math.min(state.selectedDay, doc.visits.length - 1);
  history.replaceState(null, '', '#trip=' + encodeURIComponent(JSON.stringify(doc)));
  drawBoard();
  drawTrip();
  updateExports();
  searchSites();
}

function drawBoard() {
  const fc = state.fc, doc = state.doc, days = byDay(fc);
  const problems = fc.violations || [];
  $('#trip-title').textContent = t('trip', days.length, doc.date, fc.score);
  $('#reoptimise').disabled = false;
  const notes = [];
  const general = problems.filter(v => v.day === null);
  for (const v of general) notes.push(el('div', { class: 'problem', 'data-testid': 'violation' }, said(v)));
  if ((fc.not_included || []).length) notes.push(el('div', {}, `${t('notIncluded')}: ` + fc.not_included.slice(0, 8).map(x => `${x.name} (${x.reason})`).join('; ')));
  const worst = fc.worst_precision;
  if (worst) notes.push(el('div', { 'data-testid': 'worst-precision' }, t('coarsest', worst.precision, worst.site_ids.length)));
  if ((fc.assumptions || []).length) notes.push(el('div', {}, `${t('assumptions')}: ` + fc.assumptions.join('; ')));
  $('#trip-notes').replaceChildren(...notes);
  updateLabels(); // the trip's stops get their names first

  $('#days').replaceChildren(...days.map((day, d) => {
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
      return el('li', { class: 'stop', 'data-testid': 'itinerary-stop', dataset: { site: s.site_id } }, drive,
        el('div', {}, el('span', { class: 'num', style: `background:${colour}` }, number), el('span', { class: 'time' }, `${begin}–${clock(s.depart)}`),
          el('span', { class: 'name' }, stopName(s))),
        s.waiting_s ? el('div', { class: 'wait' }, `${clock(s.arrive)} · ${t('waits', duration(s.waiting_s))}`) : null,
        ...mine.map(v => el('div', { class: 'violation', 'data-testid': 'violation' }, said(v))),
        el('div', { class: 'tools' },
          el('button', { type: 'button', 'data-testid': 'stop-up', title: t('up'), 'aria-label': t('up'), onclick: e => { e.stopPropagation(); moveVisit(d, index, -1); } }, '↑'),
          el('button', { type: 'button', 'data-testid': 'stop-down', title: t('down'), 'aria-label': t('down'), onclick: e => { e.stopPropagation(); moveVisit(d, index, 1); } }, '↓'),
          el('select', { 'aria-label': t('moveTo'), onclick: e => e.stopPropagation(), onchange: e => moveToDay(d, index, Number(e.target.value)) },
            el('option', { value: '', text: t('moveTo') }), ...days.map((_, k) => k === d ? null : el('option', { value: k, text: t('dayN', k + 1) }))),
          el('button', { type: 'button', class: pinned ? 'pinned' : '', title: t('pin'), 'aria-label': t('pin'), 'aria-pressed': String(!!pinned),
            onclick: e => { e.stopPropagation(); togglePin(d, index); } }, pinned ? t('pinned') : t('pinShort')),
          el('button', { type: 'button', 'data-testid': 'stop-remove', title: t('remove'), 'aria-label': t('remove'), onclick: e => { e.stopPropagation(); removeVisit(d, index); } }, '✕')));
    });
    const column = el('section', { class: 'day' + (d === state.selectedDay ? ' selected' : ''), 'data-testid': 'itinerary-day', style: `--daycolour:${colour}`,
      tabindex: '0', 'aria-label': t('dayN', d + 1), title: t('selectDay'), onclick: () => selectDay(d), onkeydown: e => { if (e.key === 'Enter' && e.target === column) selectDay(d); } },
      el('header', {}, el('div', { class: 'date' }, `${t('dayN', d + 1)} · ${weekday} ${date}`),
        el('div', { class: 'totals' }, t('sitesKm', visits.length, km(distance), duration(driving)))),
      el('div', { class: 'dayproblems' }, ...dayProblems.map(v => el('div', { class: 'violation', 'data-testid': 'violation' }, said(v)))),
      el('ol', {}, ...items));
    return column;
  }));
}

function selectDay(d) {
  state.selectedDay = d;
  $$('#days .day').forEach((e, k) => e.classList.toggle('selected', k === d));
  searchSites();
}

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
      const icon = L.divIcon({ className: '', html: `<div class="stop-icon" style="background:${colour}">${number}</div>`, iconSize: [24, 24], iconAnchor: [12, 12] });
      L.marker([s.lat, s.lon], { icon, title: `${t('dayN', d + 1)} · ${number}. ${stopName(s)}`, keyboard: false }).addTo(layers.trip);
      bounds.push([s.lat, s.lon]);
    }
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 12 });
}

async function evaluate(doc) {
  status.busy(t('timing'));
  try {
    const fc = await post(`/itinerary/evaluate?f=geojson&lang=${lang}`, doc);
    show(fc, doc);
    status.done(t('timed') + ' ' + verdict(fc));
  } catch (e) {
    status.fail(e.message);
  }
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
function addVisit(id) {
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

function reoptimise() {
  const request = { ...formRequest() };
  const pinned = state.doc.visits.flat().filter(v => typeof v === 'object' && v.pinned).map(v => v.site);
  request.must = [...new Set([...(request.must || []), ...pinned])];
  request.avoid = [...new Set([...(request.avoid || []), ...state.removed])].filter(id => !request.must.includes(id));
  if (!request.must.length) delete request.must;
  if (!request.avoid.length) delete request.avoid;
  plan(request);
}

function updateExports() {
  const q = encodeURIComponent(JSON.stringify(state.doc));
  for (const f of ['geojson', 'gpx', 'kml', 'ics', 'md']) {
    $(`#x-${f}`).href = `/itinerary/evaluate?f=${f}&download=1&lang=${lang}&itinerary=${q}`;
  }
  $('#exports').hidden = false;
  $('#save').hidden = !!state.config.read_only;
}

function printView() {
  const days = byDay(state.fc), problems = state.fc.violations || [];
  $('#print-view').replaceChildren(...days.map((day, d) => el('section', { class: 'print-day' },
    el('h2', {}, `${t('printTitle')} · ${t('dayN', d + 1)} · ${day.stops[0].arrive.slice(0, 10)}`),
    el('table', {}, el('tr', {}, el('th', {}, t('time')), el('th', {}, t('stop')), el('th', {}, t('travel'))),
      ...day.stops.map(s => {
        const leg = day.legs[s.order];
        const time = s.kind === 'start' ? clock(s.depart) : s.kind === 'end' ? clock(s.arrive) : `${addSeconds(s.arrive, s.waiting_s || 0)}–${clock(s.depart)}`;
        const name = s.kind === 'lunch' ? t('lunchStop') : s.kind === 'start' ? `${t('from')} ${stopName(s)}` : s.kind === 'end' ? `${t('backAt')} ${stopName(s)}` : stopName(s);
        return el('tr', {}, el('td', {}, time), el('td', {}, name), el('td', {}, s.travel_unknown ? t('travelUnknown') : leg ? `${duration(leg.duration_s)}, ${km(leg.distance_m)} km` + (leg.rests ? t('rests', leg.rests) : '') : ''));
      })),
    ...problems.filter(v => v.day === d + 1).map(v => el('p', {}, '⚠ ' + said(v))))));
  window.print();
}

// ---------------------------------------------------------------- stored routes and tours

/// Saves the current (edited) trip as a stored route or tour: the server needs its operator's token.
function openSave() {
  const doc = state.doc;
  if (!doc) return;
  $('#save-token').value = sessionStorage.getItem('showcase-token') || '';
  if (!$('#save-id').value) $('#save-id').value = `trip-${doc.date}-${doc.visits.length}d`;
  $('#save-dialog').showModal();
}

async function save() {
  const kind = $('#save-kind').value, token = $('#save-token').value.trim();
  sessionStorage.setItem('showcase-token', token);
  const body = { id: $('#save-id').value.trim(), kind, itinerary: state.doc };
  if ($('#save-name-zh').value.trim()) body.name_zh = $('#save-name-zh').value.trim();
  if ($('#save-name-en').value.trim()) body.name_en = $('#save-name-en').value.trim();
  status.busy(t('save'));
  try {
    const layer = kind === 'heritage' ? 'routes' : 'tours';
    const answer = await api(`/collections/${layer}/items`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    status.done(t('saved', answer.id));
    const [routes, tours] = await Promise.all([api('/collections/routes/items?limit=1000'), api('/collections/tours/items?limit=1000')]);
    showRoutes([...routes.features, ...tours.features]);
  } catch (e) { status.fail(e.message); }
}

function showRoutes(features) {
  $('#route-list').replaceChildren(...features.map(f => {
    const p = f.properties;
    return el('li', {},
      el('div', { class: 'what', onclick: () => showRoute(f) },
        el('div', { class: 'name' }, (lang === 'zh' ? p.name_zh || p.name_en : p.name_en || p.name_zh) || p.id),
        el('div', { class: 'sub' }, [p.kind, t('storedDays', p.days), t('stops', p.stop_count), p.example ? t('example') : t('official')].join(' · '))),
      el('div', { class: 'acts' },
        el('button', { type: 'button', class: 'small', onclick: () => showRoute(f) }, t('showRoute')),
        el('button', { type: 'button', class: 'small', onclick: () => evaluateRoute(p) }, t('evaluate')),
        el('button', { type: 'button', class: 'small', onclick: () => optimiseRoute(p) }, t('optimise'))));
  }));
}

function showRoute(f) {
  layers.route.clearLayers();
  const line = f.geometry.coordinates.map(([lon, lat]) => [lat, lon]);
  L.polyline(line, { color: '#444', weight: 3, dashArray: '6 6' }).addTo(layers.route);
  map.fitBounds(line, { padding: [30, 30] });
}

function routeRequest(p) {
  return { start: p.start, date: $('#route-date').value || $('#plan-date').value, profile: $('#plan-profile').value };
}

function evaluateRoute(p) {
  const doc = { ...routeRequest(p), visits: p.visits.map(day => day.map(v => (v.stay_minutes ? { site: v.site, stay_minutes: v.stay_minutes } : v.site))) };
  setForm({ ...doc, days: doc.visits.length });
  evaluate(doc);
}

function optimiseRoute(p) {
  const ids = p.visits.flat().map(v => v.site);
  const request = { ...routeRequest(p), days: p.days, only: ids, must: ids };
  setForm(request);
  plan(request);
}

// ---------------------------------------------------------------- wiring

function showTab(name) {
  $$('.tabs button').forEach(b => { b.classList.toggle('on', b.dataset.tab === name); b.setAttribute('aria-selected', String(b.dataset.tab === name)); });
  $$('.tab').forEach(p => p.classList.toggle('on', p.dataset.tab === name));
}

function nextMonday() {
  const d = new Date();
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

function init() {
  applyWords();
  $('#plan-date').value = nextMonday();
  $('#route-date').value = $('#plan-date').value;
  $$('.tabs button').forEach(b => b.addEventListener('click', () => showTab(b.dataset.tab)));
  $('#lang').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    applyWords(); relabel(); fillFilters(); showChips(); searchSites();
    if (state.fc) { drawBoard(); updateExports(); }
  });
  $('#plan-form').addEventListener('submit', e => { e.preventDefault(); state.removed = []; plan(formRequest()); });
  $('#plan-hotel-mode').addEventListener('change', showHotelInputs);
  $('#plan-days').addEventListener('change', showHotelInputs);
  $('#pick-start').addEventListener('click', () => { state.pick = true; status.done(t('pickNow')); map.getContainer().style.cursor = 'crosshair'; });
  map.on('click', e => {
    if (!state.pick) return;
    state.pick = false;
    map.getContainer().style.cursor = '';
    $('#plan-start').value = `${e.latlng.lng.toFixed(5)},${e.latlng.lat.toFixed(5)}`;
    showTab('plan');
  });
  $('#site-search').addEventListener('input', searchSites);
  for (const id of ['#f-kind', '#f-theme', '#f-league', '#f-scheme', '#f-level']) $(id).addEventListener('change', searchSites);
  $('#reoptimise').addEventListener('click', reoptimise);
  $('#print').addEventListener('click', printView);
  $('#save').addEventListener('click', openSave);
  $('#save-dialog').addEventListener('close', () => { if ($('#save-dialog').returnValue === 'save') save(); });
  $('#share').addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(location.href); } catch (_) { /* the address bar has it */ }
    status.done(t('linkCopied'));
  });
  loadData().then(() => {
    // A link to a trip (#trip=…) reopens it: the request and every hand edit are in the URL.
    const hash = new URLSearchParams(location.hash.slice(1)).get('trip');
    if (hash) {
      try {
        const doc = JSON.parse(hash);
        setForm({ ...doc, days: doc.visits.length });
        evaluate(doc);
      } catch (e) { status.fail(e.message); }
    }
  }).catch(e => status.fail(e.message));
}

init();
