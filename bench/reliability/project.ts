import type { Project } from '../../shared/graph/project.ts';
import { sampleProject } from '../../shared/sample.ts';
import { must, type ProbedHost } from './host.ts';

/** The provider every probe run talks to: the simulator, with a canary for its key. */
export async function connectSimulator(host: ProbedHost, baseURL: string, key: string, kind: 'openai' | 'compatible' = 'openai'): Promise<void> {
  await must(host, 'app:settings/update', { providers: [{ id: 'sim', label: 'Simulator', kind, baseUrl: baseURL, apiKeyEnv: 'SIM_API_KEY' }] });
  await must(host, 'app:secrets/set', { providerId: 'sim', apiKey: key });
}

/** The sample's Assistant with only its Function wired in, on the simulator: runs touch no Python and no index. */
export function probeProject(): { project: Project; assistantId: string; functionId: string } {
  const sample = sampleProject();
  const assistant = sample.nodes.find((n) => n.kind === 'assistant')!;
  const fn = sample.nodes.find((n) => n.kind === 'function')!;
  const project: Project = {
    ...sample,
    settings: { provider: 'sim', model: 'gpt-4.1-mini' },
    nodes: [assistant, fn],
    edges: sample.edges.filter((e) => e.source === fn.id && e.target === assistant.id),
  };
  return { project, assistantId: assistant.id, functionId: fn.id };
}

/** A project of `nodes` around the sample's Assistant, each wired into it as a tool. */
export function withTools(base: Project, assistantId: string, tools: Project['nodes']): Project {
  return {
    ...base,
    nodes: [...base.nodes, ...tools],
    edges: [...base.edges, ...tools.map((t, i) => ({ id: `e_probe_${i}`, source: t.id, sourcePort: 'tool', target: assistantId, targetPort: 'tools' }))],
  } as Project;
}
