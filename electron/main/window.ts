import { BrowserWindow, dialog, session, shell } from 'electron';
import { APP_ORIGIN, isAppUrl } from './appProtocol.ts';

/** The one permission the renderer needs: writing to the clipboard (copy of nodes). */
const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

/** Applies the session-wide rules once: deny every permission but clipboard writes. */
export function lockDownSession(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === ALLOWED_PERMISSION));
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permission === ALLOWED_PERMISSION);
}

const isWebUrl = (url: string): boolean => {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};

/** The main window: sandboxed, isolated, no Node, showing only app:// content. */
export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Assistant Studio',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });
  const contents = win.webContents;
  win.once('ready-to-show', () => win.show());

  // Links open in the user's browser; nothing opens a new Electron window.
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());

  // The renderer sets beforeunload while there are unsaved changes; Electron then asks us instead of the user.
  contents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Discard changes', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Discard unsaved changes?',
      detail: 'The project has changes that are not saved.',
    });
    if (choice === 0) event.preventDefault();
  });

  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
