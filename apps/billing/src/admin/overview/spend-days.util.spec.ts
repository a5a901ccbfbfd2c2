import { spendSeries, spendWindow } from './spend-days.util';

describe(spendWindow.name, () => {
  it('covers today and the 29 days before it, in UTC, oldest first (across a month and a leap day)', () => {
    const { since, days } = spendWindow(new Date('2028-03-15T23:59:59.999Z'));
    expect(days).toHaveLength(30);
    expect([days[0], days[13], days[14], days[29]]).toEqual(['2028-02-15', '2028-02-28', '2028-02-29', '2028-03-15']);
    expect(since.toISOString()).toBe('2028-02-15T00:00:00.000Z');
  });
});

describe(spendSeries.name, () => {
  it('zero-fills the days without spend', () => {
    expect(spendSeries(['2026-01-01', '2026-01-02', '2026-01-03'], new Map([['2026-01-02', 5n]]))).toEqual([
      0n,
      5n,
      0n,
    ]);
  });
});
