// @vitest-environment jsdom
// The department picker: full paths grouped by administration, no archived ones to choose
// (except the one the record already names), and a number or null as its value.
import { describe, it, expect, beforeAll } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { locale } from 'svelte-i18n';
import { loadPageMessages, loadRoutingMessages, setupI18n } from '../../../lib/i18n';
import type { Department } from '../../../lib/api/councilTypes';
import { departmentGroups } from '../../../lib/departments';
import Harness from './DepartmentSelectHarness.svelte';

beforeAll(async () => {
  setupI18n();
  await locale.set('sv');
  await loadPageMessages();
  await loadRoutingMessages(); // the picker's strings come with the council pages'
});

const JARVA = 'Järva stadsdelsförvaltning';
const FRITID = 'Avdelningen för stadsutveckling, medborgarservice och fritid';
function dep(id: number, path: string[], level: Department['level'], archived = false, parent: number | null = null): Department {
  return {
    id,
    name: path[path.length - 1],
    level,
    level_label: level,
    parent_id: parent,
    path: path.join(' › '),
    depth: path.length - 1,
    archived,
  };
}
const TREE: Department[] = [
  dep(1, [JARVA], 'administration'),
  dep(2, [JARVA, FRITID], 'division', false, 1),
  dep(3, [JARVA, FRITID, 'Fritidsgården Husby'], 'unit', false, 2),
  dep(4, [JARVA, FRITID, 'Fritidsgården Kista'], 'unit', true, 2),
  dep(5, ['Utbildningsförvaltningen'], 'administration'),
];

describe('departmentGroups', () => {
  it('groups by administration and leaves archived ones out unless kept', () => {
    const archived = (p: string) => `${p} (arkiverad)`;
    expect(departmentGroups(TREE, null, archived).map((g) => [g.label, g.options.map((o) => o.id)])).toEqual([
      [JARVA, [1, 2, 3]],
      ['Utbildningsförvaltningen', [5]],
    ]);
    const kept = departmentGroups(TREE, 4, archived)[0].options.at(-1);
    expect(kept).toEqual({ id: 4, label: `${JARVA} › ${FRITID} › Fritidsgården Kista (arkiverad)`, archived: true });
  });
});

describe('DepartmentSelect', () => {
  it('is labelled by its field and offers full paths grouped by administration', async () => {
    render(Harness, { departments: TREE });
    const select = screen.getByRole('combobox', { name: 'Ansvarig avdelning' });
    expect(select).toHaveAccessibleDescription('Välj ur listan.');
    const groups = within(select).getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('label'))).toEqual([JARVA, 'Utbildningsförvaltningen']);
    expect(within(groups[0]).getAllByRole('option').map((o) => o.textContent)).toEqual([
      JARVA,
      `${JARVA} › ${FRITID}`,
      `${JARVA} › ${FRITID} › Fritidsgården Husby`,
    ]);

    await userEvent.selectOptions(select, `${JARVA} › ${FRITID} › Fritidsgården Husby`);
    expect(screen.getByTestId('value')).toHaveTextContent('3');
    await userEvent.selectOptions(select, 'Ingen vald');
    expect(screen.getByTestId('value')).toHaveTextContent('none');
  });

  it('keeps the archived department a record already names, marked archived', () => {
    render(Harness, { departments: TREE, start: 4 });
    const select = screen.getByRole('combobox') as HTMLSelectElement;
    expect(select.selectedOptions[0].textContent).toBe(`${JARVA} › ${FRITID} › Fritidsgården Kista (arkiverad)`);
  });
});
