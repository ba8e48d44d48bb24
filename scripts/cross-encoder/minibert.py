"""A small BERT encoder in plain torch, loaded from all-MiniLM-L6-v2's fp32 ONNX initialisers, and the pair tokenizer.

The cross-encoder is the first `layers` transformer layers of all-MiniLM-L6-v2 plus a linear head on the mean of the final
token outputs (one raw relevance logit). Weights come from ../shared/models/all-MiniLM-L6-v2/onnx/model.onnx (the same file
the product embeds with), so provenance stays with ../shared; `check_against_onnx` proves the torch encoder
reproduces the ONNX model's token outputs before anything is trained.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import torch
from torch import nn

HIDDEN = 384
HEADS = 12
INTERMEDIATE = 1536
VOCAB = 30522
MAX_POSITIONS = 512
LN_EPS = 1e-12


class Layer(nn.Module):
    def __init__(self, dropout: float) -> None:
        super().__init__()
        self.q = nn.Linear(HIDDEN, HIDDEN)
        self.k = nn.Linear(HIDDEN, HIDDEN)
        self.v = nn.Linear(HIDDEN, HIDDEN)
        self.o = nn.Linear(HIDDEN, HIDDEN)
        self.ln1 = nn.LayerNorm(HIDDEN, eps=LN_EPS)
        self.up = nn.Linear(HIDDEN, INTERMEDIATE)
        self.down = nn.Linear(INTERMEDIATE, HIDDEN)
        self.ln2 = nn.LayerNorm(HIDDEN, eps=LN_EPS)
        self.drop = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, s, _ = x.shape
        d = HIDDEN // HEADS

        def heads(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, s, HEADS, d).transpose(1, 2)

        q, k, v = heads(self.q(x)), heads(self.k(x)), heads(self.v(x))
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        att = self.drop(torch.softmax(att, dim=-1))
        ctx = torch.matmul(att, v).transpose(1, 2).reshape(b, s, HIDDEN)
        x = self.ln1(x + self.drop(self.o(ctx)))
        h = self.down(torch.nn.functional.gelu(self.up(x)))
        return self.ln2(x + self.drop(h))


class CrossEncoder(nn.Module):
    """BERT embeddings + `layers` layers + linear head on the mean of the token outputs -> logits [batch, 1]."""

    def __init__(self, layers: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.word = nn.Embedding(VOCAB, HIDDEN)
        self.position = nn.Embedding(MAX_POSITIONS, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.ln = nn.LayerNorm(HIDDEN, eps=LN_EPS)
        self.drop = nn.Dropout(dropout)
        self.layers = nn.ModuleList([Layer(dropout) for _ in range(layers)])
        self.head = nn.Linear(HIDDEN, 1)

    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        seq = input_ids.shape[1]
        pos = torch.arange(seq, dtype=torch.long, device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.position(pos) + self.token_type(token_type_ids)
        x = self.drop(self.ln(x))
        # Additive mask: 0 where attended, a large negative where padded (as BERT's extended attention mask).
        bias = (1.0 - attention_mask.to(x.dtype))[:, None, None, :] * torch.finfo(x.dtype).min
        for layer in self.layers:
            x = layer(x, bias)
        return x

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        # Mean of the valid token outputs, not [CLS]: in these early layers of a mean-pooling sentence encoder [CLS] is an
        # attention sink (its output varies ~1e-3 across pairs, against ~0.07 for the mean), and a [CLS] head did not learn.
        h = self.encode(input_ids, attention_mask, token_type_ids)
        m = attention_mask.to(h.dtype).unsqueeze(-1)
        return self.head(self.drop((h * m).sum(1) / m.sum(1).clamp(min=1.0)))


def onnx_initialisers(onnx_file: Path) -> dict[str, np.ndarray]:
    """Named weights of the ONNX BERT: the named ones as they are, each anonymous MatMul weight renamed after the
    bias its output is added to (`…query.bias` -> `…query.weight`, stored [in, out])."""
    import onnx
    from onnx import numpy_helper

    m = onnx.load(str(onnx_file))
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    consumers: dict[str, list] = {}
    for n in m.graph.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    out = {k: v for k, v in inits.items() if not k.startswith('onnx::')}
    for n in m.graph.node:
        if n.op_type == 'MatMul' and n.input[1] in inits:
            biases = [x for a in consumers.get(n.output[0], []) if a.op_type == 'Add' for x in a.input if x in inits and x.endswith('.bias')]
            if len(biases) != 1:
                raise ValueError(f'MatMul {n.input[1]}: expected one bias, found {biases}')
            out[biases[0][: -len('bias')] + 'weight'] = inits[n.input[1]]
    return out


def load_from_onnx(model: CrossEncoder, onnx_file: Path) -> None:
    """Copies embeddings and the first len(model.layers) layers from the ONNX file (the head stays as initialised)."""
    w = onnx_initialisers(onnx_file)
    t = lambda a: torch.from_numpy(np.array(a, dtype=np.float32, copy=True))  # noqa: E731
    with torch.no_grad():
        model.word.weight.copy_(t(w['embeddings.word_embeddings.weight']))
        model.position.weight.copy_(t(w['embeddings.position_embeddings.weight']))
        model.token_type.weight.copy_(t(w['embeddings.token_type_embeddings.weight']))
        model.ln.weight.copy_(t(w['embeddings.LayerNorm.weight']))
        model.ln.bias.copy_(t(w['embeddings.LayerNorm.bias']))
        for i, layer in enumerate(model.layers):
            p = f'encoder.layer.{i}.'
            for mod, name in ((layer.q, 'attention.self.query'), (layer.k, 'attention.self.key'), (layer.v, 'attention.self.value'),
                              (layer.o, 'attention.output.dense'), (layer.up, 'intermediate.dense'), (layer.down, 'output.dense')):
                mod.weight.copy_(t(w[p + name + '.weight']).T)  # ONNX MatMul weight is [in, out]; nn.Linear holds [out, in]
                mod.bias.copy_(t(w[p + name + '.bias']))
            layer.ln1.weight.copy_(t(w[p + 'attention.output.LayerNorm.weight']))
            layer.ln1.bias.copy_(t(w[p + 'attention.output.LayerNorm.bias']))
            layer.ln2.weight.copy_(t(w[p + 'output.LayerNorm.weight']))
            layer.ln2.bias.copy_(t(w[p + 'output.LayerNorm.bias']))


def pair_tokenizer(tokenizer_file: Path, max_length: int):
    """all-MiniLM-L6-v2's own tokenizer (uncased WordPiece), BERT pair template, truncating A (the sentence) only."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_file))
    tok.no_padding()
    tok.enable_truncation(max_length=max_length, strategy='only_first')
    return tok


def encode_pairs(tok, pairs: list[tuple[str, str]], max_length: int) -> dict[str, np.ndarray]:
    """input_ids / attention_mask / token_type_ids (int64, padded to the batch's longest pair). A pair whose B alone
    does not fit is cut at max_length (never happens with ESCO labels at 64)."""
    encs = tok.encode_batch(pairs)
    n = max(len(e.ids) for e in encs)
    ids = np.zeros((len(encs), n), dtype=np.int64)
    mask = np.zeros((len(encs), n), dtype=np.int64)
    types = np.zeros((len(encs), n), dtype=np.int64)
    for i, e in enumerate(encs):
        k = min(len(e.ids), max_length)
        ids[i, :k] = e.ids[:k]
        mask[i, :k] = 1
        types[i, :k] = e.type_ids[:k]
    return {'input_ids': ids, 'attention_mask': mask, 'token_type_ids': types}


def check_against_onnx(onnx_file: Path, tokenizer_file: Path, sentences: list[str]) -> float:
    """Max |torch - ONNX| over the token outputs of the full 6-layer encoder on `sentences` (padded batch, valid tokens only)."""
    import onnxruntime as ort

    model = CrossEncoder(6, dropout=0.0)
    load_from_onnx(model, onnx_file)
    model.eval()
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_file))
    tok.no_padding()
    tok.no_truncation()
    encs = tok.encode_batch(sentences)
    n = max(len(e.ids) for e in encs)
    feed = {k: np.zeros((len(encs), n), dtype=np.int64) for k in ('input_ids', 'attention_mask', 'token_type_ids')}
    for i, e in enumerate(encs):
        feed['input_ids'][i, : len(e.ids)] = e.ids
        feed['attention_mask'][i, : len(e.ids)] = 1
    sess = ort.InferenceSession(str(onnx_file), providers=['CPUExecutionProvider'])
    ref = sess.run(['last_hidden_state'], feed)[0]
    with torch.no_grad():
        mine = model.encode(*(torch.from_numpy(feed[k]) for k in ('input_ids', 'attention_mask', 'token_type_ids'))).numpy()
    valid = feed['attention_mask'].astype(bool)
    return float(np.abs(ref[valid] - mine[valid]).max())
