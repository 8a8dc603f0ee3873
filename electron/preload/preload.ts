import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { fail, type Result } from '../../shared/errors.ts';
import { isChannel } from '../../shared/ipc/contract.ts';
import { EVENT_CHANNEL } from '../../shared/ipc/events.ts';
import type { StudioBridge } from '../../shared/ipc/bridge.ts';

/**
 * The window's whole view of the app: two functions over the typed contract. No ipcRenderer, no Node;
 * unknown channels are refused here as well as in the main process.
 */
const bridge: StudioBridge = {
  async invoke(channel, request) {
    if (typeof channel !== 'string' || !isChannel(channel)) return fail('E_UNKNOWN_CHANNEL', `There is no channel "${String(channel).slice(0, 80)}".`);
    try {
      return (await ipcRenderer.invoke(channel, request)) as Result<unknown>;
    } catch {
      return fail('E_INTERNAL', 'The request could not reach the main process.');
    }
  },
  onEvent(listener) {
    // The IPC event object is dropped: it would hand the page a reference to ipcRenderer (event.sender).
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('studio', bridge);
