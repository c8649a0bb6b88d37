/**
 * Where a Chromium performance trace spent its time, phase by phase: the self time of each
 * kind of event on the page's main thread (script, style, layout, paint…) and how busy every
 * other thread was (compositor, raster workers, the display compositor). Phases are the spans
 * between `performance.mark(name)` and `performance.mark(`${name} end`)` in the page.
 * Times are the threads' CPU time where the trace has it (`tdur`): on two cores shared with
 * other processes, wall time also counts the time a thread waited for a core.
 */

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  /** CPU time of the thread during the event. */
  tdur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

/** The categories `summarise` reads: timeline events, V8's, user timing marks. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'toplevel',
  'v8',
  'cc',
  'viz',
]

const ms = (us: number) => (us / 1000).toFixed(1).padStart(7)

/** Self CPU time (µs) per event name of complete events on one thread, and its busy time. */
const selfTimes = (events: TraceEvent[], from: number, to: number) => {
  const inside = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && e.ts >= from && e.ts < to)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))
  const self = new Map<string, number>()
  const stack: Array<{ end: number; name: string }> = []
  let busy = 0
  for (const event of inside) {
    const dur = event.dur ?? 0
    const cpu = event.tdur ?? dur
    while (stack.length > 0 && (stack.at(-1)?.end ?? 0) <= event.ts) stack.pop()
    const parent = stack.at(-1)
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - cpu)
    else busy += cpu
    self.set(event.name, (self.get(event.name) ?? 0) + cpu)
    stack.push({ end: event.ts + dur, name: event.name })
  }
  return { self, busy }
}

/**
 * A table per phase: the main thread's top events by self time, then each thread's busy time,
 * then the CPU time per frame of the main thread and of the threads that draw (`frames` a phase).
 */
export const summarise = (
  trace: { traceEvents: TraceEvent[] },
  phases: ReadonlyArray<{ name: string; frames: number }>,
): string => {
  const events = trace.traceEvents
  const threadName = new Map<string, string>()
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) {
      threadName.set(`${e.pid}:${e.tid}`, e.args.name)
    }
  }
  const marks = new Map<string, TraceEvent>()
  for (const e of events) if (e.cat.includes('blink.user_timing')) marks.set(e.name, e)
  const page = marks.get(phases[0]?.name ?? '')
  if (!page) return 'trace: no phase marks found'
  const main = `${page.pid}:${page.tid}`
  const byThread = new Map<string, TraceEvent[]>()
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`
    const list = byThread.get(key) ?? []
    list.push(e)
    byThread.set(key, list)
  }
  const lines: string[] = []
  for (const { name: phase, frames } of phases) {
    const start = marks.get(phase)?.ts
    const end = marks.get(`${phase} end`)?.ts
    if (start === undefined || end === undefined) continue
    const { self, busy } = selfTimes(byThread.get(main) ?? [], start, end)
    lines.push(`\n${phase}: ${ms(end - start)} ms; main thread CPU ${ms(busy)} ms`)
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14)
    for (const [name, us] of top) lines.push(`  ${name.padEnd(36)} ${ms(us)} ms`)
    const threads = new Map<string, number>()
    for (const [key, list] of byThread) {
      if (key === main) continue
      const name = (threadName.get(key) ?? key).replace(/\d+$/, '')
      const { busy: other } = selfTimes(list, start, end)
      if (other > 0) threads.set(name, (threads.get(name) ?? 0) + other)
    }
    const others = [...threads.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)
    lines.push(`  other threads: ${others.map(([n, us]) => `${n} ${ms(us).trim()} ms`).join(', ')}`)
    // With --disable-gpu, raster (ThreadPoolForegroundWorker) and drawing (VizCompositorThread)
    // are CPU work on the same two cores as the main thread.
    const perFrame = (us: number) => (us / 1000 / Math.max(1, frames)).toFixed(2)
    const drawing = ['Compositor', 'ThreadPoolForegroundWorker', 'VizCompositorThread']
    const all = drawing.reduce((sum, name) => sum + (threads.get(name) ?? 0), busy)
    lines.push(
      `  CPU per frame: main ${perFrame(busy)} ms, ${drawing.map((name) => `${name} ${perFrame(threads.get(name) ?? 0)}`).join(', ')}; these together ${perFrame(all)} ms`,
    )
  }
  return lines.join('\n')
}
