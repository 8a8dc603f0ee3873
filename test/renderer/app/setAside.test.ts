import { describe, expect, it } from 'vitest';
import { setAsideNotice } from '../../../renderer/app/setAside.ts';

describe('setAsideNotice', () => {
  it('says what was left out at start, why, and where it is kept', () => {
    expect(
      setAsideNotice({
        kind: 'recentProject',
        name: '/p/deep.assistant.json',
        reason: 'The file cannot be opened: it nests arrays and objects more than 100 levels deep.',
        keptAt: null,
      }),
    ).toBe(
      'The last project /p/deep.assistant.json was not reopened and is off the recent list. The file cannot be opened: it nests arrays and objects more than 100 levels deep.',
    );
    expect(setAsideNotice({ kind: 'draft', name: '/d/drafts/torn.json', reason: 'it is not valid JSON', keptAt: '/d/drafts/set-aside/1-torn.json' })).toBe(
      'A draft could not be read and is no longer offered. It is not valid JSON. It is kept at /d/drafts/set-aside/1-torn.json.',
    );
    expect(setAsideNotice({ kind: 'settingsFile', name: '/d/config.json', reason: 'it is not valid JSON', keptAt: '/d/config.unreadable-1.json' })).toBe(
      'The settings could not be read and are back to their defaults. It is not valid JSON. It is kept at /d/config.unreadable-1.json.',
    );
    expect(setAsideNotice({ kind: 'setting', name: 'theme', reason: 'its stored value is not one this version reads', keptAt: null })).toBe(
      'The setting "theme" could not be read and is back to its default. Its stored value is not one this version reads.',
    );
  });
});
