import { createProcessor } from '@mdx-js/mdx'
import GithubSlugger from 'github-slugger'
import { bundleMDX } from 'mdx-bundler'
import type { Diagnostic } from '../sigma/diagnostics'
import { markdownTooComplex, nestedTooDeep } from '../sigma/limits'
import { mdxTooDeep } from '../sigma/nesting'
import type { Location } from '../sigma/position'
import { safeHref } from './safe-url'

/**
 * The components an investigation guide may use. Guides are data, not code: no
 * `import`, `export` or `{expressions}`; only these elements and Markdown.
 */
export const GUIDE_COMPONENTS = ['Callout', 'Kbd'] as const

/** Elements that run code, load other documents or change where the page's links and forms go. */
/** Attributes whose value a browser loads or navigates to. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'data', 'poster', 'cite', 'background', 'xlink:href'])
const UNSAFE_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'form', 'meta', 'link', 'style', 'svg', 'math', 'template'])

export interface GuideHeading {
  readonly depth: number
  readonly text: string
  /** The anchor: `#triage`. */
  readonly slug: string
}

export interface CheckedGuide {
  readonly headings: GuideHeading[]
  readonly diagnostics: Diagnostic[]
}

interface MdastNode {
  type: string
  name?: string | null
  depth?: number
  position?: { start: { line: number; column: number; offset?: number } }
  attributes?: { type: string; name?: string; value?: unknown }[]
  url?: string
  children?: MdastNode[]
}

const processor = createProcessor({ format: 'mdx' })

/**
 * Parse a guide (the file's body, frontmatter blanked so that lines match) and
 * report everything that makes it code rather than content, at its position.
 */
export function checkGuide(file: string, body: string): CheckedGuide {
  const diagnostics: Diagnostic[] = []
  const at = (node: MdastNode | { line?: number; column?: number } | undefined): Location => {
    const start =
      node && 'position' in node && node.position
        ? node.position.start
        : { line: (node as { line?: number })?.line ?? 1, column: (node as { column?: number })?.column ?? 1 }
    return { file, start: { line: start.line, column: start.column, offset: 0 } }
  }
  const locate = (offset: number): Location => {
    const before = body.slice(0, offset)
    return { file, start: { line: before.split('\n').length, column: offset - before.lastIndexOf('\n'), offset } }
  }
  const deep = mdxTooDeep(body)
  const limit = markdownTooComplex('The investigation guide', body, locate) ?? (deep === undefined ? undefined : nestedTooDeep('The investigation guide', locate(deep)))
  if (limit) return { headings: [], diagnostics: [limit] }
  let tree: MdastNode
  try {
    tree = processor.parse(body) as unknown as MdastNode
  } catch (error) {
    const message = error as { reason?: string; message: string; line?: number; column?: number; ruleId?: string }
    diagnostics.push({
      severity: 'error',
      code: 'mdx-syntax',
      message: `Cannot parse the investigation guide as MDX: ${message.reason ?? message.message}`,
      location: at(message),
    })
    return { headings: [], diagnostics }
  }
  const headings: GuideHeading[] = []
  const slugger = new GithubSlugger()
  const error = (code: string, message: string, node: MdastNode) =>
    diagnostics.push({ severity: 'error', code, message, location: at(node) })
  const visit = (node: MdastNode): void => {
    switch (node.type) {
      case 'mdxjsEsm':
        error('mdx-esm', 'Guides are content, not code: `import` and `export` are not allowed in MDX here', node)
        return
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        error(
          'mdx-expression',
          'Guides are content, not code: JavaScript expressions in `{…}` are not allowed (escape a literal brace as `\\{`)',
          node,
        )
        return
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        if (node.name && UNSAFE_ELEMENTS.has(node.name.toLowerCase()))
          error(
            'mdx-unsafe-element',
            `\`<${node.name}>\` is not allowed in a guide: it could run code or load another page (a guide may use ${GUIDE_COMPONENTS.map((c) => `<${c}>`).join(', ')} and Markdown)`,
            node,
          )
        else if (!node.name || !(GUIDE_COMPONENTS as readonly string[]).includes(node.name))
          error(
            'mdx-unknown-component',
            `Unknown component \`<${node.name ?? ''}>\`: a guide may use ${GUIDE_COMPONENTS.map((c) => `<${c}>`).join(', ')} and Markdown`,
            node,
          )
        for (const attribute of node.attributes ?? [])
          if (attribute.type !== 'mdxJsxAttribute' || (attribute.value !== null && typeof attribute.value === 'object'))
            error('mdx-expression', 'Component attributes must be plain strings, not JavaScript expressions', node)
          else if (/^on/i.test(attribute.name ?? ''))
            error('mdx-event-handler', `Event-handler attribute \`${attribute.name}\` is not allowed: guides are content, not code`, node)
          else if (URL_ATTRIBUTES.has((attribute.name ?? '').toLowerCase()) && typeof attribute.value === 'string' && safeHref(attribute.value, { relative: true }) === null)
            error('mdx-unsafe-url', `Attribute \`${attribute.name}\` has a URL that is not http(s) or mailto: ${JSON.stringify(attribute.value.slice(0, 60))}`, node)
        break
      case 'link':
      case 'image':
      case 'definition':
        if (safeHref(node.url ?? '', { relative: true }) === null)
          error(
            'mdx-unsafe-url',
            `${node.type === 'image' ? 'Image' : 'Link'} URL ${JSON.stringify((node.url ?? '').slice(0, 60))} is not allowed: use http(s), mailto or a relative link`,
            node,
          )
        break
      case 'heading':
        if (node.depth !== undefined && node.depth >= 2 && node.depth <= 3) {
          const text = plainText(node)
          headings.push({ depth: node.depth, text, slug: slugger.slug(text) })
        }
        break
    }
    for (const child of node.children ?? []) visit(child)
  }
  visit(tree)
  return { headings, diagnostics }
}

function plainText(node: MdastNode & { value?: unknown }): string {
  if (typeof node.value === 'string') return node.value
  return (node.children ?? []).map(plainText).join('')
}

/** Gives every heading the id that `checkGuide` listed for it, so anchors and the contents agree. */
function remarkHeadingIds() {
  return (tree: MdastNode) => {
    const slugger = new GithubSlugger()
    const visit = (node: MdastNode & { data?: { hProperties?: Record<string, unknown> } }): void => {
      if (node.type === 'heading') {
        node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: slugger.slug(plainText(node)) } }
      }
      for (const child of node.children ?? []) visit(child)
    }
    visit(tree)
  }
}

/**
 * Defence in depth behind `checkGuide`: a link or image whose URL `safeHref` refuses is
 * replaced by its text (or alt text), so compiled code never carries a `javascript:` URL.
 */
function remarkSafeUrls() {
  return (tree: MdastNode) => {
    const visit = (node: MdastNode & { alt?: string | null; value?: string }): void => {
      if (!node.children) return
      node.children = node.children.flatMap((child: MdastNode & { alt?: string | null }): MdastNode[] => {
        if (!['link', 'image', 'definition'].includes(child.type) || safeHref(child.url ?? '', { relative: true }) !== null) return [child]
        return child.type === 'link' ? (child.children ?? []) : child.type === 'image' ? [{ type: 'text', value: child.alt ?? '' } as MdastNode] : []
      })
      for (const child of node.children) visit(child)
    }
    visit(tree)
  }
}

/** Compile a checked guide with mdx-bundler; the code runs with `getMDXComponent`. */
export async function compileGuide(body: string): Promise<string> {
  const { code } = await bundleMDX({
    source: body,
    mdxOptions: (options) => ({ ...options, remarkPlugins: [...(options.remarkPlugins ?? []), remarkSafeUrls, remarkHeadingIds] }),
  })
  return code
}
