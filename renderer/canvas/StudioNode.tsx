import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { kindOf, PALETTE_ORDER, type Port } from '../../shared/kinds/index.ts';
import type { StudioFlowNode } from './flowModel.ts';
import { selectIsNodeAtWork, useRunStore } from '../runs/runStore.ts';
import { TRUST_WAIT_TEXT, type TrustWait } from '../runs/trustWaits.ts';
import { plural } from '../components/plural.ts';

function ProblemBadge({ errors, warnings }: { errors: number; warnings: number }) {
  if (errors === 0 && warnings === 0) return null;
  const text = [errors > 0 && plural(errors, 'error'), warnings > 0 && plural(warnings, 'warning')].filter(Boolean).join(', ');
  return (
    <span className={`node-badge ${errors > 0 ? 'is-error' : 'is-warning'}`} title={text} role="img" aria-label={text}>
      {errors > 0 ? errors : warnings}
    </span>
  );
}

/** Says on the node that its handler or outside files do not run yet, and why. */
function TrustWaitNote({ wait }: { wait: TrustWait }) {
  const why =
    wait === 'review'
      ? 'Its content was imported, pasted or changed outside the app; review it from the run panel before it runs.'
      : 'The project is not trusted yet: its handler does not run, and its Knowledge reads only inside the project folder.';
  return (
    <div className={`node-trust is-${wait}`} title={why}>
      {TRUST_WAIT_TEXT[wait]}
    </div>
  );
}

/**
 * Each kind's icon, drawn by the label's ::before from one stylesheet written once (a rule per kind):
 * a thousand nodes carry neither an SVG element nor an inline image of their own, and the browser
 * paints one cached image per kind. (A CSS mask, tried first, doubled the cost of a zoom frame in the
 * canvas benchmark; the image inline on each node cost a quarter more on the first render.)
 */
function installKindIcons(): void {
  if (typeof document === 'undefined' || document.getElementById('studio-kind-icons')) return;
  const rules = PALETTE_ORDER.map((kind) => {
    const def = kindOf(kind);
    const svg = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><path d='${def.icon}' fill='none' stroke='${def.accent}' stroke-width='1.4' stroke-linecap='round' stroke-linejoin='round'/></svg>`;
    return `.studio-node[data-kind="${def.title}"] .node-label::before { background-image: url("data:image/svg+xml,${encodeURIComponent(svg)}"); }`;
  });
  const style = document.createElement('style');
  style.id = 'studio-kind-icons';
  style.textContent = rules.join('\n');
  document.head.append(style);
}
installKindIcons();

/** Vertical spacing of port rows; handles are placed directly, without a wrapper element per port. */
const PORT_ROW = 20;

function PortHandles({ ports }: { ports: readonly Port[] }) {
  const inputs = ports.filter((p) => p.direction === 'in');
  const outputs = ports.filter((p) => p.direction === 'out');
  const rows = Math.max(inputs.length, outputs.length);
  const handle = (port: Port, index: number) => {
    const isIn = port.direction === 'in';
    return (
      <Handle
        key={port.id}
        id={port.id}
        type={isIn ? 'target' : 'source'}
        position={isIn ? Position.Left : Position.Right}
        className={`port-handle port-${port.type}`}
        style={{ top: 5 + PORT_ROW * index + PORT_ROW / 2 }}
        data-label={port.label}
        aria-label={`${port.label} ${isIn ? 'input' : 'output'}`}
      />
    );
  };
  return (
    <div className="node-ports" style={{ height: 10 + rows * PORT_ROW }}>
      {inputs.map(handle)}
      {outputs.map(handle)}
    </div>
  );
}

/**
 * The one node component for every kind; what differs per kind comes from its definition. It draws
 * few elements and runs no effects, because a large graph renders thousands of these: the kind title
 * and port labels are CSS generated content.
 */
function StudioNodeView({ id, data, selected }: NodeProps<StudioFlowNode>) {
  const def = kindOf(data.kind);
  // A boolean per node: only the node whose handler starts or stops re-renders.
  const atWork = useRunStore(selectIsNodeAtWork(id));
  const summary = def.summary(data.data).join('\n');
  const style = { '--accent': def.accent } as CSSProperties;
  const sticky = def.body === 'sticky';
  const ports = sticky ? [] : def.ports(data.data);
  return (
    <div
      className={`studio-node ${sticky ? 'is-sticky' : 'is-card'}${selected ? ' is-selected' : ''}${atWork ? ' is-at-work' : ''}`}
      style={style}
      data-kind={def.title}
    >
      <ProblemBadge errors={data.errors} warnings={data.warnings} />
      {!sticky && <div className="node-label">{def.label(data.data)}</div>}
      {summary && <div className="node-summary">{summary}</div>}
      {data.wait !== null && <TrustWaitNote wait={data.wait} />}
      {ports.length > 0 && <PortHandles ports={ports} />}
    </div>
  );
}

export const StudioNode = memo(StudioNodeView);
