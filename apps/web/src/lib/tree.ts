/**
 * Items that name their parent (agencies, units) in reading order: each parent followed by its
 * children, depth first, siblings by Persian name. An item whose parent is not in the list is a
 * root; a cycle cannot hide an item.
 */
export function inTreeOrder<T extends { id: string; parentId: string | null; nameFa: string }>(
  items: readonly T[],
): T[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    const parent = item.parentId && ids.has(item.parentId) && item.parentId !== item.id ? item.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  for (const list of children.values()) list.sort((a, b) => a.nameFa.localeCompare(b.nameFa, 'fa'));
  const out: T[] = [];
  const seen = new Set<string>();
  const visit = (item: T) => {
    if (seen.has(item.id)) return;
    seen.add(item.id);
    out.push(item);
    for (const child of children.get(item.id) ?? []) visit(child);
  };
  for (const root of children.get(null) ?? []) visit(root);
  // Items caught in a parent cycle have no root: list them too.
  for (const item of items) visit(item);
  return out;
}
