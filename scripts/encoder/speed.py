"""CPU time per batch of two transformers.js model folders' ONNX files (same batches, one thread, alternating runs), and
whether their graphs are the same apart from the weights (same nodes, inputs, outputs, initialiser shapes).

  /path/to/venv/bin/python scripts/encoder/speed.py --a ../shared/models/all-MiniLM-L6-v2 --b .cache/encoder/main/all-MiniLM-L6-v2-esco
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--a', type=Path, required=True)
    p.add_argument('--b', type=Path, required=True)
    p.add_argument('--file', default='model_quantized.onnx')
    p.add_argument('--rounds', type=int, default=6)
    a = p.parse_args()
    import onnx
    import onnxruntime as ort
    from tokenizers import Tokenizer

    ga, gb = (onnx.load(str(d / 'onnx' / a.file)).graph for d in (a.a, a.b))
    same_graph = ([n.op_type for n in ga.node] == [n.op_type for n in gb.node]
                  and [i.name for i in ga.input] == [i.name for i in gb.input] and [o.name for o in ga.output] == [o.name for o in gb.output]
                  and sorted((i.name, tuple(i.dims), i.data_type) for i in ga.initializer) == sorted((i.name, tuple(i.dims), i.data_type) for i in gb.initializer))
    tok = Tokenizer.from_file(str(a.a / 'tokenizer.json'))
    tok.enable_truncation(max_length=256)
    rng = random.Random(1)
    words = (a.a / 'vocab.txt').read_text().split()[2000:12000]
    texts = [' '.join(rng.choice(words) for _ in range(rng.randint(4, 30))) for _ in range(32 * 20)]
    feeds = []
    for i in range(0, len(texts), 32):
        encs = tok.encode_batch(texts[i:i + 32])
        n = max(len(e.ids) for e in encs)
        f = {k: np.zeros((len(encs), n), dtype=np.int64) for k in ('input_ids', 'attention_mask', 'token_type_ids')}
        for j, e in enumerate(encs):
            f['input_ids'][j, : len(e.ids)] = e.ids
            f['attention_mask'][j, : len(e.ids)] = 1
        feeds.append(f)
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    sessions = {name: ort.InferenceSession(str(d / 'onnx' / a.file), so, providers=['CPUExecutionProvider']) for name, d in (('a', a.a), ('b', a.b))}
    cpu: dict[str, list[float]] = {'a': [], 'b': []}
    for s in sessions.values():
        s.run(['last_hidden_state'], feeds[0])
    for _ in range(a.rounds):
        for name, s in sessions.items():
            c0 = time.process_time()
            for f in feeds:
                s.run(['last_hidden_state'], f)
            cpu[name].append((time.process_time() - c0) / len(texts) * 1000)
    print(json.dumps({'file': a.file, 'sameGraphApartFromWeights': same_graph, 'texts': len(texts), 'batch': 32,
                      'cpuMsPerText': {k: [round(x, 3) for x in v] for k, v in cpu.items()},
                      'medianRatioBoverA': round(float(np.median(cpu['b']) / np.median(cpu['a'])), 3)}, indent=1))


if __name__ == '__main__':
    main()
