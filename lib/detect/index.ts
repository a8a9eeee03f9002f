export {
  type BrandMatch,
  type BrandMatcher,
  type BrandMatchKind,
  type BrandTermsInput,
  compileBrandMatcher,
} from './brand-matcher';
export { type FoldedText, foldTerm, foldWithOffsets } from './normalize';
