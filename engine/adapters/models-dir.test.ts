import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTransformersEmbedder } from './transformers-embedder.ts';
import { DEFAULT_MODEL, defaultModel, modelIdentity, readModelConfig } from './models-dir.ts';

/** Model folders made here: config.json (and a pooling config) only — what the identity is read from. */
const root = mkdtempSync(join(tmpdir(), 'skillgraph-models-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BERT = { model_type: 'bert', hidden_size: 8, num_attention_heads: 2 };
const MEAN = { word_embedding_dimension: 8, pooling_mode_mean_tokens: true, pooling_mode_cls_token: false };
function folder(name: string, config: unknown, pooling?: unknown): string {
  const dir = join(root, name);
  mkdirSync(join(dir, '1_Pooling'), { recursive: true });
  writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  if (pooling !== undefined) writeFileSync(join(dir, '1_Pooling', 'config.json'), JSON.stringify(pooling));
  return dir;
}

describe('defaultModel (issue 18: a model setting)', () => {
  it('is $SKILLGRAPH_MODEL when set, else the shipped model', () => {
    expect(defaultModel({})).toBe(DEFAULT_MODEL);
    expect(defaultModel({ SKILLGRAPH_MODEL: '  ' })).toBe(DEFAULT_MODEL);
    expect(defaultModel({ SKILLGRAPH_MODEL: 'my-encoder' })).toBe('my-encoder');
    expect(defaultModel({ SKILLGRAPH_MODEL: 'owner/my-encoder' })).toBe('owner/my-encoder');
  });
  it('refuses a value that is not a folder name, with one coded error', () => {
    for (const bad of ['../elsewhere', '/abs/path', 'a b', 'a/b/c']) {
      expect(() => defaultModel({ SKILLGRAPH_MODEL: bad })).toThrow(expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringMatching(/^invalid SKILLGRAPH_MODEL/) }));
    }
  });
});

describe('modelIdentity and readModelConfig (a small fake folder)', () => {
  it('gives another folder its own id, with the size config.json states', () => {
    folder('tiny', BERT, MEAN);
    expect(modelIdentity('q8', 'tiny', root)).toEqual({ modelId: 'tiny@q8', dimensions: 8 });
    expect(modelIdentity('fp32', 'tiny', root)).toEqual({ modelId: 'tiny@fp32', dimensions: 8 });
    expect(modelIdentity('q8', defaultModel({ SKILLGRAPH_MODEL: 'tiny' }), root)?.modelId).toBe('tiny@q8');
  });

  it('is null for a folder without config.json (loading it then says which file is missing)', () => {
    expect(modelIdentity('q8', 'absent', root)).toBeNull();
    expect(() => readModelConfig(join(root, 'absent'), 'absent')).toThrow(expect.objectContaining({ code: 'MODEL_MISSING' }));
  });

  it('refuses a config that is not a BERT-like mean-pooled sentence encoder of consistent dimensions: MODEL_CONFIG_INVALID naming the file', () => {
    const cases: [string, unknown, unknown, RegExp][] = [
      ['gpt', { model_type: 'gpt2', hidden_size: 8 }, undefined, /model_type "gpt2" is not a BERT-like encoder/],
      ['no-size', { model_type: 'bert' }, undefined, /hidden_size undefined is not a positive integer/],
      ['heads', { model_type: 'bert', hidden_size: 10, num_attention_heads: 4 }, undefined, /not a multiple of num_attention_heads 4/],
      ['pool-size', BERT, { ...MEAN, word_embedding_dimension: 384 }, /word_embedding_dimension 384 is not the model's hidden_size 8/],
      ['cls', BERT, { ...MEAN, pooling_mode_mean_tokens: false, pooling_mode_cls_token: true }, /not the mean of the token vectors/],
      ['not-json', '{ "model_type": ', undefined, /not readable JSON/],
      ['array', [BERT], undefined, /not a JSON object/],
    ];
    for (const [name, config, pooling, reason] of cases) {
      const dir = folder(name, config, pooling);
      const err = (() => {
        try {
          modelIdentity('q8', name, root);
        } catch (e) {
          return e as Error & { code: string };
        }
        return null;
      })();
      expect(err, name).toMatchObject({ code: 'MODEL_CONFIG_INVALID' });
      expect(err!.message, name).toMatch(reason);
      expect(err!.message, name).toContain(dir);
    }
  });

  it('the embedder refuses such a folder before loading anything', async () => {
    folder('gpt-only', { model_type: 'gpt2', hidden_size: 8 });
    writeFileSync(join(root, 'gpt-only', 'tokenizer.json'), '{}');
    mkdirSync(join(root, 'gpt-only', 'onnx'), { recursive: true });
    writeFileSync(join(root, 'gpt-only', 'onnx', 'model_quantized.onnx'), '');
    await expect(createTransformersEmbedder({ modelsDir: root, model: 'gpt-only', dtype: 'q8' })).rejects.toMatchObject({ code: 'MODEL_CONFIG_INVALID' });
    await expect(createTransformersEmbedder({ modelsDir: root, model: '../gpt-only', dtype: 'q8' })).rejects.toThrow(/^invalid model/);
  });
});
