import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { RecentEntry } from '../../shared/ipc/contract.ts';
import type { AppEvent, MenuCommand } from '../../shared/ipc/events.ts';

export interface MenuOptions {
  recent: RecentEntry[];
  development: boolean;
  emit(event: AppEvent): void;
}

/**
 * The application menu. Commands that act on the graph (undo, zoom, layout, ...) are sent to the window
 * as events, because the renderer owns that state; text editing stays with Chromium's roles.
 */
export function buildMenu({ recent, development, emit }: MenuOptions): Menu {
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => emit({ type: 'menu.commandInvoked', command: name }),
  });
  const mac = process.platform === 'darwin';
  const existing = recent.filter((r) => r.exists);
  const openRecent: MenuItemConstructorOptions[] =
    existing.length === 0
      ? [{ label: 'No recent projects', enabled: false }]
      : existing.map((r) => ({ label: r.name, sublabel: r.path, click: () => emit({ type: 'menu.recentChosen', path: r.path }) }));

  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        command('New', 'file.new', 'CmdOrCtrl+N'),
        command('Open…', 'file.open', 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: openRecent },
        { type: 'separator' },
        command('Save', 'file.save', 'CmdOrCtrl+S'),
        command('Save As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
      ],
    },
    {
      label: 'Edit',
      submenu: [
        command('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
        command('Redo', 'edit.redo', 'CmdOrCtrl+Shift+Z'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        command('Fit View', 'view.fitView', 'CmdOrCtrl+0'),
        command('Zoom In', 'view.zoomIn', 'CmdOrCtrl+='),
        command('Zoom Out', 'view.zoomOut', 'CmdOrCtrl+-'),
        command('Auto-layout', 'view.autoLayout', 'CmdOrCtrl+Shift+L'),
        { type: 'separator' },
        command('Toggle Theme', 'view.toggleTheme'),
        command('Settings', 'view.settings', 'CmdOrCtrl+,'),
        ...(development ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
