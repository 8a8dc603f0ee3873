import { beforeEach, describe, expect, it } from 'vitest';
import { emptyProject } from '../../../shared/graph/project.ts';
import { useProjectStore } from '../../../renderer/stores/projectStore.ts';
import { hostedStoreNodeIds } from '../../../renderer/stores/remoteStores.ts';
import { useUiStore } from '../../../renderer/stores/uiStore.ts';

const store = () => useProjectStore.getState();
const dialog = () => useUiStore.getState().dialog;

/** Adds a File Search node with the given index and a Note; returns their ids. */
function addNodes(index: 'local' | 'openai'): { fileSearch: string; note: string } {
  const fileSearch = store().addNode('fileSearch', { x: 0, y: 0 });
  store().updateNodeData(fileSearch, { index });
  return { fileSearch, note: store().addNode('note', { x: 300, y: 0 }) };
}

beforeEach(() => {
  store().loadDocument({ ...emptyProject('Test'), settings: { provider: 'work-openai', model: 'gpt-4.1-mini' } }, null);
  useUiStore.setState({ dialog: { type: 'none' } });
});

describe('removing File Search nodes with OpenAI vector stores', () => {
  it('finds only the hosted File Search nodes among those removed', () => {
    const hosted = addNodes('openai');
    const local = addNodes('local');
    const { project } = store();
    expect(hostedStoreNodeIds(project, [hosted.fileSearch, hosted.note, local.fileSearch])).toEqual([hosted.fileSearch]);
    expect(hostedStoreNodeIds(project, [local.fileSearch, 'gone'])).toEqual([]);
  });

  it('offers to delete the remote store after the node is removed, at the project provider; undo brings the node back', () => {
    const { fileSearch, note } = addNodes('openai');
    store().setSelection({ nodeIds: [fileSearch, note], edgeIds: [] });
    store().deleteSelection();
    expect(store().project.nodes).toEqual([]);
    expect(dialog()).toEqual({ type: 'deleteRemote', nodeIds: [fileSearch], providerId: 'work-openai' });
    store().undo();
    expect(store().project.nodes.map((n) => n.id)).toContain(fileSearch);
  });

  it('asks nothing when a local File Search node or another node is removed', () => {
    const { fileSearch, note } = addNodes('local');
    store().deleteElements([fileSearch, note], []);
    expect(store().project.nodes).toEqual([]);
    expect(dialog()).toEqual({ type: 'none' });
  });
});
