/**
 * Posting times as sites display them. Many show only relative ("3h", "5 min ago") or localized
 * ("Mar 5", "5 mars 2025") text; these parse it against a given `now` and say the result is an
 * estimate. Pure functions: no DOM, no clock reads (callers pass `now`).
 */

export interface ParsedTime {
  iso: string;
  /** True when derived from relative or localized display text rather than read as a timestamp. */
  estimated: boolean;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Unit words and abbreviations (en, fr, de, es, pt, it), singular and plural. */
const UNIT_WORDS: Record<string, Unit> = {};
const addUnits = (unit: Unit, words: string[]): void => {
  for (const word of words) UNIT_WORDS[word] = unit;
};
addUnits('second', ['s', 'sec', 'secs', 'second', 'seconds', 'seconde', 'secondes', 'sekunde', 'sekunden']);
addUnits('second', ['segundo', 'segundos', 'secondo', 'secondi', 'seg']);
addUnits('minute', ['m', 'min', 'mins', 'minute', 'minutes', 'minuten', 'minuto', 'minutos', 'minuti', 'mn']);
addUnits('hour', ['h', 'hr', 'hrs', 'hour', 'hours', 'heure', 'heures', 'std', 'stunde', 'stunden']);
addUnits('hour', ['hora', 'horas', 'ora', 'ore']);
addUnits('day', [
  'd',
  'day',
  'days',
  'j',
  'jour',
  'jours',
  't',
  'tag',
  'tage',
  'tagen',
  'día',
  'días',
  'dia',
]);
addUnits('day', ['dias', 'giorno', 'giorni', 'g']);
addUnits('week', ['w', 'wk', 'wks', 'week', 'weeks', 'sem', 'semaine', 'semaines', 'woche', 'wochen']);
addUnits('week', ['semana', 'semanas', 'settimana', 'settimane', 'sett']);
addUnits('month', [
  'mo',
  'mos',
  'month',
  'months',
  'mois',
  'monat',
  'monate',
  'monaten',
  'mes',
  'meses',
  'mês',
]);
addUnits('month', ['mese', 'mesi']);
addUnits('year', [
  'y',
  'yr',
  'yrs',
  'year',
  'years',
  'an',
  'ans',
  'année',
  'années',
  'jahr',
  'jahre',
  'jahren',
]);
addUnits('year', ['año', 'años', 'ano', 'anos', 'anno', 'anni']);

const ONE_WORDS = new Set([
  'a',
  'an',
  'one',
  'un',
  'une',
  'ein',
  'eine',
  'einem',
  'einer',
  'uno',
  'una',
  'um',
  'uma',
]);
const NOW_WORDS = new Set([
  'now',
  'just now',
  'right now',
  'moments ago',
  'a moment ago',
  "à l'instant",
  'à l’instant',
  'maintenant',
  'gerade eben',
  'jetzt',
  'ahora',
  'ahora mismo',
  'agora',
  'agora mesmo',
  'adesso',
  'ora',
]);
const YESTERDAY_WORDS = new Set(['yesterday', 'hier', 'gestern', 'ayer', 'ontem', 'ieri']);
const TODAY_WORDS = new Set(['today', "aujourd'hui", 'aujourd’hui', 'heute', 'hoy', 'hoje', 'oggi']);

const RELATIVE_PREFIX = /^(?:about|around|almost|over|il y a|vor|hace|há|ha|circa)\s+/;
const RELATIVE_SUFFIX = /\s+(?:ago|fa|atrás)$/;
const AMOUNT_AND_UNIT = /^(?:(\d+)\s*|([a-zà-ÿ]+)\s+)([a-zà-ÿê]+)\.?$/;

/** Parses relative display text ('3h', '2 d', '5 min ago', 'Yesterday', '1w', 'just now'). */
export function parseRelativeTime(text: string, now: Date): ParsedTime | null {
  const normalized = normalizeDisplayText(text);
  if (!normalized) return null;
  if (NOW_WORDS.has(normalized)) return estimate(now.getTime());

  const dayWord = /^([a-zà-ÿ'’]+)(?:\s+(?:at|à|um|a las|a la|às|alle)\s+(.+))?$/.exec(normalized);
  if (dayWord?.[1] && (YESTERDAY_WORDS.has(dayWord[1]) || TODAY_WORDS.has(dayWord[1]))) {
    const offsetDays = YESTERDAY_WORDS.has(dayWord[1]) ? 1 : 0;
    const clock = dayWord[2] ? parseClock(dayWord[2]) : null;
    if (dayWord[2] && !clock) return null;
    const day = new Date(now.getTime());
    day.setDate(day.getDate() - offsetDays);
    if (clock) day.setHours(clock.hours, clock.minutes, 0, 0);
    else if (offsetDays === 0) return estimate(now.getTime());
    return estimate(day.getTime());
  }

  const weekday = parseWeekday(normalized, now);
  if (weekday) return weekday;

  const stripped = normalized.replace(RELATIVE_PREFIX, '').replace(RELATIVE_SUFFIX, '');
  const match = AMOUNT_AND_UNIT.exec(stripped);
  const unitWord = match?.[3];
  if (!match || !unitWord) return null;
  const amount = match[1] ? Number(match[1]) : match[2] && ONE_WORDS.has(match[2]) ? 1 : Number.NaN;
  const unit = UNIT_WORDS[unitWord] ?? UNIT_WORDS[unitWord.replace(/s$/, '')];
  if (!Number.isFinite(amount) || !unit || amount > 10_000) return null;
  return estimate(subtract(now, amount, unit));
}

const MONTHS: Record<string, number> = {};
const addMonths = (names: string[][]): void => {
  names.forEach((aliases, month) => {
    for (const alias of aliases) MONTHS[alias] = month;
  });
};
// en, fr, de, es, pt, it, nl (full names and the abbreviations their date formats print)
addMonths([
  [
    'jan',
    'january',
    'janv',
    'janvier',
    'januar',
    'jän',
    'ene',
    'enero',
    'janeiro',
    'gen',
    'gennaio',
    'januari',
  ],
  [
    'feb',
    'february',
    'févr',
    'fevr',
    'février',
    'februar',
    'febrero',
    'fev',
    'fevereiro',
    'febbraio',
    'februari',
  ],
  ['mar', 'march', 'mars', 'märz', 'mär', 'mrz', 'marzo', 'março', 'maart', 'mrt'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maio', 'mag', 'maggio', 'mei'],
  ['jun', 'june', 'juin', 'juni', 'junio', 'junho', 'giu', 'giugno'],
  ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'julho', 'lug', 'luglio'],
  ['aug', 'august', 'août', 'aout', 'ago', 'agosto', 'augustus'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'setembro', 'settembre'],
  ['oct', 'october', 'octobre', 'okt', 'oktober', 'octubre', 'out', 'outubro', 'ott', 'ottobre'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro'],
  ['dec', 'december', 'déc', 'décembre', 'dez', 'dezember', 'dic', 'diciembre', 'dezembro', 'dicembre'],
]);

/** Words allowed between date parts ("Mar 5, 2025 at 3:04 PM", "5 de marzo de 2025 a las 15:04"). */
const FILLER_WORDS = new Set([
  'at',
  'à',
  'a',
  'um',
  'de',
  'del',
  'the',
  'on',
  'le',
  'am',
  'las',
  'la',
  'às',
  'alle',
  'el',
]);
const CLOCK = /(\d{1,2})(?::|h)(\d{2})(?::\d{2})?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?/;

/**
 * Parses localized absolute dates ('Mar 5', 'Mar 5, 2025', '5 mars 2025', 'March 5, 2025 at 3:04 PM',
 * '2025-03-05', '03/05/25'). Without a year: the latest such date not after now. Without a time of day:
 * local noon, so the calendar day survives conversion to UTC in most time zones.
 */
export function parseLocalizedDate(text: string, now: Date): ParsedTime | null {
  const normalized = normalizeDisplayText(text);
  if (!normalized) return null;

  const isoLike = /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2}))?/.exec(normalized);
  if (isoLike) {
    const [, year, month, day, hours, minutes] = isoLike;
    return fromParts(
      Number(year),
      Number(month) - 1,
      Number(day),
      hours ? { hours: +hours, minutes: +(minutes ?? 0) } : null,
    );
  }

  const numeric = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(normalized);
  if (numeric) {
    // Month-first, as Threads and US-English pages print it (day-first sites print month names).
    const year = Number(numeric[3]) < 100 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
    return fromParts(year, Number(numeric[1]) - 1, Number(numeric[2]), null);
  }

  let rest = normalized;
  let clock: { hours: number; minutes: number } | null = null;
  const clockMatch = CLOCK.exec(rest);
  if (clockMatch) {
    clock = parseClock(clockMatch[0]);
    if (!clock) return null;
    rest = `${rest.slice(0, clockMatch.index)} ${rest.slice(clockMatch.index + clockMatch[0].length)}`;
  }

  let month: number | null = null;
  let day: number | null = null;
  let year: number | null = null;
  for (const token of rest.split(/[\s,./-]+/)) {
    if (!token) continue;
    const monthIndex = MONTHS[token];
    if (monthIndex !== undefined && month === null) month = monthIndex;
    else if (/^\d{4}$/.test(token) && year === null) year = Number(token);
    else if (/^\d{1,2}(?:st|nd|rd|th|er|º)?$/.test(token) && day === null) day = Number.parseInt(token, 10);
    else if (!FILLER_WORDS.has(token)) return null;
  }
  if (month === null || day === null) return null;
  if (year === null) {
    year = now.getFullYear();
    const candidate = fromParts(year, month, day, clock);
    // A date shown without a year that would lie in the future belongs to last year.
    if (candidate && Date.parse(candidate.iso) > now.getTime() + DAY) year -= 1;
  }
  return fromParts(year, month, day, clock);
}

/** Relative first, then localized absolute. */
export function parseDisplayedTime(text: string | null | undefined, now: Date): ParsedTime | null {
  if (!text) return null;
  return parseRelativeTime(text, now) ?? parseLocalizedDate(text, now);
}

/** An exact timestamp attribute (`time[datetime]`, ISO strings): normalized ISO, or null. */
export function parseTimestamp(value: string | null | undefined): string | null {
  if (!value) return null;
  // Reddit prints '2026-11-20T09:15:00.000000+0000': trim microseconds and add the offset's colon so
  // every engine parses it the same way.
  const trimmed = value
    .trim()
    .replace(/(\.\d{3})\d+/, '$1')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return null;
  const time = Date.parse(trimmed);
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/** Epoch seconds or milliseconds (attributes like `data-utime`) to ISO, or null. */
export function epochToIso(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number) || number <= 0) return null;
  const ms = number < 1e11 ? number * 1000 : number;
  return inPlausibleRange(ms) ? new Date(ms).toISOString() : null;
}

/**
 * LinkedIn activity, share and comment ids embed their creation time: the top bits of the id are the
 * epoch milliseconds (id >> 22). Exact, not an estimate.
 */
export function linkedInIdToIso(id: string | null | undefined): string | null {
  if (!id || !/^\d{15,20}$/.test(id)) return null;
  const ms = Number(BigInt(id) >> 22n);
  return inPlausibleRange(ms) ? new Date(ms).toISOString() : null;
}

function inPlausibleRange(ms: number): boolean {
  // 2003-01-01 (before any of these sites) to 2100-01-01
  return ms >= 1_041_379_200_000 && ms < 4_102_444_800_000;
}

function normalizeDisplayText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .replace(/\((?:edited|modifié|bearbeitet|editado|modificato)\)/g, '')
    .replace(/[•·]/g, ' ')
    .replace(/\b(?:edited|modifié)\b/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

function parseClock(text: string): { hours: number; minutes: number } | null {
  const match = CLOCK.exec(text.trim());
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const meridiem = match[3]?.replace(/[.\s]/g, '');
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    if (meridiem === 'pm' && hours !== 12) hours += 12;
    if (meridiem === 'am' && hours === 12) hours = 0;
  }
  if (hours > 23 || minutes > 59) return null;
  return { hours, minutes };
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** 'Monday at 3:04 PM' (Facebook, within the last week): the latest such weekday before now. */
function parseWeekday(normalized: string, now: Date): ParsedTime | null {
  const match = /^([a-z]+)(?:\s+at\s+(.+))?$/.exec(normalized);
  const weekday = match?.[1] ? WEEKDAYS.indexOf(match[1]) : -1;
  if (!match || weekday < 0) return null;
  const clock = match[2] ? parseClock(match[2]) : null;
  if (match[2] && !clock) return null;
  const date = new Date(now.getTime());
  const back = (date.getDay() - weekday + 7) % 7 || 7;
  date.setDate(date.getDate() - back);
  if (clock) date.setHours(clock.hours, clock.minutes, 0, 0);
  else date.setHours(12, 0, 0, 0);
  return estimate(date.getTime());
}

function subtract(now: Date, amount: number, unit: Unit): number {
  switch (unit) {
    case 'second':
      return now.getTime() - amount * SECOND;
    case 'minute':
      return now.getTime() - amount * MINUTE;
    case 'hour':
      return now.getTime() - amount * HOUR;
    case 'day':
      return now.getTime() - amount * DAY;
    case 'week':
      return now.getTime() - amount * WEEK;
    case 'month': {
      const date = new Date(now.getTime());
      date.setMonth(date.getMonth() - amount);
      return date.getTime();
    }
    case 'year': {
      const date = new Date(now.getTime());
      date.setFullYear(date.getFullYear() - amount);
      return date.getTime();
    }
  }
}

function fromParts(
  year: number,
  month: number,
  day: number,
  clock: { hours: number; minutes: number } | null,
): ParsedTime | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || year < 1990 || year > 2100) return null;
  const date = new Date(year, month, day, clock?.hours ?? 12, clock?.minutes ?? 0, 0, 0);
  // Reject overflow such as 31 February rolling into March.
  if (date.getMonth() !== month || date.getDate() !== day) return null;
  return estimate(date.getTime());
}

function estimate(ms: number): ParsedTime | null {
  return Number.isFinite(ms) ? { iso: new Date(ms).toISOString(), estimated: true } : null;
}
