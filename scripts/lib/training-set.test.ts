import { describe, expect, it } from 'vitest';
import { fitCacheFile, type FitCacheKey } from './training-set.ts';

describe('fitCacheFile (fit-linking-weights\' cached features and folds, issue 18)', () => {
  const key: FitCacheKey = { modelId: 'all-MiniLM-L6-v2@q8', phraseVectors: 'embedded', searchTag: '-coarse', trainHash: '1743f88440ecabcdef', maxTrain: 1500, seed: 9 };
  it('names the features and the weights file by model id, phrase vectors, search, training set and subsample', () => {
    expect(fitCacheFile('features', key)).toBe('.cache/linking-train/features-all-MiniLM-L6-v2@q8-embedded-coarse-1743f88440ec-1500-9.json');
    expect(fitCacheFile('weights', key)).toBe('.cache/linking-train/weights-all-MiniLM-L6-v2@q8-embedded-coarse-1743f88440ec-1500-9.json');
  });
  it('gives another model (another folder, another dtype) files of its own; a folder with an owner stays one file name', () => {
    const names = ['all-MiniLM-L6-v2@q8', 'all-MiniLM-L6-v2@fp32', 'my-encoder@q8', 'owner/my-encoder@q8'].map((modelId) => fitCacheFile('features', { ...key, modelId }));
    expect(new Set(names).size).toBe(4);
    expect(names[3]).toBe('.cache/linking-train/features-owner_my-encoder@q8-embedded-coarse-1743f88440ec-1500-9.json');
  });
});
