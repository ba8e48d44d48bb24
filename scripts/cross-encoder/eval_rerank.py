"""Measures the skill reranker as shipped (int8 ONNX, onnxruntime) on the features file's candidates: stage 1 alone,
the reranker alone over the top K, and stage 1 + w·logit over the top K, on the three Decorte dev sets (dev numbers),
with w fitted on the held-out training queries (holdout-ids.json) and by leave-one-set-out (holdout + two dev sets,
scored on the third). Also times the model (pairs/s at batch 10, sequence 40, one thread).

  python scripts/cross-encoder/eval_rerank.py --model engine/linking/weights/skill-reranker.onnx --out results.md --fit fit.json

Stage-1 weights: the shipped file (fitted on the training set alone) and, for LOSO, the per-fold stage-1 weights that
scripts/fit-linking-weights.ts wrote to .cache/linking-train/weights-all-MiniLM-L6-v2@q8-embedded-coarse-….json (training set + the
two other dev sets), so the LOSO stage 1 matches the shipped pipeline's LOSO protocol.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import (MODEL_DIR, ROOT, SHORT, SUBSAMPLE_N, SUBSAMPLE_SEED, dev_queries, esco_skills, fit_cache_file, read_features, read_train,  # noqa: E402
                  sha256_file, shipped_weights, stage1, subsample_indices, weight_vector)
from minibert import encode_pairs, pair_tokenizer  # noqa: E402

HERE = Path(__file__).resolve().parent
W_GRID = [0.0] + [round(x, 4) for x in np.geomspace(0.005, 5.0, 61)]


def rp_at(ranked: list[str], rel: set[str], k: int) -> float:
    return sum(1 for x in ranked[:k] if x in rel) / min(k, len(rel))


def rr(ranked: list[str], rel: set[str]) -> float:
    for i, x in enumerate(ranked):
        if x in rel:
            return 1 / (i + 1)
    return 0.0


class Query:
    """One query's candidates: ids, stage-1 scores under each weight set, and the reranker's logits over the top MAX_K."""

    def __init__(self, text: str, rel: set[str], cands: list[dict]) -> None:
        self.text, self.rel, self.cands = text, rel, cands
        self.s1: dict[str, tuple[list[str], np.ndarray]] = {}
        self.logit: dict[str, float] = {}

    def order(self, ws: str) -> list[int]:
        ids, sc = self.s1[ws]
        return sorted(range(len(ids)), key=lambda i: (-sc[i], ids[i]))

    def ranked(self, ws: str, k: int, w: float | None) -> list[str]:
        """Stage-1 order; the top k reordered by fused + w·logit (w None = by logit alone); the rest keep their order."""
        ids, sc = self.s1[ws]
        o = self.order(ws)
        top, rest = o[:k], o[k:]
        if k > 0:
            key = (lambda i: (-self.logit[ids[i]], ids[i])) if w is None else (lambda i: (-(sc[i] + w * self.logit[ids[i]]), ids[i]))
            top = sorted(top, key=key)
        return [ids[i] for i in top + rest]


def metrics(qs: list[Query], ws: str, k: int, w: float | None) -> dict[str, float]:
    r = [(q.ranked(ws, k, w), q.rel) for q in qs]
    return {'rp1': float(np.mean([rp_at(x, rel, 1) for x, rel in r])), 'rp5': float(np.mean([rp_at(x, rel, 5) for x, rel in r])),
            'rp10': float(np.mean([rp_at(x, rel, 10) for x, rel in r])), 'mrr': float(np.mean([rr(x, rel) for x, rel in r]))}


def fit_w(sets: list[tuple[list[Query], str]], k: int) -> float:
    """The grid w maximising mean RP@5 + mean MRR over the pooled queries (each query counts once; ties -> smaller w)."""
    best, best_w = -1.0, 0.0
    for w in W_GRID:
        tot = n = 0.0
        for qs, ws in sets:
            for q in qs:
                x = q.ranked(ws, k, w)
                tot += rp_at(x, q.rel, 5) + rr(x, q.rel)
                n += 1
        if tot / n > best + 1e-12:
            best, best_w = tot / n, w
    return best_w


def score_pairs(sess, tok, pairs: list[tuple[str, str]], max_length: int, batch: int = 64) -> np.ndarray:
    out = []
    for i in range(0, len(pairs), batch):
        enc = encode_pairs(tok, pairs[i:i + batch], max_length)
        out.append(sess.run(['logits'], enc)[0].ravel())
    return np.concatenate(out) if out else np.zeros(0)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--model', type=Path, required=True)
    p.add_argument('--ks', default='5,10,20')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--out', type=Path, default=None, help='results markdown')
    p.add_argument('--fit', type=Path, default=None, help='suggested {K, w, layers} JSON')
    p.add_argument('--no-timing', action='store_true')
    p.add_argument('--batch', type=int, default=1, help='pairs per ORT run when scoring (1 = as the product scores them; with dynamic int8 a logit depends on its batch)')
    a = p.parse_args()
    import onnxruntime as ort

    ks = [int(x) for x in a.ks.split(',')]
    max_k = max(ks)
    meta_file = a.model.with_suffix('.json')
    meta = json.loads(meta_file.read_text()) if meta_file.exists() else {}
    max_length = int(meta.get('maxLength', 64))
    model_sha = sha256_file(a.model)
    labels, _ = esco_skills()
    train = read_train()
    sub = subsample_indices(len(train), SUBSAMPLE_N, SUBSAMPLE_SEED)
    F = read_features()
    held = set(json.loads((HERE / 'holdout-ids.json').read_text())['ids'])
    hold = [Query(train[i]['text'], set(train[i]['skills']), F['train'][pos]) for pos, i in enumerate(sub) if train[i]['id'] in held]
    dev = [[Query(s, rel, c) for (s, rel), c in zip(dq, F['dev'][n])] for n, dq in enumerate(dev_queries(labels))]
    shipped = shipped_weights()
    fold_file = fit_cache_file('weights')
    folds = json.loads(fold_file.read_text())['loso'] if fold_file.exists() else {}
    weight_sets = {'shipped': shipped, **{f'loso-{k}': weight_vector(v) for k, v in folds.items()}}
    for q in hold + [q for d in dev for q in d]:
        for name, w in weight_sets.items():
            q.s1[name] = stage1(q.cands, w)

    # Logits for every query's top max_k under any of its stage-1 weight sets (cached per model file).
    cache_file = ROOT / '.cache' / 'cross-encoder' / f'logits-{model_sha[:12]}-b{a.batch}.json'
    cache: dict[str, float] = json.loads(cache_file.read_text()) if cache_file.exists() else {}
    so = ort.SessionOptions()
    so.intra_op_num_threads = a.threads
    sess = ort.InferenceSession(str(a.model), so, providers=['CPUExecutionProvider'])
    tok = pair_tokenizer(MODEL_DIR / 'tokenizer.json', max_length)
    need: list[tuple[Query, str]] = []
    for q in hold + [q for d in dev for q in d]:
        for name in q.s1:
            ids, _ = q.s1[name]
            for i in q.order(name)[:max_k]:
                sid = ids[i]
                if sid in q.logit:
                    continue
                key = hashlib.sha1(f'{q.text}\x00{sid}'.encode()).hexdigest()
                if key in cache:
                    q.logit[sid] = cache[key]
                else:
                    q.logit[sid] = float('nan')
                    need.append((q, sid))
    t0 = time.time()
    logits = score_pairs(sess, tok, [(q.text, labels[sid]) for q, sid in need], max_length, a.batch)
    for (q, sid), x in zip(need, logits):
        q.logit[sid] = float(x)
        cache[hashlib.sha1(f'{q.text}\x00{sid}'.encode()).hexdigest()] = float(x)
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(cache))
    print(f'scored {len(need)} pairs in {time.time() - t0:.0f}s ({len(cache)} cached)', file=sys.stderr)

    f = lambda x: f'{100 * x:.1f}'  # noqa: E731
    cell = lambda m: f'{f(m["rp1"])} / {f(m["rp5"])} / {f(m["rp10"])} / {f(m["mrr"])}'  # noqa: E731
    lines = [f'model `{a.model.name}` id {meta.get("id", "?")} (layers {meta.get("layers", "?")}, sha256 {model_sha[:12]}, scored {a.batch} pair(s) per run), '
             f'candidates of the features file (coarse search), holdout {len(hold)} training queries; dev numbers (Decorte dev sets), '
             'RP@1 / RP@5 / RP@10 / MRR ×100, candidate level (gold outside the candidates never ranked)', '']
    recall = lambda qs, ws, k: np.mean([sum(1 for i in q.order(ws)[:k] if q.s1[ws][0][i] in q.rel) / len(q.rel) for q in qs])  # noqa: E731
    lines.append('gold among the stage-1 top K (shipped weights, share of gold skills): ' + ', '.join(
        f'K={k}: holdout {f(recall(hold, "shipped", k))}, ' + ', '.join(f'{SHORT[n]} {f(recall(d, "shipped", k))}' for n, d in enumerate(dev)) for k in ks))
    lines += ['', '| variant | K | w | ' + ' | '.join(f'{s} RP@1/5/10/MRR' for s in SHORT) + ' | holdout RP@1/5/10/MRR |', '|---|---|---|---|---|---|---|']
    lines.append(f'| stage 1, shipped weights (training set alone) | – | – | {" | ".join(cell(metrics(d, "shipped", 0, 0)) for d in dev)} | {cell(metrics(hold, "shipped", 0, 0))} |')
    has_loso = all(f'loso-{s}' in weight_sets for s in SHORT)
    if has_loso:
        lines.append(f'| stage 1, LOSO weights (train + 2 other dev sets) | – | – | {" | ".join(cell(metrics(d, f"loso-{SHORT[n]}", 0, 0)) for n, d in enumerate(dev))} | – |')
    summary: dict = {'stage1': {}, 'byK': {}}
    for n, d in enumerate(dev):
        summary['stage1'][SHORT[n]] = {'shipped': metrics(d, 'shipped', 0, 0), **({'loso': metrics(d, f'loso-{SHORT[n]}', 0, 0)} if has_loso else {})}
    for k in ks:
        alone = [metrics(d, 'shipped', k, None) for d in dev]
        lines.append(f'| reranker alone over stage-1 top K | {k} | ∞ | {" | ".join(cell(m) for m in alone)} | {cell(metrics(hold, "shipped", k, None))} |')
        w_train = fit_w([(hold, 'shipped')], k)
        comb = [metrics(d, 'shipped', k, w_train) for d in dev]
        lines.append(f'| stage 1 + w·logit, w fitted on the holdout (training set alone) | {k} | {w_train} | {" | ".join(cell(m) for m in comb)} | {cell(metrics(hold, "shipped", k, w_train))} |')
        loso, loso_w = [], []
        for n, d in enumerate(dev):
            ws = f'loso-{SHORT[n]}' if has_loso else 'shipped'
            w = fit_w([(hold, 'shipped')] + [(dev[m], ws) for m in range(len(dev)) if m != n], k)
            loso_w.append(w)
            loso.append(metrics(d, ws, k, w))
        lines.append(f'| stage 1 + w·logit, LOSO (w on holdout + 2 other dev sets{", LOSO stage-1 weights" if has_loso else ""}) | {k} | '
                     f'{"/".join(str(w) for w in loso_w)} | {" | ".join(cell(m) for m in loso)} | – |')
        summary['byK'][k] = {'wTrainOnly': w_train, 'losoW': dict(zip(SHORT, loso_w)), 'alone': dict(zip(SHORT, alone)),
                             'trainOnly': dict(zip(SHORT, comb)), 'loso': dict(zip(SHORT, loso)),
                             'meanLosoRp5': float(np.mean([m['rp5'] for m in loso]))}
    best_k = max(ks, key=lambda k: (summary['byK'][k]['meanLosoRp5'], -k))
    lines += ['', f'best K by mean LOSO RP@5: {best_k} (mean {f(summary["byK"][best_k]["meanLosoRp5"])}; stage 1 LOSO mean '
              f'{f(np.mean([summary["stage1"][s]["loso" if has_loso else "shipped"]["rp5"] for s in SHORT]))})']

    timing = None
    if not a.no_timing:
        so1 = ort.SessionOptions()
        so1.intra_op_num_threads = 1
        so1.inter_op_num_threads = 1
        s1 = ort.InferenceSession(str(a.model), so1, providers=['CPUExecutionProvider'])
        rng = np.random.default_rng(0)
        enc = {'input_ids': rng.integers(1000, 29000, size=(10, 40), dtype=np.int64), 'attention_mask': np.ones((10, 40), dtype=np.int64),
               'token_type_ids': np.concatenate([np.zeros((10, 28), dtype=np.int64), np.ones((10, 12), dtype=np.int64)], axis=1)}
        enc['input_ids'][:, 0] = 101
        for _ in range(5):
            s1.run(['logits'], enc)
        n_runs = 100
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in range(n_runs):
            s1.run(['logits'], enc)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        timing = {'pairsPerSecondWall': 10 * n_runs / wall, 'pairsPerSecondCpu': 10 * n_runs / cpu, 'batch': 10, 'sequence': 40, 'threads': 1}
        lines += ['', f'speed ({a.model.name}, onnxruntime {ort.__version__}, 1 thread, batch 10, sequence 40): {timing["pairsPerSecondWall"]:.0f} pairs/s wall, '
                  f'{timing["pairsPerSecondCpu"]:.0f} pairs/CPU-s; per posting of ~20 requirement segments: ' + ', '.join(
                      f'K={k}: {1000 * 20 * k / timing["pairsPerSecondCpu"]:.0f} CPU-ms' for k in ks) + ' (cold; a warm re-run reads cached logits)']
    # Worth shipping only if, for the chosen K, stage 1 + w·logit beats stage 1 by LOSO RP@5 on every dev set.
    base = {s: summary['stage1'][s]['loso' if has_loso else 'shipped']['rp5'] for s in SHORT}
    helps = {k: all(summary['byK'][k]['loso'][s]['rp5'] > base[s] for s in SHORT) for k in ks}
    verdict = (f'ship: K={best_k} beats stage 1 by LOSO RP@5 on every dev set' if helps[best_k] else
               'do not ship: no K beats stage 1 by LOSO RP@5 on every dev set' if not any(helps.values()) else
               f'mixed: K in {[k for k in ks if helps[k]]} beats stage 1 on every set but is not the best mean')
    lines.append(f'verdict: {verdict}')
    text = '\n'.join(lines) + '\n'
    print(text)
    if a.out:
        a.out.write_text(text)
    if a.fit:
        a.fit.write_text(json.dumps({'recommend': bool(helps[best_k]), 'verdict': verdict, 'model': meta.get('id'), 'layers': meta.get('layers'), 'topK': best_k,
                                     'weight': summary['byK'][best_k]['wTrainOnly'],
                                     'weightFittedOn': 'the held-out training queries only (scripts/cross-encoder/holdout-ids.json), grid, max mean RP@5 + MRR',
                                     'kChosenBy': 'best mean LOSO RP@5 on the dev sets over K in ' + a.ks, 'timing': timing,
                                     'summary': summary}, indent=1) + '\n')


if __name__ == '__main__':
    main()
