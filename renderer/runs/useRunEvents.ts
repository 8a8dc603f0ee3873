import { useEffect } from 'react';
import { subscribeRunEvents } from './runStore.ts';

/** Keeps run events flowing into the run store while the calling component is mounted. */
export function useRunEvents(): void {
  useEffect(() => subscribeRunEvents(), []);
}
