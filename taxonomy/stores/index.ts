export type { GraphStore, ImportOptions, ProgressFn } from './graph-store.ts';
export { createSqliteStore } from './sqlite/sqlite-store.ts';
export { openStore, type OpenStoreOptions } from './open-store.ts';
export { defaultDbPath, userDataDir } from './default-db-path.ts';
export { validateTaxonomy, validateTaxonomyFields, type KnownTaxonomyIds } from './validate-taxonomy.ts';
export { validateRecords, validateRecordFields, validateRecordReferences, batchReferences, type RecordReference, type ReferenceKind } from './validate-records.ts';
export type { ChangeEntry, ChangeFeed, ChangeKind, ChangePage, RecordIds } from './change-feed.ts';
