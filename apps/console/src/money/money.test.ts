import { describe, expect, it } from 'vitest';
import { creditsForChart, formatCredits, InvalidAmountError, parseCredits, sumMicro, tryParseCredits } from './money';

describe('formatCredits', () => {
  it.each([
    ['25000000', '25'],
    ['0', '0'],
    ['1', '0.000001'],
    ['1500', '0.0015'],
    ['-1', '-0.000001'],
    ['-25000000', '-25'],
    ['1234567890123', '1,234,567.890123'],
    // 2^63 - 1: far past what a float holds exactly.
    ['9223372036854775807', '9,223,372,036,854.775807'],
    ['-9223372036854775808', '-9,223,372,036,854.775808'],
  ])('shows %s micro-credits as %s credits', (micro, credits) => {
    expect(formatCredits(micro)).toBe(credits);
  });

  it('keeps all six decimals when asked, and can leave the thousands ungrouped', () => {
    expect(formatCredits('25000000', { fixed: true })).toBe('25.000000');
    expect(formatCredits(1234000000n, { grouped: false })).toBe('1234');
  });

  it.each(['1.5', '1e3', '', 'abc', '12 '])('refuses %j, which is not a micro-credit integer', (micro) => {
    expect(() => formatCredits(micro)).toThrow(InvalidAmountError);
  });
});

describe('parseCredits', () => {
  it.each([
    ['25', 25_000_000n],
    ['0.000001', 1n],
    ['0', 0n],
    ['0.5', 500_000n],
    ['007.10', 7_100_000n],
    ['9223372036854.775807', 9_223_372_036_854_775_807n],
  ])('reads %j as %s micro-credits', (input, micro) => {
    expect(parseCredits(input)).toBe(micro);
  });

  it('reads a negative amount only where the form allows one (adjustments)', () => {
    expect(parseCredits('-2.5', { allowNegative: true })).toBe(-2_500_000n);
    expect(() => parseCredits('-2.5')).toThrow('The amount must be positive.');
  });

  it.each(['1e3', '1E3', '0x10', '1,5', '1.', '.5', '+1', 'Infinity', 'NaN', ''])('refuses %j', (input) => {
    expect(() => parseCredits(input)).toThrow(InvalidAmountError);
  });

  it('refuses a seventh decimal rather than rounding it away', () => {
    expect(() => parseCredits('0.0000001')).toThrow('at most 6 decimals');
    expect(() => parseCredits('1.1234567')).toThrow('at most 6 decimals');
  });

  it('round-trips with formatCredits', () => {
    for (const input of ['25', '0.000001', '1234567.891011', '-3.5'])
      expect(formatCredits(parseCredits(input, { allowNegative: true }), { grouped: false })).toBe(input);
  });
});

describe('tryParseCredits', () => {
  it('answers the problem as a message, for the form to show', () => {
    expect(tryParseCredits(' 25 ')).toEqual({ ok: true, micro: 25_000_000n });
    expect(tryParseCredits('1e3')).toEqual({
      ok: false,
      message: 'Enter a plain decimal number of credits, like 25 or 0.5.',
    });
  });
});

describe('sumMicro and creditsForChart', () => {
  it('sums exactly where floats would not', () => {
    expect(sumMicro(['100000', '200000'])).toBe(300_000n);
    expect(sumMicro(['9007199254740993', '1'])).toBe(9_007_199_254_740_994n);
    expect(sumMicro([])).toBe(0n);
  });

  it('gives a chart a number of credits', () => {
    expect(creditsForChart('25000000')).toBe(25);
    expect(creditsForChart('1500')).toBeCloseTo(0.0015);
    expect(creditsForChart(-2_500_000n)).toBe(-2.5);
  });
});
