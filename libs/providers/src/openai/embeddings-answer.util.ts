/** The parts of an OpenAI embeddings answer the gateway reads. */
interface EmbeddingsAnswer {
  data: Array<{ index: number; embedding: number[] }>;
}

/**
 * A guard for an upstream's float answer to `count` inputs at `dimensions`: every index from 0 to
 * count − 1 once, every vector of the right length and finite numbers. Anything else is a
 * malformed answer (the gateway never passes on a vector it cannot vouch for).
 */
export function isEmbeddingsAnswer(count: number, dimensions: number) {
  return (value: unknown): value is EmbeddingsAnswer => {
    const data = (value as { data?: unknown } | null)?.data;
    if (!Array.isArray(data) || data.length !== count) return false;
    const seen = new Set<number>();
    for (const item of data as Array<{ index?: unknown; embedding?: unknown } | null>) {
      const index = item?.index;
      const vector = item?.embedding;
      if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= count) return false;
      if (seen.has(index as number)) return false;
      seen.add(index as number);
      if (!Array.isArray(vector) || vector.length !== dimensions) return false;
      if (!vector.every((x) => typeof x === 'number' && Number.isFinite(x))) return false;
    }
    return true;
  };
}

/** The vectors in input order. */
export function vectorsInOrder(answer: EmbeddingsAnswer): number[][] {
  const vectors: number[][] = new Array<number[]>(answer.data.length);
  for (const item of answer.data) vectors[item.index] = item.embedding;
  return vectors;
}
