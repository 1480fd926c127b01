// @vitest-environment jsdom
import { describe, it, expect, vi, beforeAll } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import DialogHarness from './DialogHarness.svelte';

// jsdom has <dialog> but not its modal methods; these do what the browser's do to the DOM.
beforeAll(() => {
  const proto = HTMLDialogElement.prototype;
  proto.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function (this: HTMLDialogElement) {
    if (!this.open) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});

async function openDialog() {
  const onclose = vi.fn();
  render(DialogHarness, { onclose });
  const opener = screen.getByRole('button', { name: 'Öppna' });
  await userEvent.click(opener);
  return { onclose, opener, dialog: screen.getByRole('dialog', { name: 'Avsluta sessionen?' }) };
}

describe('Dialog', () => {
  it('opens as a named dialog with focus on its first button', async () => {
    const { dialog } = await openDialog();
    expect(dialog).toHaveAttribute('open');
    expect(screen.getByRole('button', { name: 'Avbryt' })).toHaveFocus();
  });

  it('keeps Tab inside, both ways', async () => {
    await openDialog();
    const first = screen.getByRole('button', { name: 'Avbryt' });
    const last = screen.getByRole('button', { name: 'Avsluta' });
    await userEvent.tab();
    expect(last).toHaveFocus();
    await userEvent.tab();
    expect(first).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(last).toHaveFocus();
  });

  it('closes on Escape and gives focus back to the button that opened it', async () => {
    const { dialog, opener, onclose } = await openDialog();
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    await vi.waitFor(() => expect(screen.getByTestId('state')).toHaveTextContent('closed'));
    expect(dialog).not.toHaveAttribute('open');
    expect(opener).toHaveFocus();
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it('closes when its own action sets open to false', async () => {
    const { dialog } = await openDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Avbryt' }));
    expect(dialog).not.toHaveAttribute('open');
  });
});
