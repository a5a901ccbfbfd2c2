import { base64Vector, decodeBase64Vector, floatVector } from './embedding-vector-encoding.util';

describe(base64Vector.name, () => {
  it('writes float32 little-endian, as OpenAI does', () => {
    // 1.0f = 0x3f800000, -2.0f = 0xc0000000, stored low byte first.
    expect(base64Vector([1, -2])).toBe(Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]).toString('base64'));
  });

  it('decodes to exactly the float answer', () => {
    const vector = [0.1, -0.3333333333, 0.7071067811865476, 1e-8];
    expect(decodeBase64Vector(base64Vector(vector))).toEqual(floatVector(vector));
    const bytes = Buffer.from(base64Vector(vector), 'base64');
    // How the openai SDK reads it (a Float32Array over the bytes, on a little-endian machine).
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4))).toEqual(floatVector(vector));
    expect(floatVector(vector)[0]).toBe(Math.fround(0.1));
  });
});
