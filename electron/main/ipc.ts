import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fail } from '../../shared/errors.ts';
import { CHANNELS } from '../../shared/ipc/contract.ts';
import type { Backend } from '../backend/backend.ts';
import { isAppUrl } from './appProtocol.ts';

/**
 * Only the top frame of our own window, showing our own app:// content, may call the backend; any other
 * frame (an injected iframe, a navigated-away page) is refused before its payload is even parsed.
 */
function isTrustedSender(event: IpcMainInvokeEvent, contents: WebContents | null): boolean {
  const frame = event.senderFrame;
  return contents !== null && event.sender === contents && frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** Serves every channel of the contract over ipcMain.handle; returns a function that unbinds them. */
export function bindIpc(backend: Backend, contents: () => WebContents | null, afterHandled: (channel: string) => void): () => void {
  const channels = Object.keys(CHANNELS);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      if (!isTrustedSender(event, contents())) return fail('E_FORBIDDEN_ORIGIN', 'This frame may not call Assistant Studio.');
      const result = await backend.handle(channel, request);
      afterHandled(channel);
      return result;
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
