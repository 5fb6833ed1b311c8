/**
 * Visits every node (scalar, alias, map, sequence) under `root` in document order — a node before its children,
 * a key before its value — with an explicit stack (no recursion limit on 10,000-deep nesting). Pairs are walked
 * through, not visited; the subtree of `skip` is left out.
 */
import { isAlias, isCollection, isPair, isScalar, Node } from 'yaml';

export function eachNode(root: unknown, visit: (node: Node) => void, skip?: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object' || node === skip) continue;
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (isCollection(node) || isScalar(node) || isAlias(node)) visit(node as Node);
    if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
}
