import { describe, expect, it } from 'vitest';
import { compile } from '../../../electron/engine/compile/index.ts';
import { importDefinition } from '../../../electron/engine/export/index.ts';
import { emptyProject, type GraphNode, type Project } from '../../../shared/graph/project.ts';
import type { NodeKind } from '../../../shared/kinds/index.ts';

/** An assistant as `GET /v1/assistants/{id}` returned it. */
const researchAssistant = {
  id: 'asst_abc123',
  object: 'assistant',
  created_at: 1_700_000_000,
  name: 'Paper finder',
  description: 'Finds papers and explains them.',
  model: 'gpt-4o',
  instructions: 'Find papers. Use the files.',
  tools: [
    { type: 'code_interpreter' },
    { type: 'file_search', file_search: { max_num_results: 8, ranking_options: { ranker: 'default-2024-08-21', score_threshold: 0.4 } } },
    {
      type: 'function',
      function: {
        name: 'lookup_doi',
        description: 'Looks a DOI up.',
        parameters: { type: 'object', properties: { doi: { type: 'string' } }, required: ['doi'], additionalProperties: false },
        strict: true,
      },
    },
  ],
  tool_resources: { code_interpreter: { file_ids: ['file-1', 'file-2'] }, file_search: { vector_store_ids: ['vs_papers'] } },
  temperature: 0.2,
  top_p: 0.9,
  response_format: {
    type: 'json_schema',
    json_schema: {
      name: 'papers',
      schema: { type: 'object', properties: { titles: { type: 'array', items: { type: 'string' } } }, required: ['titles'], additionalProperties: false },
      strict: true,
    },
  },
  metadata: { owner: 'lab' },
};

const plainAssistant = {
  id: 'asst_plain',
  object: 'assistant',
  name: null,
  description: null,
  model: 'gpt-4o-mini',
  instructions: null,
  tools: [{ type: 'function', function: { name: 'ping' } }, { type: 'retrieval' }],
  tool_resources: {},
  temperature: 1,
  top_p: 1,
  response_format: 'auto',
  metadata: {},
};

// TypeScript cannot narrow a node union by a generic kind; the filter guarantees it.
const ofKind = <K extends NodeKind>(nodes: GraphNode[], kind: K): GraphNode<K>[] => nodes.filter((n) => n.kind === kind) as GraphNode<K>[];

function imported(text: string) {
  const result = importDefinition(text);
  if (!result.ok) throw new Error(`${result.error.message}\n${result.error.details?.join('\n') ?? ''}`);
  return result;
}

describe('importing Assistants API assistant objects', () => {
  it('turns an assistant with file search, code interpreter, a function and a JSON schema into a graph that compiles', () => {
    const { nodes, edges, report } = imported(JSON.stringify(researchAssistant));

    const [assistant] = ofKind(nodes, 'assistant');
    expect(assistant!.data).toMatchObject({
      name: 'Paper finder',
      model: 'gpt-4o',
      instructions: 'Find papers. Use the files.',
      temperature: 0.2,
      topP: 0.9,
      responseFormat: 'json_schema',
      responseSchemaName: 'papers',
      responseSchema: researchAssistant.response_format.json_schema.schema,
      responseSchemaStrict: true,
      metadata: { owner: 'lab', assistant_id: 'asst_abc123', description: 'Finds papers and explains them.', code_interpreter_file_ids: 'file-1,file-2' },
    });
    expect(ofKind(nodes, 'fileSearch')[0]!.data).toMatchObject({
      maxResults: 8,
      ranker: 'default-2024-08-21',
      scoreThreshold: 0.4,
      index: 'openai',
      vectorStoreIds: ['vs_papers'],
    });
    expect(ofKind(nodes, 'codeInterpreter')[0]!.data.sandbox).toBe('openai');
    expect(ofKind(nodes, 'function')[0]!.data).toMatchObject({
      name: 'lookup_doi',
      description: 'Looks a DOI up.',
      strict: true,
      mode: 'ask',
      parameters: researchAssistant.tools[2]!.function!.parameters,
    });

    // Laid out: the assistant on the right, its tools in a column to its left, one below the other.
    const tools = nodes.filter((n) => n.kind !== 'assistant');
    expect(new Set(tools.map((t) => t.position.x))).toEqual(new Set([assistant!.position.x - 320]));
    expect(new Set(tools.map((t) => t.position.y)).size).toBe(3);
    expect(edges).toHaveLength(3);
    expect(edges.every((e) => e.target === assistant!.id && e.targetPort === 'tools' && e.sourcePort === 'tool')).toBe(true);

    expect(report.source).toBe('assistants-api');
    expect(report.assistants).toEqual([{ name: 'Paper finder', nodeId: assistant!.id }]);
    expect(report.notes).toEqual([
      expect.stringContaining('the old assistant id is kept in the metadata as "assistant_id"'),
      expect.stringContaining('the description is kept in the metadata as "description"'),
      expect.stringContaining('Code Interpreter file ids'),
      expect.stringContaining('"Ask me"'),
    ]);

    const project: Project = { ...emptyProject(), nodes, edges };
    const compiled = compile(project, assistant!.id);
    expect(compiled.ok && compiled.assistant.tools.map((t) => t.type)).toEqual(['code_interpreter', 'file_search', 'function']);
  });

  it('reads arrays and list pages, stacks the assistants, and reports tools it cannot represent', () => {
    for (const text of [
      JSON.stringify([researchAssistant, plainAssistant]),
      JSON.stringify({ object: 'list', data: [researchAssistant, plainAssistant], has_more: false }),
    ]) {
      const { nodes, edges, report } = imported(text);
      const assistants = ofKind(nodes, 'assistant');
      expect(assistants.map((a) => a.data.name)).toEqual(['Paper finder', 'asst_plain']);
      const firstTools = new Set(edges.filter((e) => e.target === assistants[0]!.id).map((e) => e.source));
      const lowest = Math.max(...nodes.filter((n) => firstTools.has(n.id)).map((n) => n.position.y));
      expect(assistants[1]!.position.y).toBeGreaterThan(lowest);
      expect(assistants[1]!.data).toMatchObject({ model: 'gpt-4o-mini', instructions: '', responseFormat: 'text', metadata: { assistant_id: 'asst_plain' } });
      expect(ofKind(nodes, 'function').map((f) => f.data.name)).toEqual(['lookup_doi', 'ping']);
      expect(ofKind(nodes, 'function')[1]!.data.parameters).toEqual({ type: 'object', properties: {} });
      expect(report.notes).toContainEqual(expect.stringContaining('tool 2 (retrieval) is not supported'));
    }
  });

  it('keeps the assistant id as the node id and the tools local for objects the app itself served', () => {
    const served = {
      ...researchAssistant,
      tools: researchAssistant.tools.map((t) =>
        t.type === 'file_search' ? { ...t, file_search: { max_num_results: 8, ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0.4 } } } : t,
      ),
    };
    const result = importDefinition(JSON.stringify(served), { servedByStudio: true });
    if (!result.ok) throw new Error(result.error.message);
    const [assistant] = ofKind(result.nodes, 'assistant');
    // Threads of asst_abc123 are bound to the node id abc123, so they stay with the imported node.
    expect(assistant!.id).toBe('abc123');
    expect(result.edges.every((e) => e.target === 'abc123')).toBe(true);
    expect(result.report.assistants).toEqual([{ name: 'Paper finder', nodeId: 'abc123' }]);
    expect(ofKind(result.nodes, 'codeInterpreter')[0]!.data.sandbox).toBe('local');
    expect(ofKind(result.nodes, 'fileSearch')[0]!.data).toMatchObject({ index: 'local', vectorStoreIds: [], ranker: 'default-2024-08-21' });
    expect(result.report.notes).toContainEqual(expect.stringContaining('its vector stores (vs_papers) stay with the API'));
    expect(result.report.notes).not.toContainEqual(expect.stringContaining('ranker'));

    // Without the option, ids are fresh as for any import.
    expect(ofKind(imported(JSON.stringify(served)).nodes, 'assistant')[0]!.id).not.toBe('abc123');
  });

  it('keeps what does not fit into the 16 metadata pairs in the report', () => {
    const metadata = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, `v${i}`]));
    const { nodes, report } = imported(JSON.stringify({ ...researchAssistant, metadata, description: 'd'.repeat(600) }));
    expect(Object.keys(ofKind(nodes, 'assistant')[0]!.data.metadata)).toHaveLength(16);
    expect(report.notes).toContainEqual(expect.stringContaining('the old assistant id did not fit into the metadata and was dropped: asst_abc123'));

    const long = imported(JSON.stringify({ ...researchAssistant, description: 'd'.repeat(600) }));
    expect(ofKind(long.nodes, 'assistant')[0]!.data.metadata.description).toHaveLength(512);
    expect(long.report.notes).toContainEqual(expect.stringContaining('cut to 512 characters'));
  });

  it('rejects malformed input with a clear error and produces nothing', () => {
    const cases: [string, string][] = [
      ['{"object": "assistant", "model": ', 'This is not JSON'],
      ['{"hello": "world"}', 'neither an Assistant Studio assistant definition nor an Assistants API assistant object'],
      ['[]', 'The list holds no assistants.'],
      [
        `{"object": "assistant", "metadata": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
        'This cannot be imported: it nests arrays and objects more than 100 levels deep.',
      ],
      [JSON.stringify({ ...researchAssistant, model: 42 }), 'The assistant object is not valid.'],
      [
        JSON.stringify([researchAssistant, { ...plainAssistant, tools: [{ type: 'function', function: { name: 'bad name!' } }] }]),
        'The assistant object is not valid.',
      ],
      [JSON.stringify({ ...researchAssistant, temperature: 5 }), 'The assistant object is not valid.'],
    ];
    for (const [text, message] of cases) {
      const result = importDefinition(text);
      expect(result.ok, text).toBe(false);
      expect(!result.ok && result.error.message).toContain(message);
      expect(result).not.toHaveProperty('nodes');
    }
    const bad = importDefinition(JSON.stringify({ ...researchAssistant, model: 42 }));
    expect(!bad.ok && bad.error.details).toEqual([expect.stringContaining('0.model')]);
  });
});
