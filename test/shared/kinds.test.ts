import { describe, expect, it } from 'vitest';
import { KINDS, NODE_KINDS, PALETTE_ORDER, kindOf } from '../../shared/kinds/index.ts';
import { migrateNodeData } from '../../shared/graph/projectFile.ts';

describe('node kinds', () => {
  it.each(NODE_KINDS)('%s: defaults satisfy the schema and every field key exists in the data', (kind) => {
    const def = kindOf(kind);
    const data = def.defaults();
    expect(def.schema.safeParse(data).success).toBe(true);
    for (const field of def.fields) expect(Object.keys(data)).toContain(field.key);
    expect(def.label(data)).toBeTruthy();
    expect(Array.isArray(def.summary(data))).toBe(true);
    expect(def.description.length).toBeGreaterThan(10);
  });

  it('the palette lists every kind once, in the order of the product', () => {
    expect([...PALETTE_ORDER].sort()).toEqual([...NODE_KINDS].sort());
    expect(PALETTE_ORDER).toEqual(['assistant', 'function', 'fileSearch', 'knowledge', 'codeInterpreter', 'note']);
  });

  it('ports follow the wiring rules of the product', () => {
    const outs = (k: keyof typeof KINDS) =>
      kindOf(k)
        .ports(kindOf(k).defaults())
        .filter((p) => p.direction === 'out')
        .map((p) => p.type);
    expect(outs('function')).toEqual(['tool']);
    expect(outs('fileSearch')).toEqual(['tool']);
    expect(outs('codeInterpreter')).toEqual(['tool']);
    expect(outs('knowledge')).toEqual(['knowledge']);
    expect(kindOf('note').ports(kindOf('note').defaults())).toEqual([]);
    expect(kindOf('assistant').ports(kindOf('assistant').defaults())).toEqual([{ id: 'tools', direction: 'in', type: 'tool', label: 'Tools' }]);
  });

  it('migrates a v1 Function (boolean mock) to v2 modes', () => {
    const { mode: _mode, ...v2 } = kindOf('function').defaults();
    const v1 = { ...v2, mock: true, mockOutput: '{"x":1}' };
    const migrated = migrateNodeData('function', 1, v1);
    expect(migrated).toMatchObject({ mode: 'mock', mockOutput: '{"x":1}' });
    expect(migrated).not.toHaveProperty('mock');
    expect(KINDS.function.schema.safeParse(migrated).success).toBe(true);
  });

  it('migrates a v1 Assistant (numeric truncation) to v2', () => {
    const { truncation: _t, lastMessages: _l, ...rest } = KINDS.assistant.defaults();
    expect(migrateNodeData('assistant', 1, { ...rest, truncation: 8 })).toMatchObject({ truncation: 'last_messages', lastMessages: 8 });
    expect(migrateNodeData('assistant', 1, { ...rest, truncation: 0 })).toMatchObject({ truncation: 'auto', lastMessages: 20 });
  });

  it('refuses node data from a newer kind version', () => {
    expect(migrateNodeData('note', 7, { text: '' })).toMatch(/newer than this app supports/);
  });
});
