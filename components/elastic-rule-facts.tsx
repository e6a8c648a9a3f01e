import type { ReactNode } from 'react'
import type { ElasticFacts } from '@/lib/catalog/manifest-types'
import { Code, Codes } from './code-chips'
import { MarkdownGuide } from './markdown-guide'
import { BuildingBlockBadge, DeprecatedBadge } from './rule-flag-badges'

const TYPE_LABELS: Record<string, string> = {
  query: 'Custom query',
  eql: 'Event Correlation (EQL)',
  esql: 'ES|QL',
  threshold: 'Threshold',
  new_terms: 'New Terms',
  threat_match: 'Indicator Match',
  machine_learning: 'Machine Learning',
}

const LANGUAGE_LABELS: Record<string, string> = { kuery: 'KQL', eql: 'EQL', esql: 'ES|QL', lucene: 'Lucene' }

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_minmax(0,1fr)] gap-2 py-1">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  )
}

/** Badges for a retired or building-block rule, next to the title. */
export function ElasticBadges({ facts }: { facts: ElasticFacts }) {
  return (
    <>
      {facts.deprecated ? <DeprecatedBadge date={facts.deprecationDate} /> : null}
      {facts.buildingBlock ? <BuildingBlockBadge /> : null}
    </>
  )
}

/**
 * What an Elastic rule's reference page shows beyond the common facts: the rule
 * type and what it means for this rule (a threshold's field and value, new terms'
 * fields and history window, an ML job and anomaly threshold, an indicator match's
 * indices and mappings), the schedule, suppression, tags and the setup guide.
 */
export function ElasticRuleFacts({ facts }: { facts: ElasticFacts }) {
  return (
    <section aria-labelledby="elastic-title" className="space-y-2">
      <h2 id="elastic-title" className="text-lg font-semibold">
        Elastic rule
      </h2>
      <dl className="divide-y divide-slate-100 rounded border border-slate-200 px-3 text-sm dark:divide-slate-800 dark:border-slate-800">
        <Row label="Rule type">
          {TYPE_LABELS[facts.type] ?? facts.type}
          {facts.language ? <span className="text-slate-500"> · {LANGUAGE_LABELS[facts.language] ?? facts.language}</span> : null}
        </Row>
        {facts.threshold ? (
          <Row label="Threshold">
            {facts.threshold.field.length ? (
              <>
                grouped by <Codes values={facts.threshold.field} />
              </>
            ) : (
              'all events'
            )}{' '}
            — at least <strong>{facts.threshold.value}</strong> events
            {facts.threshold.cardinality?.map((c) => (
              <span key={c.field}>
                , with at least {c.value} distinct <Code>{c.field}</Code>
              </span>
            ))}
          </Row>
        ) : null}
        {facts.newTerms ? (
          <>
            <Row label="New terms fields">
              <Codes values={facts.newTerms.fields} />
            </Row>
            <Row label="History window">
              {facts.newTerms.historyWindow} <span className="text-slate-500">({facts.newTerms.historyWindowStart})</span>
            </Row>
          </>
        ) : null}
        {facts.machineLearning ? (
          <>
            <Row label="Machine learning job">
              <Codes values={facts.machineLearning.jobIds} />
            </Row>
            <Row label="Anomaly score threshold">{facts.machineLearning.anomalyThreshold}</Row>
          </>
        ) : null}
        {facts.threatMatch ? (
          <>
            <Row label="Indicator index patterns">
              <Codes values={facts.threatMatch.indices} />
            </Row>
            {facts.threatMatch.indicatorPath ? (
              <Row label="Indicator prefix">
                <Code>{facts.threatMatch.indicatorPath}</Code>
              </Row>
            ) : null}
            {facts.threatMatch.query ? (
              <Row label="Indicator query">
                <Code>{facts.threatMatch.query}</Code>
              </Row>
            ) : null}
            <Row label="Indicator mapping">
              <ul className="space-y-0.5">
                {facts.threatMatch.mappings.map((group, i) => (
                  <li key={i}>
                    {group.map((m, j) => (
                      <span key={m.field}>
                        {j ? ' and ' : i ? 'or ' : ''}
                        <Code>{m.field}</Code> matches <Code>{m.value}</Code>
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </Row>
          </>
        ) : null}
        <Row label="Runs every">{facts.interval}</Row>
        <Row label="Searches indices from">
          now-{facts.lookback}
          {facts.additionalLookback ? <span className="text-slate-500"> (additional look-back time {facts.additionalLookback})</span> : null}
        </Row>
        <Row label="Maximum alerts per run">{facts.maxAlerts}</Row>
        {facts.alertSuppression ? (
          <Row label="Alert suppression">
            by <Codes values={facts.alertSuppression.groupBy} />
            {facts.alertSuppression.duration ? ` for ${facts.alertSuppression.duration}` : ''}
          </Row>
        ) : null}
        {facts.timestampOverride ? (
          <Row label="Timestamp override">
            <Code>{facts.timestampOverride}</Code>
          </Row>
        ) : null}
        <Row label="Maturity">{facts.maturity}</Row>
        {facts.minStackVersion ? <Row label="Minimum stack version">{facts.minStackVersion}</Row> : null}
        {facts.integrations.length ? (
          <Row label="Integrations">
            <Codes values={facts.integrations} />
          </Row>
        ) : null}
        {facts.investigationFields.length ? (
          <Row label="Investigation fields">
            <Codes values={facts.investigationFields} />
          </Row>
        ) : null}
        {facts.tags.length ? (
          <Row label="Tags">
            <span className="flex flex-wrap gap-1">
              {facts.tags.map((t) => (
                <span key={t} className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">
                  {t}
                </span>
              ))}
            </span>
          </Row>
        ) : null}
      </dl>
      {facts.setup ? (
        <details className="rounded border border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
          <summary className="cursor-pointer font-medium">Setup</summary>
          <MarkdownGuide guide={facts.setup} />
        </details>
      ) : null}
    </section>
  )
}
