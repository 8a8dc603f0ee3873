import { describe, expect, it } from 'vitest';
import { withProjectSuffix } from '../../../renderer/app/fileActions.ts';
import { joinPath } from '../../../renderer/dialogs/FolderBrowser.tsx';

describe('project paths', () => {
  it('ensures the project suffix exactly once', () => {
    expect(withProjectSuffix('/a/b/demo')).toBe('/a/b/demo.assistant.json');
    expect(withProjectSuffix('/a/b/demo.json')).toBe('/a/b/demo.assistant.json');
    expect(withProjectSuffix(' /a/demo.assistant.json ')).toBe('/a/demo.assistant.json');
  });

  it('joins with the folder’s own separator', () => {
    expect(joinPath('/home/me', 'x.assistant.json')).toBe('/home/me/x.assistant.json');
    expect(joinPath('/', 'x')).toBe('/x');
    expect(joinPath('C:\\Users\\me', 'x')).toBe('C:\\Users\\me\\x');
  });
});
