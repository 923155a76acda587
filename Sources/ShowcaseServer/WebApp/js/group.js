// The Group & costs panel of the trip form: the pupils, their grade and the staff, the coach
// seats and a budget per pupil. It only turns the fields into the plan file's keys (group,
// coach_seats, budget_per_student) and back; the server counts coaches, ratios and costs.
import { $ } from './dom.js';

const FIELDS = [
  ['students', '#plan-students'], ['grade', '#plan-grade'], ['teachers', '#plan-teachers'],
  ['safety_officers', '#plan-safety'], ['guides', '#plan-guides'],
];

const number = sel => ($(sel).value === '' ? null : Number($(sel).value));

/// The panel's keys, merged into the form's request (nothing when no pupils are given).
export function groupKeys() {
  const keys = {};
  const students = number('#plan-students');
  if (students) {
    keys.group = {};
    for (const [key, sel] of FIELDS) if (number(sel) !== null) keys.group[key] = number(sel);
  }
  if (number('#plan-seats')) keys.coach_seats = number('#plan-seats');
  if (number('#plan-budget') && students) keys.budget_per_student = number('#plan-budget');
  return keys;
}

/// Fills the panel from a request or an itinerary document (`group_size` alone: the pupils).
export function setGroupForm(r) {
  const g = r.group || (r.group_size ? { students: r.group_size } : {});
  for (const [key, sel] of FIELDS) $(sel).value = g[key] ?? '';
  $('#plan-seats').value = r.coach_seats ?? '';
  $('#plan-budget').value = r.budget_per_student ?? '';
}
