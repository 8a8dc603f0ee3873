import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Figures } from './figures.ts';
import type { ProbedHost } from './host.ts';
import { probeProject } from './project.ts';

/** Every regular file below `dir` (symbolic links not followed), up to `limit` bytes each. */
function filesBelow(dir: string, limit: number): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (at: string) => {
    let names: string[];
    try {
      names = readdirSync(at);
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(at, name);
      const info = statSync(file, { throwIfNoEntry: false });
      if (!info) continue;
      if (info.isDirectory()) walk(file);
      else if (info.isFile() && info.size <= limit) out.push({ file, text: readFileSync(file).toString('latin1') });
    }
  };
  walk(dir);
  return out;
}

/**
 * Looks for each secret (the provider key, the Assistants API server's key) in everything the app put
 * out during the campaign: channel responses, events, its log, every file in its data folder, saved
 * projects and every export format. Only `app:serve/key`, which exists to hand the window that key on
 * request, may hold it; the probe reads it apart from the recorded responses.
 */
export async function probeCanaries(host: ProbedHost, scratch: string, secrets: readonly string[]): Promise<Figures> {
  const { project, assistantId } = probeProject();
  const saved = path.join(scratch, 'canary-check.assistant.json');
  await host.invoke('app:project/save', { path: saved, previousPath: null, project });
  const formats = await host.invoke('app:export/formats', {});
  const exports: string[] = [];
  if (formats.ok) {
    for (const format of (formats.value as { formats: { id: string }[] }).formats) {
      const preview = await host.invoke('app:export/preview', { project, projectPath: saved, assistantNodeId: assistantId, format: format.id });
      if (preview.ok) exports.push(...(preview.value as { files: { content: string }[] }).files.map((f) => f.content));
    }
  }
  const places: { name: string; text: string }[] = [
    ...host.responses.map((text, i) => ({ name: `response ${i}`, text })),
    ...host.events.map((text, i) => ({ name: `event ${i}`, text })),
    { name: 'the host log', text: host.output() },
    ...filesBelow(host.dataDir, 64 * 1024 * 1024).map(({ file, text }) => ({ name: path.relative(host.dataDir, file), text })),
    ...filesBelow(scratch, 64 * 1024 * 1024).map(({ file, text }) => ({ name: `scratch/${path.relative(scratch, file)}`, text })),
    ...exports.map((text, i) => ({ name: `export ${i}`, text })),
  ];
  const problems: string[] = [];
  for (const place of places) {
    for (const secret of secrets) if (place.text.includes(secret)) problems.push(`${place.name} holds a key (${secret.slice(0, 8)}…)`);
  }
  return { tried: places.length, failed: problems.length, found: problems.length, problems: problems.slice(0, 20) };
}
