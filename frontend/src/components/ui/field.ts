// What a Field tells the control inside it: its id and the ids of its hint and error.
import { getContext, setContext } from 'svelte';

export interface FieldContext {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
  readonly required: boolean;
}

const KEY = Symbol('field');

export function provideField(field: FieldContext): void {
  setContext(KEY, field);
}

export function useField(): FieldContext | undefined {
  return getContext<FieldContext | undefined>(KEY);
}

/** aria attributes for a control, from its own props or else from the Field around it. */
export function controlAria(
  field: FieldContext | undefined,
  own: { id?: string; invalid?: boolean; describedBy?: string },
): { id: string | undefined; 'aria-describedby': string | undefined; 'aria-invalid': 'true' | undefined; required: boolean | undefined } {
  return {
    id: own.id ?? field?.id,
    'aria-describedby': own.describedBy ?? field?.describedBy,
    'aria-invalid': (own.invalid ?? field?.invalid) ? 'true' : undefined,
    required: field?.required || undefined,
  };
}
