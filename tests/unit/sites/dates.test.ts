import { describe, expect, it } from 'vitest';
import {
  epochToIso,
  linkedInIdToIso,
  parseDisplayedTime,
  parseLocalizedDate,
  parseRelativeTime,
  parseTimestamp,
} from '../../../lib/sites/dates';

const NOW = new Date('2026-11-20T15:00:00.000Z');
const minus = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Local wall-clock time (sites show dates in the viewer's zone). */
const local = (year: number, month: number, day: number, hours = 12, minutes = 0) =>
  new Date(year, month - 1, day, hours, minutes).toISOString();

describe('parseRelativeTime', () => {
  it.each([
    ['3h', minus(3 * HOUR)],
    ['2 d', minus(2 * DAY)],
    ['5 min ago', minus(5 * 60_000)],
    ['5m', minus(5 * 60_000)],
    ['45 minutes ago', minus(45 * 60_000)],
    ['1w', minus(7 * DAY)],
    ['2 weeks ago', minus(14 * DAY)],
    ['30s', minus(30_000)],
    ['an hour ago', minus(HOUR)],
    ['a day ago', minus(DAY)],
    ['3 hrs', minus(3 * HOUR)],
    ['2w •', minus(14 * DAY)],
    ['6 hr. ago', minus(6 * HOUR)],
    ['2 days ago (edited)', minus(2 * DAY)],
    ['il y a 3 heures', minus(3 * HOUR)],
    ['vor 2 Tagen', minus(2 * DAY)],
    ['hace 5 minutos', minus(5 * 60_000)],
    ['3 j', minus(3 * DAY)],
  ])('%s', (text, iso) => {
    expect(parseRelativeTime(text, NOW)).toEqual({ iso, estimated: true });
  });

  it('months and years move the calendar, not a fixed number of days', () => {
    const month = new Date(NOW);
    month.setMonth(month.getMonth() - 1);
    expect(parseRelativeTime('1mo', NOW)?.iso).toBe(month.toISOString());
    const years = new Date(NOW);
    years.setFullYear(years.getFullYear() - 2);
    expect(parseRelativeTime('2 years ago', NOW)?.iso).toBe(years.toISOString());
    expect(parseRelativeTime('1 an', NOW)?.iso).toBe(new Date('2025-11-20T15:00:00.000Z').toISOString());
  });

  it('just now, yesterday, today and weekdays', () => {
    expect(parseRelativeTime('just now', NOW)).toEqual({ iso: NOW.toISOString(), estimated: true });
    expect(parseRelativeTime('Now', NOW)?.iso).toBe(NOW.toISOString());
    expect(parseRelativeTime('Yesterday', NOW)?.iso).toBe(minus(DAY));
    const yesterdayAt = new Date(NOW);
    yesterdayAt.setDate(yesterdayAt.getDate() - 1);
    yesterdayAt.setHours(19, 12, 0, 0);
    expect(parseRelativeTime('Yesterday at 7:12 PM', NOW)?.iso).toBe(yesterdayAt.toISOString());
    expect(parseRelativeTime('gestern um 19:12', NOW)?.iso).toBe(yesterdayAt.toISOString());
    const monday = parseRelativeTime('Monday at 9:00 AM', NOW);
    expect(monday && new Date(monday.iso).getDay()).toBe(1);
    expect(monday && Date.parse(monday.iso) < NOW.getTime()).toBe(true);
  });

  it('rejects text that is not a relative time', () => {
    for (const text of ['', 'Jane Doe', 'Reply', 'ah', '3 apples', 'Mar 5', '12345678 days']) {
      expect(parseRelativeTime(text, NOW), text).toBeNull();
    }
  });
});

describe('parseLocalizedDate', () => {
  it.each([
    ['Mar 5', local(2026, 3, 5)],
    ['Mar 5, 2025', local(2025, 3, 5)],
    ['5 mars 2025', local(2025, 3, 5)],
    ['5. März 2025', local(2025, 3, 5)],
    ['5 de marzo de 2025', local(2025, 3, 5)],
    ['March 5, 2025 at 3:04 PM', local(2025, 3, 5, 15, 4)],
    ['Mar 5, 2025 at 3:04 PM', local(2025, 3, 5, 15, 4)],
    ['Nov 20, 2026 at 12:00 AM', local(2026, 11, 20, 0, 0)],
    ['5 mars 2025 à 15:04', local(2025, 3, 5, 15, 4)],
    ['2025-03-05', local(2025, 3, 5)],
    ['11/18/26', local(2026, 11, 18)],
    ['November 19, 2026 at 8:00 am', local(2026, 11, 19, 8, 0)],
  ])('%s', (text, iso) => {
    expect(parseLocalizedDate(text, NOW)).toEqual({ iso, estimated: true });
  });

  it('a date without a year that would lie in the future is last year', () => {
    expect(parseLocalizedDate('Dec 24', NOW)?.iso).toBe(local(2025, 12, 24));
    expect(parseLocalizedDate('Nov 21', NOW)?.iso).toBe(local(2026, 11, 21)); // within a day: clock skew
  });

  it('rejects impossible dates and text with other words', () => {
    for (const text of ['Feb 31, 2025', 'Mar 5 people liked this', '13/45/25', 'May June', '25:99 Mar 5']) {
      expect(parseLocalizedDate(text, NOW), text).toBeNull();
    }
  });
});

describe('parseDisplayedTime, parseTimestamp, epochToIso', () => {
  it('tries relative text first, then absolute dates', () => {
    expect(parseDisplayedTime('3h', NOW)?.iso).toBe(minus(3 * HOUR));
    expect(parseDisplayedTime('Mar 5, 2025', NOW)?.iso).toBe(local(2025, 3, 5));
    expect(parseDisplayedTime(null, NOW)).toBeNull();
  });

  it('normalizes exact timestamps, including Reddit’s +0000 offsets and microseconds', () => {
    expect(parseTimestamp('2026-11-20T09:15:00.000000+0000')).toBe('2026-11-20T09:15:00.000Z');
    expect(parseTimestamp('2026-11-20T10:00:00+01:00')).toBe('2026-11-20T09:00:00.000Z');
    expect(parseTimestamp('2026-11-20T12:00:00.000Z')).toBe('2026-11-20T12:00:00.000Z');
    expect(parseTimestamp('3 hours ago')).toBeNull();
    expect(parseTimestamp('2026-13-45T00:00:00Z')).toBeNull();
  });

  it('reads epoch seconds and milliseconds within a plausible range', () => {
    expect(epochToIso('1795176000')).toBe('2026-11-20T12:00:00.000Z');
    expect(epochToIso(1795176000000)).toBe('2026-11-20T12:00:00.000Z');
    expect(epochToIso('0')).toBeNull();
    expect(epochToIso('soon')).toBeNull();
  });
});

describe('linkedInIdToIso', () => {
  it('decodes the creation time from the id (id >> 22 = epoch ms), exactly', () => {
    expect(linkedInIdToIso('7529513877504107187')).toBe('2026-11-20T12:00:00.000Z');
    expect(linkedInIdToIso('7529196788121777092')).toBe('2026-11-19T15:00:00.000Z');
  });

  it('rejects ids that are not snowflakes', () => {
    expect(linkedInIdToIso('42')).toBeNull();
    expect(linkedInIdToIso('urn:li:activity:7529513877504107187')).toBeNull();
    expect(linkedInIdToIso('99999999999999999999')).toBeNull();
    expect(linkedInIdToIso(null)).toBeNull();
  });
});
