"""Boosted trees over the linker's fusion features (issue 18): does a non-linear ranker, fitted on the linking training
set, add to the shipped linear fusion? LightGBM lambdarank starts from each fold's linear fused score (init_score) and
learns a correction; trained on the training set's sentence queries (masked ×3, as the kept fusion row) plus, for
leave-one-set-out, `--dev-copies` copies of the two other dev sets; scored on the third set's candidates (dev numbers).

  npx tsx scripts/fit-linking-weights.ts --max-train 1500 --collect-search coarse --select-only   # features + fold weights
  npx tsx scripts/fusion-trees/dump-candidates.ts .cache/linking-train/features-<…>.json .cache/fusion-trees/candidates.jsonl
  python scripts/fusion-trees/boosted.py --candidates .cache/fusion-trees/candidates.jsonl --weights .cache/linking-train/weights-<…>.json

Prints one markdown row per grid point (RP@5 / MRR per set, mean RP@5); the linear rows first. Deterministic (seed 18).
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import lightgbm as lgb
import numpy as np

# the feature order and the fused score's weight vector as the cross-encoder scripts read them (engine/linking/features.ts)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / 'cross-encoder'))
from data import SHORT as SETS, weight_vector  # noqa: E402


def with_ranks(x: np.ndarray) -> np.ndarray:
    """The features plus, per query, the log rank of the candidate by sentence, phrase, lexical and description cosine, and log(#candidates)."""
    cols = [np.log1p(np.argsort(np.argsort(-x[:, j], kind='stable'), kind='stable')) for j in (0, 2, 3, 1)]
    return np.column_stack([x, *cols, np.full(len(x), np.log(len(x)))])


def metrics(queries: list[dict], scores: list[np.ndarray]) -> dict[str, float]:
    """RP@1/5/10 and MRR over the candidates, ties by skill id (as engine/eval/fusion-cv.ts); gold outside the candidates is never ranked."""
    rp = {1: [], 5: [], 10: []}
    rr = []
    for q, s in zip(queries, scores):
        order = sorted(range(len(s)), key=lambda i: (-s[i], q['ids'][i]))
        g = q['y'][order]
        for k in rp:
            rp[k].append(g[:k].sum() / min(k, q['nRel']))
        hit = np.nonzero(g)[0]
        rr.append(1 / (hit[0] + 1) if len(hit) else 0.0)
    return {f'rp{k}': 100 * float(np.mean(v)) for k, v in rp.items()} | {'mrr': 100 * float(np.mean(rr))}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--candidates', required=True)
    p.add_argument('--weights', required=True, help="fit-linking-weights.ts's weights-….json (trainOnly and per-fold loso weights)")
    p.add_argument('--threads', type=int, default=2)
    a = p.parse_args()
    weights = json.load(open(a.weights))
    queries = [json.loads(line) for line in open(a.candidates)]
    for q in queries:
        q['ids'] = [c[0] for c in q['c']]
        q['y'] = np.array([c[1] for c in q['c']])
        q['x'] = np.array([c[2] for c in q['c']], dtype=np.float64)
        q['xx'] = with_ranks(q['x'])
    dev = {s: [q for q in queries if q['set'] == s] for s in SETS}
    train = [q for q in queries if q['set'] == 'train' and q['kind'] not in ('label', 'course') and q['y'].sum() > 0]
    train = [q for q in train for _ in range(3 if q['masked'] else 1)]
    cell = lambda m: f"{m['rp5']:.1f} / {m['mrr']:.1f}"  # noqa: E731
    print('| ranker | rounds | leaves | min leaf | feature fraction | dev copies | ' + ' | '.join(f'{s} RP@5 / MRR' for s in SETS) + ' | mean RP@5 |')
    print('|---|---|---|---|---|---|' + '---|' * len(SETS) + '---|')
    for name, key in (('linear, training set alone', None), ('linear, LOSO fold weights', 'loso')):
        ms = {s: metrics(dev[s], [q['x'] @ weight_vector(weights['loso'][s] if key else weights['trainOnly']) for q in dev[s]]) for s in SETS}
        print(f'| {name} | – | – | – | – | – | ' + ' | '.join(cell(ms[s]) for s in SETS) + f" | {np.mean([ms[s]['rp5'] for s in SETS]):.2f} |")

    def run(params: dict, rounds: int, copies: int, init: bool) -> dict[str, dict[str, float]]:
        out = {}
        for s in SETS:
            w = weight_vector(weights['loso'][s])
            tq = train + [q for t in SETS if t != s for q in dev[t] if q['y'].sum() > 0] * copies
            ds = lgb.Dataset(np.vstack([q['xx'] for q in tq]), np.concatenate([q['y'] for q in tq]), group=[len(q['y']) for q in tq],
                             init_score=np.concatenate([q['x'] @ w for q in tq]) if init else None)
            model = lgb.train(params | {'verbosity': -1, 'seed': 18, 'deterministic': True, 'num_threads': a.threads}, ds, rounds)
            out[s] = metrics(dev[s], [model.predict(q['xx']) + (q['x'] @ w if init else 0) for q in dev[s]])
        return out

    base = {'objective': 'lambdarank', 'lambdarank_truncation_level': 20, 'learning_rate': 0.05}
    grid = [(True, r, l, m, f, c) for l, m, r, c, f in itertools.product([4, 8], [20, 100], [25, 50, 100, 200], [0, 1, 3], [1.0, 0.7])]
    grid += [(False, r, 8, 20, 1.0, c) for r, c in itertools.product([100, 300], [0, 3])]
    for init, rounds, leaves, min_leaf, ff, copies in grid:
        ms = run(base | {'num_leaves': leaves, 'min_data_in_leaf': min_leaf, 'feature_fraction': ff}, rounds, copies, init)
        name = 'trees on the linear score' if init else 'trees alone'
        print(f'| {name} | {rounds} | {leaves} | {min_leaf} | {ff} | {copies} | ' + ' | '.join(cell(ms[s]) for s in SETS)
              + f" | {np.mean([ms[s]['rp5'] for s in SETS]):.2f} |", flush=True)


if __name__ == '__main__':
    main()
