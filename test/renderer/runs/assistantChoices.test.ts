import { describe, expect, it } from 'vitest';
import { createNode } from '../../../shared/graph/nodes.ts';
import type { AssistantObject } from '../../../shared/runtime/objects.ts';
import { assistantChoices } from '../../../renderer/runs/assistantChoices.ts';

const apiAssistant = (id: string, name: string | null): AssistantObject => ({
  id,
  object: 'assistant',
  created_at: 0,
  name,
  description: null,
  model: 'gpt-4o',
  instructions: null,
  tools: [],
  tool_resources: null,
  metadata: {},
  temperature: null,
  top_p: null,
  response_format: 'auto',
});

describe('the Run panel’s assistants', () => {
  it('lists the canvas’s, then the API’s by the node id their threads use, leaving out those opened as a graph', () => {
    const node = createNode('assistant', { x: 0, y: 0 }, { name: 'On the canvas' });
    const opened = { ...createNode('assistant', { x: 0, y: 200 }, { name: 'Opened' }), id: 'abc' } as typeof node;
    const choices = assistantChoices([node, opened], [apiAssistant('asst_abc', 'Opened'), apiAssistant('asst_xyz', null)]);
    expect(choices.map((c) => [c.id, c.label, c.source])).toEqual([
      [node.id, 'On the canvas', 'canvas'],
      ['abc', 'Opened', 'canvas'],
      ['xyz', 'asst_xyz', 'api'],
    ]);
  });
});
