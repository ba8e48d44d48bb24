import type { Award, TaxonomyData } from '../../taxonomy/model/types.ts';

export interface ReadmeFacts {
  readonly seed: number;
  readonly referenceDate: string;
  readonly taxonomy: TaxonomyData;
  readonly sectors: number;
  readonly issuers: number;
  readonly employers: number;
  readonly ob3: number;
  readonly ctdl: number;
  readonly byKind: ReadonlyMap<string, number>;
  readonly stacks: number;
  readonly withPrerequisites: number;
  readonly postings: number;
  readonly candidates: number;
  readonly awards: readonly Award[];
  readonly roles: number;
  readonly sizes: ReadonlyMap<string, number>;
  /** Issue 20: credentials stating recognition / an assessment, and the unverifiable copy pair. */
  readonly standing: { readonly recognised: number; readonly assessedCtdl: number; readonly original: string; readonly copy: string };
}

function kb(bytes: number | undefined): string {
  return `${Math.round((bytes ?? 0) / 1024)} KB`;
}

/** datasets/README.md, generated with the data so its counts can never drift. */
export function readme(f: ReadmeFacts): string {
  const t = f.taxonomy;
  const escoOccupations = t.occupations.filter((o) => o.iscoGroup !== '').length;
  const status = new Map<string, number>();
  for (const a of f.awards) status.set(a.verification, (status.get(a.verification) ?? 0) + 1);
  const statusText = [...status].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  const kinds = [...f.byKind].map(([k, v]) => `${k} ${v}`).join(', ');
  const total = [...f.sizes.values()].reduce((a, b) => a + b, 0);
  return `# Sample data

> This service uses the ESCO classification of the European Commission.

Small, self-consistent demo and test data for skillgraph: a slice of the real ESCO v1.1.1 taxonomy plus
synthetic credentials, job postings, candidates, awards and roles aligned to it. Every file here is
**generated**; do not edit by hand.

- Generator: \`npm run gen:sample\` (\`scripts/generate-sample.ts\`, helpers in \`scripts/sample/\`).
  \`--out <dir>\` writes elsewhere. It reads ESCO from \`\${SKILLGRAPH_SHARED:-../shared}/datasets/esco-v1.1.1\`.
- Seed: \`${f.seed}\` (mulberry32, \`engine/ports/random.ts\`). Reference date: \`${f.referenceDate}\` (no clock is read).
  Running the generator twice gives identical bytes (\`taxonomy/loaders/sample.test.ts\` checks it).
- Loader: \`taxonomy/loaders/sample.ts\` \`loadSample(dir)\` maps these files to domain objects
  (\`skillgraph import sample\`) and rejects dangling references with a coded \`TaxonomyError\`.
- Total size: ${kb(total)}.

## Files

| file | holds | count | size |
|---|---|---|---|
| \`taxonomy.json\` | \`TaxonomyData\` (taxonomy/model/types.ts): ESCO skills, skill groups, broader edges, skill–skill relations, occupations + ISCO groups, occupation→skill relations | ${t.skills.length} skills, ${t.groups.length} groups, ${t.broader.length} broader edges, ${t.skillRelations.length} skill relations, ${escoOccupations} occupations + ${t.occupations.length - escoOccupations} ISCO groups, ${t.occupationSkills.length} occupation skills | ${kb(f.sizes.get('taxonomy.json'))} |
| \`credentials/ob3-achievements.json\` | Open Badges 3.0 \`Achievement\` documents (array) | ${f.ob3} | ${kb(f.sizes.get('credentials/ob3-achievements.json'))} |
| \`credentials/ctdl.json\` | CTDL JSON-LD credentials (array) | ${f.ctdl} | ${kb(f.sizes.get('credentials/ctdl.json'))} |
| \`postings.jsonld\` | schema.org \`JobPosting\` JSON-LD (array) | ${f.postings} | ${kb(f.sizes.get('postings.jsonld'))} |
| \`candidates.json\` | candidates (array) | ${f.candidates} | ${kb(f.sizes.get('candidates.json'))} |
| \`awards.json\` | credentials held by candidates, the \`Award\` shape (array) | ${f.awards.length} | ${kb(f.sizes.get('awards.json'))} |
| \`roles.json\` | \`Role[]\`: employer roles with weighted requirement profiles | ${f.roles} | ${kb(f.sizes.get('roles.json'))} |

## What is in them

**Taxonomy.** ${escoOccupations} real ESCO occupations in ${f.sectors} sectors (software/data, healthcare, construction,
hospitality, finance, logistics, green energy, education). For each, a seeded pick of up to 12 essential and 4
optional skills; then every broader skill and skill group above them up to the pillars (a DAG: some skills have
several parents), the ESCO skill–skill relations among the picked skills, and the ISCO-08 groups above the
occupations (an occupation's \`parentIds\` is its ISCO unit group; intermediate ESCO occupations are left out).
URIs, labels and descriptions are ESCO's, verbatim (some preferred labels carry ESCO's stray padding).
\`crosswalk\` is empty. No edge points outside the file.

**Credentials** (${f.ob3 + f.ctdl}: ${kinds}) from ${f.issuers} fictional issuers. Each occupation has a stack: 2–3
badges → a certificate, two certificates → a professional certificate (${f.stacks} stacks). Cross-sector
micro-credentials cover transversal skills; sector micro-credentials fill up the rest. ${f.withPrerequisites}
credentials have prerequisites, which always point at credentials created earlier, so there are no cycles; some
cross issuers and formats. Levels beginner/intermediate/advanced, cost 0–2000 USD, 2–300 hours. Half of each
kind is written as OB3 and half as CTDL; ids may reference across the two files.

| kind (\`Credential.credentialType\`) | OB3 \`achievementType\` | CTDL \`@type\` |
|---|---|---|
| badge | Badge | ceterms:Badge |
| micro-credential | MicroCredential | ceterms:MicroCredential |
| certificate | Certificate | ceterms:Certificate |
| professional-certificate | Certification | ceterms:Certification |

- OB3: skills are \`alignment[]\` entries (\`targetUrl\` = ESCO skill URI, \`targetFramework\` "ESCO",
  \`targetType\` "ceasn:Competency"); issuer in \`creator\`. OB3 has no fields for price, effort, level or stacking, so
  they are extension terms under a \`skillgraph\` prefix declared in \`@context\` (\`https://skillgraph.example/ns#\`):
  \`skillgraph:level\` (string), \`skillgraph:cost\` (\`{price, currency}\`), \`skillgraph:hours\` (number),
  \`skillgraph:requires\` and \`skillgraph:isPartOf\` (credential ids).
- CTDL: \`@id\` = \`https://credentialengineregistry.org/resources/<ctid>\`, \`ceterms:ctid\` = \`ce-<uuid>\` (UUIDs drawn from
  the seeded stream), language maps in \`en\`, issuer inline in \`ceterms:ownedBy\`, level in \`ceterms:audienceLevelType\`
  (\`audLevel:*Level\`), skills in \`ceterms:teaches\` (certificates, micro-credentials) or \`ceterms:assesses\` (badges,
  professional certificates) as \`ceterms:CredentialAlignmentObject\` with \`ceterms:targetNode\` = ESCO skill URI,
  prerequisites as a \`ceterms:ConditionProfile\` in \`ceterms:requires\` with \`ceterms:targetCredential\`, stacking in
  \`ceterms:isPartOf\` / \`ceterms:hasPart\`, \`ceterms:estimatedCost\` (CostProfile, USD) and \`ceterms:estimatedDuration\`
  (\`PT<n>H\`).

**Standing** (issue 20; \`scripts/sample/standing.ts\`, its own seeded stream). ${f.standing.recognised} credentials state
recognition: CTDL ones \`ceterms:accreditedBy\` / \`ceterms:recognizedBy\` a fictional quality body
(\`ceterms:QACredentialOrganization\`), OB3 ones an \`endorsement\` (an \`EndorsementCredential\` without proof).
${f.standing.assessedCtdl} CTDL credentials state an assessment: a \`ceterms:requires\` condition whose
\`ceterms:targetAssessment\` is an \`AssessmentProfile\` with \`ceterms:assessmentMethodType\` (\`assessMethod:*\`) and
\`ceterms:assessmentMethodDescription\`; every OB3 Achievement states \`criteria.narrative\`. One pair shows what
credibility changes: \`${f.standing.copy}\` is an online copy (same skills, level, price and hours) of the accredited
\`${f.standing.original}\`, by an issuer that holds no award at all, so its identity never verifies.

**Postings** (${f.postings}) from ${f.employers} fictional employers, \`datePosted\` within the 18 months before the reference
date (software/data and green energy grow over the window). The \`description\` is templated free text (company blurb,
duties, requirements naming skills by preferred or alternative label in varied phrasing, nice-to-haves, benefits,
equal-opportunity boilerplate) so linkers meet realistic noise. \`skills\` lists, as \`DefinedTerm\`s (\`url\` and
\`termCode\` = ESCO URI), exactly the skills the template wrote into the text: ground truth for linking tests.
\`occupationalCategory\` is a \`CategoryCode\` with the ESCO occupation code and URI; \`baseSalary\` a yearly USD range.

**Candidates** (${f.candidates}): fictional names built from syllable lists (no real people), a city, \`sharedWith\` (1–3
employer ids), \`claimedSkills\` (ESCO URIs; self-claimed), \`experience\` (2–4 sentences). Ground truth fields not
in the domain \`Candidate\`: \`occupationId\` (profile source) and \`experienceSkills\` (skills the text names).

**Awards** (${f.awards.length}; ${statusText}): 0–6 per candidate, mostly from their occupation's stack and sector. A
credential is awarded only after its prerequisites, and a certificate only after one of its parts; issue dates
increase along the way. Professional certificates (and some micro-credentials) expire; lapsed ones are \`expired\`.

**Roles** (${f.roles}): 30 from postings (duty/requirement skills essential, nice-to-haves optional) and 10 from an
occupation's ESCO profile; weights 1/0.8 for essential, 0.5/0.3 for optional.

Ids: \`urn:sample:{org,posting,candidate,award,role}:<n>\`; issuers and OB3 achievements use \`https://<issuer>.example/…\`.

## Source and licence

- ESCO v1.1.1 (skills, groups, occupations, ISCO groups and their relations in \`taxonomy.json\`; skill URIs and labels
  wherever they appear): © European Union, reused under Commission Decision 2011/833/EU.
  *This service uses the ESCO classification of the European Commission.*
- Everything else (issuers, employers, credentials, postings, candidates, awards, roles, all text outside ESCO labels) is
  synthetic, generated by this project's script, and licensed with the project (Apache-2.0). Any resemblance of a
  generated name to a real person or organisation is accidental. City names are real places.
`;
}
