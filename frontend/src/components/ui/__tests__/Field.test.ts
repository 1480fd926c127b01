// @vitest-environment jsdom
import { describe, it, expect } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import FieldHarness from './FieldHarness.svelte';

describe('Field', () => {
  for (const [control, role] of [
    ['input', 'textbox'],
    ['textarea', 'textbox'],
    ['select', 'combobox'],
  ] as const) {
    it(`labels a ${control} and describes it with its hint and error`, () => {
      render(FieldHarness, { control, hint: 'Skriv kort.', error: 'Skriv en fråga.' });
      const box = screen.getByRole(role, { name: 'Fråga' });
      expect(box).toHaveAccessibleDescription('Skriv kort. Skriv en fråga.');
      expect(box).toHaveAttribute('aria-invalid', 'true');
    });
  }

  it('is valid and undescribed without hint or error', () => {
    render(FieldHarness, {});
    const box = screen.getByRole('textbox', { name: 'Fråga' });
    expect(box).not.toHaveAttribute('aria-invalid');
    expect(box).not.toHaveAttribute('aria-describedby');
  });

  it('marks required fields for assistive technology, the star only for the eye', () => {
    render(FieldHarness, { required: true });
    expect(screen.getByRole('textbox', { name: 'Fråga' })).toBeRequired();
  });

  it('gives two fields two different ids', () => {
    render(FieldHarness, {});
    render(FieldHarness, {});
    const [a, b] = screen.getAllByRole('textbox', { name: 'Fråga' });
    expect(a.id).not.toEqual(b.id);
  });

  it('binds the value both ways', async () => {
    render(FieldHarness, {});
    const box = screen.getByRole('textbox', { name: 'Fråga' });
    expect(box).toHaveValue('Hej');
    await userEvent.type(box, ' då');
    expect(screen.getByTestId('value')).toHaveTextContent('Hej då|b');
  });

  it('binds a select', async () => {
    render(FieldHarness, { control: 'select' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Fråga' }), 'a');
    expect(screen.getByTestId('value')).toHaveTextContent('Hej|a');
  });
});
