// Sums Vitest JSON reports (one per suite) into "N passed, N failed". Exit 1 when a test failed or no test ran.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
const lineOnly = process.argv.includes('--line-only')
let passed = 0
let failed = 0
let skipped = 0
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const r = JSON.parse(readFileSync(join(dir, name), 'utf8'))
  const p = r.numPassedTests ?? 0
  // a file that failed to load counts as a failure even when no test inside it ran
  const f = (r.numFailedTests ?? 0) + (r.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).length === 0).length
  const s = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  passed += p
  failed += f
  skipped += s
  if (!lineOnly) console.log(`${name.replace(/\.json$/, '').padEnd(28)} ${p} passed, ${f} failed, ${s} skipped`)
}
if (lineOnly) console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
