import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import { SignInPage } from './sign-in-page';

describe('SignInPage', () => {
  it('hands over the pasted token, trimmed, once, and stays busy while billing answers', async () => {
    const onSignIn = vi.fn(() => new Promise<void>(() => {}));
    const user = userEvent.setup();
    render(<SignInPage onSignIn={onSignIn} />);
    const button = screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await user.type(screen.getByLabelText('Admin token'), '  sy_admin_abc  ');
    await user.dblClick(button);
    expect(onSignIn).toHaveBeenCalledTimes(1);
    expect(onSignIn).toHaveBeenCalledWith('sy_admin_abc');
    expect(screen.getByRole('button', { name: 'Signing in…' })).toBeTruthy();
  });

  it('shows a refused token with the message and the request id to quote', async () => {
    const refused = new ApiError(401, 'Invalid admin token.', 'invalid_api_key', 'req-42');
    const user = userEvent.setup();
    render(<SignInPage onSignIn={() => Promise.reject(refused)} notice="Your session has ended. Sign in again." />);
    expect(screen.getByRole('status').textContent).toBe('Your session has ended. Sign in again.');
    await user.type(screen.getByLabelText('Admin token'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Error 401: Invalid admin token.Request id: req-42');
    expect((screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
