import { createRequire } from 'node:module'

/**
 * Microsoft's own Kusto parser and semantic analyzer (npm `@kusto/language-service-next`,
 * a Bridge.NET build of Kusto.Language) as a function: the diagnostics of a query,
 * syntax only or, given table schemas, also unknown tables/columns and type errors.
 */
export interface KustoDiagnostic {
  readonly severity: string
  readonly code: string
  readonly message: string
  /** 0-based character offset in the query, and the length of the span. */
  readonly start: number
  readonly length: number
}

/** Table name → column name → Kusto type (`string`, `int`, `long`, `datetime`, `dynamic`, …). */
export type KustoSchema = Readonly<Record<string, Readonly<Record<string, string>>>>

interface KustoGlobal {
  Language: {
    KustoCode: {
      Parse(text: string): KustoCode
      ParseAndAnalyze(text: string, globals: unknown): KustoCode
    }
    GlobalState: { Default: { WithDatabase(db: unknown): unknown } }
    Symbols: {
      TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown }
      DatabaseSymbol: { $ctor2: new (name: string, alternateName: string | null, members: unknown[]) => unknown }
    }
  }
}
interface KustoCode {
  GetDiagnostics(): { Count: number; getItem(index: number): { Severity: string; Code: string; Message: string; Start: number; Length: number } }
}

let kusto: KustoGlobal | undefined
const globalsBySchema = new WeakMap<KustoSchema, unknown>()

function load(): KustoGlobal {
  if (kusto) return kusto
  const require = createRequire(import.meta.url)
  const scope = globalThis as Record<string, unknown>
  scope.Bridge ??= require('@kusto/language-service-next/bridge.js')
  require('@kusto/language-service-next/Kusto.Language.Bridge.js')
  kusto = scope.Kusto as KustoGlobal
  return kusto
}

function globalsFor(schema: KustoSchema): unknown {
  const cached = globalsBySchema.get(schema)
  if (cached) return cached
  const { Symbols, GlobalState } = load().Language
  const tables = Object.entries(schema).map(([name, columns]) => {
    const spec = Object.entries(columns).map(([column, type]) => `['${column}']:${type}`)
    return new Symbols.TableSymbol.$ctor7(name, `(${spec.join(', ')})`, null)
  })
  const globals = GlobalState.Default.WithDatabase(new Symbols.DatabaseSymbol.$ctor2('atlas', null, tables))
  globalsBySchema.set(schema, globals)
  return globals
}

/** Every diagnostic of `query`: syntax only, or syntax and semantics against `schema`. */
export function checkKql(query: string, schema?: KustoSchema): KustoDiagnostic[] {
  const { KustoCode } = load().Language
  const code = schema ? KustoCode.ParseAndAnalyze(query, globalsFor(schema)) : KustoCode.Parse(query)
  const list = code.GetDiagnostics()
  const out: KustoDiagnostic[] = []
  for (let index = 0; index < list.Count; index++) {
    const d = list.getItem(index)
    out.push({ severity: d.Severity, code: d.Code, message: d.Message, start: d.Start, length: d.Length })
  }
  return out
}

/** Only the errors (the analyzer also reports warnings and suggestions). */
export function kqlErrors(query: string, schema?: KustoSchema): KustoDiagnostic[] {
  return checkKql(query, schema).filter((d) => d.severity === 'Error')
}
