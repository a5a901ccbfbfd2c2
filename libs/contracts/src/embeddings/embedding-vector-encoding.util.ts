/**
 * A vector as OpenAI sends it with `encoding_format: "base64"`: the float32 values, little-endian,
 * base64-encoded (the openai SDK decodes it into a Float32Array). Values are rounded to float32,
 * so the float answer (floatVector) and this one decode to the same numbers.
 */
export function base64Vector(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

/** The float answer: each value rounded to float32, what the base64 answer decodes to. */
export function floatVector(vector: readonly number[]): number[] {
  return vector.map((value) => Math.fround(value));
}

/** The inverse of base64Vector (for clients and specs). */
export function decodeBase64Vector(text: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  const values: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.length; offset += 4) values.push(bytes.readFloatLE(offset));
  return values;
}
