import type { Metadata } from 'next'
import { Converter } from '@/components/convert/converter'

export const dynamic = 'force-static'

export const metadata: Metadata = {
  title: 'Convert a Sigma rule',
  description: 'Paste a Sigma rule and see its query in every target language, converted in your browser.',
}

/** `/convert/`: the in-browser converter; its code (the Sigma engine and the backends) loads on this page only. */
export default function ConvertPage() {
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Convert a Sigma rule</h1>
        <p className="max-w-3xl text-slate-700 dark:text-slate-300">
          Every target&apos;s query as you type, converted in this browser by the same library as <code className="font-mono">atlas convert</code>.
          Nothing you paste leaves the page.
        </p>
      </header>
      <Converter />
    </div>
  )
}
