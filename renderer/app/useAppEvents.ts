import { useEffect } from 'react';
import { onAppEvent } from '../api/index.ts';
import { useApiAssistantsStore } from '../runs/apiAssistants.ts';
import { useServeStore } from '../stores/serveStore.ts';
import { useSettingsStore } from '../stores/settingsStore.ts';
import { openPath } from './fileActions.ts';
import type { Command } from './useCommands.ts';

/** Menu commands and other pushes from the app. */
export function useAppEvents(run: (command: Command) => void): void {
  useEffect(
    () =>
      onAppEvent((event) => {
        switch (event.type) {
          case 'menu.commandInvoked':
            run(event.command);
            break;
          case 'menu.recentChosen':
            void openPath(event.path);
            break;
          case 'settings.changed':
            useSettingsStore
              .getState()
              .load()
              .catch(() => undefined);
            break;
          case 'serve.statusChanged':
            useServeStore.getState().statusChanged(event.status);
            break;
          case 'assistants.changed':
            useApiAssistantsStore.getState().changed();
            break;
        }
      }),
    [run],
  );
}
