import { Services } from '../api/services/services.ts';
import type { Principal } from '../api/auth/principal.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { generateCandidateBatches } from './lib/generate-candidates.ts';
import { seededRandom } from '../engine/ports/random.ts';
const store = await createSqliteStore(':memory:');
const sample = await loadSample();
await store.importTaxonomy(sample.taxonomy);
await store.putRecords({ credentials: sample.records.credentials ?? [], postings: sample.records.postings ?? [], roles: sample.records.roles ?? [] });
const world = { credentials: sample.records.credentials ?? [], roles: sample.records.roles ?? [], skills: sample.taxonomy.skills };
for (const batch of generateCandidateBatches(world, { count: 3000, seed: 5 })) await store.putRecords(batch);
const now = new Date('2026-11-29T00:00:00Z');
const services = await Services.create({ store });
const admin: Principal = { keyId: 'k', role: 'admin', organisationId: null, candidateId: null };
const roles = (sample.records.roles ?? []).slice(0, 6);
const orgs = [...new Set(roles.map((r) => r.organisationId))];
const rnd = seededRandom(3);
const skills = sample.taxonomy.skills.map((s) => s.id);
const ids = [...services.records.candidates.keys()];
services.rankCandidates(admin, roles[0]!.id, { first: 20 }, now); // build the index
let checks = 0;
for (let round = 0; round < 15; round++) {
  const writes = 1 + Math.floor(rnd() * 3);
  for (let w = 0; w < writes; w++) {
    const newOne = rnd() < 0.4;
    const id = newOne ? `urn:new:${round}-${w}` : ids[Math.floor(rnd() * ids.length)]!;
    const claimed = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => skills[Math.floor(rnd() * skills.length)]!);
    await services.upsertCandidate({ id, name: 'X', claimedSkillIds: [...new Set(claimed)], sharedWith: rnd() < 0.5 ? [orgs[Math.floor(rnd() * orgs.length)]!] : [] });
  }
  const fresh = await Services.create({ store });
  for (const role of roles) {
    for (const principal of [admin, { keyId: 'e', role: 'employer', organisationId: role.organisationId, candidateId: null } as Principal]) {
      for (const args of [{ first: 20 }, { first: 50, verifiedOnly: true }, { first: 10, minScore: 0.3 }]) {
        const a = JSON.stringify(services.rankCandidates(principal, role.id, args, now));
        const b = JSON.stringify(fresh.rankCandidates(principal, role.id, args, now));
        if (a !== b) throw new Error(`round ${round} role ${role.id} ${principal.role} ${JSON.stringify(args)}: incremental differs from fresh`);
        checks++;
      }
    }
  }
}
console.log(`ok: ${checks} pages equal after incremental updates`);
await store.close();
