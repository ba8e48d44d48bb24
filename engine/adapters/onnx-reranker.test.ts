import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RerankPair } from '../ports/reranker.ts';
import { defaultModelsDir } from './models-dir.ts';
import { createOnnxReranker, defaultRerankerFile, pairTokens, readRerankerFiles } from './onnx-reranker.ts';

describe('pairTokens', () => {
  it('pairTokens() cuts text A from its end to fit maxLength and never cuts label B', () => {
    const a = [11, 12, 13, 14, 15, 16];
    const b = [21, 22, 23];
    expect(pairTokens(a, b, 101, 102, 64)).toEqual({ ids: [101, ...a, 102, ...b, 102], types: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1] });
    const cut = pairTokens(a, b, 101, 102, 9);
    expect(cut.ids).toEqual([101, 11, 12, 13, 102, 21, 22, 23, 102]);
    expect(cut.types).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    // a label longer than the room: B whole, A empty
    expect(pairTokens(a, [1, 2, 3, 4, 5, 6, 7, 8], 101, 102, 9).ids).toEqual([101, 102, 1, 2, 3, 4, 5, 6, 7, 8, 102]);
  });
});

// The real model file (the committed one, or $SKILLGRAPH_RERANKER).
describe('createOnnxReranker (the real reranker model)', () => {
  let reranker: Awaited<ReturnType<typeof createOnnxReranker>>;
  let batched: Awaited<ReturnType<typeof createOnnxReranker>>;
  beforeAll(async () => {
    reranker = await createOnnxReranker();
    batched = await createOnnxReranker({ batchSize: 4 });
  }, 120_000);
  afterAll(async () => {
    await reranker?.dispose();
    await batched?.dispose();
  });

  it('has the id its metadata names (the first 12 hex of the file sha256)', () => {
    expect(reranker.modelId).toMatch(/^skill-reranker@[0-9a-f]{12}$/);
    expect(reranker.modelId).toBe(`skill-reranker@${reranker.meta.sha256.slice(0, 12)}`);
  });

  it('encode() is the tokenizer\'s own BERT pair encoding ([CLS] A [SEP] B [SEP], types 0 then 1) and cuts only A', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = `${defaultModelsDir()}/`;
    const tok = await AutoTokenizer.from_pretrained('all-MiniLM-L6-v2');
    const pair = { text: 'Experience with Python and SQL is required.', skillId: 'x', label: 'Python (computer programming)' };
    const ref = tok(pair.text, { text_pair: pair.label });
    const mine = reranker.encode(pair);
    expect(mine.ids).toEqual(Array.from(ref.input_ids.data as BigInt64Array, Number));
    expect(mine.types).toEqual(Array.from(ref.token_type_ids!.data as BigInt64Array, Number));
    const long = { ...pair, text: 'We need someone who '.repeat(40) + 'knows Python.' };
    const cut = reranker.encode(long);
    expect(cut.ids).toHaveLength(reranker.maxLength);
    const label = tok.encode(pair.label, { add_special_tokens: false }) as number[];
    expect(cut.ids.slice(-label.length - 1, -1)).toEqual(label);
    expect(cut.types.filter((t) => t === 1)).toHaveLength(label.length + 1);
  });

  it('score() gives finite logits in input order, a call of many pairs equal to one pair at a time (batches of 4: within 0.15)', async () => {
    const pairs: RerankPair[] = [
      { text: 'You will weld steel pipes on site.', skillId: 'a', label: 'weld metal' },
      { text: 'You will weld steel pipes on site.', skillId: 'b', label: 'manage budgets' },
      { text: 'Experience with Python and SQL is required for this data engineering role in our Berlin office.', skillId: 'c', label: 'SQL' },
      { text: 'Administered medication to patients.', skillId: 'd', label: 'administer prescribed medication' },
      { text: 'Experience with Python and SQL is required.', skillId: 'e', label: 'give interviews to media' },
      { text: 'Interviews take place on site', skillId: 'f', label: 'give interviews to media' },
    ];
    const many = await reranker.score(pairs);
    const inBatches = await batched.score(pairs);
    expect(many).toHaveLength(pairs.length);
    expect(Array.from(many).every(Number.isFinite)).toBe(true);
    for (let i = 0; i < pairs.length; i++) {
      const [one] = await reranker.score([pairs[i]!]);
      // one pair per run (the default): exactly the logit of the pair alone
      expect(many[i]).toBe(one);
      // int8 activations are quantised per run: in a batch a logit moves a little with its batch mates
      expect(Math.abs(inBatches[i]! - one!)).toBeLessThan(0.15);
    }
    expect(await reranker.score([])).toHaveLength(0);
  });

  it('score() ranks the gold label of a clear sentence above an unrelated one', async () => {
    const [weld, budgets] = await reranker.score([
      { text: 'You will weld steel pipes on site.', skillId: 'a', label: 'weld metal' },
      { text: 'You will weld steel pipes on site.', skillId: 'b', label: 'manage budgets' },
    ]);
    expect(weld!).toBeGreaterThan(budgets!);
    const [nurse, code] = await reranker.score([
      { text: 'Administered medication to patients on the ward.', skillId: 'c', label: 'administer prescribed medication' },
      { text: 'Administered medication to patients on the ward.', skillId: 'd', label: 'Java (computer programming)' },
    ]);
    expect(nurse!).toBeGreaterThan(code!);
  });
});

describe('readRerankerFiles', () => {
  it('readRerankerFiles() gives one clear error for a missing file and for a model that is not the one its metadata names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-reranker-'));
    expect(() => readRerankerFiles(join(dir, 'skill-reranker.onnx'))).toThrow(expect.objectContaining({ code: 'RERANKER_MISSING' }));
    const file = join(dir, 'skill-reranker.onnx');
    const real = defaultRerankerFile();
    copyFileSync(real, file);
    const meta = JSON.parse(readFileSync(real.replace(/\.onnx$/, '.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'skill-reranker.json'), JSON.stringify(meta));
    expect(readRerankerFiles(file).meta.id).toBe(meta['id']);
    // one byte changed: the sha256 no longer matches
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    writeFileSync(file, bytes);
    expect(() => readRerankerFiles(file)).toThrow(expect.objectContaining({ code: 'RERANKER_INVALID', message: expect.stringMatching(/sha256/) }));
    writeFileSync(join(dir, 'skill-reranker.json'), JSON.stringify({ ...meta, maxLength: 4 }));
    expect(() => readRerankerFiles(file)).toThrow(expect.objectContaining({ code: 'RERANKER_INVALID', message: expect.stringMatching(/maxLength/) }));
  });
});
