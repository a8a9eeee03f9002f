import type { BrandTermsInput } from './brand-matcher';

/**
 * A stand-in brand for `npm run analyze` without --policy and for demos, until the default policy
 * provides one. Acme Brick and Acme Markets are real namesakes, hence the exclusions.
 */
export const DEMO_BRAND_TERMS: BrandTermsInput = {
  name: 'Acme',
  names: ['Acme'],
  aliases: ['Acme Store', 'Acme App'],
  handles: ['acme', 'acmehelp'],
  hashtags: ['acme'],
  domains: ['acme.example'],
  misspellings: ['acmee'],
  exclusions: ['Acme Brick', 'Acme Markets'],
  ownAccounts: [{ platform: 'x', handle: 'AcmeHelp' }],
};
