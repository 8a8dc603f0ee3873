import { useEffect } from 'react';
import { useProjectStore } from '../stores/projectStore.ts';
import { useRunStore } from './runStore.ts';
import { needsTrust } from './trustWaits.ts';

/** Keeps the run store's answer to "is the open file trusted?" current while its project has code or outside files. */
export function useTrustCheck(): void {
  const path = useProjectStore((s) => s.path);
  const carries = useProjectStore((s) => needsTrust(s.project.nodes));
  const checkTrust = useRunStore((s) => s.checkTrust);
  const serial = useProjectStore((s) => s.documentSerial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the document serial changes on every open, so reopening a file (trusted or not since) asks again
  useEffect(() => {
    if (carries) void checkTrust(path);
  }, [path, carries, serial, checkTrust]);
}

/** The open file's path when its project has code or outside files that wait because the file is not trusted. */
export function useUntrustedPath(): string | null {
  const path = useProjectStore((s) => s.path);
  const carries = useProjectStore((s) => needsTrust(s.project.nodes));
  const untrusted = useRunStore((s) => s.trust !== null && s.trust.path === path && !s.trust.trusted);
  return carries && path !== null && untrusted ? path : null;
}
