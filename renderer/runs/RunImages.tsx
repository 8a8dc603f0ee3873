import { useEffect, useMemo } from 'react';
import type { Run } from '../../shared/runtime/objects.ts';
import { RuntimeImage } from '../files/RuntimeFile.tsx';
import { runImageIds } from './runImages.ts';
import { selectMessages, selectStepsOf, useRunStore } from './runStore.ts';

/**
 * The pictures a run's code interpreter drew, under its answer: the steps hold them, so a run's steps
 * are loaded for this when the thread is opened again (loading them twice is a no-op).
 */
export function RunImages({ run }: { run: Run }) {
  const steps = useRunStore(useMemo(() => selectStepsOf(run.id), [run.id]));
  const messages = useRunStore(selectMessages);
  const loadSteps = useRunStore((s) => s.loadSteps);
  useEffect(() => {
    if (steps === null) void loadSteps(run.id);
  }, [steps, loadSteps, run.id]);
  const ids = useMemo(() => (steps ? runImageIds(steps, messages, run.id) : []), [steps, messages, run.id]);
  if (ids.length === 0) return null;
  return (
    <ul className="chat-images" aria-label="Images the code drew">
      {ids.map((id) => (
        <li key={id}>
          <RuntimeImage fileId={id} />
        </li>
      ))}
    </ul>
  );
}
