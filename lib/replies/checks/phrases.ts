import { buildAutomaton } from '../../detect/aho-corasick';
import { endOverMarks, foldTerm, foldWithOffsets } from '../../detect/normalize';
import { hasWordMark, wordMarkKey } from '../../detect/word-marks';
import type { BannedPhrase, ReplyCheck, ReplyCheckRule } from './types';

/**
 * Whole-phrase search in the agent's draft, insensitive to case, accents, width, invisible characters,
 * whitespace runs, the apostrophe used ("that's" = "that’s") and a hyphen or dash joining two words
 * ("self-service" = "self service" = "self–service"). The marks that make a word in its script (Thai tone
 * marks, Indic vowel signs) must agree (lib/detect/word-marks.ts). The policy check of templates uses the
 * same finder, so a template passes it exactly when the reply check would pass it.
 */

export interface PhraseHit<T> {
  start: number;
  end: number;
  entry: T;
}

/** Apostrophe look-alikes, read as "'" ("that’s" = "that's"). */
export const APOSTROPHES = /[’‘ʼ`´]/g;
// Hyphens and dashes between two word characters, read as a space. One UTF-16 unit for one, so offsets
// into the folded draft stay valid.
const DASH_JOINING_WORDS = /(?<=[\p{L}\p{N}\p{M}])[-\u2010-\u2014](?=[\p{L}\p{N}\p{M}])/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
// Scripts written without spaces between words: a phrase there may touch its neighbours, so the
// whole-word test does not apply at such an edge ("保証" in "保証します", "คืนเงิน" inside a Thai sentence).
// Script_Extensions, so that marks shared by these scripts (the long-vowel mark "ー", "々") count too.
const NO_SPACE_SCRIPT =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}]/u;

function unjoinWords(text: string): string {
  return text.replace(DASH_JOINING_WORDS, ' ');
}

function foldPhrase(phrase: string): string {
  return unjoinWords(foldTerm(phrase).replace(APOSTROPHES, "'"));
}

/** Two phrases with the same key find the same text: the policy check reports such a pair as listed twice. */
export function phraseKey(phrase: string): string {
  return `${foldPhrase(phrase)}\n${wordMarkKey(unjoinWords(phrase))}`;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

/** The code point ending just before `index` (a whole surrogate pair), or undefined at the start. */
function charBefore(text: string, index: number): string | undefined {
  if (index <= 0) return undefined;
  const start = index >= 2 && /[\uDC00-\uDFFF]/.test(text[index - 1] as string) ? index - 2 : index - 1;
  return String.fromCodePoint(text.codePointAt(start) as number);
}

/** The code point starting at `index`, or undefined at the end. */
function charAt(text: string, index: number): string | undefined {
  const codePoint = text.codePointAt(index);
  return codePoint === undefined ? undefined : String.fromCodePoint(codePoint);
}

/**
 * Whether a phrase edge may not touch this neighbour: both are word characters and neither belongs to
 * a script written without spaces.
 */
function continuesWord(edge: string | undefined, neighbour: string | undefined): boolean {
  if (!isWordChar(edge) || !isWordChar(neighbour)) return false;
  return !NO_SPACE_SCRIPT.test(edge as string) && !NO_SPACE_SCRIPT.test(neighbour as string);
}

export interface PhraseFinder<T> {
  find(text: string): Array<PhraseHit<T>>;
}

export function compilePhraseFinder<T>(
  entries: readonly T[],
  phraseOf: (entry: T) => string,
): PhraseFinder<T> {
  const phrases = entries.map(phraseOf);
  const folded = phrases.map(foldPhrase);
  const keys = phrases.map((phrase) => wordMarkKey(unjoinWords(phrase)));
  const withWordMarks = phrases.map(hasWordMark);
  const automaton = buildAutomaton(folded);
  return {
    find(text) {
      if (text.length === 0 || entries.length === 0) return [];
      const foldedText = foldWithOffsets(text);
      const haystack = unjoinWords(foldedText.text.replace(APOSTROPHES, "'"));
      const hits: Array<PhraseHit<T>> = [];
      automaton.scan(haystack, (index, end) => {
        const phrase = folded[index] as string;
        const start = end - phrase.length;
        // A phrase edge that is a letter must not continue into a longer word ("obviously" ≠ "unobviously"),
        // except in scripts written without spaces.
        if (continuesWord(charAt(phrase, 0), charBefore(haystack, start))) return false;
        if (continuesWord(charBefore(phrase, phrase.length), charAt(haystack, end))) return false;
        const originalStart = foldedText.originalStart[start] as number;
        // The fold left out the marks after the last letter; they are part of what the agent wrote.
        const originalEnd = endOverMarks(text, foldedText.originalEnd[end - 1] as number);
        const written = text.slice(originalStart, originalEnd);
        if (
          (withWordMarks[index] || hasWordMark(written)) &&
          wordMarkKey(unjoinWords(written)) !== keys[index]
        )
          return false;
        hits.push({ start: originalStart, end: originalEnd, entry: entries[index] as T });
        return false;
      });
      // Longest first at each start, then drop hits inside an earlier one ("as i already said" ⊃ "as i said").
      hits.sort((left, right) => left.start - right.start || right.end - left.end);
      const kept: Array<PhraseHit<T>> = [];
      let coveredUntil = -1;
      for (const hit of hits) {
        if (hit.start < coveredUntil) continue;
        kept.push(hit);
        coveredUntil = hit.end;
      }
      return kept;
    },
  };
}

// The policy's list is the same object keystroke after keystroke: compile it once.
const bannedFinders = new WeakMap<readonly BannedPhrase[], PhraseFinder<BannedPhrase>>();

export const checkBannedPhrases: ReplyCheckRule = (text, context) => {
  let finder = bannedFinders.get(context.bannedPhrases);
  if (!finder) {
    finder = compilePhraseFinder(context.bannedPhrases, (banned) => banned.phrase);
    bannedFinders.set(context.bannedPhrases, finder);
  }
  return finder.find(text).map(({ start, end, entry }): ReplyCheck => {
    const check: ReplyCheck = {
      id: 'banned-phrase',
      severity: 'error',
      message: `“${text.slice(start, end)}” is banned by the policy${entry.reason ? `: ${entry.reason}` : '.'}`,
      span: { start, end },
    };
    if (entry.suggestion !== undefined) check.fix = { kind: 'replace', replacement: entry.suggestion };
    return check;
  });
};

interface ToneEntry {
  phrase: string;
  reason: string;
  /** What may follow the phrase without it being this wording (tested on the text right after it). */
  unlessFollowedBy?: RegExp;
}

// "You should have received an email", "you should have it by Friday": what the customer can expect,
// not what they did wrong. "Been" and "seen" stay blame ("been more careful", "seen the warning").
const EXPECTED_BY_CUSTOMER =
  /^\s+(?:received|got|gotten|heard|it|them|a|an|the|your|one|access)(?![\p{L}\p{N}_'’])/iu;

/**
 * Arguing or blaming wording: public arguments with customers are a losing proposition, and the whole
 * thread reads them (seed 002 #2, "don't argue in public"; seed 000, "don't be afraid to say sorry").
 */
export const ARGUING_PHRASES: readonly ToneEntry[] = [
  { phrase: 'as I already said', reason: 'Sounds impatient; restate the answer kindly.' },
  { phrase: 'as I said', reason: 'Sounds impatient; restate the answer kindly.' },
  { phrase: 'as we already said', reason: 'Sounds impatient; restate the answer kindly.' },
  { phrase: 'as previously stated', reason: 'Sounds impatient; restate the answer kindly.' },
  { phrase: 'per my last', reason: 'Reads as passive-aggressive.' },
  {
    phrase: 'you should have',
    reason: 'Blames the customer; say what you can do now.',
    unlessFollowedBy: EXPECTED_BY_CUSTOMER,
  },
  { phrase: 'you failed to', reason: 'Blames the customer; describe the fix instead.' },
  { phrase: 'you need to understand', reason: 'Lectures the customer.' },
  { phrase: 'if you had read', reason: 'Blames the customer.' },
  { phrase: 'calm down', reason: 'Tells the customer how to feel; acknowledge the frustration instead.' },
  { phrase: "that's not our fault", reason: 'Argues about fault in public; own the next step instead.' },
  { phrase: 'that is not our fault', reason: 'Argues about fault in public; own the next step instead.' },
  { phrase: 'not our fault', reason: 'Argues about fault in public; own the next step instead.' },
  { phrase: 'not our problem', reason: 'Dismisses the customer in public.' },
  { phrase: 'actually, you', reason: 'Sounds like correcting the customer; explain without the “actually”.' },
  { phrase: 'actually you', reason: 'Sounds like correcting the customer; explain without the “actually”.' },
  { phrase: 'obviously', reason: 'Sounds condescending.' },
  { phrase: 'clearly you', reason: 'Sounds condescending.' },
  { phrase: 'with all due respect', reason: 'Signals an argument is coming.' },
  { phrase: "you're wrong", reason: 'Argues with the customer in public.' },
  { phrase: 'you are wrong', reason: 'Argues with the customer in public.' },
  { phrase: 'user error', reason: 'Blames the customer.' },
  // The same wording as people actually type it: contracted, or as a conditional apology. Only
  // "that's/it's your fault", so the kind "it's not your fault" stays quiet.
  {
    phrase: "you should've",
    reason: 'Blames the customer; say what you can do now.',
    unlessFollowedBy: EXPECTED_BY_CUSTOMER,
  },
  { phrase: "you shouldn't have", reason: 'Blames the customer; say what you can do now.' },
  { phrase: "if you'd read", reason: 'Blames the customer.' },
  { phrase: 'like I said', reason: 'Sounds impatient; restate the answer kindly.' },
  { phrase: "as I've said", reason: 'Sounds impatient; restate the answer kindly.' },
  { phrase: 'I already told you', reason: 'Sounds impatient; restate the answer kindly.' },
  { phrase: "that's your fault", reason: 'Blames the customer in public.' },
  { phrase: 'that is your fault', reason: 'Blames the customer in public.' },
  { phrase: "it's your fault", reason: 'Blames the customer in public.' },
  { phrase: 'it is your fault', reason: 'Blames the customer in public.' },
  { phrase: 'your own fault', reason: 'Blames the customer in public.' },
  { phrase: "isn't our fault", reason: 'Argues about fault in public; own the next step instead.' },
  { phrase: "you're mistaken", reason: 'Argues with the customer in public.' },
  { phrase: 'you are mistaken', reason: 'Argues with the customer in public.' },
  { phrase: 'sorry you feel', reason: 'A non-apology: say sorry for what went wrong.' },
  { phrase: 'sorry if you', reason: 'A conditional apology: say sorry for what went wrong.' },
];

const arguingFinder = compilePhraseFinder(ARGUING_PHRASES, (entry) => entry.phrase);

// No automatic replacement: a calmer reply needs rewording the sentence, not swapping words.
export const checkArguingWording: ReplyCheckRule = (text) =>
  arguingFinder
    .find(text)
    .filter(({ end, entry }) => !entry.unlessFollowedBy?.test(text.slice(end)))
    .map(
      ({ start, end, entry }): ReplyCheck => ({
        id: 'arguing',
        severity: 'warning',
        message: `“${text.slice(start, end)}”: ${entry.reason} Don't argue in public.`,
        span: { start, end },
      }),
    );
