/** Minimal types for the `sentiment` package (AFINN-165 with emoji and negation), which ships none. */
declare module 'sentiment' {
  interface SentimentResult {
    score: number;
    comparative: number;
    calculation: Array<Record<string, number>>;
    tokens: string[];
    words: string[];
    positive: string[];
    negative: string[];
  }

  interface AnalyzeOptions {
    language?: string;
    extras?: Record<string, number>;
  }

  class Sentiment {
    analyze(phrase: string, options?: AnalyzeOptions): SentimentResult;
  }

  export = Sentiment;
}
