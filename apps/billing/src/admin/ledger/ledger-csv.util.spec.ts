import { csvText, ledgerCsvRow } from './ledger-csv.util';

describe('ledger CSV', () => {
  it.each([
    [null, ''],
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-2+3', "'-2+3"],
  ])('writes %p as %p', (value, expected) => {
    expect(csvText(value)).toBe(expected);
  });

  it('writes amounts as exact integers and empty cells for missing values', () => {
    const row = ledgerCsvRow({
      id: 12n,
      teamId: 't',
      kind: 'usage',
      amountMicro: -9_007_199_254_740_993n,
      balanceAfterMicro: 5n,
      requestId: 'req_1',
      refundsRequestId: null,
      apiKeyId: null,
      actor: 'system:billing',
      memo: null,
      createdAt: new Date('2025-01-02T03:04:05.000Z'),
    });
    expect(row).toBe('12,2025-01-02T03:04:05.000Z,usage,-9007199254740993,5,req_1,,,system:billing,\n');
  });
});
