import type { WorkflowDefinition } from '../../lib/contracts';

/*
 * A simple layered layout of a workflow's states for its diagram (ADR 0034): each state's layer is
 * its distance from the initial state (a breadth-first walk); states nothing reaches go in a last
 * layer of their own. Layers run from the reading start (right in Persian); states of a layer stack
 * down. Pure, so it is tested without a browser.
 */

export const BOX = { width: 150, height: 46, gapX: 70, gapY: 24, margin: 16 } as const;

export interface PlacedState {
  id: string;
  label: string;
  x: number;
  y: number;
  layer: number;
  terminal: boolean;
  reachable: boolean;
}

export interface Edge {
  from: string;
  to: string;
  action: string;
  label: string;
  roles: string[];
}

export interface Layout {
  states: PlacedState[];
  edges: Edge[];
  width: number;
  height: number;
}

export function edgesOf(def: WorkflowDefinition, lang: 'fa' | 'en'): Edge[] {
  return def.states.flatMap((s) =>
    s.actions.flatMap((a) => [a.to, ...(a.branches ?? []).map((b) => b.to)].map((to) => ({ from: s.id, to, action: a.id, label: a.label[lang], roles: a.roles }))),
  );
}

export function layoutOf(def: WorkflowDefinition, lang: 'fa' | 'en', rtl: boolean): Layout {
  const edges = edgesOf(def, lang);
  const layer = new Map<string, number>([[def.initial, 0]]);
  const queue = [def.initial];
  for (let s = queue.shift(); s !== undefined; s = queue.shift())
    for (const e of edges)
      if (e.from === s && !layer.has(e.to) && def.states.some((x) => x.id === e.to)) {
        layer.set(e.to, layer.get(s)! + 1);
        queue.push(e.to);
      }
  const last = Math.max(0, ...layer.values()) + 1;
  const count = new Map<number, number>();
  const layers = def.states.map((s) => layer.get(s.id) ?? last);
  const used = Math.max(...layers, 0) + 1;
  const states = def.states.map((s, i): PlacedState => {
    const l = layers[i]!;
    const row = count.get(l) ?? 0;
    count.set(l, row + 1);
    const col = rtl ? used - 1 - l : l;
    return {
      id: s.id,
      label: s.label[lang],
      layer: l,
      x: BOX.margin + col * (BOX.width + BOX.gapX),
      y: BOX.margin + row * (BOX.height + BOX.gapY),
      terminal: s.terminal === true,
      reachable: layer.has(s.id),
    };
  });
  const rows = Math.max(1, ...count.values());
  return {
    states,
    edges,
    width: BOX.margin * 2 + used * BOX.width + (used - 1) * BOX.gapX,
    height: BOX.margin * 2 + rows * BOX.height + (rows - 1) * BOX.gapY,
  };
}
