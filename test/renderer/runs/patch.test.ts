import { describe, expect, it } from 'vitest';
import type { RunStepDelta } from '../../../shared/runtime/events.ts';
import { TOOL_TYPES, toolCallSchema, type ToolType } from '../../../shared/runtime/steps.ts';
import { applyStepDelta } from '../../../renderer/runs/patch.ts';
import { toolStep } from './fixtures.ts';

const firstDelta = (type: ToolType, index = 0): RunStepDelta['delta'] => ({
  step_details: { type: 'tool_calls', tool_calls: [{ index, id: `call_${index}`, type }] },
});

describe('applyStepDelta', () => {
  it.each(TOOL_TYPES)('%s: the first delta of a call creates an empty call of its type that the schema accepts', (type) => {
    const step = applyStepDelta(toolStep('step_1', 'run_1'), firstDelta(type));
    const calls = step.step_details.type === 'tool_calls' ? step.step_details.tool_calls : [];
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ id: 'call_0', type, node_id: null, duration_ms: null, error: null });
    expect(toolCallSchema.safeParse(calls[0]).success).toBe(true);
  });
});
