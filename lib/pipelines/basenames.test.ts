import { describe, expect, it } from 'vitest'
import { matches, parseSigma } from '../sigma'
import type { SigmaRule } from '../sigma/rule'
import { withBasenames } from './basenames'
import { applyPipeline, fieldsOf, pipelines } from './index'

const ecs = pipelines['ecs-windows']!
const rule = (product: string, detection: string): SigmaRule =>
  parseSigma(`title: t\nlogsource: { product: ${product}, category: process_creation }\ndetection:\n${detection}`, 'rule.yml').documents[0] as SigmaRule
/** The detection after the pipeline, without its data-source conditions. */
const detection = (r: SigmaRule, basenames = true) => {
  const applied = applyPipeline(r, ecs, { basenames })
  return applied.expression.kind === 'AndNode' ? applied.expression.children.at(-1)! : applied.expression
}

describe('base-name rewrite (ECS path field → name field)', () => {
  it('should rewrite a Windows path suffix on Image and ParentImage to process.name and process.parent.name', () => {
    const r = rule('windows', "  sel: { Image|endswith: '\\mmc.exe', ParentImage|endswith: '\\explorer.EXE' }\n  condition: sel")
    expect(detection(r)).toMatchObject({
      kind: 'AndNode',
      children: [
        { field: 'process.name', value: ['mmc.exe'], cased: false },
        { field: 'process.parent.name', value: ['explorer.EXE'], cased: false },
      ],
    })
  })

  it('should keep the rewrite under a not, and keep cased values cased', () => {
    const r = rule('windows', "  sel: { Image|endswith|cased: '\\MMC.exe' }\n  condition: not sel")
    expect(detection(r)).toMatchObject({ kind: 'NotNode', child: { field: 'process.name', value: ['MMC.exe'], cased: true } })
  })

  it('should leave other shapes on the path field: no separator, a separator or wildcard in the name, contains, a list', () => {
    const kept = ["'mmc.exe'", "'*mmc.exe'", "'*\\sys\\mmc.exe'", "'*\\m*c.exe'", "'*\\m?c.exe'", "'*\\'", "'*\\mmc.exe*'", "'C:\\mmc.exe'"]
    for (const value of kept) {
      const r = rule('windows', `  sel: { Image: ${value} }\n  condition: sel`)
      expect(fieldsOf(detection(r)), value).toEqual(['process.executable'])
    }
    const list = rule('windows', "  sel: { Image|endswith: ['\\a.exe', 'b.exe'] }\n  condition: sel")
    expect(fieldsOf(detection(list))).toEqual(['process.name', 'process.executable'])
  })

  it("should use the platform's separator: / on Linux and macOS, \\ on Windows", () => {
    expect(fieldsOf(detection(rule('linux', "  sel: { Image|endswith: '/bash' }\n  condition: sel")))).toEqual(['process.name'])
    expect(fieldsOf(detection(rule('linux', "  sel: { Image|endswith: '\\bash' }\n  condition: sel")))).toEqual(['process.executable'])
    expect(fieldsOf(detection(rule('windows', "  sel: { Image|endswith: '/mmc.exe' }\n  condition: sel")))).toEqual(['process.executable'])
  })

  it('should not rewrite when turned off, nor with a pipeline that has no base-name table', () => {
    const r = rule('windows', "  sel: { Image|endswith: '\\mmc.exe' }\n  condition: sel")
    expect(fieldsOf(detection(r, false))).toEqual(['process.executable'])
    expect(fieldsOf(applyPipeline(r, pipelines.sysmon!).expression)).toContain('Image')
  })

  it('should derive name fields from absolute paths only, never overwriting a name the event has', () => {
    const r = rule('windows', '  sel: { Image: x }\n  condition: sel')
    expect(withBasenames({ 'process.executable': 'C:\\W\\MMC.exe', 'file.path': 'C:\\t\\a.txt' }, ecs, r.logsource)).toEqual({
      'process.executable': 'C:\\W\\MMC.exe',
      'process.name': 'MMC.exe',
      'file.path': 'C:\\t\\a.txt',
      'file.name': 'a.txt',
    })
    expect(withBasenames({ 'process.executable': 'mmc.exe' }, ecs, r.logsource)).toEqual({ 'process.executable': 'mmc.exe' })
    expect(withBasenames({ 'process.executable': 'C:\\a.exe', 'process.name': 'b.exe' }, ecs, r.logsource)).toEqual({ 'process.executable': 'C:\\a.exe', 'process.name': 'b.exe' })
  })

  it('should give the verdicts of the path rule on every event whose names are derived from its paths, negated or not', () => {
    const paths = ['C:\\Windows\\System32\\mmc.exe', 'C:\\x\\MMC.EXE', 'C:\\x\\ammc.exe', 'C:\\mmc.exe\\cmd.exe', '\\mmc.exe', 'mmc.exe', 'C:\\x\\mmc.exe ', 'C:\\x\\mmc.exe\\', '', undefined]
    for (const condition of ['sel', 'not sel']) {
      for (const cased of ['', '|cased']) {
        const r = rule('windows', `  sel: { Image|endswith${cased}: '\\mmc.exe' }\n  condition: ${condition}`)
        const [before, after] = [detection(r, false), detection(r)]
        expect(fieldsOf(after)).toEqual(['process.name'])
        for (const path of paths) {
          const event = withBasenames(path === undefined ? {} : { 'process.executable': path }, ecs, r.logsource)
          expect(matches(after, event), `${condition}${cased} ${path}`).toBe(matches(before, event))
        }
      }
    }
  })
})
