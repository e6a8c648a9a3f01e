import { classifySigmaString } from '../../sigma/sigma-string'
import { defineTarget } from '../target'
import { writePattern } from '../shared/pattern'

/**
 * A target whose every token is distinct, so tests of the generic compiler
 * read which table entry produced which part of the output (pySigma's
 * `backends/test` idea). Not a real query language.
 */
export const testTarget = defineTarget({
  id: 'test',
  label: 'Test target (distinct tokens)',
  language: 'text',
  pipelines: ['none'],
  hidden: true,
  dialect: {
    logic: { and: ' && ', or: ' || ', not: '!{expr}', group: '[{expr}]', precedence: 'and-over-or' },
    leaves: {
      StringMatchNode: (node) => {
        const shape = classifySigmaString(node.value)
        const value = shape.kind === 'wildcard' ? writePattern(node.value, { literal: (t) => t, many: '<*>', one: '<?>' }) : shape.text
        const op = { plain: 'eq', startswith: 'sw', endswith: 'ew', contains: 'co', wildcard: 'wc' }[shape.kind]
        return `${node.field ?? '<kw>'} ${op}${node.cased ? ':c' : ''} '${value}'`
      },
      RegexMatchNode: (node) => `${node.field ?? '<kw>'} re /${node.pattern}/${node.flags.i ? 'i' : ''}${node.flags.m ? 'm' : ''}${node.flags.s ? 's' : ''}`,
      CidrMatchNode: (node) => `${node.field} cidr ${node.cidr}`,
      NumberMatchNode: (node) => `${node.field ?? '<kw>'} ${node.op} #${node.value}`,
      BooleanMatchNode: (node) => `${node.field} is ${node.value}`,
      NullMatchNode: (node) => `${node.field} null`,
      ExistsNode: (node) => `${node.field} exists`,
      FieldRefNode: (node) => `${node.field} ${node.match}${node.cased ? ':c' : ''} @${node.otherField}`,
      TimePartNode: (node) => `${node.part}(${node.field}) = ${node.value}`,
    },
    inList: (field, values) => `${field} in <${values.join(', ')}>`,
  },
})
