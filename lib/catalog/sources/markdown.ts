import GithubSlugger from 'github-slugger'
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import type { MarkdownGuide } from './types'

interface HastNode {
  type: string
  tagName?: string
  value?: string
  properties?: Record<string, unknown>
  children?: HastNode[]
}

const text = (node: HastNode): string => (node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(text).join(''))

/**
 * After sanitizing: headings get the ids the page's contents link to (GitHub's
 * slugs, as MDX guides get), links leave with `rel="noreferrer"`, and the
 * `h2`/`h3` headings are collected for "On this page".
 */
function rehypeOutline() {
  return (tree: HastNode, file: { data: Record<string, unknown> }) => {
    const headings: MarkdownGuide['headings'][number][] = []
    file.data.headings = headings
    const slugger = new GithubSlugger()
    const visit = (node: HastNode): void => {
      const depth = /^h([1-6])$/.exec(node.tagName ?? '')?.[1]
      if (depth) {
        const label = text(node).trim()
        const slug = slugger.slug(label)
        node.properties = { ...node.properties, id: slug }
        if (depth === '2' || depth === '3') headings.push({ depth: Number(depth), text: label, slug })
      }
      if (node.tagName === 'a') node.properties = { ...node.properties, rel: ['noreferrer'] }
      for (const child of node.children ?? []) visit(child)
    }
    visit(tree)
  }
}

/** GitHub's sanitizing schema, with heading ids left to `rehypeOutline` (no `user-content-` clobbering needed). */
const schema = { ...defaultSchema, clobber: [] as string[] }

/**
 * Markdown (an Elastic rule's `note` or `setup`) → sanitized HTML. The text is
 * data from a rule repository, not code: raw HTML in it is dropped, URLs keep
 * only safe protocols (GitHub's schema, rehype-sanitize), and nothing is
 * evaluated, unlike MDX. GFM tables, lists and code are kept.
 */
export function renderMarkdown(markdown: string): MarkdownGuide {
  const file = processor.processSync(markdown)
  return { html: String(file), headings: (file.data.headings as MarkdownGuide['headings'] | undefined) ?? [] }
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(rehypeOutline)
  .use(rehypeStringify)
  .freeze()
