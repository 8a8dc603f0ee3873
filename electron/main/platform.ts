import path from 'node:path';
import { app, dialog, safeStorage, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { PROJECT_EXTENSION } from '../../shared/graph/project.ts';
import type { Dialogs } from '../backend/workspace/dialogs.ts';
import type { Log } from '../backend/workspace/log.ts';
import { createFileCipher, type SecretCipher } from '../backend/workspace/secrets.ts';
import type { AppSettings, SettingsStore } from '../backend/workspace/settings.ts';
import { setAsideUnreadableSettings } from '../backend/workspace/settingsFile.ts';
import { tightenFile } from '../engine/index.ts';
import type { SetAside } from '../../shared/ipc/contract.ts';

/** Settings in `<userData>/settings.json` through electron-store; a file that cannot be read is set aside, as on the web host. */
export function electronSettingsStore(dataDir: string): SettingsStore & { setAside: SetAside[] } {
  const file = path.join(dataDir, 'settings.json');
  const aside = setAsideUnreadableSettings(file);
  tightenFile(file);
  const store = new Store<AppSettings>({ name: 'settings', cwd: dataDir, clearInvalidConfig: true, configFileMode: 0o600 });
  return {
    get: () => store.store,
    set: (next) => {
      store.store = next;
    },
    setAside: aside ? [aside] : [],
  };
}

/**
 * The OS keychain through safeStorage. Linux without a keyring reports the 'basic_text' backend, which
 * only obfuscates, so there (and wherever encryption is unavailable) keys go to the encrypted file.
 */
export async function keychainCipher(dataDir: string, log: Log): Promise<SecretCipher> {
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (safeStorage.isEncryptionAvailable() && !weak) {
    return {
      kind: 'keychain',
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (data) => safeStorage.decryptString(data),
    };
  }
  log.warn('the OS keychain is not available; API keys are stored in an encrypted file in the data directory instead');
  return createFileCipher(dataDir);
}

/** Makes a chosen save path end in .assistant.json, whatever the user typed. */
function withProjectSuffix(file: string): string {
  if (file.endsWith(PROJECT_EXTENSION)) return file;
  return `${file.endsWith('.json') ? file.slice(0, -'.json'.length) : file}${PROJECT_EXTENSION}`;
}

// macOS dialogs match only the last extension, so there the filter is .json and the name is fixed after.
const FILTERS = [{ name: 'Assistant Studio projects', extensions: [process.platform === 'darwin' ? 'json' : PROJECT_EXTENSION.slice(1)] }];

/** Native open/save dialogs, attached to the window. */
export function nativeDialogs(window: () => BrowserWindow | null): Dialogs {
  return {
    async openProject() {
      const options: Electron.OpenDialogOptions = { title: 'Open project', properties: ['openFile'], filters: FILTERS, defaultPath: app.getPath('documents') };
      const win = window();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveProject(suggestedName) {
      const options: Electron.SaveDialogOptions = {
        title: 'Save project',
        filters: FILTERS,
        // The name comes from the renderer; separators would point the dialog at another folder.
        defaultPath: path.join(app.getPath('documents'), `${suggestedName.replace(/[\\/:]/g, '-') || 'Untitled'}${PROJECT_EXTENSION}`),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = window();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : withProjectSuffix(result.filePath);
    },
    async saveFile(suggestedName) {
      const options: Electron.SaveDialogOptions = {
        title: 'Save file',
        // As above: a name from the renderer must not choose the folder.
        defaultPath: path.join(app.getPath('downloads'), suggestedName.replace(/[\\/:]/g, '-') || 'file'),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = window();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseFolder() {
      const options: Electron.OpenDialogOptions = {
        title: 'Choose a folder',
        properties: ['openDirectory', 'createDirectory'],
        defaultPath: app.getPath('documents'),
      };
      const win = window();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
