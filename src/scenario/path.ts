/** A step into the scenario: a field name or a list index. Same shape as zod's issue paths. */
export type PathSegment = string | number;

/**
 * `['generations', 1, 'perfRatio']` → `generations[1].perfRatio`: the notation `--set` accepts,
 * so a path copied from an error message can be pasted back into an override.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

export function startsWith(path: readonly PropertyKey[], prefix: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => seg === path[i]);
}

/** The plain value at `path`, and whether the last step exists at all (to tell a missing key from a null). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let node: unknown = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, seg)) {
      return { present: false, value: undefined };
    }
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return { present: true, value: node };
}
