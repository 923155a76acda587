// Taking a trip away: the download links (GeoJSON, GPX, KML, calendar, Markdown — each holds
// the whole edited itinerary), the print view, the link to share, and saving as a stored route.
import { exportLink, saveStored, storedRoutes } from './api.js';
import { $, el, status } from './dom.js';
import { addSeconds, byDay, clock, duration, km, said, stopName } from './format.js';
import { t } from './i18n.js';
import { showRoutes } from './routes.js';
import { state, on } from './state.js';

function updateExports() {
  if (!state.doc) return;
  for (const f of ['geojson', 'gpx', 'kml', 'ics', 'md']) $(`#x-${f}`).href = exportLink(f, state.doc);
  $('#exports').hidden = false;
  $('#save').hidden = !!state.config.read_only;
}
on('trip', updateExports);
on('lang', updateExports);

/// One page per day with every time, drive and broken rule (print.css), then the browser's print dialog.
function printView() {
  const days = byDay(state.fc), problems = state.fc.violations || [];
  $('#print-view').replaceChildren(...days.map((day, d) => el('section', { class: 'print-day' },
    el('h2', {}, `${t('printTitle')} · ${t('dayN', d + 1)} · ${day.stops[0].arrive.slice(0, 10)}`),
    el('table', {}, el('tr', {}, el('th', {}, t('time')), el('th', {}, t('stop')), el('th', {}, t('travel'))),
      ...day.stops.map(s => {
        const leg = day.legs[s.order];
        const time = s.kind === 'start' ? clock(s.depart) : s.kind === 'end' ? clock(s.arrive)
          : `${addSeconds(s.arrive, s.waiting_s || 0)}–${clock(s.depart)}`;
        const name = s.kind === 'lunch' ? t('lunchStop') : s.kind === 'start' ? `${t('from')} ${stopName(s)}`
          : s.kind === 'end' ? `${t('backAt')} ${stopName(s)}` : stopName(s);
        const travel = s.travel_unknown ? t('travelUnknown')
          : leg ? `${duration(leg.duration_s)}, ${km(leg.distance_m)} km` + (leg.rests ? t('rests', leg.rests) : '') : '';
        return el('tr', {}, el('td', {}, time), el('td', {}, name), el('td', {}, travel));
      })),
    ...problems.filter(v => v.day === d + 1).map(v => el('p', {}, '⚠ ' + said(v))))));
  window.print();
}

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
    const answer = await saveStored(kind === 'heritage' ? 'routes' : 'tours', body, token);
    status.done(t('saved', answer.id));
    showRoutes(await storedRoutes());
  } catch (e) { status.fail(e.message); }
}

export function wireExports() {
  $('#print').addEventListener('click', printView);
  $('#save').addEventListener('click', openSave);
  $('#save-dialog').addEventListener('close', () => { if ($('#save-dialog').returnValue === 'save') save(); });
  $('#share').addEventListener('click', async () => {
    try { await navigator.clipboard.writeText(location.href); } catch (_) { /* the address bar has it */ }
    status.done(t('linkCopied'));
  });
}
