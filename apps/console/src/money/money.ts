/**
 * Credits are exact: the API sends micro-credits (1 credit = 1,000,000 micro) as decimal strings,
 * and this module is the only place that turns them into text or back, with BigInt, never a
 * JavaScript number (which loses integers past 2^53 and cannot hold 0.1 exactly).
 */
export const MICRO_PER_CREDIT = 1_000_000n;
const DECIMALS = 6;
/** Digits, optionally a point and at most six more: "25", "0.000001", "-3.5". No exponents, no commas. */
const CREDITS_INPUT = /^(-)?(\d+)(?:\.(\d+))?$/;

export class InvalidAmountError extends Error {
  override name = 'InvalidAmountError';
}

function toBigInt(micro: string | bigint): bigint {
  if (typeof micro === 'bigint') return micro;
  if (!/^-?\d+$/.test(micro)) throw new InvalidAmountError(`not a micro-credit integer: ${JSON.stringify(micro)}`);
  return BigInt(micro);
}

/** Groups the integer part in threes: 1234567 → "1,234,567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Micro-credits as an exact decimal: "25000000" → "25", "1500" → "0.0015", "-1" → "-0.000001".
 * Trailing zeros of the fraction are dropped unless `fixed` asks for all six digits.
 */
export function formatCredits(micro: string | bigint, options: { fixed?: boolean; grouped?: boolean } = {}): string {
  const value = toBigInt(micro);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = (abs / MICRO_PER_CREDIT).toString();
  let fraction = (abs % MICRO_PER_CREDIT).toString().padStart(DECIMALS, '0');
  if (!options.fixed) fraction = fraction.replace(/0+$/, '');
  const integer = options.grouped === false ? whole : groupThousands(whole);
  return `${negative ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}

/**
 * What a person typed, in credits, as micro-credits: "25" → 25000000n, "0.000001" → 1n.
 * Refuses anything that is not a plain decimal with at most six decimals ("1e3", "1.0000001",
 * "1,5", " 2"), so what is posted is exactly what was typed.
 */
export function parseCredits(input: string, options: { allowNegative?: boolean } = {}): bigint {
  const match = CREDITS_INPUT.exec(input);
  if (!match) throw new InvalidAmountError('Enter a plain decimal number of credits, like 25 or 0.5.');
  const [, minus, whole, fraction = ''] = match;
  if (minus && !options.allowNegative) throw new InvalidAmountError('The amount must be positive.');
  if (fraction.length > DECIMALS) throw new InvalidAmountError('Credits have at most 6 decimals (0.000001).');
  const micro = BigInt(whole) * MICRO_PER_CREDIT + BigInt(fraction.padEnd(DECIMALS, '0'));
  return minus ? -micro : micro;
}

/** The same, as a result rather than a throw: for forms that show the problem next to the field. */
export function tryParseCredits(
  input: string,
  options: { allowNegative?: boolean } = {},
): { ok: true; micro: bigint } | { ok: false; message: string } {
  try {
    return { ok: true, micro: parseCredits(input.trim(), options) };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/** Sums micro-credit strings exactly (a chart's totals, a sparkline's range). */
export function sumMicro(values: readonly (string | bigint)[]): bigint {
  return values.reduce<bigint>((total, v) => total + toBigInt(v), 0n);
}

/**
 * A chart needs numbers: credits as a float, for drawing only (axis and bar heights). Every
 * amount shown as text goes through formatCredits.
 */
export function creditsForChart(micro: string | bigint): number {
  const value = toBigInt(micro);
  return Number(value / MICRO_PER_CREDIT) + Number(value % MICRO_PER_CREDIT) / 1e6;
}
