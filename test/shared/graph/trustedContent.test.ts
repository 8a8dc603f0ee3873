import { describe, expect, it } from 'vitest';
import { leadsOutside, trustedItems } from '../../../shared/graph/trustedContent.ts';
import { sampleProject } from '../../../shared/sample.ts';

describe('the content that needs trust', () => {
  it('knows which Knowledge paths can lead outside the project folder', () => {
    for (const inside of ['docs', 'docs/*.md', './notes.md', 'a..b/c', '**/*.txt']) expect(leadsOutside(inside)).toBe(false);
    for (const outside of ['/etc/passwd', '~/.ssh/id_rsa', '../shared', 'docs/../../x', 'C:\\Users\\me', 'docs\\..\\..\\x'])
      expect(leadsOutside(outside)).toBe(true);
  });

  it('holds each handler and each Knowledge node with outside paths, with its text', () => {
    const sample = sampleProject();
    const fn = sample.nodes.find((n) => n.kind === 'function')!;
    const project = {
      ...sample,
      nodes: sample.nodes.map((n) => (n.kind === 'knowledge' ? ({ ...n, data: { ...n.data, paths: ['docs', '../secrets', '/etc/hosts'] } } as typeof n) : n)),
    };
    const items = trustedItems(project);
    expect(items.map((i) => i.kind).sort()).toEqual(['handler', 'knowledge']);
    expect(items.find((i) => i.kind === 'handler')).toMatchObject({ nodeId: fn.id, text: fn.kind === 'function' ? fn.data.handler : '' });
    expect(items.find((i) => i.kind === 'knowledge')?.text).toBe('../secrets\n/etc/hosts');
    // Network access is part of the trusted text, so switching it on is a change to review.
    const networked = { ...project, nodes: project.nodes.map((n) => (n.kind === 'function' ? ({ ...n, data: { ...n.data, network: true } } as typeof n) : n)) };
    expect(trustedItems(networked).find((i) => i.kind === 'handler')?.text).toMatch(/^\/\/ Network \(ctx\.fetch\): on\n\n/);
    // A function without handler code carries nothing to trust.
    const empty = { ...project, nodes: project.nodes.map((n) => (n.kind === 'function' ? ({ ...n, data: { ...n.data, handler: '  ' } } as typeof n) : n)) };
    expect(trustedItems(empty).map((i) => i.kind)).toEqual(['knowledge']);
  });
});
