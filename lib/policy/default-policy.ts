import type { Platform } from '../domain/types';
import type { Policy } from './schema';

/**
 * The embedded policy for the demo brand Acme (an online store with an app), so the extension works on
 * first install before a team lead publishes their own. The guidance is the practice the product was
 * conceived from: reply within the hour, acknowledge in public and resolve in private (with permission),
 * never argue in public, say sorry, tailor every reply, sign with your name, thank loyal fans publicly and
 * privately, post status updates in a crisis, and get happy outcomes into the public eye.
 *
 * Pure data: validated by the schema in tests/unit/policy, rendered to YAML by ./yaml.
 */

/** Short-form platforms: replies must fit X's 280 weighted characters (and Bluesky's 300). */
const SHORT_FORM: Platform[] = ['x', 'bluesky', 'threads', 'mastodon'];
/** Platforms where a longer, warmer reply reads naturally. */
const LONG_FORM: Platform[] = ['facebook', 'instagram', 'linkedin', 'reddit', 'youtube', 'web'];
const EVERY_ACCOUNT_PLATFORM: Platform[] = [
  'x',
  'facebook',
  'instagram',
  'linkedin',
  'reddit',
  'youtube',
  'threads',
];

export const DEFAULT_POLICY: Policy = {
  version: 1,
  updatedAt: '2026-01-15T09:00:00Z',

  brand: {
    name: 'Acme',
    names: ['Acme'],
    aliases: ['Acme Store', 'Acme App'],
    handles: ['acme', 'acmehelp', 'acmehelp.bsky.social'],
    hashtags: ['acme', 'acmestore'],
    domains: ['acme.example'],
    phones: ['+1 800 555 0100'],
    emails: ['customer.care@acme.example'],
    misspellings: ['acmee', 'akme', 'acmestore'],
    exclusions: ['Acme Brick', 'Acme Markets', 'Acmeville', 'Acme anvil'],
    ownAccounts: [
      ...EVERY_ACCOUNT_PLATFORM.map((platform) => ({ platform, handle: 'AcmeHelp' })),
      { platform: 'x', handle: 'acme' },
      { platform: 'instagram', handle: 'acme' },
      { platform: 'bluesky', handle: 'acmehelp.bsky.social' },
      { platform: 'mastodon', handle: 'AcmeHelp@mastodon.social' },
    ],
  },

  classification: {
    categoryRules: [
      {
        category: 'crisis',
        keywords: ['data breach', 'security breach', 'leaked my data', 'down for everyone'],
        patterns: ['\\b(app|site|checkout|website) (is |keeps )?(down|crashing)\\b'],
        effect: 'boost',
      },
      {
        category: 'complaint',
        keywords: [
          'refund',
          'never arrived',
          'still waiting',
          'charged twice',
          'double charged',
          'wrong item',
          'broken',
          'cancel my account',
          'no reply',
        ],
        patterns: ['\\bwhere (is|are) my (order|parcel|package|refund)\\b'],
        effect: 'boost',
      },
      {
        category: 'question',
        keywords: ['how do i', 'how can i', 'does anyone know', 'is there a way', 'can i return'],
        patterns: [],
        effect: 'boost',
      },
      {
        category: 'praise',
        keywords: ['thank you', 'thanks acme', 'love my', 'shout out', 'best customer service'],
        patterns: [],
        effect: 'boost',
      },
      {
        category: 'spam',
        keywords: ['follow for follow', 'free followers', 'dm me to earn'],
        patterns: ['\\bcrypto (giveaway|airdrop)\\b'],
        effect: 'force',
      },
    ],
    severityRules: [
      {
        label: 'Legal threat or regulator',
        allKeywords: [],
        anyKeywords: [
          'lawyer',
          'attorney',
          'lawsuit',
          'sue',
          'small claims',
          'trading standards',
          'chargeback',
        ],
        patterns: [],
        severity: 4,
      },
      {
        label: 'Safety risk',
        allKeywords: [],
        anyKeywords: ['caught fire', 'burned', 'injured', 'injury', 'smoke', 'overheated', 'choking'],
        patterns: [],
        severity: 4,
      },
      {
        label: 'Security or personal data',
        allKeywords: [],
        anyKeywords: ['hacked', 'data breach', 'someone else ordered', 'phishing', 'scam email'],
        patterns: [],
        severity: 4,
      },
      {
        label: 'Post gaining traction',
        allKeywords: [],
        anyKeywords: ['boycott', 'everyone retweet', 'going viral', 'spread the word'],
        patterns: [],
        severity: 4,
      },
      {
        label: 'Money taken',
        categories: ['complaint'],
        allKeywords: [],
        anyKeywords: ['charged twice', 'double charged', 'overcharged', 'refund', 'money back'],
        patterns: [],
        severity: 3,
      },
      {
        label: 'Repeat contact',
        categories: ['complaint'],
        allKeywords: [],
        anyKeywords: ['third time', 'again and again', 'still no', 'nobody replied', 'no one replied'],
        patterns: ['\\b(\\d+|two|three|four|five) (days|weeks) (and|with) no (reply|answer|response)\\b'],
        severity: 3,
      },
      {
        label: 'Order problem',
        categories: ['complaint'],
        allKeywords: [],
        anyKeywords: ['late', 'never arrived', 'missing', 'wrong item', 'damaged', 'broken'],
        patterns: [],
        severity: 2,
      },
    ],
  },

  ratings: [
    {
      level: 1,
      name: 'Low',
      description:
        'A neutral mention, a simple question or mild feedback. Nobody is stuck; a friendly, useful reply is enough.',
      resolution: [
        {
          type: 'acknowledge-publicly',
          note: 'A short, personal reply in the thread, signed with your name.',
        },
        { type: 'resolve', note: 'Answer in public when the answer helps other customers too.' },
      ],
      guidance: {
        question: [
          'Answer in the thread: other customers are wondering the same thing.',
          "If you're not sure, say you'll check and come back — then do, within the target time.",
          "If the answer needs their order or account details, ask them to DM us; don't ask for order numbers in public.",
        ],
        praise: [
          'Thank them by name and say what it means to the team; a happy customer is our best endorsement.',
          'Check the sidebar: if they have praised us before, use a loyal-fan thank-you and send a private note too.',
        ],
        complaint: [
          'Even a small gripe deserves a reply: a small error plus a slow response is how PR disasters start.',
        ],
        neutral: [
          "Reply only if you can add something useful. Don't jump into conversations just to promote Acme.",
        ],
        spam: ["Don't reply. Mark it as spam and move on."],
      },
    },
    {
      level: 2,
      name: 'Medium',
      description:
        'A customer with a real problem who is not yet angry: a late or wrong order, an app bug, an unclear charge.',
      resolution: [
        { type: 'acknowledge-publicly', note: 'Reply where they posted, within the hour.' },
        {
          type: 'apologise',
          note: "Own it plainly: say what went wrong and that you're sorry. No ifs or buts.",
        },
        {
          type: 'move-to-private',
          channels: ['dm', 'email'],
          withPermission: true,
          note: 'Ask before taking their details. Never ask for passwords or full card numbers.',
        },
        { type: 'resolve' },
        {
          type: 'invite-to-share-outcome',
          note: 'Once it is fixed, invite them to share the outcome on their original post.',
        },
      ],
      guidance: {
        complaint: [
          'Acknowledge in public so others see we care; sort out the details in DM or email.',
          "Use the customer's words: name their actual problem, not 'any inconvenience'.",
          'Check the case history first so they never have to repeat themselves.',
        ],
        question: [
          "If the answer needs their order or account, move to DM — don't ask for order numbers in public.",
        ],
      },
    },
    {
      level: 3,
      name: 'High',
      description:
        'An angry customer, money involved, a repeat contact, or a post that is starting to get attention.',
      resolution: [
        { type: 'acknowledge-publicly', note: 'Within 30 minutes. Calm, human, signed with your name.' },
        { type: 'apologise' },
        {
          type: 'move-to-private',
          channels: ['dm', 'email', 'phone'],
          withPermission: true,
          note: 'People are calmer on the phone than in public: offer a call, and only call if they say yes.',
        },
        {
          type: 'escalate',
          contactId: 'support-lead',
          withinMinutes: 60,
          note: 'If you cannot resolve it yourself, or it involves a refund you cannot approve.',
        },
        { type: 'resolve' },
        { type: 'invite-to-share-outcome' },
      ],
      guidance: {
        complaint: [
          "Never argue or correct them in public, even when they're wrong: everyone can see the thread.",
          "Say sorry first, then what you'll do next and when. Promise only what you can deliver.",
          'Offer a call with permission — people are more irate in public than on the phone.',
          'Stay with the case until it is fixed; update them even when there is no news yet.',
        ],
        question: ['A question asked for the third time is a complaint: treat it as one.'],
        praise: ['Praise with a sting in the tail ("love Acme, but…") is a complaint: fix the "but".'],
      },
    },
    {
      level: 4,
      name: 'Critical',
      description:
        'Legal threats, safety risks, security or personal-data problems, press or influencer attention, or an outage affecting many customers.',
      resolution: [
        {
          type: 'acknowledge-publicly',
          note: "Within 15 minutes. Acknowledge and promise a follow-up; share no case details and don't speculate.",
        },
        {
          type: 'escalate',
          contactId: 'duty-manager',
          withinMinutes: 15,
          note: 'Call the duty manager before replying further. In a crisis they alert communications.',
        },
        {
          type: 'move-to-private',
          channels: ['phone', 'email'],
          withPermission: true,
          note: 'A named person follows up directly, with permission.',
        },
        { type: 'resolve' },
        { type: 'invite-to-share-outcome' },
      ],
      guidance: {
        complaint: [
          'Acknowledge fast, then escalate. Do not admit liability or discuss compensation in public.',
          'For safety issues, ask them to stop using the product and tell them a named person will call.',
        ],
        crisis: [
          'Use the crisis status templates so every agent says the same thing.',
          'Post a status update on schedule even when there is no news: silence fills the channel with complaints.',
          "Don't speculate about causes or blame partners. Say what we know, what we're doing and when the next update comes.",
        ],
        question: [
          'Questions about a known incident: point to the latest status update and the status page.',
        ],
      },
    },
  ],

  sla: {
    firstResponseMinutes: { 1: 180, 2: 60, 3: 30, 4: 15 },
    byPlatform: {
      // People on X expect the fastest replies; Facebook users are more patient with low-priority posts.
      x: { 1: 60 },
      facebook: { 1: 360 },
    },
  },

  dos: [
    {
      text: 'Reply within the first-response target, and within the hour for any complaint.',
      categories: ['complaint', 'crisis'],
      reason:
        '72% of people who complain expect a reply within an hour; small error + slow response = PR disaster.',
    },
    {
      text: 'Acknowledge in public, then move the details to DM, email or phone.',
      categories: ['complaint', 'crisis'],
      reason: 'Others reading the thread see that we care; personal details stay private.',
    },
    {
      text: 'Say sorry when we got it wrong, and name what went wrong.',
      categories: ['complaint', 'crisis'],
      reason: 'Owning up to mistakes earns trust.',
    },
    {
      text: 'Tailor every reply: use a template as a guide, then rewrite it for this person and this problem.',
      reason: 'Templates are a guide, not a script. Authentic replies build relationships.',
    },
    {
      text: 'Sign with your own name.',
      reason:
        'A real person who is trying to help calms things down, and shows everyone reading that we care.',
    },
    {
      text: 'Ask permission before calling or asking for contact details.',
      categories: ['complaint'],
    },
    {
      text: 'Check the customer history in the sidebar before replying, so nobody has to repeat themselves.',
      reason: 'The same team answers on every channel; continuity matters.',
    },
    {
      text: 'Thank fans by name. Thank loyal fans publicly and with a private note.',
      categories: ['praise'],
      reason: 'A happy customer is our greatest endorsement.',
    },
    {
      text: 'Once a problem is solved, invite the customer to share the outcome on their original post.',
      categories: ['complaint'],
      reason:
        'Get happy outcomes into the public eye: an unhappy customer tells far more people than a happy one.',
    },
    {
      text: 'In a crisis, post status updates every 30 minutes, even when there is no news.',
      categories: ['crisis'],
      reason: 'Keep customers in the loop, or the channel fills with complaints.',
    },
    {
      text: 'Answer questions in the thread when the answer helps others too.',
      categories: ['question'],
    },
  ],

  donts: [
    {
      text: "Don't argue with or correct a customer in public, even when they are wrong.",
      categories: ['complaint', 'crisis'],
      reason: 'Digital arguments with customers are a losing proposition: the whole world can see.',
    },
    {
      text: "Don't paste a template unchanged.",
      reason: 'Copy-and-paste replies read as scripts and make angry customers angrier.',
    },
    {
      text: "Don't ask for passwords, full card numbers or security codes, in public or in private.",
      reason: 'We never need them, and scammers imitate brand accounts.',
    },
    {
      text: "Don't post order numbers, addresses or account details in public.",
      categories: ['complaint', 'question'],
    },
    {
      text: "Don't promise refunds, dates or compensation you can't approve: escalate instead.",
      categories: ['complaint', 'crisis'],
    },
    {
      text: "Don't hide or delete critical comments. Only spam may be removed.",
      categories: ['complaint', 'spam'],
    },
    {
      text: "Don't speculate about causes or blame partners during a crisis; use the status templates.",
      categories: ['crisis'],
    },
    {
      text: "Don't reply to spam or bait.",
      categories: ['spam'],
    },
    {
      text: "Don't ask anyone to delete their post before their problem is truly solved.",
      categories: ['complaint'],
      reason: 'Invite them to share an update once they are happy instead.',
    },
  ],

  bannedPhrases: [
    {
      phrase: 'calm down',
      reason: 'Dismissive; it makes people angrier.',
      suggestion: 'I can see why this is frustrating.',
    },
    {
      phrase: 'per our policy',
      reason: 'Sounds like hiding behind rules.',
      suggestion: "Here's what I can do for you…",
    },
    {
      phrase: 'as I already said',
      reason: 'Sounds impatient.',
      suggestion: 'Restate the point kindly, in different words.',
    },
    { phrase: 'you should have', reason: 'Blames the customer.', suggestion: 'Next time, you can…' },
    {
      phrase: 'not our fault',
      reason: 'Arguing in public.',
      suggestion: "I'm sorry this happened; let me help.",
    },
    {
      phrase: 'any inconvenience',
      reason: 'A generic non-apology: name the actual problem.',
      suggestion: "I'm sorry your order arrived late.",
    },
    {
      phrase: 'sorry if you feel',
      reason: 'A non-apology.',
      suggestion: "I'm sorry we let you down.",
    },
    {
      phrase: 'nothing we can do',
      reason: 'Closes the door.',
      suggestion: "Here's what I can do…",
    },
    {
      phrase: 'no comment',
      reason: 'Sounds evasive, above all in a crisis.',
      suggestion: 'Use a status template.',
    },
    { phrase: 'dear customer', reason: 'Impersonal.', suggestion: "Use the customer's name." },
    { phrase: 'to be honest', reason: 'Suggests we are not always honest.' },
  ],

  templates: [
    // ---- complaints
    {
      id: 'complaint-ack-dm-short',
      name: 'Sorry, continue in DM (short)',
      category: 'complaint',
      platforms: SHORT_FORM,
      language: 'en',
      severities: [2, 3],
      audience: 'first-contact',
      text: "Hi {{customerName}}, I'm sorry, that's not the experience we want for you. I'd like to sort it out personally: could you DM us your order number? I'll pick it up straight away. {{agentSignature}}",
      requiredVariables: ['customerName', 'agentSignature'],
    },
    {
      id: 'complaint-late-order-short',
      name: 'Late order (short)',
      category: 'complaint',
      platforms: SHORT_FORM,
      language: 'en',
      severities: [2],
      audience: 'any',
      caseState: 'open',
      text: "Sorry your order's running late, {{customerName}}. I know you were counting on it. DM us the order number and I'll check with the courier and come back to you today. {{agentSignature}}",
      requiredVariables: ['customerName', 'agentSignature'],
    },
    {
      id: 'complaint-app-bug-short',
      name: 'App problem (short)',
      category: 'complaint',
      platforms: SHORT_FORM,
      language: 'en',
      audience: 'any',
      text: "Sorry about that, {{customerName}}, the app shouldn't do that. Which phone and app version are you on? DM us and I'll get it to our app team with your details. {{agentSignature}}",
      requiredVariables: ['customerName', 'agentSignature'],
    },
    {
      id: 'complaint-repeat-short',
      name: 'Chasing us again (short)',
      category: 'complaint',
      platforms: SHORT_FORM,
      language: 'en',
      severities: [3, 4],
      audience: 'repeat',
      caseState: 'open',
      text: "{{customerName}}, I'm sorry you're having to chase us again. That's on us. I've read your case ({{caseReference}}) so you won't need to repeat anything. Can you DM me? {{agentSignature}}",
      requiredVariables: ['customerName', 'caseReference', 'agentSignature'],
    },
    {
      id: 'complaint-awaiting-reply-short',
      name: 'Waiting for their DM (short)',
      category: 'complaint',
      platforms: SHORT_FORM,
      language: 'en',
      audience: 'repeat',
      caseState: 'awaiting-customer',
      text: "Hi {{customerName}}, I've sent you a DM about {{caseReference}}. Whenever you have a moment, reply there and I'll take it from there. {{agentSignature}}",
      requiredVariables: ['customerName', 'caseReference', 'agentSignature'],
    },
    {
      id: 'complaint-ack-private-long',
      name: 'I understand, let me make it right',
      category: 'complaint',
      platforms: LONG_FORM,
      language: 'en',
      severities: [2, 3],
      audience: 'first-contact',
      text: "Hi {{customerName}}, I can certainly understand why you're upset; I would be too, and I'm sorry. I want to make this right for you. Would you mind if we continued by {{privateChannel}}? That way I can look at your order without sharing your details here, and I'll stay with it until it's fixed.\n\n{{agentName}}, {{brandName}} Customer Care",
      requiredVariables: ['customerName', 'privateChannel', 'agentName'],
    },
    {
      id: 'complaint-offer-call-long',
      name: 'Offer a phone call',
      category: 'complaint',
      platforms: LONG_FORM,
      language: 'en',
      severities: [3, 4],
      audience: 'any',
      text: "{{customerName}}, I'm really sorry. This deserves more than a back-and-forth in the comments, and I'd like to fix it with you directly. Would it be OK if one of our team called you? If so, please send your number and a good time to call by {{privateChannel}}.\n\n{{agentName}}, {{brandName}}",
      requiredVariables: ['customerName', 'privateChannel', 'agentName'],
    },
    {
      id: 'complaint-repeat-long',
      name: 'Chasing us again',
      category: 'complaint',
      platforms: LONG_FORM,
      language: 'en',
      audience: 'repeat',
      caseState: 'open',
      text: "Hi {{customerName}}, I'm sorry you've had to get in touch again. That shouldn't happen. I've gone through everything on your case ({{caseReference}}), so you won't need to explain it all again. I'll message you by {{privateChannel}} within the hour with where things stand.\n\n{{agentName}}, {{brandName}}",
      requiredVariables: ['customerName', 'caseReference', 'privateChannel', 'agentName'],
    },
    {
      id: 'complaint-follow-up-resolved',
      name: 'Check in after a fix',
      category: 'complaint',
      language: 'en',
      audience: 'repeat',
      caseState: 'resolved',
      text: "Hi {{customerName}}, just checking in: is everything OK now? If anything still isn't right, reply here or DM me and I'll pick it straight up. {{agentSignature}}",
      requiredVariables: ['customerName', 'agentSignature'],
    },
    // ---- questions
    {
      id: 'question-order-tracking-short',
      name: 'Where is my order? (short)',
      category: 'question',
      platforms: SHORT_FORM,
      language: 'en',
      audience: 'any',
      text: "Hi {{customerName}}! You can track your order under Account > Orders in the Acme app. If tracking hasn't moved for 2 days, DM us the order number and I'll chase it. {{agentSignature}}",
      requiredVariables: ['customerName', 'agentSignature'],
    },
    {
      id: 'question-returns-short',
      name: 'How do returns work? (short)',
      category: 'question',
      platforms: SHORT_FORM,
      language: 'en',
      audience: 'any',
      text: 'Hi {{customerName}}! Most items can go back within 30 days: Account > Orders > Return. The label is free and refunds land within 5 working days of the parcel reaching us. {{agentSignature}}',
      requiredVariables: ['customerName', 'agentSignature'],
    },
    {
      id: 'question-returns-long',
      name: 'How do returns work?',
      category: 'question',
      platforms: LONG_FORM,
      language: 'en',
      audience: 'any',
      text: "Hi {{customerName}}, thanks for asking! You can return most items within 30 days: go to Account > Orders, choose the item and tap Return. The label is free, and your refund reaches your card within 5 working days of the parcel arriving with us. If anything's unclear, I'm here.\n\n{{agentName}}, {{brandName}}",
      requiredVariables: ['customerName', 'agentName'],
    },
    {
      id: 'question-will-check',
      name: "I'll find out and come back",
      category: 'question',
      language: 'en',
      audience: 'any',
      text: "Hi {{customerName}}, good question. I want to give you the right answer rather than a quick one, so I'm checking with the team and will come back to you here today. {{agentSignature}}",
      requiredVariables: ['customerName', 'agentSignature'],
    },
    {
      id: 'question-account-private',
      name: 'Account question: continue in DM',
      category: 'question',
      language: 'en',
      audience: 'any',
      text: "Happy to help, {{customerName}}! As it's about your account, could you send us a DM? Please don't share passwords or card details: we'll never ask for them. {{agentSignature}}",
      requiredVariables: ['customerName', 'agentSignature'],
    },
    // ---- praise
    {
      id: 'praise-thanks-short',
      name: 'Thank you (short)',
      category: 'praise',
      platforms: SHORT_FORM,
      language: 'en',
      audience: 'any',
      text: "Thank you, {{customerName}}! That made our day. I'll pass it on to the team. {{agentSignature}}",
      requiredVariables: ['customerName'],
    },
    {
      id: 'praise-first-order-short',
      name: 'Welcome, first order (short)',
      category: 'praise',
      platforms: SHORT_FORM,
      language: 'en',
      audience: 'first-contact',
      text: "Welcome to {{brandName}}, {{customerName}}! So glad your first order went well. If you ever need anything, we're right here. {{agentSignature}}",
      requiredVariables: ['customerName'],
    },
    {
      id: 'praise-thanks-long',
      name: 'Thank you',
      category: 'praise',
      platforms: LONG_FORM,
      language: 'en',
      audience: 'any',
      text: "{{customerName}}, thank you so much for taking the time to say this. I've shared it with the team who packed your order, and it means a lot to them. Enjoy!\n\n{{agentName}}, {{brandName}}",
      requiredVariables: ['customerName'],
    },
    // ---- crisis (replies to individual customers during an incident)
    {
      id: 'crisis-affected-short',
      name: "You're affected by the incident (short)",
      category: 'crisis',
      platforms: SHORT_FORM,
      language: 'en',
      audience: 'any',
      text: "Sorry, {{customerName}}, you're not alone: {{incidentSummary}} We're on it and post updates here every 30 minutes. Live status: {{statusPageUrl}} {{agentSignature}}",
      requiredVariables: ['customerName', 'incidentSummary'],
    },
    {
      id: 'crisis-affected-long',
      name: "You're affected by the incident",
      category: 'crisis',
      platforms: LONG_FORM,
      language: 'en',
      audience: 'any',
      text: "Hi {{customerName}}, I'm sorry. You're not alone, and you haven't done anything wrong: {{incidentSummary}} Our team is working on it right now. We'll post an update at least every 30 minutes, and you can follow along at {{statusPageUrl}}.\n\n{{agentName}}, {{brandName}}",
      requiredVariables: ['customerName', 'incidentSummary'],
    },
  ],

  handoffScripts: [
    {
      id: 'handoff-dm',
      name: 'First DM',
      channel: 'dm',
      language: 'en',
      text: "Hi {{customerName}}, it's {{agentName}} from {{brandName}}. Thanks for messaging us here. So I can look into it, could you send your order number and the email address on your account? Please don't send passwords or card details: we'll never ask for them. Your case reference is {{caseReference}}.",
      requiredVariables: ['customerName', 'agentName', 'caseReference'],
    },
    {
      id: 'handoff-email',
      name: 'First email',
      channel: 'email',
      language: 'en',
      text: "Subject: Your {{brandName}} case {{caseReference}}\n\nHi {{customerName}},\n\nThank you for letting me continue by email. I'm sorry about what happened, and I'll be looking after this personally until it's resolved.\n\nSo I can get started, could you reply with your order number and a short description of what went wrong? Photos help if an item arrived damaged.\n\nI'll update you within one working day, sooner if I can.\n\n{{agentName}}\n{{brandName}} Customer Care",
      requiredVariables: ['customerName', 'caseReference', 'agentName'],
    },
    {
      id: 'handoff-phone',
      name: 'Phone call opener',
      channel: 'phone',
      language: 'en',
      text: "Hi, is that {{customerName}}? This is {{agentName}} from {{brandName}}. You said it was OK to call about your post. Is now still a good time?\n\n(If yes:) Thank you. First, I'm sorry about what happened. Could you tell me in your own words, so I get it right? I have your case here as {{caseReference}}.\n\n(Before ending:) Here's what I'll do next, and when you'll hear from me.",
      requiredVariables: ['customerName', 'agentName', 'caseReference'],
    },
  ],

  thankTheFan: {
    enabled: true,
    loyalFanMinPraises: 3,
    templates: [
      {
        id: 'fan-public-loyal',
        name: 'Loyal fan, public',
        visibility: 'public',
        language: 'en',
        text: "{{customerName}}, you've been with us through so many orders. Thank you! Fans like you are the best part of the job. {{agentSignature}}",
        requiredVariables: ['customerName'],
      },
      {
        id: 'fan-public-noticed',
        name: 'We noticed, public',
        visibility: 'public',
        language: 'en',
        text: 'Thank you, {{customerName}}! We read every kind word, and yours made our day. The whole team says hi. {{agentSignature}}',
        requiredVariables: ['customerName'],
      },
      {
        id: 'fan-public-backing',
        name: 'Backing us, public',
        visibility: 'public',
        language: 'en',
        text: '{{customerName}}, thank you for having our back. It really means a lot to everyone here at {{brandName}}. {{agentSignature}}',
        requiredVariables: ['customerName'],
      },
      {
        id: 'fan-private-note',
        name: 'Personal thank-you, private',
        visibility: 'private',
        language: 'en',
        text: "Hi {{customerName}}, it's {{agentName}} from the {{brandName}} team. I wanted to say a personal thank you for your kind words about us. We really do notice. If there's ever anything you need, message me here directly.",
        requiredVariables: ['customerName', 'agentName'],
      },
      {
        id: 'fan-private-team',
        name: 'Loyal fan, from the team, private',
        visibility: 'private',
        language: 'en',
        text: "Hi {{customerName}}, {{agentName}} here from {{brandName}}. I shared your posts with the team this week and they made everyone's day. Thank you for being such a great supporter. If anything ever goes wrong with an order, you can reach me here.",
        requiredVariables: ['customerName', 'agentName'],
      },
    ],
  },

  inviteToShareTemplates: [
    {
      id: 'share-outcome-public',
      name: 'Glad it is sorted, public',
      visibility: 'public',
      language: 'en',
      text: "So glad we got that sorted, {{customerName}}! Thank you for your patience. If you're happy with how it turned out, we'd love it if you shared an update here. {{agentSignature}}",
      requiredVariables: ['customerName'],
    },
    {
      id: 'share-outcome-private',
      name: 'Would you share an update? private',
      visibility: 'private',
      language: 'en',
      text: "Hi {{customerName}}, I'm really glad {{caseReference}} is resolved. If you feel we put things right, would you mind adding a quick update to your original post? It helps other customers know they'll be looked after. No pressure at all, and thank you.\n\n{{agentName}}",
      requiredVariables: ['customerName', 'agentName'],
    },
  ],

  crisis: {
    active: false,
    statusPageUrl: 'https://status.acme.example',
    updateEveryMinutes: 30,
    statusTemplates: [
      {
        id: 'status-investigating',
        name: 'Investigating',
        phase: 'investigating',
        language: 'en',
        text: "Heads up: {{incidentSummary}} We're investigating now and will post an update here every 30 minutes. Sorry for the trouble. Live status: {{statusPageUrl}}",
        requiredVariables: ['incidentSummary'],
      },
      {
        id: 'status-identified',
        name: 'Cause found',
        phase: 'identified',
        language: 'en',
        text: "Update: we've found the cause and our team is working on a fix. {{incidentSummary}} Next update within 30 minutes: {{statusPageUrl}}",
        requiredVariables: ['incidentSummary'],
      },
      {
        id: 'status-monitoring',
        name: 'Fix in place',
        phase: 'monitoring',
        language: 'en',
        text: "Update: a fix is in place and things are recovering. We're keeping a close eye on it. If something still isn't working for you, reply here and we'll help. {{statusPageUrl}}",
        requiredVariables: [],
      },
      {
        id: 'status-resolved',
        name: 'Resolved',
        phase: 'resolved',
        language: 'en',
        text: "All fixed: everything is working normally again. We're sorry for the disruption and thank you for your patience. If anything still looks wrong, reply here and we'll sort it out.",
        requiredVariables: [],
      },
      {
        id: 'status-investigating-long',
        name: 'Investigating (long form)',
        phase: 'investigating',
        platforms: LONG_FORM,
        language: 'en',
        text: "{{incidentSummary}} We're sorry, and we know how frustrating this is. Our team is investigating right now. There's nothing you need to do, and any orders already placed are safe.\n\nWe'll post an update here at least every 30 minutes, and you can follow along live at {{statusPageUrl}}.",
        requiredVariables: ['incidentSummary'],
      },
    ],
    contacts: ['duty-manager', 'comms-team'],
  },

  escalationContacts: [
    {
      id: 'support-lead',
      name: 'Priya Shah',
      role: 'Social support team lead',
      channel: 'chat',
      address: '#acme-social-support',
      when: 'Severity 3: angry customers, refunds you cannot approve, repeat contacts, or a post gaining traction.',
    },
    {
      id: 'duty-manager',
      name: 'Customer care duty manager (on call)',
      role: 'Duty manager',
      channel: 'phone',
      address: '+1 555 0100',
      when: 'Severity 4: legal threats, safety risks, security or data problems. Within 15 minutes, day or night.',
    },
    {
      id: 'comms-team',
      name: 'Communications team',
      role: 'Press and public relations',
      channel: 'email',
      address: 'press@acme.example',
      when: 'Press or influencer involvement, a post going viral, or any crisis.',
    },
    {
      id: 'security-team',
      name: 'Security team',
      role: 'Security incident response',
      channel: 'pager',
      address: 'security-oncall',
      when: 'Hacked accounts, possible data exposure, or phishing that uses our name.',
    },
    {
      id: 'app-team',
      name: 'App support',
      role: 'Mobile app engineers',
      channel: 'chat',
      address: '#acme-app-bugs',
      when: 'Reproducible app bugs. Include the phone model, app version and steps.',
    },
  ],
};
