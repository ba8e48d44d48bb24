"""Data the cross-encoder scripts share: the training set, its seeded subsample (as scripts/lib/training-set.ts), the
features file's candidate lists, ESCO labels and broader links, the Decorte dev sets (as engine/eval/eval-linking.ts)
and the stage-1 fused score (as engine/linking/fusion.ts)."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / 'shared'
MODEL_DIR = SHARED / 'models' / 'all-MiniLM-L6-v2'
ESCO_DIR = SHARED / 'datasets' / 'esco-v1.1.1'
DEV_DIR = SHARED / 'datasets' / 'skill-extraction-benchmark-decorte'
TRAIN_FILE = ROOT / '.cache' / 'linking-train' / 'train.jsonl'
FEATURES = ['sentence', 'sentenceDescription', 'phrase', 'lexical', 'lexicalPhrase', 'exact', 'coverage', 'essential', 'knowledge',
            'transversal', 'occupationSpecific', 'sentenceRel', 'phraseRel', 'lexicalRel', 'neighbour']
DEV_SETS = ['tech_validation_annotations', 'house_validation_annotations', 'techwolf_dev_annotations']
SHORT = ['tech', 'house', 'techwolf']
# The bi-encoder whose candidates and features stage 1 is (the product's model id, `<folder>@q8`: $SKILLGRAPH_MODEL as
# engine/adapters/models-dir.ts reads it); the cross-encoder itself starts from the shipped model's layers (MODEL_DIR).
STAGE1_MODEL_ID = f"{(os.environ.get('SKILLGRAPH_MODEL') or '').strip() or 'all-MiniLM-L6-v2'}@q8"
SHIPPED_WEIGHTS = ROOT / 'engine' / 'linking' / 'weights' / f'{STAGE1_MODEL_ID}.embedded.json'
# The seeded subsample of fit-linking-weights.ts (--max-train 1500 --seed 9) that the features file holds.
SUBSAMPLE_N = 1500
SUBSAMPLE_SEED = 9
NON_TARGET = {'LABEL NOT PRESENT', 'UNDERSPECIFIED'}


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mulberry32(seed: int):
    """engine/ports/random.ts seededRandom, bit for bit."""
    a = seed & 0xFFFFFFFF

    def imul(x: int, y: int) -> int:
        return (x * y) & 0xFFFFFFFF

    def nxt() -> float:
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return nxt


def subsample_indices(length: int, n: int, seed: int) -> list[int]:
    """scripts/lib/training-set.ts subsampleIndices: the first n of a seeded Fisher–Yates shuffle, ascending."""
    rnd = mulberry32(seed)
    order = list(range(length))
    for i in range(length - 1, 0, -1):
        j = int(rnd() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return sorted(order[:n])


def read_train() -> list[dict]:
    return [json.loads(line) for line in TRAIN_FILE.read_text().splitlines() if line.strip()]


def fit_cache_file(kind: str) -> Path:
    """scripts/lib/training-set.ts fitCacheFile for fit-linking-weights.ts --max-train 1500 --seed 9 --collect-search coarse:
    'features' (candidates and features) or 'weights' (the kept weights and their leave-one-set-out folds), keyed by model id."""
    sha = sha256_file(TRAIN_FILE)[:12]
    model = re.sub(r'[^A-Za-z0-9@._-]+', '_', STAGE1_MODEL_ID)
    return ROOT / '.cache' / 'linking-train' / f'{kind}-{model}-embedded-coarse-{sha}-{SUBSAMPLE_N}-{SUBSAMPLE_SEED}.json'


def features_file() -> Path:
    return fit_cache_file('features')


def read_features() -> dict:
    """{'train': [[{skillId, features}]] parallel to subsample_indices(len(train), 1500, 9), 'dev': [tech, house, techwolf]}."""
    return json.loads(features_file().read_text())


def esco_skills() -> tuple[dict[str, str], list[str]]:
    """skill id -> preferredLabel (ESCO v1.1.1 skills_en.csv), and the ids in file order."""
    labels: dict[str, str] = {}
    with open(ESCO_DIR / 'skills_en.csv', newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            labels[r['conceptUri']] = r['preferredLabel']
    return labels, list(labels)


def skill_broader() -> dict[str, set[str]]:
    """skill id -> its direct broader and narrower skills (skill-to-skill links only)."""
    near: dict[str, set[str]] = {}
    with open(ESCO_DIR / 'broaderRelationsSkillPillar.csv', newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            a, b = r['conceptUri'], r['broaderUri']
            near.setdefault(a, set()).add(b)
            near.setdefault(b, set()).add(a)
    return near


def dev_queries(labels: dict[str, str]) -> list[list[tuple[str, set[str]]]]:
    """Per dev set: (sentence, gold ids) per distinct sentence with a target label, in first-seen order (linkingQueries).
    Gold labels are matched verbatim to the first skill with that preferred label."""
    by_label: dict[str, str] = {}
    for sid, lab in labels.items():
        by_label.setdefault(lab, sid)
    out = []
    for name in DEV_SETS:
        by_sentence: dict[str, set[str]] = {}
        with open(DEV_DIR / f'{name}.csv', newline='', encoding='utf-8') as f:
            for r in csv.DictReader(f):
                rel = by_sentence.setdefault(r['sentence'], set())
                if r['label'] in NON_TARGET:
                    continue
                rel.add(by_label[r['label']])
        out.append([(s, rel) for s, rel in by_sentence.items() if rel])
    return out


def weight_vector(weights: dict[str, float]) -> np.ndarray:
    return np.array([weights.get(f, 0.0) for f in FEATURES], dtype=np.float64)


def shipped_weights() -> np.ndarray:
    return weight_vector(json.loads(SHIPPED_WEIGHTS.read_text())['weights'])


def stage1(cands: list[dict], w: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Candidate ids and fused scores (Σ weight·feature, float32 features as the product holds them)."""
    ids = [c['skillId'] for c in cands]
    feats = np.array([c['features'] for c in cands], dtype=np.float32).astype(np.float64)
    return ids, feats @ w
