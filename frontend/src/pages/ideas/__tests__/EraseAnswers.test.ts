// @vitest-environment jsdom
// "Radera mina svar" on /mina-svar: says what goes and what stays, asks to confirm (with
// the personal code when the phone has one), and says when it is done.
import { describe, it, expect, vi, beforeAll, beforeEach } from 'vitest';

const fetchMock = vi.hoisted(() => {
  const f = vi.fn();
  globalThis.fetch = f as unknown as typeof fetch;
  return f;
});

import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { locale } from 'svelte-i18n';
import { loadPageMessages, setupI18n } from '../../../lib/i18n';
import { storeCode, storedCode } from '../../../lib/personalCode';
import EraseAnswers from '../EraseAnswers.svelte';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const erased: unknown[] = [];

function serve({ hasCode, refuse = false }: { hasCode: boolean; refuse?: boolean }) {
  fetchMock.mockImplementation(async (req: Request) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/participants/me/code') {
      return json({ has_code: hasCode, created_at: null, expires_at: null });
    }
    if (path === '/api/participants/me/erase') {
      erased.push(JSON.parse(await req.text()));
      if (refuse) {
        return json(
          { code: 'personal_code_wrong', message: 'Koden fungerar inte.', fields: { code: ['Koden fungerar inte.'] } },
          400,
        );
      }
      return json({ erased: { ideas_deleted: 1 } });
    }
    return json({}, 404);
  });
}

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
  await loadPageMessages();
});

beforeEach(() => {
  erased.length = 0;
  storeCode(null);
});

describe('EraseAnswers', () => {
  it('explains what goes and what stays, confirms, and erases a phone without a code', async () => {
    serve({ hasCode: false });
    const onerased = vi.fn();
    render(EraseAnswers, { onerased });

    expect(screen.getByRole('heading', { name: 'Radera mina svar' })).toBeInTheDocument();
    expect(screen.getByText('Det här finns kvar, utan koppling till dig')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Radera mina svar …' }));
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Ja, radera allt' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Klart.');
    expect(erased).toEqual([{ code: '' }]);
    expect(onerased).toHaveBeenCalledOnce();
  });

  it('asks a phone with a code for it and shows a refusal without erasing', async () => {
    serve({ hasCode: true, refuse: true });
    storeCode('ABCD-EFGH-JK');
    const onerased = vi.fn();
    render(EraseAnswers, { onerased });

    await userEvent.click(screen.getByRole('button', { name: 'Radera mina svar …' }));
    const field = await screen.findByRole('textbox', { name: 'Skriv din personliga kod för att bekräfta' });
    expect(field).toHaveValue('ABCD-EFGH-JK');
    await userEvent.click(screen.getByRole('button', { name: 'Ja, radera allt' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Koden fungerar inte.');
    expect(erased).toEqual([{ code: 'ABCD-EFGH-JK' }]);
    expect(onerased).not.toHaveBeenCalled();
    expect(storedCode()).toBe('ABCD-EFGH-JK');
  });

  it('can be cancelled', async () => {
    serve({ hasCode: false });
    render(EraseAnswers);

    await userEvent.click(screen.getByRole('button', { name: 'Radera mina svar …' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Avbryt' }));

    expect(screen.getByRole('button', { name: 'Radera mina svar …' })).toBeInTheDocument();
    expect(erased).toEqual([]);
  });
});
