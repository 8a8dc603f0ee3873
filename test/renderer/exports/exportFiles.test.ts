import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_IDS } from '../../../shared/ipc/filesChannels.ts';
import { exportFolderName, KNOWN_FORMATS, languageOfPath } from '../../../renderer/exports/exportFiles.ts';

describe('languageOfPath', () => {
  it('picks the preview language from the extension', () => {
    expect(languageOfPath('src/index.ts')).toBe('typescript');
    expect(languageOfPath('main.py')).toBe('python');
    expect(languageOfPath('package.json')).toBe('json');
    expect(languageOfPath('request.sh')).toBe('shell');
    expect(languageOfPath('README.md')).toBe('markdown');
    expect(languageOfPath('requirements.txt')).toBe('plaintext');
    expect(languageOfPath('.env.example')).toBe('plaintext');
    expect(languageOfPath('Makefile')).toBe('plaintext');
  });
});

describe('exportFolderName', () => {
  it('makes a safe folder name from the assistant name', () => {
    expect(exportFolderName('Weather Bot')).toBe('weather-bot');
    expect(exportFolderName('Café / Ünïcode: test?')).toBe('cafe-unicode-test');
    expect(exportFolderName('../..')).toBe('assistant');
    expect(exportFolderName('   ')).toBe('assistant');
  });
});

describe('KNOWN_FORMATS', () => {
  it('lists every format the contract knows, in its order', () => {
    expect(KNOWN_FORMATS.map((f) => f.id)).toEqual([...EXPORT_FORMAT_IDS]);
  });
});
