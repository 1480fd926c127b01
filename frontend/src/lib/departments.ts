// The department picker's options: grouped by administration, labelled with the full path.
import type { Department } from './api/councilTypes';

export type DepartmentOption = { id: number; label: string; archived: boolean };
export type DepartmentGroup = { label: string; options: DepartmentOption[] };

/** Groups of options, one per administration (the list comes in tree order). Archived
 *  departments are left out, except ``keep``: the one a record already names. */
export function departmentGroups(
  departments: readonly Department[],
  keep: number | null | undefined,
  archivedLabel: (path: string) => string,
): DepartmentGroup[] {
  const groups: DepartmentGroup[] = [];
  for (const d of departments) {
    if (d.depth === 0 || groups.length === 0) groups.push({ label: d.name, options: [] });
    if (d.archived && d.id !== keep) continue;
    groups[groups.length - 1].options.push({
      id: d.id,
      label: d.archived ? archivedLabel(d.path) : d.path,
      archived: d.archived,
    });
  }
  return groups.filter((g) => g.options.length > 0);
}
