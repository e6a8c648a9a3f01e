import type { Metadata } from 'next'
import { AttackMatrix } from '@/components/attack-matrix'
import { getIndex } from '@/lib/catalog/manifest'

export const dynamic = 'force-static'
export const metadata: Metadata = { title: 'ATT&CK matrix' }

export default function TacticsPage() {
  const index = getIndex()
  return (
    <div className="relative left-1/2 w-screen max-w-[120rem] -translate-x-1/2 space-y-3 px-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">ATT&CK Enterprise matrix</h1>
        <p className="text-sm text-slate-500">
          ATT&CK {index.attackVersion} · numbers are rules per technique ·{' '}
          <a href="/attack/layer.json" className="underline">
            Navigator layer
          </a>
        </p>
      </div>
      <AttackMatrix tactics={index.tactics} />
    </div>
  )
}
