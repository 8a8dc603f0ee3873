import { useMemo } from 'react';
import type { Project } from '../../shared/graph/project.ts';
import type { AssistantObject } from '../../shared/runtime/objects.ts';
import { kindOf } from '../../shared/kinds/index.ts';
import { useProjectStore } from '../stores/projectStore.ts';

/** An assistant the Run panel can show: an Assistant node, or one made through the Assistants API. */
export type AssistantChoice = { id: string; label: string; source: 'canvas' } | { id: string; label: string; source: 'api'; assistant: AssistantObject };

/** The node id an API assistant's threads are bound to: its id without `asst_`. */
const importedNodeIdOf = (assistant: Pick<AssistantObject, 'id'>): string => assistant.id.slice('asst_'.length);

/** The canvas's assistants, then the API's (but not those already opened as a graph, whose node stands for them). */
export function assistantChoices(nodes: Project['nodes'], api: readonly AssistantObject[]): AssistantChoice[] {
  const assistant = kindOf('assistant');
  const canvas = nodes.flatMap((n): AssistantChoice[] => (n.kind === 'assistant' ? [{ id: n.id, label: assistant.label(n.data), source: 'canvas' }] : []));
  const onCanvas = new Set(canvas.map((c) => c.id));
  const served = api.flatMap((a): AssistantChoice[] => {
    const id = importedNodeIdOf(a);
    return onCanvas.has(id) ? [] : [{ id, label: a.name || a.id, source: 'api', assistant: a }];
  });
  return [...canvas, ...served];
}

export function useAssistantChoices(api: readonly AssistantObject[]): readonly AssistantChoice[] {
  const nodes = useProjectStore((s) => s.project.nodes);
  return useMemo(() => assistantChoices(nodes, api), [nodes, api]);
}
