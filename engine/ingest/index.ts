export * from './errors.ts';
export * from './types.ts';
export { parseJsonLenient, parseJsonDocuments } from './json-lenient.ts';
export { detectFormat } from './detect.ts';
export { ingestDocument, checkIngestOptions } from './ingest.ts';
export { escoSkillId, escoOccupationId, onetSkillId, onetOccupationId } from './alignment.ts';
export { freeDurationToHours, isoDurationToHours, ectsToHours, HOURS_PER_ECTS, HOURS_PER_WEEK } from './duration.ts';
export { splitTags, MULTI_COMMA_TAGS, parseCatalogueCsv, catalogueLayoutOf } from './catalogue.ts';
export { stripHtml } from './values.ts';
