import { sampleApp } from '../api/testing/sample-app.ts';
const a = await sampleApp();
const admin = await a.keyFor({ role: 'admin' });
const made = await Promise.all([1, 2, 3].map(() => a.gql(`mutation { createApiKey(role: planner) { ... on NewApiKey { key } } }`, {}, admin)));
for (const m of made) { const key = m.body.data!.createApiKey.key; const r = await a.gql(`{ gaps { __typename } }`, {}, key); console.log('new key works:', r.body.data!.gaps.__typename); }
const r = await a.gql(`{ gaps { __typename } }`, {}, admin); console.log('admin key still works:', r.body.data!.gaps.__typename);
