export const MICRO_PER_CREDIT = 1_000_000n;

/** 28_000n → "0.028000": exact, never through a float. */
export function formatCredits(micro: bigint): string {
  const sign = micro < 0n ? '-' : '';
  const abs = micro < 0n ? -micro : micro;
  const whole = abs / MICRO_PER_CREDIT;
  const frac = (abs % MICRO_PER_CREDIT).toString().padStart(6, '0');
  return `${sign}${whole}.${frac}`;
}

/** "12.5" → 12_500_000n. Rejects anything that is not a plain decimal with at most 6 places. */
export function parseCredits(text: string): bigint {
  const match = /^(-)?(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`Not a credit amount: ${JSON.stringify(text)}`);
  const [, minus, whole, frac = ''] = match;
  const micro = BigInt(whole) * MICRO_PER_CREDIT + BigInt(frac.padEnd(6, '0'));
  return minus ? -micro : micro;
}
