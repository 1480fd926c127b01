// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import Notice from '../Notice.svelte';

const text = (t: string) => createRawSnippet(() => ({ render: () => `<span>${t}</span>` }));

describe('Notice', () => {
  it('is announced as an alert only when asked to', () => {
    render(Notice, { kind: 'error', alert: true, children: text('Kunde inte spara') });
    expect(screen.getByRole('alert')).toHaveTextContent('Kunde inte spara');
  });

  it('is plain text otherwise', () => {
    render(Notice, { children: text('Sparat') });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('Sparat')).toBeInTheDocument();
  });
});
