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

/** The text as a searchable string of canonical tokens, padded so phrases match whole tokens. */
export function phraseHaystack(tokens: readonly string[]): string {
  return ` ${tokens.join(' ')} `;
}

function findGroups(haystack: string, groups: readonly PhraseGroup[]): PhraseHit[] {
  const hits: PhraseHit[] = [];
  const covered: string[] = [];
  for (const { group, weight, phrases } of groups) {
    for (const phrase of phrases) {
      if (!haystack.includes(` ${phrase} `)) continue;
      // A weak phrase inside a strong one already found ("is down" in "site is down") is not new evidence.
      if (covered.some((strong) => ` ${strong} `.includes(` ${phrase} `))) continue;
      covered.push(phrase);
      hits.push({ phrase, group, weight });
    }
  }
  return hits;
}

export function findCrisisPhrases(haystack: string): PhraseHit[] {
  return findGroups(haystack, CRISIS_PHRASES);
}

export function findSpamSignals(haystack: string, raw: string): PhraseHit[] {
  const hits = findGroups(haystack, SPAM_PHRASES);
  const hashtags = raw.match(/(?:^|\s)#[\p{L}\p{N}_]+/gu)?.length ?? 0;
  const links = raw.match(/\bhttps?:\/\/|\bwww\./gi)?.length ?? 0;
  const handles = raw.match(/(?:^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (hashtags >= 4) hits.push({ phrase: `${hashtags} hashtags`, group: 'hashtag stuffing', weight: 0.5 });
  if (links >= 2) hits.push({ phrase: `${links} links`, group: 'link stuffing', weight: 0.5 });
  if (handles >= 5) hits.push({ phrase: `${handles} handles`, group: 'mass mention', weight: 0.5 });
  return hits;
}

/** Why the post reads as a question ("?" is not required), or null. */
export function findQuestionCue(tokens: readonly string[], haystack: string): string | null {
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
  for (const phrase of QUESTION_PHRASES) {
    if (haystack.includes(` ${phrase} `)) return `"${phrase}"`;
  }
  return null;
}

export function findSarcasmMarker(haystack: string, raw: string, hasNegativeWords: boolean): string | null {
  if (/(?:^|\s)\/s\b/.test(raw)) return '/s';
  for (const phrase of SARCASM_PHRASES) {
    if (!haystack.includes(` ${phrase} `)) continue;
    if (SARCASM_NEEDS_NEGATIVE.has(phrase) && !hasNegativeWords) continue;
    return phrase;
  }
  return null;
}

export function findChurnThreat(haystack: string): string | null {
  return CHURN_PHRASES.find((phrase) => haystack.includes(` ${phrase} `)) ?? null;
}
