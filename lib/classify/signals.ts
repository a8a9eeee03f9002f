import { CLAUSE_BREAK, USER_TOKEN } from './text';

/**
 * Built-in phrase lists for what the small trained models cannot learn from the development data:
 * crises (too rare there), spam, questions and sarcasm. Phrases are written in canonical token form
 * (lower case, no apostrophes: "dont"), and match whole tokens only.
 */

export interface PhraseHit {
  phrase: string;
  /** What kind of evidence it is, shown to the agent ("legal", "outage", …). */
  group: string;
  weight: number;
}

interface PhraseGroup {
  group: string;
  weight: number;
  phrases: readonly string[];
}

/** Strong phrases (weight 1) decide a crisis alone; weak ones (0.5) need a second hit. */
const CRISIS_PHRASES: readonly PhraseGroup[] = [
  {
    group: 'safety',
    weight: 1,
    phrases: [
      'food poisoning',
      'poisoned',
      'injured',
      'injuries',
      'hospitalized',
      'hospitalised',
      'in the hospital',
      'to the hospital',
      'caught fire',
      'on fire',
      'exploded',
      'explosion',
      'allergic reaction',
      'safety hazard',
      'fire hazard',
      'unsafe',
      'emergency landing',
      'smoke in the cabin',
      'assaulted',
      'sexually harassed',
      'electrocuted',
      'carbon monoxide',
      'choked',
      'choking',
      'overdose',
      'bleeding',
      'fainted',
      'passed out',
      'nearly died',
      'almost died',
      'could have died',
      'could have killed',
      'product recall',
    ],
  },
  {
    group: 'safety',
    weight: 0.5,
    phrases: [
      'dangerous',
      'injury',
      'hurt',
      'burned',
      'burnt',
      'harassed',
      'harassment',
      'threatened',
      'attacked',
      'recall',
      'mold',
      'glass in',
    ],
  },
  {
    group: 'legal',
    weight: 1,
    phrases: [
      'lawyer',
      'lawyers',
      'attorney',
      'lawsuit',
      'sue you',
      'sue them',
      'suing',
      'legal action',
      'class action',
      'small claims',
      'take you to court',
      'see you in court',
      'discrimination',
      'discriminated',
      'racial profiling',
      'better business bureau',
      'consumer protection',
      'trading standards',
      'ombudsman',
      'attorney general',
    ],
  },
  {
    group: 'legal',
    weight: 0.5,
    phrases: ['racist', 'sexist', 'bbb', 'ftc', 'fraud', 'illegal', 'court', 'report you', 'reporting you'],
  },
  {
    group: 'outage',
    weight: 1,
    phrases: [
      'outage',
      'outages',
      'down for everyone',
      'is down again',
      'servers are down',
      'server is down',
      'site is down',
      'website is down',
      'app is down',
      'system is down',
      'systems are down',
      'service is down',
      'network is down',
      'system outage',
      'computer outage',
      'all flights grounded',
      'ground stop',
    ],
  },
  {
    group: 'outage',
    weight: 0.5,
    phrases: [
      'is down',
      'are down',
      'not working for anyone',
      'anyone else having',
      'everyone is having',
      'nationwide',
      'worldwide',
    ],
  },
  {
    group: 'data breach',
    weight: 1,
    phrases: [
      'data breach',
      'security breach',
      'breach',
      'hacked',
      'leaked my',
      'data leak',
      'identity theft',
      'stolen data',
      'my data was',
      'unauthorized charges',
      'unauthorised charges',
      'fraudulent charges',
      'account was compromised',
      'account compromised',
    ],
  },
  { group: 'data breach', weight: 0.5, phrases: ['compromised', 'phishing', 'leaked', 'privacy'] },
  {
    group: 'viral',
    weight: 1,
    phrases: [
      'going viral',
      'gone viral',
      'went viral',
      'boycott',
      'spread the word',
      'everyone retweet',
      'please retweet',
      'rt to',
    ],
  },
  {
    group: 'viral',
    weight: 0.5,
    phrases: ['viral', 'trending', 'journalist', 'reporter', 'news', 'media', 'the press'],
  },
];

const SPAM_PHRASES: readonly PhraseGroup[] = [
  {
    group: 'promotion',
    weight: 1,
    phrases: [
      'followback',
      'f4f',
      'check out my',
      'check my profile',
      'subscribe to my',
      'link in bio',
      'click the link',
      'click here',
      'dm for',
      'dm me for',
      'promo code',
      'use code',
      'discount code',
      'giveaway',
      'free followers',
      'buy followers',
      'get followers',
      'earn xmoney',
      'make money',
      'work from home',
      'working from home',
      'investment opportunity',
      'limited offer',
      'shop now',
      'order now',
      'get paid',
      'onlyfans',
      'hot singles',
      'airdrop',
      'forex',
      'crypto',
      'bitcoin',
      'nft',
    ],
  },
  {
    group: 'promotion',
    weight: 0.5,
    // "Follow me so I can DM you" is how customers reach support on X: weak evidence alone.
    phrases: ['follow me', 'follow back', 'free', 'win', 'winner', 'offer', 'deal', 'sale', 'visit', 'promo'],
  },
];

const QUESTION_PHRASES: readonly string[] = [
  'anyone know',
  'does anyone',
  'do you know',
  'any idea',
  'any ideas',
  'wondering if',
  'wondering whether',
  'wondering why',
  'i wonder',
  'need to know',
  'let me know',
  'please advise',
  'please confirm',
  'how do i',
  'how can i',
  'how to',
  'is there a way',
  'is there any',
  'who do i',
  'who can i',
  'can someone',
  'can anyone',
  'can you tell',
  'could you tell',
  'what is the',
  'whats the',
];

const QUESTION_OPENERS = new Set([
  'how',
  'what',
  'whats',
  'when',
  'where',
  'wheres',
  'why',
  'who',
  'whos',
  'which',
  'hows',
]);
const AUXILIARY_OPENERS = new Set([
  'can',
  'could',
  'would',
  'will',
  'is',
  'are',
  'do',
  'does',
  'did',
  'should',
  'has',
  'have',
  'may',
  'am',
]);
const AUXILIARY_SUBJECTS = new Set([
  'i',
  'you',
  'we',
  'it',
  'they',
  'there',
  'someone',
  'anyone',
  'somebody',
  'anybody',
  'my',
  'your',
  'the',
  'this',
  'that',
  'he',
  'she',
  'xuser',
]);

const SARCASM_PHRASES: readonly string[] = [
  'yeah right',
  'thanks for nothing',
  'thanks a lot',
  'thanks a bunch',
  'just what i needed',
  'oh great',
  'oh joy',
  'oh good',
  'what a surprise',
  'big surprise',
  'shocker',
  'love how',
  'love that i',
  'love it when',
  'so glad i',
  'great job',
  'nice job',
  'way to go',
  'well done',
  'sarcasm',
  '🙄',
  '😒',
];
/** Only read as sarcasm when the post also has negative words: "great job, thanks" alone is praise. */
const SARCASM_NEEDS_NEGATIVE = new Set([
  'thanks a lot',
  'great job',
  'nice job',
  'way to go',
  'well done',
  'love how',
  'love it when',
]);

const CHURN_PHRASES: readonly string[] = [
  'switching to',
  'switch to',
  'never again',
  'never flying',
  'never fly',
  'never buying',
  'never buy',
  'never shopping',
  'never using',
  'never use',
  'never ordering',
  'cancel my',
  'cancelling my',
  'canceling my',
  'close my account',
  'closing my account',
  'lost a customer',
  'lost my business',
  'losing my business',
  'done with you',
  'last time i',
  'taking my business',
  'take my business',
  'go elsewhere',
  'going elsewhere',
  'chargeback',
  'dispute the charge',
];

/**
 * Reports of something gone wrong with an order, a bill, a product or the service: the state of
 * affairs a complaint describes, in words any brand's customers use. Counted as one feature, so a
 * problem word the small complaints set never saw still counts like the ones it did.
 */
const PROBLEM_PHRASES: readonly PhraseGroup[] = [
  {
    group: 'delivery',
    weight: 1,
    phrases: [
      'lost my',
      'lost our',
      'missing',
      'never arrived',
      'never came',
      'never received',
      'never got',
      'never showed up',
      'hasnt arrived',
      'havent arrived',
      'didnt arrive',
      'not arrived',
      'havent received',
      'hasnt come',
      'didnt receive',
      'didnt get',
      'still waiting',
      'been waiting',
      'still havent',
      'still hasnt',
      'still no',
      'is late',
      'was late',
      'are late',
      'late again',
      'arrived late',
      'running late',
      'days late',
      'weeks late',
      'hours late',
      'delayed',
      'delay',
      'delays',
      'stuck',
      'wrong order',
      'wrong item',
      'wrong size',
      'wrong address',
      'the wrong',
    ],
  },
  {
    group: 'billing',
    weight: 1,
    phrases: [
      'charged twice',
      'double charged',
      'charged me',
      'was charged',
      'been charged',
      'got charged',
      'overcharged',
      'refund',
      'my money',
      'money back',
      'hidden fees',
      'ripped off',
      'rip off',
      'scam',
      'scammed',
    ],
  },
  {
    group: 'broken',
    weight: 1,
    phrases: [
      'broken',
      'broke',
      'damaged',
      'defective',
      'faulty',
      'cracked',
      'leaking',
      'stopped working',
      'not working',
      'isnt working',
      'doesnt work',
      'dont work',
      'didnt work',
      'wont work',
      'wont turn on',
      'wont load',
      'wont let me',
      'cant log in',
      'cant login',
      'cant access',
      'unable to',
      'crashes',
      'crashing',
      'crashed',
      'error',
      'errors',
      'glitch',
      'freezes',
      'freezing',
      'expired',
      'spoiled',
      'stale',
    ],
  },
  {
    group: 'service',
    weight: 1,
    phrases: [
      'cancelled my',
      'canceled my',
      'rude',
      'hung up',
      'no response',
      'no reply',
      'no answer',
      'never responded',
      'never replied',
      'ignored',
      'ignoring',
      'on hold',
      'no one',
      'nobody',
      'messed up',
      'screwed up',
      'mistake',
      'issue',
      'issues',
      'problem',
      'problems',
      'fix this',
      'fix it',
      'unacceptable',
      'ridiculous',
      'disappointed',
      'disappointing',
    ],
  },
];
/** Phrases that deny a problem ("no problem", "not late"): the problem words inside them do not count. */
const PROBLEM_DENIALS: readonly string[] = [
  'no problem',
  'no problems',
  'not a problem',
  'no issue',
  'no issues',
  'not an issue',
  'any problems',
  'any issues',
  'not late',
  'never late',
  'no delay',
  'no delays',
  'not broken',
  'not disappointed',
  'never disappointed',
  'missing out',
];

interface PaddedPhrase extends PhraseHit {
  /** " phrase ", to tell whether one phrase lies inside another. */
  padded: string;
}

function padGroups(groups: readonly PhraseGroup[]): PaddedPhrase[] {
  return groups.flatMap(({ group, weight, phrases }) =>
    phrases.map((phrase) => ({ phrase, group, weight, padded: ` ${phrase} ` })),
  );
}

/** The longest phrase in any list, in words: the post's n-grams are indexed up to this length. */
const LONGEST_PHRASE = Math.max(
  ...[...CRISIS_PHRASES, ...SPAM_PHRASES].flatMap(({ phrases }) =>
    phrases.map((phrase) => phrase.split(' ').length),
  ),
  ...PROBLEM_PHRASES.flatMap(({ phrases }) => phrases.map((phrase) => phrase.split(' ').length)),
  ...[...QUESTION_PHRASES, ...SARCASM_PHRASES, ...CHURN_PHRASES, ...PROBLEM_DENIALS].map(
    (phrase) => phrase.split(' ').length,
  ),
);

/** Every run of 1…LONGEST_PHRASE canonical tokens, so a phrase lookup is one Set.has. */
export type PhraseIndex = ReadonlySet<string>;

export function indexPhrases(tokens: readonly string[]): PhraseIndex {
  const runs = new Set<string>();
  for (let start = 0; start < tokens.length; start += 1) {
    let run = tokens[start] as string;
    runs.add(run);
    for (let length = 2; length <= LONGEST_PHRASE && start + length <= tokens.length; length += 1) {
      run = `${run} ${tokens[start + length - 1]}`;
      runs.add(run);
    }
  }
  return runs;
}

const CRISIS_LOOKUP = padGroups(CRISIS_PHRASES);
const SPAM_LOOKUP = padGroups(SPAM_PHRASES);
const PROBLEM_LOOKUP = padGroups(PROBLEM_PHRASES);
const PADDED_DENIALS = PROBLEM_DENIALS.map((phrase) => ` ${phrase} `);

function findGroups(phrases: PhraseIndex, lookup: readonly PaddedPhrase[]): PhraseHit[] {
  const hits: PaddedPhrase[] = [];
  for (const entry of lookup) {
    if (!phrases.has(entry.phrase)) continue;
    // A weak phrase inside a strong one already found ("is down" in "site is down") is not new evidence.
    if (hits.some((found) => found.padded.includes(entry.padded))) continue;
    hits.push(entry);
  }
  return hits.map(({ phrase, group, weight }) => ({ phrase, group, weight }));
}

export function findCrisisPhrases(phrases: PhraseIndex): PhraseHit[] {
  return findGroups(phrases, CRISIS_LOOKUP);
}

/** Problem reports in the post, leaving out problem words a denial covers ("no problem"). */
export function findProblemPhrases(phrases: PhraseIndex): PhraseHit[] {
  const denials = PADDED_DENIALS.filter((padded) => phrases.has(padded.slice(1, -1)));
  const hits = findGroups(phrases, PROBLEM_LOOKUP);
  if (denials.length === 0) return hits;
  return hits.filter(({ phrase }) => !denials.some((denial) => denial.includes(` ${phrase} `)));
}

/** Words that turn a post from what went well to what did not ("love it, but the lid cracked"). */
const CONTRAST_WORDS = new Set(['but', 'though', 'although', 'however', 'unfortunately', 'sadly', 'except']);

/**
 * A problem reported after a turn of contrast: the contrast word and the problem, or null. Why: polite
 * customers open with praise ("love my new blender, but the lid cracked"); the praise words pull the
 * word model towards praise, and the post would be answered with thanks instead of help.
 */
export function findProblemAfterContrast(
  tokens: readonly string[],
  problems: readonly PhraseHit[],
): { contrast: string; problem: string } | null {
  if (problems.length === 0) return null;
  const turn = tokens.findIndex((token) => CONTRAST_WORDS.has(token));
  if (turn < 0) return null;
  // The problems were found in the same token runs (indexPhrases), so a run after the turn is one of them.
  const after = indexPhrases(tokens.slice(turn + 1));
  const hit = problems.find(({ phrase }) => after.has(phrase));
  return hit ? { contrast: tokens[turn] as string, problem: hit.phrase } : null;
}

export function findSpamSignals(phrases: PhraseIndex, raw: string): PhraseHit[] {
  const hits = findGroups(phrases, SPAM_LOOKUP);
  const hashtags = raw.match(/(?:^|\s)#[\p{L}\p{N}_]+/gu)?.length ?? 0;
  const links = raw.match(/\bhttps?:\/\/|\bwww\./gi)?.length ?? 0;
  const handles = raw.match(/(?:^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (hashtags >= 4) hits.push({ phrase: `${hashtags} hashtags`, group: 'hashtag stuffing', weight: 0.5 });
  if (links >= 2) hits.push({ phrase: `${links} links`, group: 'link stuffing', weight: 0.5 });
  if (handles >= 5) hits.push({ phrase: `${handles} handles`, group: 'mass mention', weight: 0.5 });
  return hits;
}

/** Why the post reads as a question ("?" is not required), or null. */
export function findQuestionCue(tokens: readonly string[], phrases: PhraseIndex): string | null {
  if (tokens.includes('?')) return 'question mark';
  let start = 0;
  while (tokens[start] === USER_TOKEN || tokens[start] === CLAUSE_BREAK) start += 1;
  // A question may open any sentence: "Flight delayed. When will we board" counts.
  for (let index = start; index < tokens.length; index += 1) {
    if (index !== start && tokens[index - 1] !== CLAUSE_BREAK && tokens[index - 1] !== '!') continue;
    const first = tokens[index] ?? '';
    const second = tokens[index + 1] ?? '';
    if (QUESTION_OPENERS.has(first) && second !== '' && second !== CLAUSE_BREAK)
      return `opens with "${first}"`;
    if (AUXILIARY_OPENERS.has(first) && AUXILIARY_SUBJECTS.has(second))
      return `opens with "${first} ${second}"`;
  }
  const phrase = QUESTION_PHRASES.find((candidate) => phrases.has(candidate));
  if (phrase) return `"${phrase}"`;
  return null;
}

export function findSarcasmMarker(
  phrases: PhraseIndex,
  raw: string,
  hasNegativeWords: boolean,
): string | null {
  if (/(?:^|\s)\/s\b/.test(raw)) return '/s';
  for (const phrase of SARCASM_PHRASES) {
    if (!phrases.has(phrase)) continue;
    if (SARCASM_NEEDS_NEGATIVE.has(phrase) && !hasNegativeWords) continue;
    return phrase;
  }
  return null;
}

export function findChurnThreat(phrases: PhraseIndex): string | null {
  return CHURN_PHRASES.find((phrase) => phrases.has(phrase)) ?? null;
}
