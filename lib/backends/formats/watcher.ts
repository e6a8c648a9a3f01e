import { descriptionOf, resolveSchedule } from './rule-facts'
import type { FormatInput, FormatResult, OutputFormat } from './types'

/** A placeholder recipient, reported in a warning: a watch needs one to be created. */
export const WATCHER_PLACEHOLDER_RECIPIENT = 'soc@example.com'

/**
 * An Elasticsearch Watcher watch (the body of `PUT _watcher/watch/<id>`): every
 * interval, a `query_string` search over the rule's index patterns limited to
 * the look-back window; when it has hits, an email that lists the rule's
 * `fields` for each hit, with the hits attached as JSON.
 *
 * Differences from the classic sigmac `xpack-watcher` output, on purpose:
 * the search keeps `size` hits (sigmac's `size: 0` left the hit list in the
 * email empty), it is limited to the look-back window (without it every run
 * re-alerts on all past events), and `hits.total` is asked for as an integer
 * so that the `compare` condition works on Elasticsearch 7 and later.
 */
export function renderWatcher(input: FormatInput, recipients: readonly string[] = []): FormatResult {
  if (input.language !== 'lucene')
    return { ok: false, code: 'format-language', reason: `a watch runs a query_string (lucene) query, not ${input.language}` }
  const schedule = resolveSchedule(input)
  if ('ok' in schedule) return schedule
  const warnings: string[] = []
  if (recipients.length === 0)
    warnings.push(`no email recipient given: the watch sends to ${WATCHER_PLACEHOLDER_RECIPIENT}; set actions.send_email.email.to`)
  const indices = input.dataSource.index ?? []
  if (indices.length === 0) warnings.push('the pipeline names no index pattern: the watch searches every index')
  const watch = {
    metadata: { name: input.rule.title, description: descriptionOf(input), ...(input.rule.id ? { sigma_id: input.rule.id } : {}) },
    trigger: { schedule: { interval: schedule.interval.text } },
    input: {
      search: {
        request: {
          indices,
          rest_total_hits_as_int: true,
          body: {
            size: schedule.maxAlerts,
            query: {
              bool: {
                must: [{ query_string: { query: input.query, analyze_wildcard: true } }],
                filter: [{ range: { '@timestamp': { gte: `now-${schedule.lookback.text}` } } }],
              },
            },
          },
        },
      },
    },
    condition: { compare: { 'ctx.payload.hits.total': { not_eq: 0 } } },
    actions: {
      send_email: {
        email: {
          to: recipients.length > 0 ? [...recipients] : [WATCHER_PLACEHOLDER_RECIPIENT],
          subject: `Sigma Rule '${input.rule.title}'`,
          body: emailBody(input.fields),
          attachments: { 'data.json': { data: { format: 'json' } } },
        },
      },
    },
  }
  return { ok: true, text: JSON.stringify(watch, null, 2), warnings }
}

/** Mustache over the hits: the time, then `field = value` per rule field (or the whole source). */
function emailBody(fields: readonly string[]): string {
  const lines = fields.length > 0 ? fields.map((field) => `${field} = {{_source.${field}}}\n`).join('') : '{{#toJson}}_source{{/toJson}}\n'
  return `Hits:\n{{#ctx.payload.hits.hits}}Hit on {{_source.@timestamp}}:\n${lines}${'='.repeat(80)}\n{{/ctx.payload.hits.hits}}`
}

export const watcher: OutputFormat = {
  id: 'watcher',
  label: 'Elasticsearch Watcher (JSON)',
  languages: ['lucene'],
  extension: 'json',
  render: (input) => renderWatcher(input),
}
