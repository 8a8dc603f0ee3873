import type { EditorField } from '../../../shared/kinds/index.ts';
import type { Problem } from '../../../shared/validation/index.ts';

export type AnyField = EditorField<Record<string, unknown>>;
export type FieldOf<T extends AnyField['type']> = Extract<AnyField, { type: T }>;

/** What every field control receives; `onChange` stores the new value through the project store. */
export interface ControlProps<F extends AnyField> {
  field: F;
  value: unknown;
  nodeId: string;
  /** Id for the control's main input, so the field label names it. */
  inputId: string;
  /** Id of the help text, for aria-describedby. */
  helpId: string | undefined;
  problems: readonly Problem[];
  /** `typing` merges consecutive keystrokes into one undo step. */
  onChange: (value: unknown, typing: boolean) => void;
}

export const asString = (value: unknown): string => (typeof value === 'string' ? value : '');
export const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
export const asRecord = (value: unknown): Record<string, string> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
    : {};
