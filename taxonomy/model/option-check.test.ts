import { describe, expect, it } from 'vitest';
import { defineErrors, INVALID_OPTION } from './coded-error.ts';
import { boolean, callable, either, finiteAtLeast, integer, integerIn, numberAbove, numberIn, oneOf, optionChecker, record, satisfies, showValue, type OptionRule } from './option-check.ts';

const make = defineErrors('ExampleError', { INVALID_OPTION });
const check = optionChecker(make);

function thrown(f: () => unknown): { code?: string; field?: string; message: string; name: string } {
  try {
    f();
  } catch (e) {
    return e as { code?: string; field?: string; message: string; name: string };
  }
  throw new Error('expected a throw');
}

describe('optionChecker(make)(option, value, rule)', () => {
  it('returns an admitted value unchanged', () => {
    expect(check('top', 5, integerIn(1, 10))).toBe(5);
    expect(check('mode', 'max', oneOf('max', 'noisy-or'))).toBe('max');
  });

  it('throws the area INVALID_OPTION `invalid <option>: <value> (expected ...)` with field = option', () => {
    const err = thrown(() => check('top', 0, integerIn(1, 1000)));
    expect(err).toMatchObject({ name: 'ExampleError', code: 'INVALID_OPTION', field: 'top', message: 'invalid top: 0 (expected an integer in [1, 1000])' });
  });

  it.each([
    ['integerIn(1, 10)', integerIn(1, 10), [1, 10], [0, 11, 1.5, Number.NaN, '3', null]],
    ['integerIn(1)', integerIn(1), [1, 1e9], [0, -1, Infinity]],
    ['integer', integer, [0, -3], [0.5, Number.NaN, '1']],
    ['numberIn(0, 1)', numberIn(0, 1), [0, 0.5, 1], [-0.1, 1.1, Number.NaN, '0.5', undefined]],
    ['numberIn(-Infinity, Infinity)', numberIn(-Infinity, Infinity), [-Infinity, 0, Infinity], [Number.NaN, '1']],
    ['numberAbove(0)', numberAbove(0), [1e-9, Infinity], [0, -1, Number.NaN]],
    ['numberAbove(0, 1)', numberAbove(0, 1), [0.5, 1], [0, 1.01]],
    ['finiteAtLeast(0)', finiteAtLeast(0), [0, 3], [-1, Infinity, Number.NaN]],
    ['boolean', boolean, [true, false], [0, 'true', null]],
    ['callable', callable, [() => 1], [{}, 'f']],
    ['record', record, [{}, { a: 1 }], [null, [], 'x']],
    ['oneOf', oneOf('a', 'b'), ['a', 'b'], ['c', 1]],
    ['either', either(oneOf('median'), numberIn(0, 10)), ['median', 3], ['mean', 11]],
    ['satisfies', satisfies<RegExp>('a RegExp', (v) => v instanceof RegExp), [/x/], ['x']],
  ] as [string, OptionRule<unknown>, unknown[], unknown[]][])('%s admits its values and refuses the others with INVALID_OPTION', (_name, rule, good, bad) => {
    for (const v of good) expect(check('o', v, rule)).toBe(v);
    for (const v of bad) expect(thrown(() => check('o', v, rule))).toMatchObject({ code: 'INVALID_OPTION', field: 'o' });
  });
});

describe('optionChecker(make).all(defaults, given, rules)', () => {
  const defaults = { k: 5, mode: 'max' as 'max' | 'sum' };
  const rules = { k: integerIn(1, 10), mode: oneOf('max', 'sum') };

  it('fills defaults, keeps given values, and returns a frozen copy', () => {
    const out = check.all(defaults, { k: 7 }, rules);
    expect(out).toEqual({ k: 7, mode: 'max' });
    expect(Object.isFrozen(out)).toBe(true);
    expect(check.all(defaults, undefined, rules)).toEqual(defaults);
    expect(check.all(defaults, { k: undefined }, rules)).toEqual(defaults);
  });

  it('checks each given key by its rule', () => {
    expect(thrown(() => check.all(defaults, { mode: 'avg' as 'max' }, rules))).toMatchObject({ code: 'INVALID_OPTION', field: 'mode', message: `invalid mode: "avg" (expected 'max' or 'sum')` });
  });

  it('refuses an unknown key only when strict, and a non-object always', () => {
    expect(check.all(defaults, { other: 1 } as never, rules)).toEqual(defaults);
    expect(thrown(() => check.all(defaults, { other: 1 } as never, rules, true))).toMatchObject({ code: 'INVALID_OPTION', field: 'other' });
    expect(thrown(() => check.all(defaults, 3 as never, rules))).toMatchObject({ code: 'INVALID_OPTION', field: 'options' });
  });

  it('treats inherited names as unknown options: no prototype method is taken for a rule, no prototype is set', () => {
    const hostile = JSON.parse('{"toString": 5, "__proto__": {"k": 9}}') as never;
    const out = check.all(defaults, hostile, rules);
    expect(out).toEqual(defaults);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(thrown(() => check.all(defaults, hostile, rules, true))).toMatchObject({ code: 'INVALID_OPTION', field: 'toString' });
  });
});

describe('showValue()', () => {
  it('quotes strings, writes numbers as they are, arrays item by item, objects as JSON, dates in ISO', () => {
    expect(showValue('x')).toBe('"x"');
    expect(showValue(Number.NaN)).toBe('NaN');
    expect(showValue([0, Number.NaN, 'a'])).toBe('[0,NaN,"a"]');
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(showValue(() => 1)).toBe('a function');
    expect(showValue(new Date('nope'))).toBe('Invalid Date');
    expect(showValue(undefined)).toBe('undefined');
  });

  it('never throws on a hostile value and cuts a long one', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(showValue(cyclic)).toBe('[object Object]');
    expect(showValue(Object.create(null))).toBe('{}');
    expect(showValue('x'.repeat(500)).length).toBe(201);
  });
});
