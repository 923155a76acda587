// The page's language: its words come from one file per language (../i18n/), the server's
// texts are asked for in the same language (api.js sends `lang`).
import en from '../i18n/en.js';
import zh from '../i18n/zh-Hans.js';
import { $, $$ } from './dom.js';
import { emit } from './state.js';

const WORDS = { en, zh };

export let lang = new URLSearchParams(location.search).get('lang')
  || ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');

/// The word for `key` in the page's language; functions get `args` (counts, names).
export const t = (key, ...args) => {
  const w = WORDS[lang][key] ?? WORDS.en[key] ?? key;
  return typeof w === 'function' ? w(...args) : w;
};

/// A value of the data's vocabulary in the page's language (`term('kinds', 'museum')`); the
/// value itself where neither file has it.
export const term = (group, value) => WORDS[lang][group]?.[value] ?? WORDS.en[group]?.[value] ?? value;

/// True when `value` is of the data's vocabulary `group` (e.g. a designation scheme).
export const hasTerm = (group, value) => Object.hasOwn(WORDS.en[group] || {}, value);

/// Words the HTML names: `data-t` (text), `data-t-placeholder`, `data-t-title`, `data-t-label` (aria-label).
export function applyWords() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const e of $$('[data-t]')) e.textContent = t(e.dataset.t);
  for (const e of $$('[data-t-placeholder]')) e.placeholder = t(e.dataset.tPlaceholder);
  for (const e of $$('[data-t-title]')) e.title = t(e.dataset.tTitle);
  for (const e of $$('[data-t-label]')) e.setAttribute('aria-label', t(e.dataset.tLabel));
  $('#lang').textContent = lang === 'zh' ? 'EN' : '中文';
}

/// Switches the language; every panel redraws itself on `lang`.
export function setLang(next) {
  lang = next;
  applyWords();
  emit('lang');
}
