// The planner's web app. It holds no planning logic: it builds requests from the form and the
// hand edits, sends them to this server's API (api.js: POST /plan, POST /itinerary/evaluate, the
// OGC collections) and draws what comes back. Every edit is timed again by the server.
// One module per concern: forms (the trip form), sites (the Sites tab), itinerary (the board
// and its edits), map, routes (stored routes and tours), exports; i18n with ../i18n/<lang>.js.
import { baseData } from './api.js';
import { $, $$, status, showTab } from './dom.js';
import './costs.js';
import { wireExports } from './exports.js';
import { fillThemes, setForm, wireForm } from './forms.js';
import { applyWords, lang, setLang, t } from './i18n.js';
import { evaluate, plan, reoptimise } from './itinerary.js';
import { drawBase } from './map.js';
import { showRoutes } from './routes.js';
import { wirePapers } from './papers.js';
import { fillFilters, fillPlaces, searchSites, wireSites } from './sites.js';
import { state } from './state.js';

async function loadData() {
  status.busy(t('loading'));
  const data = await baseData();
  state.config = data.config;
  state.sites = data.sites.features;
  for (const f of state.sites) state.byId[f.properties.id] = f;
  state.towns = data.towns.features;
  drawBase(data);
  fillFilters();
  fillPlaces();
  fillThemes();
  showRoutes(data.stored);
  searchSites();
  document.body.dataset.sites = String(state.sites.length);
  status.done(t('ready'));
}

function init() {
  applyWords();
  $$('.tabs button').forEach(b => b.addEventListener('click', () => showTab(b.dataset.tab)));
  $('#lang').addEventListener('click', () => setLang(lang === 'zh' ? 'en' : 'zh'));
  wireForm(request => { state.removed = []; plan(request); });
  wireSites();
  wireExports();
  wirePapers();
  $('#reoptimise').addEventListener('click', reoptimise);
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
