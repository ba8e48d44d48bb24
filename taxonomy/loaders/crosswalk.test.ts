import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import { loadCrosswalk } from './crosswalk.ts';
import { loadOnet } from './onet.ts';
import { sharedPath } from './shared-path.ts';

const HEADER = 'id,esco_occupation,isco_code,onet_code,onet_occupation,matching_job_titles,semantic_similarity,confidence,concept_uri';
const E = 'http://data.europa.eu/esco/occupation/';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function file(lines: string[]): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'crosswalk-'));
  const path = join(dir, 'crosswalk.csv');
  await writeFile(path, lines.map((l) => `${l}\n`).join(''));
  return path;
}

async function failure(promise: Promise<unknown>): Promise<TaxonomyError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(TaxonomyError);
    return err as TaxonomyError;
  }
  throw new Error('expected the load to fail');
}

describe('loadCrosswalk(file, opts) on crafted rows', () => {
  const rows = [HEADER, `1,cutler,7221,51-4199.00,"metal workers, other","['cutler', 'knife maker']",0.8,2.0,${E}a`, `2,smith,7221,15-1199.09,old code,na,0.5,0.5,${E}b`];

  it('keeps raw codes and URIs and marks entries whose O*NET or ESCO end is not loaded as unmapped', async () => {
    const path = await file(rows);
    expect(await loadCrosswalk(path)).toEqual([
      { escoOccupationId: `${E}a`, onetCode: '51-4199.00', confidence: 2, mapped: true },
      { escoOccupationId: `${E}b`, onetCode: '15-1199.09', confidence: 0.5, mapped: true },
    ]);
    const checked = await loadCrosswalk(path, { onetCodes: new Set(['51-4199.00', '15-1299.09']), escoOccupationIds: new Set([`${E}a`, `${E}b`]) });
    expect(checked.map((e) => e.mapped)).toEqual([true, false]);
    const escoOnly = await loadCrosswalk(path, { escoOccupationIds: new Set([`${E}b`]) });
    expect(escoOnly.map((e) => e.mapped)).toEqual([false, true]);
  });

  it('fails with MISSING_COLUMN, INVALID_VALUE, DUPLICATE_ID and BROKEN_QUOTING at the right line and field', async () => {
    let err = await failure(loadCrosswalk(await file([HEADER.replace('confidence', 'conf'), ...rows.slice(1)])));
    expect([err.code, err.location.line, err.location.field]).toEqual([TaxonomyErrorCode.MissingColumn, 1, 'confidence']);
    await rm(dir, { recursive: true });
    err = await failure(loadCrosswalk(await file([...rows, `3,x,1,15-1252.00,y,na,0.1,high,${E}c`])));
    expect([err.code, err.location.line, err.location.field]).toEqual([TaxonomyErrorCode.InvalidValue, 4, 'confidence']);
    await rm(dir, { recursive: true });
    err = await failure(loadCrosswalk(await file([...rows, `3,x,1,15-1252,y,na,0.1,1.0,${E}c`])));
    expect([err.code, err.location.line, err.location.field]).toEqual([TaxonomyErrorCode.InvalidValue, 4, 'onet_code']);
    await rm(dir, { recursive: true });
    err = await failure(loadCrosswalk(await file([...rows, rows[1] as string])));
    expect([err.code, err.location.line, err.location.field]).toEqual([TaxonomyErrorCode.DuplicateId, 4, 'onet_code']);
    await rm(dir, { recursive: true });
    err = await failure(loadCrosswalk(await file([...rows, `3,"x,1,15-1252.00,y,na,0.1,1.0,${E}c`])));
    expect([err.code, err.location.line]).toEqual([TaxonomyErrorCode.BrokenQuoting, 4]);
  });

  it('rejects an invalid option', async () => {
    const err = await failure(loadCrosswalk('x.csv', { onetCodes: ['15-1252.00'] as never }));
    expect(err.code).toBe(TaxonomyErrorCode.InvalidValue);
  });
});

describe('loadCrosswalk(esco_onet_crosswalk_Nov2020.csv) on the real file', () => {
  it('has 1,680 rows, 325 of them unmapped against the O*NET 29.2 codes', async () => {
    const onet = await loadOnet(sharedPath('datasets', 'onet-29.2'), { technology: false });
    const entries = await loadCrosswalk(sharedPath('datasets', 'onet-esco-crosswalk-nesta', 'esco_onet_crosswalk_Nov2020.csv'), {
      onetCodes: new Set(onet.occupations.map((o) => o.code)),
    });
    expect(entries).toHaveLength(1_680);
    const unmapped = entries.filter((e) => !e.mapped);
    expect(unmapped).toHaveLength(325);
    expect(new Set(unmapped.map((e) => e.onetCode)).size).toBe(143);
    expect(unmapped.some((e) => e.onetCode === '15-1199.09')).toBe(true);
    expect(entries.filter((e) => e.confidence === 2)).toHaveLength(515);
    expect(entries.filter((e) => e.confidence === 1)).toHaveLength(1_100);
    expect(entries.filter((e) => e.confidence === 0.5)).toHaveLength(65);
  });
});
