"""int8 variants of the exported fp32 reranker, and how they compare: logit agreement with fp32 on held-out pairs,
whether a pair's logit depends on the batch it is scored in, size and speed (one thread).

  python scripts/cross-encoder/quantise.py --fp32 .cache/cross-encoder/main/skill-reranker.fp32.onnx --out-dir .cache/cross-encoder/main

Variants: `dynamic` (quantize_dynamic, MatMul + Gather, per channel: activation scales computed per call over the
whole batch tensor, so a pair's logit moves with its batch-mates and padding); `static` (quantize_static, QDQ, per
channel, activation ranges fixed from 256 training pairs — no held-out query — so a pair's logit does not depend on
the batch; only the weight MatMuls and the word-embedding Gather are quantised, attention stays fp32); `gather`
(only the embedding table int8, every MatMul fp32).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import MODEL_DIR, esco_skills, read_train, sha256_file  # noqa: E402
from minibert import encode_pairs, pair_tokenizer  # noqa: E402

HERE = Path(__file__).resolve().parent
QUANTISATION = {
    'dynamic': 'onnxruntime.quantization.quantize_dynamic, MatMul + Gather, QInt8, per channel (a logit depends on its batch)',
    'static': 'onnxruntime.quantization.quantize_static, QDQ, weight MatMuls + embedding Gather, QInt8 weights per channel, QUInt8 '
              'activations with ranges from 256 training pairs (none held out); a logit does not depend on its batch',
    'gather': 'onnxruntime.quantization.quantize_dynamic, Gather only (word embeddings int8, MatMuls fp32)',
}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--fp32', type=Path, required=True)
    p.add_argument('--out-dir', type=Path, required=True)
    p.add_argument('--max-length', type=int, default=64)
    p.add_argument('--seed', type=int, default=18)
    a = p.parse_args()
    import onnx
    import onnxruntime as ort
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_dynamic, quantize_static

    labels, ids = esco_skills()
    train = read_train()
    held = set(json.loads((HERE / 'holdout-ids.json').read_text())['ids'])
    rng = random.Random(a.seed)
    fit_rows = [q for q in train if q['id'] not in held]
    held_rows = [q for q in train if q['id'] in held]
    tok = pair_tokenizer(MODEL_DIR / 'tokenizer.json', a.max_length)

    def pairs_from(rows, n):
        out = []
        for _ in range(n):
            q = rng.choice(rows)
            sid = rng.choice(q['skills']) if rng.random() < 0.3 else rng.choice(q.get('hardNegatives') or ids)
            out.append((q['text'], labels.get(sid) or labels[rng.choice(ids)]))
        return out

    calib = pairs_from(fit_rows, 256)
    test = pairs_from(held_rows, 300)

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.it = iter([encode_pairs(tok, [pr], a.max_length) for pr in calib])

        def get_next(self):
            return next(self.it, None)

    model = onnx.load(str(a.fp32))
    inits = {i.name for i in model.graph.initializer}
    weight_nodes = [n.name for n in model.graph.node if (n.op_type == 'MatMul' and n.input[1] in inits) or (n.op_type == 'Gather' and n.input[0] in inits)]
    out = {'dynamic': a.out_dir / 'skill-reranker.dynamic.onnx', 'static': a.out_dir / 'skill-reranker.static.onnx', 'gather': a.out_dir / 'skill-reranker.gather.onnx'}
    quantize_dynamic(str(a.fp32), str(out['dynamic']), op_types_to_quantize=['MatMul', 'Gather'], weight_type=QuantType.QInt8, per_channel=True)
    quantize_static(str(a.fp32), str(out['static']), Reader(), quant_format=QuantFormat.QDQ, op_types_to_quantize=['MatMul', 'Gather'],
                    nodes_to_quantize=weight_nodes, per_channel=True, weight_type=QuantType.QInt8, activation_type=QuantType.QUInt8)
    quantize_dynamic(str(a.fp32), str(out['gather']), op_types_to_quantize=['Gather'], weight_type=QuantType.QInt8)

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1

    def run(f: Path, batch: int) -> np.ndarray:
        s = ort.InferenceSession(str(f), so, providers=['CPUExecutionProvider'])
        return np.concatenate([s.run(['logits'], encode_pairs(tok, test[i:i + batch], a.max_length))[0].ravel() for i in range(0, len(test), batch)])

    ref = run(a.fp32, 1)
    report = {}
    for name, f in out.items():
        one, ten = run(f, 1), run(f, 10)
        s = ort.InferenceSession(str(f), so, providers=['CPUExecutionProvider'])
        rs = np.random.default_rng(0)
        feed = {'input_ids': rs.integers(1000, 29000, size=(10, 40), dtype=np.int64), 'attention_mask': np.ones((10, 40), dtype=np.int64),
                'token_type_ids': np.concatenate([np.zeros((10, 28), dtype=np.int64), np.ones((10, 12), dtype=np.int64)], axis=1)}
        single = {k: v[:1] for k, v in feed.items()}
        for _ in range(5):
            s.run(['logits'], feed)
        c0 = time.process_time()
        for _ in range(60):
            s.run(['logits'], feed)
        b10 = 600 / (time.process_time() - c0)
        c0 = time.process_time()
        for _ in range(200):
            s.run(['logits'], single)
        b1 = 200 / (time.process_time() - c0)
        report[name] = {'file': f.name, 'MB': round(f.stat().st_size / 1e6, 1), 'meanAbsDiffVsFp32': float(np.abs(one - ref).mean()),
                        'maxAbsDiffVsFp32': float(np.abs(one - ref).max()), 'corrVsFp32': float(np.corrcoef(one, ref)[0, 1]),
                        'maxAbsDiffBatch1VsBatch10': float(np.abs(one - ten).max()), 'pairsPerCpuSecondBatch10Seq40': round(b10),
                        'pairsPerCpuSecondBatch1Seq40': round(b1)}
        print(name, json.dumps(report[name]))
        # The variant's own metadata (contract: id and sha256 are the file's), from the training run's skill-reranker.json.
        base_meta = a.fp32.parent / 'skill-reranker.json'
        if base_meta.exists():
            meta = json.loads(base_meta.read_text())
            sha = sha256_file(f)
            meta.update({'id': f'skill-reranker@{sha[:12]}', 'sha256': sha, 'quantisation': QUANTISATION[name]})
            f.with_suffix('.json').write_text(json.dumps(meta, indent=2) + '\n')
    (a.out_dir / 'quantisation.json').write_text(json.dumps({'fp32': a.fp32.name, 'fp32MB': round(a.fp32.stat().st_size / 1e6, 1),
                                                             'logitStdFp32': float(ref.std()), 'variants': report}, indent=1) + '\n')


if __name__ == '__main__':
    main()
