import { readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SetAside } from '../../../shared/ipc/contract.ts';
import { JSON_LIMITS, parseJson } from '../../../shared/json/bounded.ts';

/** Why the settings file cannot be read, or null when it can (or is not there). */
function unreadable(file: string): string | null {
  let text: string;
  try {
    if (statSync(file).size > JSON_LIMITS.maxLength) return `it is larger than ${Math.round(JSON_LIMITS.maxLength / 1024 / 1024)} MB`;
    text = readFileSync(file, 'utf8');
  } catch {
    // Missing (a first start) or not readable at all: the settings library reports that itself.
    return null;
  }
  const read = parseJson(text);
  if (!read.ok) return read.problem === 'limit' ? read.message : 'it is not valid JSON';
  return read.value && typeof read.value === 'object' && !Array.isArray(read.value) ? null : 'it does not hold settings';
}

/**
 * Moves a settings file that cannot be read out of the way, before the settings library opens it:
 * that library would empty it without a word (and refuses to start on some damage). The file stays
 * beside, renamed, and the app starts with default settings and says so.
 */
export function setAsideUnreadableSettings(file: string): SetAside | null {
  const reason = unreadable(file);
  if (reason === null) return null;
  const keptAt = path.join(path.dirname(file), `${path.basename(file, '.json')}.unreadable-${Date.now()}.json`);
  renameSync(file, keptAt);
  return { kind: 'settingsFile', name: file, reason, keptAt };
}
