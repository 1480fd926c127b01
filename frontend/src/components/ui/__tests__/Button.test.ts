// @vitest-environment jsdom
import { describe, it, expect, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { createRawSnippet } from 'svelte';
import Button from '../Button.svelte';

const text = (t: string) => createRawSnippet(() => ({ render: () => `<span>${t}</span>` }));

describe('Button', () => {
  it('is a plain button of the chosen variant and size, not a form submit by default', () => {
    render(Button, { variant: 'primary', size: 'big', children: text('Skicka') });
    const button = screen.getByRole('button', { name: 'Skicka' });
    expect(button).toHaveAttribute('type', 'button');
    expect(button).toHaveClass('button', 'primary', 'big');
  });

  it('secondary and medium add no classes', () => {
    render(Button, { children: text('Visa') });
    expect(screen.getByRole('button').className.trim().split(/\s+/)).toEqual(['button']);
  });

  it('calls onclick, but not while busy, and says it is busy', async () => {
    const onclick = vi.fn();
    const { rerender } = render(Button, { onclick, children: text('Spara') });
    await userEvent.click(screen.getByRole('button'));
    expect(onclick).toHaveBeenCalledTimes(1);
    await rerender({ onclick, busy: true, children: text('Spara') });
    await userEvent.click(screen.getByRole('button'));
    expect(onclick).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button')).toHaveAttribute('aria-busy', 'true');
  });

  it('is disabled when asked', () => {
    render(Button, { disabled: true, children: text('Nej') });
    expect(screen.getByRole('button')).toBeDisabled();
  });

  it('renders a link when given href', () => {
    render(Button, { href: '/staff', variant: 'primary', children: text('Logga in') });
    const link = screen.getByRole('link', { name: 'Logga in' });
    expect(link).toHaveAttribute('href', '/staff');
    expect(link).toHaveClass('button', 'primary');
  });
});
