import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TaxonomyData } from '../../taxonomy/model/types.ts';
import { EMPLOYERS, REFERENCE_DATE, SECTORS, SEED } from './catalogue.ts';
import { makeContext } from './context.ts';
import { makeCredentials, toCtdl, toOb3 } from './credentials.ts';
import { pickTaxonomy } from './esco.ts';
import { makePostings, toJobPosting } from './postings.ts';
import { makeAwards, makeCandidates } from './candidates.ts';
import { makeRoles } from './roles.ts';
import { readme } from './readme.ts';
import { addStanding } from './standing.ts';
import { Rng } from './rng.ts';

export interface GenerateOptions {
  /** Folder holding ESCO v1.1.1 CSVs (`<shared>/datasets/esco-v1.1.1`). */
  readonly escoDir: string;
  readonly seed?: number;
}

/** Relative path → file content. Every file is `JSON.stringify(x, null, 2)` + newline (or Markdown). */
export type SampleFiles = ReadonlyMap<string, string>;

const ESSENTIAL_PER_OCCUPATION = 12;
const OPTIONAL_PER_OCCUPATION = 4;

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Builds the whole sample in memory: same options → same bytes. Reads ESCO; no clock, no Math.random. */
export function generateSample(options: GenerateOptions): SampleFiles {
  const seed = options.seed ?? SEED;
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`invalid seed: ${seed}`);
  const rng = new Rng(seed);
  const { taxonomy, sectorOf } = pickTaxonomy(options.escoDir, SECTORS, { essential: ESSENTIAL_PER_OCCUPATION, optional: OPTIONAL_PER_OCCUPATION }, rng);
  const ctx = makeContext(rng, taxonomy, sectorOf);
  const credentials = makeCredentials(ctx);
  const postings = makePostings(ctx);
  const candidates = makeCandidates(ctx);
  const awards = makeAwards(ctx, candidates, credentials);
  const roles = makeRoles(ctx, postings);
  // issue 20: standing and the unverifiable copy come from their own stream, after everything else
  const pair = addStanding(seed, credentials, awards, roles);
  credentials.push(pair.copy);

  const ob3 = credentials.filter((c) => c.format === 'ob3').map((c) => toOb3(ctx, c));
  const ctdl = credentials.filter((c) => c.format === 'ctdl').map((c) => toCtdl(ctx, c));
  const files = new Map<string, string>([
    ['taxonomy.json', json(taxonomy satisfies TaxonomyData)],
    ['credentials/ob3-achievements.json', json(ob3)],
    ['credentials/ctdl.json', json(ctdl)],
    ['postings.jsonld', json(postings.map((p) => toJobPosting(ctx, p)))],
    ['candidates.json', json(candidates)],
    ['awards.json', json(awards)],
    ['roles.json', json(roles)],
  ]);
  const byKind = new Map<string, number>();
  for (const c of credentials) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
  files.set(
    'README.md',
    readme({
      seed,
      referenceDate: REFERENCE_DATE,
      taxonomy,
      sectors: SECTORS.length,
      issuers: new Set(credentials.map((c) => c.issuer.id)).size,
      employers: EMPLOYERS.length,
      ob3: ob3.length,
      ctdl: ctdl.length,
      byKind,
      stacks: credentials.filter((c) => c.kind === 'professional-certificate').length,
      withPrerequisites: credentials.filter((c) => c.requires.length > 0).length,
      postings: postings.length,
      candidates: candidates.length,
      awards,
      roles: roles.length,
      sizes: new Map([...files].map(([rel, content]) => [rel, Buffer.byteLength(content)])),
      standing: {
        recognised: credentials.filter((c) => (c.standing?.recognition.length ?? 0) > 0).length,
        assessedCtdl: credentials.filter((c) => c.standing?.assessment).length,
        original: pair.original.id,
        copy: pair.copy.id,
      },
    }),
  );
  return files;
}

/** Writes the files under `outDir` (creating folders). */
export function writeSample(outDir: string, files: SampleFiles): void {
  for (const [rel, content] of files) {
    const path = join(outDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}
