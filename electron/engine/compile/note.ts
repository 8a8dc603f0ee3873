import type { CompileStep } from './types.ts';

/** Notes are for the people reading the canvas; nothing of them reaches the model. */
export const compileNote: CompileStep<'note'> = () => null;
