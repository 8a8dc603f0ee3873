import path from 'node:path';
import { app, type BrowserWindow, Menu } from 'electron';
import { setProjectFreezing } from '../../shared/graph/freeze.ts';
import { EVENT_CHANNEL } from '../../shared/ipc/events.ts';
import type { RecentEntry } from '../../shared/ipc/contract.ts';
import { createBackend, type Backend } from '../backend/backend.ts';
import { consoleLog } from '../backend/workspace/log.ts';
import { registerAppScheme, serveAppProtocol } from './appProtocol.ts';
import { bindIpc } from './ipc.ts';
import { buildMenu } from './menu.ts';
import { electronSettingsStore, keychainCipher, nativeDialogs } from './platform.ts';
import { createMainWindow, lockDownSession } from './window.ts';

const log = consoleLog('studio');
let mainWindow: BrowserWindow | null = null;

// Tests and portable setups point the app at a fresh data directory.
if (process.env.ASSISTANT_STUDIO_DATA_DIR) app.setPath('userData', path.resolve(process.env.ASSISTANT_STUDIO_DATA_DIR));
// Every renderer is sandboxed, including any the app never meant to create.
app.enableSandbox();
registerAppScheme();
// Projects are frozen to catch code that edits one in place; the packaged app skips the cost.
setProjectFreezing(!app.isPackaged);

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function refreshMenu(backend: Backend): Promise<void> {
  const result = await backend.handle('app:project/recent', {});
  const recent = result.ok ? (result.value as { entries: RecentEntry[] }).entries : [];
  Menu.setApplicationMenu(buildMenu({ recent, development: !app.isPackaged, emit: (event) => backend.emit(event) }));
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const root = app.getAppPath();
  lockDownSession();
  serveAppProtocol(path.join(root, 'dist', 'renderer'));

  const settings = electronSettingsStore(dataDir);
  const backend = createBackend({
    dataDir,
    settings,
    setAside: settings.setAside,
    cipher: await keychainCipher(dataDir, log),
    dialogs: nativeDialogs(() => mainWindow),
    host: 'electron',
    env: process.env,
    log,
    version: app.getVersion(),
  });
  // Run events stream to the window as they happen; a window being torn down just misses them.
  backend.onEvent((event) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event);
  });
  // The recent list changes when a project is opened or saved; the menu follows.
  bindIpc(
    backend,
    () => mainWindow?.webContents ?? null,
    (channel) => {
      if (channel.startsWith('app:project/')) void refreshMenu(backend);
    },
  );
  await refreshMenu(backend);

  const openWindow = (): void => {
    mainWindow = createMainWindow(path.join(root, 'dist', 'electron', 'preload.cjs'));
    mainWindow.webContents.on('render-process-gone', (_event, details) => log.warn(`the window's renderer stopped (${details.reason})`));
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow();
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quitting waits for the backend: active runs are recorded as cancelled and the run database is closed cleanly.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    backend
      .close()
      .catch((error: unknown) => log.error('could not close cleanly', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  start().catch((error: unknown) => {
    log.error('could not start', error);
    app.exit(1);
  });
}
