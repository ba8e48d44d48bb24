/**
 * The reranker port (issue 18, stage 2 of linking): a cross-encoder that reads a text and a skill label
 * together and returns a relevance logit per pair (higher = more relevant). The engine never loads a
 * model itself: an adapter (onnxruntime-node, `engine/adapters/onnx-reranker.ts`, or a small
 * deterministic fake in unit tests) is passed in, like the embedder.
 */
export interface RerankPair {
  /** The segment text exactly as the linker scores it (text A; the one truncated when too long). */
  readonly text: string;
  /** The skill id (part of the logit cache key; the model reads only the label). */
  readonly skillId: string;
  /** The skill's preferred label (text B; never truncated). */
  readonly label: string;
}

export interface Reranker {
  /** Stable id of the model (`skill-reranker@<first 12 hex of its sha256>`): the weights' `rerank.model` and every cache key. */
  readonly modelId: string;
  /** One logit per pair, in input order (finite numbers). */
  score(pairs: readonly RerankPair[]): Promise<Float32Array>;
  dispose(): Promise<void>;
}
