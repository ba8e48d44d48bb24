import type { TaxonomyError } from '../../../taxonomy/model/errors.ts';
import type { RecordsBatch, StoreStats, TaxonomyData } from '../../../taxonomy/model/types.ts';
import { formatSeconds } from '../../lib/format.ts';
import { printJson } from '../../lib/print-json.ts';
import { countImport, describeCounts, type ImportCounts } from '../../lib/taxonomy-counts.ts';

export interface ImportReport {
  readonly source: 'esco' | 'onet' | 'crosswalk' | 'sample';
  readonly from: string;
  readonly mode: 'replace' | 'merge';
  readonly imported: ImportCounts;
  readonly notes: readonly string[];
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
  readonly seconds: { readonly load: number; readonly write: number };
  readonly store: StoreStats;
}

/** Collects loader warnings (tolerated data quirks) for the report. */
export function warningCollector(): { readonly onWarning: (w: TaxonomyError) => void; readonly list: { code: string; message: string }[] } {
  const list: { code: string; message: string }[] = [];
  return { list, onWarning: (w) => void list.push({ code: w.code, message: w.message }) };
}

export function buildReport(
  base: Pick<ImportReport, 'source' | 'from' | 'mode' | 'notes' | 'warnings' | 'store'>,
  data: TaxonomyData,
  records: RecordsBatch | undefined,
  ms: { load: number; write: number },
): ImportReport {
  return { ...base, imported: countImport(data, records), seconds: { load: ms.load / 1000, write: ms.write / 1000 } };
}

/** `--json`: the report as JSON on stdout; else one summary line on stdout and notes/warnings on stderr. */
export function printReport(report: ImportReport, json: boolean | undefined): void {
  if (json) return printJson(report);
  for (const w of report.warnings) process.stderr.write(`skillgraph: warning: ${w.code}: ${w.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  for (const n of report.notes) process.stderr.write(`skillgraph: note: ${n}\n`);
  const time = `load ${formatSeconds(report.seconds.load * 1000)}, write ${formatSeconds(report.seconds.write * 1000)}`;
  process.stdout.write(`imported ${report.source} (${report.mode}): ${describeCounts(report.imported)} (${time})\n`);
}
