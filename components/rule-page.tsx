import type { ReactNode } from 'react'
import type { RuleDetail, TargetSummary } from '@/lib/catalog/manifest-types'
import { ruleQueries } from '@/lib/catalog/rule-queries'
import { stableLinkUrl } from '@/lib/catalog/static-files'
import { AttackChips } from './attack-chips'
import { Breadcrumbs } from './breadcrumbs'
import { CodeBlock } from './code-block'
import { Codes } from './code-chips'
import { ElasticBadges, ElasticRuleFacts } from './elastic-rule-facts'
import { Guide } from './guide'
import { MarkdownGuide } from './markdown-guide'
import { QueryTabs, type QueryTabTarget } from './query-tabs'
import { QueryVariant } from './query-variant'
import { SeverityBadge } from './severity-badge'

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="truncate text-sm">{children}</dd>
    </div>
  )
}

/** The small heading of a side-column block. */
function AsideHeading({ children }: { children: ReactNode }) {
  return <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{children}</h2>
}

/** A block of the side column: a small heading over its content. */
function AsideSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <AsideHeading>{title}</AsideHeading>
      {children}
    </section>
  )
}

/** Whether a rule page has a queries panel (and so a deferred `queries.html`). */
export const hasQueries = (rule: RuleDetail, targets: readonly TargetSummary[]) => targets.length > 0 && rule.conversions.length > 0

function Queries({ rule, targets, deferredUrl }: RulePageProps) {
  if (!hasQueries(rule, targets)) return null
  const tabs: QueryTabTarget[] = targets.map((t) => ({ id: t.id, label: t.label, pipelines: t.pipelines, formats: t.formats }))
  const { inline, deferred } = ruleQueries(rule, targets)
  const variants: Record<string, ReactNode> = {}
  // Without a deferred file (the dev server) every variant goes into the page.
  for (const [key, { label, conversion }] of Object.entries(deferredUrl ? inline : { ...inline, ...deferred }))
    variants[key] = <QueryVariant conversion={conversion} label={label} />
  return (
    <section id="queries" aria-labelledby="queries-title" className="scroll-mt-4 space-y-2">
      <h2 id="queries-title" className="text-lg font-semibold">
        Queries
      </h2>
      <QueryTabs targets={tabs} variants={variants} deferredUrl={deferredUrl ?? ''} />
    </section>
  )
}

/** The rule's other pipelines and output formats: the `queries.html` its queries panel loads on demand. */
export function DeferredQueries({ rule, targets }: Pick<RulePageProps, 'rule' | 'targets'>) {
  return Object.entries(ruleQueries(rule, targets).deferred).map(([key, { label, conversion }]) => (
    <div key={key} data-variant-body={key}>
      <QueryVariant conversion={conversion} label={label} />
    </div>
  ))
}

export interface RulePageProps {
  readonly rule: RuleDetail
  readonly targets: readonly TargetSummary[]
  /** Where the page's other pipelines and output formats are (`queries.html`); without it they are all inline. */
  readonly deferredUrl?: string | undefined
}

/**
 * A rule page's content, from its manifest entry alone: rendered to static HTML by
 * scripts/render-rule-pages.tsx for the export (no React in the browser) and by the
 * dev server's route. Its interactive parts are plain markup for components/behaviours.
 */
export function RulePage({ rule, targets, deferredUrl }: RulePageProps) {
  const passed = rule.tests.filter((t) => t.passed).length
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <Breadcrumbs items={[{ href: '/', label: 'Rules' }]} current={rule.id} />
        <h1 className="text-2xl font-semibold tracking-tight">{rule.title}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <SeverityBadge severity={rule.severity} riskScore={rule.riskScore} />
          {/* An Elastic deprecated rule's status is its "deprecated <date>" badge, not a second one. */}
          {rule.status && !(rule.elastic?.deprecated && rule.status === 'deprecated') ? (
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{rule.status}</span>
          ) : null}
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
            {rule.kind === 'native' ? `native ${rule.ruleType ?? ''}` : rule.kind === 'correlation' ? 'Sigma correlation' : 'Sigma rule'}
          </span>
          {rule.elastic ? <ElasticBadges facts={rule.elastic} /> : null}
          {rule.tests.length ? (
            <span className="text-xs text-emerald-700 dark:text-emerald-400">
              ✓ tested with {rule.tests.length} sample {rule.tests.length === 1 ? 'event' : 'events'} ({passed} passed)
            </span>
          ) : null}
        </div>
        <p className="max-w-4xl text-slate-700 dark:text-slate-300">{rule.description}</p>
      </header>

      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 rounded border border-slate-200 p-3 sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800">
        <Fact label="Rule type">{rule.ruleType ?? (rule.kind === 'correlation' ? 'correlation' : 'query')}</Fact>
        <Fact label="Risk score">{rule.riskScore ?? '—'}</Fact>
        <Fact label="Runs every">{rule.schedule?.interval ?? '—'}</Fact>
        <Fact label="Look-back">{rule.schedule?.lookback ?? '—'}</Fact>
        <Fact label="Max alerts">{rule.schedule?.max_alerts ?? '—'}</Fact>
        <Fact label="Version">{rule.version ?? '—'}</Fact>
        <Fact label="Log source">
          {rule.logsourceSlug ? (
            <a href={`/data/${rule.logsourceSlug}/`} className="font-mono text-xs text-indigo-700 hover:underline dark:text-indigo-300">
              {rule.logsourceSlug}
            </a>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Authors">{rule.authors.join(', ') || '—'}</Fact>
        <Fact label="License">{rule.license ?? '—'}</Fact>
        <Fact label="Created">{rule.date ?? '—'}</Fact>
        <Fact label="Modified">{rule.modified ?? '—'}</Fact>
        <Fact label="Rule id">
          <a href={stableLinkUrl(rule.id)} className="font-mono text-xs hover:underline" title="Stable link by rule id">
            {rule.id.slice(0, 8)}…
          </a>
        </Fact>
        {rule.indices.length ? (
          <div className="col-span-full">
            <dt className="text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Indices</dt>
            <dd>
              <Codes values={rule.indices} />
            </dd>
          </div>
        ) : null}
      </dl>

      <section aria-labelledby="attack-title" className="space-y-2">
        <h2 id="attack-title" className="text-lg font-semibold">
          MITRE ATT&CK
        </h2>
        <AttackChips groups={rule.attack} />
      </section>

      {rule.elastic ? <ElasticRuleFacts facts={rule.elastic} /> : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-6">
          {rule.guide ? (
            <section aria-labelledby="guide-title" className="space-y-2">
              <h2 id="guide-title" className="text-lg font-semibold">
                Investigation guide
              </h2>
              <Guide code={rule.guide.code} />
            </section>
          ) : rule.markdownGuide ? (
            <section aria-labelledby="guide-title" className="space-y-2">
              <h2 id="guide-title" className="text-lg font-semibold">
                Investigation guide
              </h2>
              <MarkdownGuide guide={rule.markdownGuide} />
            </section>
          ) : null}

          <section aria-labelledby="detection-title" className="space-y-2">
            <h2 id="detection-title" className="text-lg font-semibold">
              Detection
            </h2>
            <CodeBlock html={rule.detection.html} text={rule.detection.text} label={rule.detection.label} />
            {rule.native.map((n) => (
              <CodeBlock key={n.label} html={n.html} text={n.text} label={n.label} />
            ))}
          </section>
        </div>

        <aside className="space-y-5 text-sm leading-6">
          {(rule.guide ?? rule.markdownGuide)?.headings.length ? (
            <nav aria-label="Guide contents">
              <AsideHeading>On this page</AsideHeading>
              <ul className="space-y-0.5">
                {(rule.guide ?? rule.markdownGuide)!.headings.map((h) => (
                  <li key={h.slug} className={h.depth === 3 ? 'ps-3' : ''}>
                    <a href={`#${h.slug}`} className="text-slate-700 hover:underline dark:text-slate-300">
                      {h.text}
                    </a>
                  </li>
                ))}
                {hasQueries(rule, targets) ? (
                  <li>
                    <a href="#queries" className="text-slate-700 hover:underline dark:text-slate-300">
                      Queries
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
          {rule.trigger ? (
            <AsideSection title="Trigger (how to test)">
              <p className="text-slate-700 [overflow-wrap:anywhere] dark:text-slate-300">{rule.trigger}</p>
            </AsideSection>
          ) : null}
          <AsideSection title="False positives">
            <ul className="list-disc ps-4 text-slate-700 dark:text-slate-300">
              {(rule.falsepositives.length ? rule.falsepositives : ['None documented']).map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </AsideSection>
          {rule.fields.length ? (
            <AsideSection title="Fields read">
              <ul className="flex flex-wrap gap-1 font-mono text-xs">
                {rule.fields.map((f) => (
                  <li key={f} className="rounded bg-slate-100 px-1 dark:bg-slate-800">
                    {f}
                  </li>
                ))}
              </ul>
            </AsideSection>
          ) : null}
          {rule.references.length || rule.textReferences.length ? (
            <AsideSection title="References">
              <ul className="space-y-0.5 break-all">
                {rule.references.map((r) => (
                  <li key={r}>
                    <a href={r} rel="noreferrer" className="text-indigo-700 hover:underline dark:text-indigo-300">
                      {r}
                    </a>
                  </li>
                ))}
                {/* Notes and non-web URLs (javascript:, data: …): shown, never linked (lib/catalog/safe-url.ts). */}
                {rule.textReferences.map((r) => (
                  <li key={r} className="text-slate-700 dark:text-slate-300">
                    {r}
                  </li>
                ))}
              </ul>
            </AsideSection>
          ) : null}
          {rule.tests.length ? (
            <AsideSection title="Sample-event tests">
              <ul className="space-y-0.5">
                {rule.tests.map((t) => (
                  <li key={t.name}>
                    <span className={t.passed ? 'text-emerald-600' : 'text-red-600'}>{t.passed ? '✓' : '✗'}</span> {t.name}{' '}
                    <span className="text-xs text-slate-500">({t.match ? 'fires' : 'silent'})</span>
                  </li>
                ))}
              </ul>
            </AsideSection>
          ) : null}
        </aside>
      </div>

      <Queries rule={rule} targets={targets} deferredUrl={deferredUrl} />
    </article>
  )
}
