import { useEffect, useState } from 'react';
import type { AppError } from '../../shared/errors.ts';
import type { ResponseOf } from '../../shared/ipc/contract.ts';
import type { EXPORT_FORMAT_IDS } from '../../shared/ipc/filesChannels.ts';
import { invoke, toAppError } from '../api/index.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { KNOWN_FORMATS } from './exportFiles.ts';

export type ExportFormatId = (typeof EXPORT_FORMAT_IDS)[number];
export type ExportPreview = ResponseOf<'app:export/preview'>;
type PreviewState = { status: 'loading' } | { status: 'ready'; preview: ExportPreview } | { status: 'failed'; error: AppError };

/** The formats the engine offers, with the known list shown until (or if) it answers. */
export function useExportFormats(): readonly { id: ExportFormatId; label: string }[] {
  const [formats, setFormats] = useState<readonly { id: ExportFormatId; label: string }[]>(KNOWN_FORMATS);
  useEffect(() => {
    let live = true;
    invoke('app:export/formats', {}).then(
      (r) => live && r.formats.length > 0 && setFormats(r.formats),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return formats;
}

/** The export of one assistant in one format, generated again whenever the project changes. */
export function useExportPreview(assistantNodeId: string | null, format: ExportFormatId): PreviewState {
  const project = useProjectStore((s) => s.project);
  const projectPath = useProjectStore((s) => s.path);
  const [state, setState] = useState<{ key: string; value: PreviewState } | null>(null);
  const key = `${assistantNodeId}:${format}`;

  useEffect(() => {
    if (assistantNodeId === null) return;
    let live = true;
    invoke('app:export/preview', { project, projectPath, assistantNodeId, format }).then(
      (preview) => live && setState({ key, value: { status: 'ready', preview } }),
      (error: unknown) => live && setState({ key, value: { status: 'failed', error: toAppError(error) } }),
    );
    return () => {
      live = false;
    };
  }, [project, projectPath, assistantNodeId, format, key]);

  // A change of project keeps showing the last preview of the same target until the new one arrives.
  return state && state.key === key ? state.value : { status: 'loading' };
}
