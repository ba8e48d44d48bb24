import { describe, expect, it } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import { normaliseLabel } from '../../taxonomy/model/normalise.ts';
import { labelRows, RowKind } from './label-rows.ts';

const skill = (n: number, preferredLabel: string, altLabels: string[], hiddenLabels: string[], description: string): Skill => ({
  id: `urn:test:${n}`,
  source: 'esco',
  preferredLabel,
  altLabels,
  hiddenLabels,
  description,
  skillType: 'skill/competence',
  reuseLevel: '',
});

describe('labelRows', () => {
  const skills = [skill(0, ' Manage budgets ', ['manage  BUDGETS', 'budget control'], ['budgeting'], 'Plan and monitor a budget. Then report.'), skill(1, 'weld metal', [], [], '')];

  it('per skill: preferred, alternatives and hidden labels deduplicated by match key, then label + first description sentence', () => {
    expect(labelRows(skills, { descriptions: true, hiddenLabels: true }).map((r) => [r.skill, r.kind, r.text])).toEqual([
      [0, RowKind.Preferred, 'Manage budgets'],
      [0, RowKind.Alternative, 'budget control'],
      [0, RowKind.Hidden, 'budgeting'],
      [0, RowKind.Described, 'Manage budgets. Plan and monitor a budget.'],
      [1, RowKind.Preferred, 'weld metal'],
    ]);
    expect(labelRows(skills, { descriptions: false, hiddenLabels: false }).map((r) => r.text)).toEqual(['Manage budgets', 'budget control', 'weld metal']);
  });

  it('derives the rows once per skill list and options: the same frozen array again, another list or options its own', () => {
    const a = labelRows(skills, { descriptions: true, hiddenLabels: true });
    expect(labelRows(skills, { descriptions: true, hiddenLabels: true })).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(labelRows(skills, { descriptions: false, hiddenLabels: true })).not.toBe(a);
    const copy = [...skills];
    const b = labelRows(copy, { descriptions: true, hiddenLabels: true });
    expect(b).not.toBe(a);
    expect(b).toEqual(a);
  });

  it('rows without descriptions filtered from the rows with them are the rows derived without them', () => {
    const more = [...skills, skill(2, 'Coach staff', ['coach employees', 'COACH STAFF'], ['mentor staff', 'coach employees'], 'Train staff. More.'), skill(3, 'sell', ['Sell'], [], 'Sell goods.')];
    for (const hiddenLabels of [true, false]) {
      // Derived afresh (a new list: nothing memoised) against filtered (the list with descriptions derived first).
      const fresh = labelRows([...more], { descriptions: false, hiddenLabels });
      const first = [...more];
      labelRows(first, { descriptions: true, hiddenLabels });
      expect(labelRows(first, { descriptions: false, hiddenLabels })).toEqual(fresh);
    }
  });

  it("each label row carries its match key (normaliseLabel of its text); a description row none", () => {
    for (const r of labelRows(skills, { descriptions: true, hiddenLabels: true })) expect(r.key).toBe(r.kind === RowKind.Described ? null : normaliseLabel(r.text));
  });
});
