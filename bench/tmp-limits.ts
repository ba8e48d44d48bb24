import { sampleApp } from '../api/testing/sample-app.ts';
const a = await sampleApp();
const admin = await a.keyFor({ role: 'admin' });
const skill = a.sample.taxonomy.skills.find((s) => a.services.graph.parents(s.id).length > 0)!;
let deep = 'id'; for (let i = 0; i < 12; i++) deep = `children { ${deep} }`;
const depthQ = `{ skillGroupRoots { ${deep.replace(/children \{/g, '... on SkillGroup { children {').replace(/\}/g, '} }')} } }`;
let d2 = 'id'; for (let i = 0; i < 11; i++) d2 = `parents { ... on SkillGroup { ${d2} } }`;
const depth = `query($id: ID!) { skill(id: $id) { ... on Skill { ${d2} } } }`;
const complex = `{ credentials(first: 100) { edges { node { id skills { skill { id children { id related { skill { id } } } } } parts { id skills { skillId } } } } } }`;
const page = `{ candidates(first: 1000) { edges { node { id } } } }`;
const pageRank = `query($r: ID!) { rankCandidates(roleId: $r, first: 1000) { __typename ... on InputValidationError { message } } }`;
for (const [n, q, v] of [['depth', depth, { id: skill.id }], ['complex', complex, {}], ['page', page, {}], ['pageRank', pageRank, { r: [...a.services.records.roles.keys()][0] }]] as const) {
  const r = await a.gql(q, v, admin); console.log(n, r.status, JSON.stringify(r.body).slice(0, 300));
}
const big = JSON.stringify({ query: '{ skillGroupRoots { id } }', variables: { pad: 'x'.repeat(1_100_000) } });
const res = await a.app.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) }, body: big });
console.log('body', res.status, (await res.text()).slice(0, 200));
