/** The case-history data layer. Extension-origin contexts only: content scripts go through messages. */
export * from './cases';
export * from './customers';
export * from './drafts';
export * from './ids';
export * from './records';
export * from './retention';
export {
  CURRENT_SCHEMA_VERSION,
  ParleyDb,
  SCHEMA_V1,
  SCHEMA_V2,
  TABLE_NAMES,
  type TableName,
} from './schema';
export * from './seed';
export * from './timeline';
