// Worker-thread entry of the worker embedder: lets Node run the TypeScript worker module through tsx
// (the same way cli/skillgraph.mjs does), whoever started the parent (tsx, Vitest or plain node).
import { register } from 'tsx/esm/api';

register();
await import('./worker-embedder-thread.ts');
