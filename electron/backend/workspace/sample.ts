import * as fs from 'node:fs/promises';
import path from 'node:path';
import { sampleProject, SAMPLE_FILES } from '../../../shared/sample.ts';
import { atomicWrite } from './atomicWrite.ts';
import { saveProject, type OpenedProject } from './projects.ts';

/** Where the sample project is written on first start. */
const samplePath = (dataDir: string): string => path.join(dataDir, 'samples', 'research-assistant', 'research-assistant.assistant.json');

/** Writes the sample project and its knowledge files into the data directory. */
export async function writeSample(dataDir: string): Promise<OpenedProject> {
  const file = samplePath(dataDir);
  const dir = path.dirname(file);
  for (const [relative, content] of Object.entries(SAMPLE_FILES)) {
    const target = path.join(dir, ...relative.split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await atomicWrite(target, content);
  }
  return saveProject(file, null, sampleProject());
}
