import { parseEmbeddingsRequest, simulatedEmbedding, simulateEmbeddings } from './simulate-embeddings.util';

const norm = (vector: number[]): number => Math.hypot(...vector);

describe(simulatedEmbedding.name, () => {
  it('is a unit vector of the asked length, the same for the same model and text', () => {
    const vector = simulatedEmbedding('sim-embed', 'hello', 256);
    expect(vector).toHaveLength(256);
    expect(norm(vector)).toBeCloseTo(1, 12);
    expect(simulatedEmbedding('sim-embed', 'hello', 256)).toEqual(vector);
  });

  it('differs by text, by model, and between a text and its token ids', () => {
    const vector = simulatedEmbedding('sim-embed', 'hello', 16);
    expect(simulatedEmbedding('sim-embed', 'hello!', 16)).not.toEqual(vector);
    expect(simulatedEmbedding('sim-other', 'hello', 16)).not.toEqual(vector);
    expect(simulatedEmbedding('sim-embed', [24912], 16)).not.toEqual(vector);
  });

  it('shortens the way OpenAI dimensions does: the long vector cut and renormalised', () => {
    const long = simulatedEmbedding('sim-embed', 'hello', 64);
    const short = simulatedEmbedding('sim-embed', 'hello', 8);
    const cut = long.slice(0, 8);
    cut.forEach((value, index) => expect(short[index]).toBeCloseTo(value / norm(cut), 12));
  });
});

describe(parseEmbeddingsRequest.name, () => {
  it.each([
    ['a string', { model: 'm', input: 'a' }, [['a'], 1536]],
    ['token ids', { model: 'm', input: [1, 2], dimensions: 4 }, [[[1, 2]], 4]],
    ['a batch', { model: 'm', input: ['a', 'b'] }, [['a', 'b'], 1536]],
  ])('reads %s', (_case, body, [inputs, dimensions]) => {
    expect(parseEmbeddingsRequest(JSON.stringify(body))).toEqual({ body: { model: 'm', inputs, dimensions } });
  });

  it.each([
    ['bad JSON', '{', null],
    ['no model', JSON.stringify({ input: 'a' }), 'model'],
    ['an empty batch', JSON.stringify({ model: 'm', input: [] }), 'input'],
    ['an empty string', JSON.stringify({ model: 'm', input: ['a', ''] }), 'input'],
    ['zero dimensions', JSON.stringify({ model: 'm', input: 'a', dimensions: 0 }), 'dimensions'],
  ])('refuses %s as OpenAI does', (_case, raw, param) => {
    expect(parseEmbeddingsRequest(raw)).toEqual({ error: { error: expect.objectContaining({ param }) } });
  });
});

describe(simulateEmbeddings.name, () => {
  it('answers in OpenAI’s float shape with o200k_base token counts', () => {
    expect(simulateEmbeddings({ model: 'm', inputs: ['hello world', [1, 2, 3]], dimensions: 2 })).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: simulatedEmbedding('m', 'hello world', 2) },
        { object: 'embedding', index: 1, embedding: simulatedEmbedding('m', [1, 2, 3], 2) },
      ],
      model: 'm',
      usage: { prompt_tokens: 5, total_tokens: 5 },
    });
  });
});
