import { requireRole } from './access.ts';
import { engineCallAsync } from './engine-call.ts';
import { InvalidInputError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { TextLink } from './text-linker.ts';
import type { Workspace } from './workspace.ts';

/** Without a linker: exact label matches of each line (so the answer still comes, less good). */
function lookupLinks(ws: Workspace, text: string): TextLink[] {
  const out: TextLink[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    for (const skillId of ws.graph.findSkillsByLabel(line)) {
      out.push({ skillId, confidence: 1, phrase: line.trim(), parts: { lexical: 1 }, provenance: { kind: 'text', source: line, span: [offset, offset + line.length] } });
    }
    offset += line.length + 1;
  }
  return out;
}

/** The skills found in a text, best first, each with its sentence span (any key). */
export async function linkText(ws: Workspace, principal: Principal | null, text: string): Promise<readonly TextLink[]> {
  requireRole(principal, ['admin', 'employer', 'learner', 'planner'], 'linking text');
  if (text.trim() === '') throw new InvalidInputError('text is empty', 'text');
  const linker = ws.linker;
  return linker ? engineCallAsync(() => linker.link(text), 'text') : lookupLinks(ws, text);
}

/** The k skills nearest a short query: exact label matches first, then the linker's nearest. */
export async function searchSkills(ws: Workspace, text: string, k: number): Promise<readonly { skillId: string; score: number }[]> {
  if (text.trim() === '') throw new InvalidInputError('text is empty', 'text');
  const exact = ws.graph.findSkillsByLabel(text).map((skillId) => ({ skillId, score: 1 }));
  if (!ws.linker) return exact.slice(0, k);
  const linker = ws.linker;
  const found = await engineCallAsync(() => linker.search(text, k), 'text');
  const seen = new Set(exact.map((e) => e.skillId));
  return [...exact, ...found.filter((f) => !seen.has(f.skillId))].slice(0, k);
}
