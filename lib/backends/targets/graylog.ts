import { defineTarget } from '../target'
import { lucene } from './lucene'

/**
 * Graylog search: Elasticsearch/OpenSearch `query_string` syntax over
 * Graylog's message fields, which Graylog indexes as exact, case-sensitive
 * keywords (only `message` and `full_message` are analysed). So the
 * language is the `lucene` target's, written against the rule's own field
 * names (or the Sysmon pipeline's) instead of ECS: case-insensitive values
 * become letter-class regexps, reserved characters are escaped, and every
 * `NOT` is grouped.
 *
 * Unlike sigmac's `graylog` output, values with wildcards are never put in
 * double quotes: a quoted `"*\\mmc.exe"` is a phrase, in which `*` is not a
 * wildcard.
 */
export const graylog = defineTarget({
  id: 'graylog',
  label: 'Graylog search (query string)',
  language: 'lucene',
  pipelines: ['none', 'sysmon'],
  dialect: lucene.dialect,
})
