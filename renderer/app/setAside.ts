import type { SetAside } from '../../shared/ipc/contract.ts';

/** A reason as a sentence of its own: "it is not valid JSON" → "It is not valid JSON." */
const sentence = (reason: string): string => `${reason.charAt(0).toUpperCase()}${reason.slice(1).replace(/\.$/, '')}.`;

/** What the window says about something the app left out at start so that it could start. */
export function setAsideNotice(item: SetAside): string {
  const kept = item.keptAt ? ` It is kept at ${item.keptAt}.` : '';
  switch (item.kind) {
    case 'recentProject':
      return `The last project ${item.name} was not reopened and is off the recent list. ${sentence(item.reason)}`;
    case 'draft':
      return `A draft could not be read and is no longer offered. ${sentence(item.reason)}${kept}`;
    case 'settingsFile':
      return `The settings could not be read and are back to their defaults. ${sentence(item.reason)}${kept}`;
    case 'setting':
      return `The setting "${item.name}" could not be read and is back to its default. ${sentence(item.reason)}`;
  }
}
