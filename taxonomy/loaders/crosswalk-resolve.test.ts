import { describe, expect, it } from 'vitest';
import { loadCrosswalkRows } from './crosswalk.ts';
import { resolveCrosswalk } from './crosswalk-resolve.ts';
import { loadOnet } from './onet.ts';
import { sharedPath } from './shared-path.ts';

const CROSSWALK = sharedPath('datasets', 'onet-esco-crosswalk-nesta', 'esco_onet_crosswalk_Nov2020.csv');
const ONET = sharedPath('datasets', 'onet-29.2');

// Issue 15: the Nesta crosswalk uses O*NET-SOC 2010 codes; 325 of its 1,680 rows named codes O*NET 29.2 no longer has.
describe('resolveCrosswalk on the Nesta crosswalk and O*NET 29.2', () => {
  it('keeps rows whose code is loaded, matches retired codes by title, and reports what stays unmapped', async () => {
    const onet = await loadOnet(ONET, { technology: false });
    const onetCodes = new Set(onet.occupations.map((o) => o.code));
    const rows = await loadCrosswalkRows(CROSSWALK, { onetCodes });
    expect(rows).toHaveLength(1680);
    const { entries, resolutions, summary } = resolveCrosswalk(rows, onet.occupations);
    expect(summary.rows).toBe(1680);
    expect(summary.byCode).toBe(1355);
    expect(summary.byTitle + summary.byParent + summary.unmapped).toBe(325);
    expect(summary.byTitle).toBeGreaterThan(250);
    const to = (code: string) => resolutions.find((r) => r.fileCode === code)?.onetCode;
    expect(to('15-1132.00')).toBe('15-1252.00'); // software developers, applications → Software Developers
    expect(to('15-1199.09')).toBe('15-1299.09'); // information technology project managers
    expect(to('13-2011.01')).toBe('13-2011.00'); // accountants → Accountants and Auditors
    expect(to('27-2012.02')).toBe('27-2012.00'); // directors (stage, film …) → Producers and Directors, by parent code
    // every resolved row adds a mapped entry on a loaded code; file rows stay as they were
    const added = entries.slice(rows.length);
    expect(added.every((e) => e.mapped && onetCodes.has(e.onetCode))).toBe(true);
    expect(entries.filter((e) => e.mapped).length).toBeGreaterThan(1355 + 200);
    expect(summary.unmappedCodes.length).toBeLessThan(15);
  });
});
