// Worker-thread entry of a link helper: lets Node run the TypeScript module through tsx (as
// cli/skillgraph.mjs and the embedder's worker entry do), whoever started the parent.
import { register } from 'tsx/esm/api';

register();
await import('./link-helper-thread.ts');
