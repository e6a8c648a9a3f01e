import type { Expression } from './nodes'

/** Every field name an expression reads, in order of first use (fieldref targets included). */
export function expressionFields(expression: Expression): string[] {
  const fields = new Set<string>()
  const visit = (node: Expression): void => {
    switch (node.kind) {
      case 'AndNode':
      case 'OrNode':
        node.children.forEach(visit)
        return
      case 'NotNode':
        visit(node.child)
        return
      case 'FieldRefNode':
        fields.add(node.field)
        fields.add(node.otherField)
        return
      default:
        if (node.field !== null) fields.add(node.field)
    }
  }
  visit(expression)
  return [...fields]
}
