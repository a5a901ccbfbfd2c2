import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Team } from '../api/types';
import { CreditDialog, type CreditKind } from './credit-dialog';

const team: Team = { id: '6f1c2a4e-0000-4000-8000-000000000001', name: 'Acme', status: 'active', createdAt: '' };
const entry = { id: '7', kind: 'grant', amountMicro: '25000000', balanceAfterMicro: '25000000' };

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function openDialog(kind: CreditKind) {
  const onPosted = vi.fn();
  render(<CreditDialog team={team} kind={kind} onClose={() => {}} onPosted={onPosted} />);
  return { onPosted, user: userEvent.setup() };
}

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe('CreditDialog', () => {
  it('confirms the grant as an exact decimal and posts it once, however often Confirm is clicked', async () => {
    let release: (res: Response) => void = () => {};
    fetchMock.mockReturnValue(new Promise<Response>((resolve) => (release = resolve)));
    const { user, onPosted } = openDialog('grant');

    await user.type(screen.getByLabelText('Amount in credits'), '25');
    expect(screen.getByText('= 25.000000 credits')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Review' }));
    expect(screen.getByTestId('credit-confirmation').textContent).toBe(
      'Grant 25.000000 credits (25000000 micro-credits) to Acme.',
    );
    const confirm = screen.getByRole('button', { name: 'Confirm grant' });
    await user.dblClick(confirm);
    await user.click(confirm);
    release(answer(201, { entry }));

    expect(await screen.findByRole('status')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`/admin/v1/teams/${team.id}/credits/grants`);
    expect(JSON.parse(init.body as string)).toEqual({ amountMicro: '25000000' });
    expect((init.headers as Record<string, string>)['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(onPosted).toHaveBeenCalledWith(entry);
  });

  it('sends the same Idempotency-Key again when the operator retries after an error', async () => {
    fetchMock
      .mockResolvedValueOnce(
        answer(503, { error: { message: 'Billing is busy.', code: 'unavailable' } }, { 'x-request-id': 'req-1' }),
      )
      .mockResolvedValueOnce(answer(201, { entry }));
    const { user } = openDialog('grant');
    await user.type(screen.getByLabelText('Amount in credits'), '0.000001');
    await user.click(screen.getByRole('button', { name: 'Review' }));
    await user.click(screen.getByRole('button', { name: 'Confirm grant' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Error 503: Billing is busy.');
    expect(alert.textContent).toContain('Request id: req-1');
    await user.click(screen.getByRole('button', { name: 'Confirm grant' }));
    await screen.findByText(/Posted entry #7/);

    const keys = fetchMock.mock.calls.map(
      ([, init]) => (init as RequestInit & { headers: Record<string, string> }).headers['idempotency-key'],
    );
    expect(keys[0]).toBe(keys[1]);
    expect(JSON.parse((fetchMock.mock.calls[0][1] as RequestInit).body as string)).toEqual({ amountMicro: '1' });
  });

  it.each([
    ['1e3', 'Enter a plain decimal number of credits, like 25 or 0.5.'],
    ['0.0000001', 'Credits have at most 6 decimals (0.000001).'],
    ['-5', 'The amount must be positive.'],
  ])('refuses a grant of %j and says why', async (typed, message) => {
    const { user } = openDialog('grant');
    await user.type(screen.getByLabelText('Amount in credits'), typed);
    expect(screen.getByText(message)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Review' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('takes a negative adjustment only with the memo the API asks for', async () => {
    fetchMock.mockResolvedValue(answer(201, { entry: { ...entry, kind: 'adjustment', amountMicro: '-2500000' } }));
    const { user } = openDialog('adjustment');
    await user.type(screen.getByLabelText(/Amount in credits/), '-2.5');
    const review = screen.getByRole('button', { name: 'Review' }) as HTMLButtonElement;
    expect(review.disabled).toBe(true);
    await user.type(screen.getByLabelText('Memo (required)'), 'duplicate grant');
    await user.click(review);
    expect(screen.getByTestId('credit-confirmation').textContent).toContain('Adjust by -2.500000 credits');
    await user.click(screen.getByRole('button', { name: 'Confirm adjustment' }));
    await screen.findByText(/Posted entry/);
    expect(JSON.parse((fetchMock.mock.calls[0][1] as RequestInit).body as string)).toEqual({
      amountMicro: '-2500000',
      memo: 'duplicate grant',
    });
  });
});
