import type { MarkdownGuide as MarkdownGuideData } from '@/lib/catalog/manifest-types'

/**
 * An imported rule's investigation guide (Elastic's `note`): markdown rendered to
 * HTML and sanitized at prebuild (lib/catalog/sources/markdown.ts), never compiled
 * or evaluated; headings carry the ids that "On this page" links to.
 */
export function MarkdownGuide({ guide }: { guide: MarkdownGuideData }) {
  return <div className="guide markdown-guide prose-sm max-w-none" dangerouslySetInnerHTML={{ __html: guide.html }} />
}
