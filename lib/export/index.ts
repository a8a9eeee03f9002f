/** Export and import of the case history: JSON Lines (lossless, mergeable) and CSV (for spreadsheets). */
export { type CsvKind, csvCell, csvRow, exportCsv } from './csv';
export { EXPORT_FORMAT, EXPORT_VERSION, type TableCounts } from './format';
export {
  type ChunkWriter,
  type ExportProgress,
  exportJson,
  ImportError,
  ImportInterruptedError,
  type ImportOptions,
  type ImportProgress,
  type ImportResult,
  type ImportSource,
  importJson,
} from './json';
export { readLines } from './lines';
