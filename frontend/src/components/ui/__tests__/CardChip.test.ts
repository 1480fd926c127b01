// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import Card from '../Card.svelte';
import Chip from '../Chip.svelte';

const html = (h: string) => createRawSnippet(() => ({ render: () => h }));

describe('Card', () => {
  it('titles its content with a heading of the asked level', () => {
    render(Card, { title: 'Nästa steg', level: 3, children: html('<p>Gör så här</p>') });
    expect(screen.getByRole('heading', { level: 3, name: 'Nästa steg' })).toBeInTheDocument();
    expect(screen.getByText('Gör så här')).toBeInTheDocument();
  });

  it('can be a list item and carry actions', () => {
    const { container } = render(Card, {
      element: 'li',
      tone: 'accent',
      children: html('<p>Text</p>'),
      actions: html('<button>Öppna</button>'),
    });
    const li = container.querySelector('li');
    expect(li).toHaveClass('ui-card', 'accent');
    expect(screen.getByRole('button', { name: 'Öppna' })).toBeInTheDocument();
  });

  it('has no heading without a title', () => {
    render(Card, { children: html('<p>Bara text</p>') });
    expect(screen.queryByRole('heading')).not.toBeInTheDocument();
  });
});

describe('Chip', () => {
  it('says its state in words, with the tone as a class', () => {
    render(Chip, { tone: 'warning', children: html('<span>Väntar</span>') });
    expect(screen.getByText('Väntar').parentElement).toHaveClass('ui-chip', 'warning');
  });

  it('adds a hidden pulsing dot only when live', () => {
    const { container } = render(Chip, { tone: 'live', children: html('<span>Live</span>') });
    expect(container.querySelector('.dot')).toHaveAttribute('aria-hidden', 'true');
    const other = render(Chip, { tone: 'success', children: html('<span>Öppen</span>') });
    expect(other.container.querySelector('.dot')).toBeNull();
  });
});
