/** A GitHub-flavoured markdown table; numeric-looking columns are right-aligned. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const right = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+\s*(ms|s|MiB|×|%)?$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map((_, i) => (right[i] ? '---:' : '---'))), ...rows.map(line)].join('\n');
}

export const fmtMs = (ms: number): string => `${Math.round(ms).toLocaleString('en-US')} ms`;
export const fmtMiB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const fmtRatio = (x: number): string => `${x.toFixed(2)} ×`;
