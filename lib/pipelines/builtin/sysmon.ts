import { definePipeline } from '../pipeline'
import { SYSMON_CHANNEL, WINDOWS_CATEGORIES, WINDOWS_SERVICE_CHANNELS } from '../windows-logsources'

/**
 * Raw Windows event logs with their own field names: a Sysmon category
 * becomes `EventID` and `Channel` conditions, a service its `Channel`.
 */
export const sysmon = definePipeline({
  id: 'sysmon',
  label: 'Windows event logs with Sysmon field names (EventID and Channel conditions)',
  logsources: [
    ...Object.entries(WINDOWS_CATEGORIES).map(([category, facts]) => ({
      when: { product: 'windows', category },
      dataSource: {
        conditions: {
          EventID: facts.sysmonEventIds.length === 1 ? facts.sysmonEventIds[0]! : [...facts.sysmonEventIds],
          Channel: SYSMON_CHANNEL,
        },
      },
    })),
    ...Object.entries(WINDOWS_SERVICE_CHANNELS).map(([service, channel]) => ({
      when: { product: 'windows', service },
      dataSource: { conditions: { Channel: channel } },
    })),
  ],
})

/**
 * Splunk with the Splunk Add-on for Windows / Sysmon: the same field names
 * except `EventID`, which Splunk calls `EventCode`, and the event log chosen
 * by `source`.
 */
export const splunkWindows = definePipeline({
  id: 'splunk-windows',
  label: 'Splunk Add-on for Microsoft Windows and Sysmon (source, EventCode)',
  targets: ['splunk'],
  logsources: [
    ...Object.entries(WINDOWS_CATEGORIES).map(([category, facts]) => ({
      when: { product: 'windows', category },
      dataSource: {
        splunk: { source: `XmlWinEventLog:${SYSMON_CHANNEL}` },
        conditions: { EventCode: facts.sysmonEventIds.length === 1 ? facts.sysmonEventIds[0]! : [...facts.sysmonEventIds] },
      },
    })),
    ...Object.entries(WINDOWS_SERVICE_CHANNELS).map(([service, channel]) => ({
      when: { product: 'windows', service },
      dataSource: { splunk: { source: `${service === 'sysmon' ? 'XmlWinEventLog' : 'WinEventLog'}:${channel}` } },
    })),
  ],
  fields: [{ map: { EventID: 'EventCode' } }],
})
