import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkflowDefinition } from '../../../lib/contracts';
import { useFormat } from '../../../lib/format';
import { BOX, layoutOf } from '../layout';

/**
 * The diagram of a workflow's states, drawn by our code from the definition (a layered layout,
 * layout.ts). Accessible: the SVG is an image with a title and a text description, and the states
 * and transitions are also listed in a table below it. States in error are outlined.
 */
export function WorkflowDiagram({ definition, lang, problemStates }: { definition: WorkflowDefinition; lang: 'fa' | 'en'; problemStates: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const id = useId();
  const rtl = lang === 'fa';
  const l = layoutOf(definition, lang, rtl);
  const at = new Map(l.states.map((s) => [s.id, s]));
  const description = t('workflowEditor.diagramDescription', {
    states: format.number(l.states.length),
    edges: format.number(l.edges.length),
    initial: at.get(definition.initial)?.label ?? definition.initial,
  });
  return (
    <figure className="stack">
      <div className="workflow-diagram" style={{ overflowX: 'auto', maxWidth: '100%' }}>
        <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} width={l.width} height={l.height} viewBox={`0 0 ${l.width} ${l.height}`}>
          <title id={`${id}-title`}>{t('workflowEditor.diagramTitle', { name: definition.label[lang] })}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <defs>
            <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
            </marker>
          </defs>
          {l.edges.map((e, i) => {
            const a = at.get(e.from);
            const b = at.get(e.to);
            if (!a || !b || a === b) return null;
            const forward = rtl ? b.x < a.x : b.x > a.x;
            const x1 = a.x + (forward === rtl ? 0 : BOX.width);
            const x2 = b.x + (forward === rtl ? BOX.width : 0);
            return <line key={`${e.from}-${e.action}-${e.to}-${i}`} x1={x1} y1={a.y + BOX.height / 2} x2={x2} y2={b.y + BOX.height / 2} stroke="currentColor" strokeOpacity={forward ? 0.7 : 0.35} markerEnd={`url(#${id}-arrow)`} />;
          })}
          {l.states.map((s) => (
            <g key={s.id} data-state={s.id}>
              <rect
                x={s.x}
                y={s.y}
                width={BOX.width}
                height={BOX.height}
                rx={s.terminal ? 22 : 6}
                fill={problemStates.has(s.id) ? '#fde8e8' : s.terminal ? '#eef6ee' : '#f3f6fb'}
                stroke={problemStates.has(s.id) ? '#b42318' : '#3b4a5a'}
                strokeWidth={problemStates.has(s.id) || s.id === definition.initial ? 2.5 : 1}
                strokeDasharray={s.reachable ? undefined : '5 4'}
              />
              <text x={s.x + BOX.width / 2} y={s.y + BOX.height / 2} dominantBaseline="middle" textAnchor="middle" fontSize="13" fill="#1d2733">
                {s.label.length > 20 ? `${s.label.slice(0, 19)}…` : s.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="visually-hidden">{description}</figcaption>
      <table className="table">
        <caption>{t('workflowEditor.transitions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('workflowEditor.from')}</th>
            <th scope="col">{t('workflowEditor.action')}</th>
            <th scope="col">{t('workflowEditor.roles')}</th>
            <th scope="col">{t('workflowEditor.to')}</th>
          </tr>
        </thead>
        <tbody>
          {l.edges.map((e, i) => (
            <tr key={`${e.from}-${e.action}-${e.to}-${i}`}>
              <td>{at.get(e.from)?.label ?? e.from}</td>
              <td>{e.label}</td>
              <td>
                <bdi dir="ltr">{e.roles.join(', ')}</bdi>
              </td>
              <td>{at.get(e.to)?.label ?? e.to}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
