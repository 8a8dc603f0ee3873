import path from 'node:path';

/**
 * Where the web host keeps its data: ASSISTANT_STUDIO_DATA_DIR when set, else the platform's usual
 * place for application data.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string {
  if (env.ASSISTANT_STUDIO_DATA_DIR) return path.resolve(env.ASSISTANT_STUDIO_DATA_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Assistant Studio');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Assistant Studio');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'assistant-studio');
}
