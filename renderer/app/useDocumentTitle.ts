import { useEffect } from 'react';
import { useProjectStore } from '../stores/projectStore.ts';

export function useDocumentTitle(): void {
  const name = useProjectStore((s) => s.project.name);
  const dirty = useProjectStore((s) => s.dirty);
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${name || 'Untitled'} — Assistant Studio`;
  }, [name, dirty]);
}
