"""Contrastive fine-tuning of all-MiniLM-L6-v2 on the linking training set (issue 18 item 2, "fine-tune the encoder"),
exported in the transformers.js layout the product loads (config + tokenizer files, onnx/model.onnx fp32 and
onnx/model_quantized.onnx int8, same inputs and output `last_hidden_state` as the shipped model).

  nice -n 5 /path/to/venv/bin/python scripts/encoder/train.py --out .cache/encoder/run

Pairs (anchor -> ESCO preferred label of the gold skill):
  * training-set queries (.cache/linking-train/train.jsonl, scripts/build-linking-trainset.ts) -> each gold skill;
    the seeded subsample the fusion weights are fitted on (fit-linking-weights.ts --max-train 1500 --seed 9) is
    NEVER trained on, so the refitted weights see the new encoder's features on text it has not learnt;
  * ESCO altLabels -> preferred label (at most --alt-per-skill per skill, seeded pick);
  * the first sentence of each ESCO skill description -> preferred label.
ESCO rows whose text equals a subsample query are dropped as well. Loss: MultipleNegativesRanking (in-batch softmax over
the batch's labels, scale 20, as sentence-transformers), batches built so that no skill appears twice in a batch.
With --hard-negatives K > 0, each anchor also brings K taxonomy hard negatives (seeded pick per batch) whose preferred
labels join the softmax's columns for every anchor: for training-set queries their recorded `hardNegatives` that are
not gold; for ESCO pairs, siblings (same broader skill or group) and related skills, at most 8 per skill (seeded, as
build-linking-trainset.ts). A hard negative that is any in-batch positive is dropped, and one that is gold for an
anchor is masked for that anchor, so it is never counted as a negative. K = 0 builds the same pairs in the same order.
Pooling as the product: mean of the valid token outputs, unit length. The encoder is minibert.py's plain-torch BERT,
loaded from ../shared/models/all-MiniLM-L6-v2/onnx/model.onnx (checked against onnxruntime first). Export: the shipped
ONNX graph with its weights replaced (so inputs, outputs and opset are the shipped model's), then dynamic int8
quantisation with the shipped model's recipe (PROVENANCE.md of the shared model). Writes --out/<name>/ and manifest.json.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import platform
import random
import re
import resource
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'cross-encoder'))
from data import ESCO_DIR, MODEL_DIR, SUBSAMPLE_N, SUBSAMPLE_SEED, TRAIN_FILE, read_train, sha256_file, subsample_indices  # noqa: E402
from minibert import CrossEncoder, check_against_onnx, load_from_onnx, onnx_initialisers  # noqa: E402

TOKENIZER_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt', 'special_tokens_map.json']


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--out', type=Path, required=True)
    p.add_argument('--name', default='all-MiniLM-L6-v2-esco', help='model folder name written under --out (the product\'s model id is <name>@<dtype>)')
    p.add_argument('--steps', type=int, default=400)
    p.add_argument('--batch', type=int, default=64)
    p.add_argument('--lr', type=float, default=2e-5)
    p.add_argument('--warmup', type=float, default=0.1)
    p.add_argument('--scale', type=float, default=20.0)
    p.add_argument('--alt-per-skill', type=int, default=2)
    p.add_argument('--query-repeat', type=int, default=3, help='times each training query pair is repeated in the pool')
    p.add_argument('--max-length', type=int, default=48)
    p.add_argument('--seed', type=int, default=18)
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--max-minutes', type=float, default=0, help='safety stop in wall minutes (0 = none); recorded in the manifest')
    p.add_argument('--probe', choices=['both', 'after'], default='both', help='label-only recall probe before and after training, or after only')
    p.add_argument('--hard-negatives', type=int, default=0, help='taxonomy hard negatives per anchor added to the softmax (0 = in-batch negatives only)')
    return p.parse_args()


def esco_rows() -> list[dict]:
    with open(ESCO_DIR / 'skills_en.csv', newline='', encoding='utf-8') as f:
        return list(csv.DictReader(f))


def first_sentence(text: str) -> str:
    text = ' '.join(text.split())
    m = re.match(r'(.+?[.!?])(\s|$)', text)
    return (m.group(1) if m else text)[:400]


def esco_hard_negatives(ids: list[str], seed: int) -> dict[str, list[str]]:
    """Per ESCO skill: siblings (same broader skill or group) and related skills, itself left out, at most 8 (a seeded
    pick of the sorted set, as build-linking-trainset.ts hardNegatives)."""
    is_skill = set(ids)
    children: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    with open(ESCO_DIR / 'broaderRelationsSkillPillar.csv', newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            children.setdefault(r['broaderUri'], []).append(r['conceptUri'])
            parents.setdefault(r['conceptUri'], []).append(r['broaderUri'])
    related: dict[str, list[str]] = {}
    with open(ESCO_DIR / 'skillSkillRelations.csv', newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            related.setdefault(r['originalSkillUri'], []).append(r['relatedSkillUri'])
            related.setdefault(r['relatedSkillUri'], []).append(r['originalSkillUri'])
    rng = random.Random(seed)
    out: dict[str, list[str]] = {}
    for sid in ids:
        got = {c for p in parents.get(sid, []) for c in children.get(p, []) if c in is_skill}
        got |= {x for x in related.get(sid, []) if x in is_skill}
        got.discard(sid)
        pick = sorted(got)
        rng.shuffle(pick)
        out[sid] = sorted(pick[:8])
    return out


Pair = tuple[str, str, str]


def build_pairs(a: argparse.Namespace, rng: random.Random) -> tuple[list[Pair], list[tuple[frozenset[str], list[str]]], dict]:
    """(anchor, skill id, preferred label) pairs; per pair its gold skills and hard-negative candidates (empty lists
    when --hard-negatives is 0); counts for the manifest. `rng` is drawn exactly as without hard negatives."""
    skills = esco_rows()
    label = {r['conceptUri']: r['preferredLabel'] for r in skills}
    train = read_train()
    held = set(subsample_indices(len(train), SUBSAMPLE_N, SUBSAMPLE_SEED))
    held_texts = {train[i]['text'].strip().lower() for i in held}
    use_neg = a.hard_negatives > 0
    esco_neg = esco_hard_negatives([r['conceptUri'] for r in skills], a.seed + 2) if use_neg else {}
    pairs: list[Pair] = []
    negs: list[tuple[frozenset[str], list[str]]] = []
    n_query = 0
    for i, q in enumerate(train):
        if i in held:
            continue
        gold = frozenset(q['skills'])
        cand = [x for x in q.get('hardNegatives', []) if x not in gold and x in label] if use_neg else []
        for sid in q['skills']:
            if sid in label:
                pairs.extend([(q['text'], sid, label[sid])] * a.query_repeat)
                negs.extend([(gold, cand)] * a.query_repeat)
                n_query += 1
    n_alt = n_desc = 0
    for r in skills:
        sid, pref = r['conceptUri'], r['preferredLabel']
        alts = [x.strip() for x in r['altLabels'].split('\n') if x.strip() and x.strip().lower() != pref.lower()]
        alts = [x for x in alts if x.lower() not in held_texts]
        own = (frozenset([sid]), esco_neg.get(sid, []))
        for x in rng.sample(alts, min(a.alt_per_skill, len(alts))):
            pairs.append((x, sid, pref))
            negs.append(own)
            n_alt += 1
        d = first_sentence(r['description'] or '')
        if len(d) > 20 and d.lower() not in held_texts:
            pairs.append((d, sid, pref))
            negs.append(own)
            n_desc += 1
    counts = {'trainingQueriesUsed': len(train) - len(held), 'trainingQueriesHeldOut': len(held), 'queryPairs': n_query,
              'queryPairRepeat': a.query_repeat, 'altLabelPairs': n_alt, 'descriptionPairs': n_desc, 'pool': len(pairs)}
    if use_neg:
        counts['hardNegativeCandidates'] = {
            'perPair': 'training queries: their recorded hardNegatives that are not gold; ESCO pairs: siblings + related skills, at most 8',
            'pairsWithNone': sum(1 for _, c in negs if not c), 'mean': round(float(np.mean([len(c) for _, c in negs])), 2)}
    return pairs, negs, counts


def hard_negative_columns(batch: list[Pair], info: list[tuple[frozenset[str], list[str]]], k: int, rng: random.Random) -> tuple[list[str], list[list[int]], int]:
    """The hard-negative skill ids added as columns (K seeded picks per anchor, none that is an in-batch positive, no
    duplicates), the (anchor, column) cells to mask because the column is gold for that anchor, and how many picks were
    dropped for being an in-batch positive."""
    positives = {sid for _, sid, _ in batch}
    cols: list[str] = []
    dropped = 0
    for gold, cand in info:
        for x in rng.sample(cand, min(k, len(cand))):
            if x in positives:
                dropped += 1
            elif x not in cols:
                cols.append(x)
    mask = [[j for j, x in enumerate(cols) if x in gold] for gold, _ in info]
    return cols, mask, dropped


def self_check() -> None:
    """The batch mask on a toy batch: an in-batch positive never becomes a hard-negative column, a column gold for an
    anchor is masked for that anchor only, duplicates are merged."""
    batch = [('q1', 'A', 'a'), ('q2', 'B', 'b'), ('q3', 'C', 'c')]
    info = [(frozenset(['A', 'D']), ['B']), (frozenset(['B']), ['D']), (frozenset(['C']), ['D'])]
    cols, mask, dropped = hard_negative_columns(batch, info, 1, random.Random(0))
    assert cols == ['D'] and mask == [[0], [], []] and dropped == 1, (cols, mask, dropped)


def batches(pairs: list, batch: int, steps: int, rng: random.Random):
    """`steps` batches of `batch` pairs, no skill twice in a batch, the pool walked in seeded shuffled order (epochs)."""
    order: list[int] = []
    made = 0
    while made < steps:
        if len(order) < batch * 4:
            nxt = list(range(len(pairs)))
            rng.shuffle(nxt)
            order.extend(nxt)
        seen: set[str] = set()
        out: list[int] = []
        rest: list[int] = []
        while order and len(out) < batch:
            i = order.pop(0)
            (rest if pairs[i][1] in seen else out).append(i)
            if pairs[i][1] not in seen:
                seen.add(pairs[i][1])
        order[:0] = rest
        made += 1
        yield out


class Encoder:
    def __init__(self, tokenizer_file: Path, max_length: int) -> None:
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(tokenizer_file))
        self.tok.no_padding()
        self.tok.enable_truncation(max_length=max_length)

    def feed(self, texts: list[str]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        encs = self.tok.encode_batch(texts)
        n = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), n), dtype=np.int64)
        mask = np.zeros((len(encs), n), dtype=np.int64)
        for i, e in enumerate(encs):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1
        return torch.from_numpy(ids), torch.from_numpy(mask), torch.zeros_like(torch.from_numpy(ids))


def embed(model: CrossEncoder, enc: Encoder, texts: list[str]) -> torch.Tensor:
    ids, mask, types = enc.feed(texts)
    h = model.encode(ids, mask, types)
    m = mask.to(h.dtype).unsqueeze(-1)
    return torch.nn.functional.normalize((h * m).sum(1) / m.sum(1).clamp(min=1.0), dim=-1)


def recall_at(model: CrossEncoder, enc: Encoder, queries: list[tuple[str, set[str]]], ids: list[str], labels: list[str], k: int = 5) -> float:
    """Share of queries with a gold skill among the top k of all preferred labels by cosine (label-only retrieval)."""
    model.eval()
    with torch.no_grad():
        lab = torch.cat([embed(model, enc, labels[i:i + 256]) for i in range(0, len(labels), 256)])
        hits = 0
        for i in range(0, len(queries), 64):
            chunk = queries[i:i + 64]
            q = embed(model, enc, [t for t, _ in chunk])
            top = torch.topk(q @ lab.T, k, dim=1).indices.numpy()
            hits += sum(1 for (t, gold), row in zip(chunk, top) if gold & {ids[j] for j in row})
    return hits / len(queries)


def export(model: CrossEncoder, out_dir: Path) -> dict:
    """The shipped ONNX graph with every weight replaced by the trained one; then int8 with the shipped recipe."""
    import onnx
    from onnx import numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic

    src = MODEL_DIR / 'onnx' / 'model.onnx'
    m = onnx.load(str(src))
    named = onnx_initialisers(src)  # name -> array, anonymous MatMul weights renamed after their bias
    # which initialiser holds each named weight (the anonymous MatMul ones by identity of content)
    raw = {i.name: i for i in m.graph.initializer}
    by_name: dict[str, str] = {}
    for init_name, init in raw.items():
        if not init_name.startswith('onnx::'):
            by_name[init_name] = init_name
    consumers: dict[str, list] = {}
    for n in m.graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    for n in m.graph.node:
        if n.op_type == 'MatMul' and n.input[1] in raw:
            bias = [x for c in consumers.get(n.output[0], []) if c.op_type == 'Add' for x in c.input if x in raw and x.endswith('.bias')][0]
            by_name[bias[: -len('bias')] + 'weight'] = n.input[1]
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    new: dict[str, np.ndarray] = {'embeddings.word_embeddings.weight': sd['word.weight'], 'embeddings.position_embeddings.weight': sd['position.weight'],
                                  'embeddings.token_type_embeddings.weight': sd['token_type.weight'], 'embeddings.LayerNorm.weight': sd['ln.weight'],
                                  'embeddings.LayerNorm.bias': sd['ln.bias']}
    for i in range(len(model.layers)):
        p, t = f'encoder.layer.{i}.', f'layers.{i}.'
        for mod, name in (('q', 'attention.self.query'), ('k', 'attention.self.key'), ('v', 'attention.self.value'), ('o', 'attention.output.dense'),
                          ('up', 'intermediate.dense'), ('down', 'output.dense')):
            new[p + name + '.weight'] = sd[t + mod + '.weight'].T  # nn.Linear [out, in] -> ONNX MatMul [in, out]
            new[p + name + '.bias'] = sd[t + mod + '.bias']
        for mod, name in (('ln1', 'attention.output.LayerNorm'), ('ln2', 'output.LayerNorm')):
            new[p + name + '.weight'] = sd[t + mod + '.weight']
            new[p + name + '.bias'] = sd[t + mod + '.bias']
    replaced = 0
    for key, arr in new.items():
        init_name = by_name[key]
        old = raw[init_name]
        if list(old.dims) != list(arr.shape):
            raise ValueError(f'{key}: shape {arr.shape} vs {list(old.dims)}')
        old.CopyFrom(numpy_helper.from_array(np.ascontiguousarray(arr, dtype=np.float32), init_name))
        replaced += 1
    left = [k for k in named if k not in new]
    (out_dir / 'onnx').mkdir(parents=True, exist_ok=True)
    fp32 = out_dir / 'onnx' / 'model.onnx'
    onnx.save(m, str(fp32))
    q8 = out_dir / 'onnx' / 'model_quantized.onnx'
    quantize_dynamic(str(fp32), str(q8), per_channel=False, reduce_range=False, weight_type=QuantType.QInt8,
                     extra_options=dict(EnableSubgraph=True, MatMulConstBOnly=True))
    for f in TOKENIZER_FILES:
        shutil.copy(MODEL_DIR / f, out_dir / f)
    return {'replacedInitialisers': replaced, 'unchangedNamedInitialisers': left,
            'files': {str(f.relative_to(out_dir)): {'bytes': f.stat().st_size, 'sha256': sha256_file(f)} for f in [fp32, q8]}}


def check_export(model: CrossEncoder, enc: Encoder, out_dir: Path, texts: list[str]) -> dict:
    """Max |torch - ONNX| of the pooled unit vectors (fp32 file), and the int8 file's cosine to fp32."""
    import onnxruntime as ort

    model.eval()
    ids, mask, types = enc.feed(texts)
    feed = {'input_ids': ids.numpy(), 'attention_mask': mask.numpy(), 'token_type_ids': types.numpy()}
    with torch.no_grad():
        ref = embed(model, enc, texts).numpy()
    res = {}
    for f in ('model.onnx', 'model_quantized.onnx'):
        s = ort.InferenceSession(str(out_dir / 'onnx' / f), providers=['CPUExecutionProvider'])
        h = s.run(['last_hidden_state'], feed)[0]
        m = feed['attention_mask'][..., None].astype(np.float32)
        v = (h * m).sum(1) / m.sum(1)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        res[f] = {'maxAbsDiffVsTorch': float(np.abs(v - ref).max()), 'minCosineVsTorch': float((v * ref).sum(1).min())}
    return res


def main() -> None:
    a = parse()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    t0, c0 = time.time(), time.process_time()
    out_dir = a.out / a.name
    out_dir.mkdir(parents=True, exist_ok=True)

    sentences = ['manage musical staff', 'Experience with Kubernetes and Terraform is a plus.', 'You will liaise with suppliers daily.']
    diff = check_against_onnx(MODEL_DIR / 'onnx' / 'model.onnx', MODEL_DIR / 'tokenizer.json', sentences)
    print(f'torch vs ONNX max |diff| {diff:.2e}', flush=True)
    if diff > 1e-4:
        raise SystemExit('the torch encoder does not reproduce the ONNX model')

    self_check()
    pairs, neg_info, counts = build_pairs(a, rng)
    print(json.dumps(counts), flush=True)
    skills = esco_rows()
    ids = [r['conceptUri'] for r in skills]
    labels = [r['preferredLabel'] for r in skills]
    train = read_train()
    held = subsample_indices(len(train), SUBSAMPLE_N, SUBSAMPLE_SEED)
    probe_rng = random.Random(a.seed + 1)
    probe = [(train[i]['text'], set(train[i]['skills'])) for i in held if train[i]['kind'] == 'posting']
    probe = probe_rng.sample(probe, min(400, len(probe)))

    model = CrossEncoder(6, dropout=0.1)
    load_from_onnx(model, MODEL_DIR / 'onnx' / 'model.onnx')
    del model.head
    model.head = torch.nn.Identity()
    enc = Encoder(MODEL_DIR / 'tokenizer.json', a.max_length)
    before = recall_at(model, enc, probe, ids, labels) if a.probe == 'both' else None
    print(f'probe (held-out training postings, label-only R@5) before {before}', flush=True)

    params = [p for n, p in model.named_parameters()]
    opt = torch.optim.AdamW(params, lr=a.lr, weight_decay=0.01)
    warm = max(1, int(a.steps * a.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (a.steps - s) / max(1, a.steps - warm))))
    losses: list[float] = []
    steps_done = 0
    stopped_early = False
    label_of = dict(zip(ids, labels))
    neg_rng = random.Random(a.seed + 3)
    neg_stats = {'columns': 0, 'droppedAsInBatchPositive': 0, 'maskedAsGold': 0}
    model.train()
    for step, idx in enumerate(batches(pairs, a.batch, a.steps, rng)):
        batch = [pairs[i] for i in idx]
        q = embed(model, enc, [x for x, _, _ in batch])
        if a.hard_negatives > 0:
            cols, mask, dropped = hard_negative_columns(batch, [neg_info[i] for i in idx], a.hard_negatives, neg_rng)
            d = embed(model, enc, [lab for _, _, lab in batch] + [label_of[x] for x in cols])
            logits = a.scale * q @ d.T
            cells = [(r, len(batch) + j) for r, js in enumerate(mask) for j in js]
            if cells:
                rows, cs = zip(*cells)
                logits = logits.index_put((torch.tensor(rows), torch.tensor(cs)), torch.tensor(float('-inf')))
            neg_stats['columns'] += len(cols)
            neg_stats['droppedAsInBatchPositive'] += dropped
            neg_stats['maskedAsGold'] += len(cells)
        else:
            d = embed(model, enc, [lab for _, _, lab in batch])
            logits = a.scale * q @ d.T
        loss = torch.nn.functional.cross_entropy(logits, torch.arange(len(batch)))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        sched.step()
        losses.append(float(loss))
        steps_done = step + 1
        if steps_done % 25 == 0 or steps_done in (5, 10):
            print(f'step {steps_done}/{a.steps} loss {np.mean(losses[-25:]):.4f} {time.time() - t0:.0f}s wall {time.process_time() - c0:.0f} CPU-s', flush=True)
        if a.max_minutes and time.time() - t0 > a.max_minutes * 60:
            stopped_early = True
            break
    train_cpu = time.process_time() - c0
    after = recall_at(model, enc, probe, ids, labels)
    print(f'probe after {after:.3f}', flush=True)
    model.eval()
    exported = export(model, out_dir)
    check = check_export(model, enc, out_dir, sentences + [labels[i] for i in range(0, len(labels), 997)])
    print(json.dumps(check), flush=True)
    import onnx
    import onnxruntime
    import tokenizers

    manifest = {
        'what': 'all-MiniLM-L6-v2 fine-tuned contrastively on the linking training set (scripts/encoder/train.py)',
        'base': {'file': 'all-MiniLM-L6-v2/onnx/model.onnx', 'sha256': sha256_file(MODEL_DIR / 'onnx' / 'model.onnx')},
        'trainSet': {'file': '.cache/linking-train/train.jsonl', 'sha256': sha256_file(TRAIN_FILE)},
        'args': {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(a).items()},
        'pairs': counts,
        'stepsDone': steps_done, 'stoppedEarly': stopped_early,
        'hardNegatives': {'perAnchor': a.hard_negatives, **neg_stats, 'meanColumnsPerBatch': round(neg_stats['columns'] / max(1, steps_done), 1)},
        'lossFirst25': float(np.mean(losses[:25])), 'lossLast25': float(np.mean(losses[-25:])),
        'probeRecallAt5': {'before': before, 'after': after, 'queries': len(probe),
                           'what': 'held-out training-set postings (the fusion subsample), gold among the top 5 of 13,896 preferred labels by cosine'},
        'trainCpuSeconds': round(train_cpu), 'totalCpuSeconds': round(time.process_time() - c0), 'wallSeconds': round(time.time() - t0),
        'peakRssMB': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        'export': exported, 'exportCheck': check,
        'quantisation': 'onnxruntime.quantization.quantize_dynamic(per_channel=False, reduce_range=False, weight_type=QInt8, '
                        'extra_options=dict(EnableSubgraph=True, MatMulConstBOnly=True)) — the shipped model_quantized.onnx recipe',
        'versions': {'python': platform.python_version(), 'torch': torch.__version__, 'numpy': np.__version__, 'onnx': onnx.__version__,
                     'onnxruntime': onnxruntime.__version__, 'tokenizers': tokenizers.__version__},
    }
    (out_dir / 'manifest.json').write_text(json.dumps(manifest, indent=1) + '\n')
    print(f'wrote {out_dir}', flush=True)


if __name__ == '__main__':
    main()
