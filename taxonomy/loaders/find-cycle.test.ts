import { describe, expect, it } from 'vitest';
import { findCycle } from './find-cycle.ts';

describe('findCycle(successors)', () => {
  it('returns null for a DAG with shared ancestors', () => {
    expect(findCycle(new Map([['a', ['b', 'c']], ['b', ['d']], ['c', ['d']], ['d', []]]))).toBeNull();
  });

  it('returns the loop as a closed path', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
  });

  it('finds a loop below an acyclic start without recursion limits', () => {
    const chain = new Map<string, string[]>();
    for (let i = 0; i < 100_000; i++) chain.set(`n${i}`, [`n${i + 1}`]);
    chain.set('n100000', ['n99998']);
    expect(findCycle(chain)).toEqual(['n99998', 'n99999', 'n100000', 'n99998']);
  });
});
