import { AppFailure } from '../../../shared/errors.ts';
import type { Dialogs } from '../workspace/dialogs.ts';
import type { HandlerContext } from './types.ts';

/** The native dialogs, or the error that sends the browser to its in-app picker. */
export function requireDialogs(ctx: HandlerContext): Dialogs {
  if (!ctx.dialogs) throw new AppFailure('E_UNSUPPORTED', 'Native file dialogs are not available in the browser; use the in-app file picker.');
  return ctx.dialogs;
}
