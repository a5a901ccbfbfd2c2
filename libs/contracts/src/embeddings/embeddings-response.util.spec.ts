import { base64Vector } from './embedding-vector-encoding.util';
import { embeddingsResponse } from './embeddings-response.util';

describe(embeddingsResponse.name, () => {
  const answer = {
    model: 'embed',
    vectors: [
      [0.1, 0.2],
      [0.3, 0.4],
    ],
    promptTokens: 7,
    costMicro: 140n,
  };

  it('answers floats (rounded to float32) in input order, with usage and credits', () => {
    expect(embeddingsResponse({ ...answer, encodingFormat: 'float' })).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [Math.fround(0.1), Math.fround(0.2)] },
        { object: 'embedding', index: 1, embedding: [Math.fround(0.3), Math.fround(0.4)] },
      ],
      model: 'embed',
      usage: { prompt_tokens: 7, total_tokens: 7, credits: '0.000140' },
    });
  });

  it('answers base64 float32 when asked', () => {
    const { data } = embeddingsResponse({ ...answer, encodingFormat: 'base64' });
    expect(data.map((item) => item.embedding)).toEqual([base64Vector([0.1, 0.2]), base64Vector([0.3, 0.4])]);
  });
});
