/** Readings of another process from /proc (Linux only): CPU time and peak resident memory. */
import { readdirSync, readFileSync } from 'node:fs'
import { setPriority } from 'node:os'

/** Kernel clock ticks per second (`getconf CLK_TCK`): 100 on every Linux this runs on. */
const CLK_TCK = 100

/** User + system CPU seconds used so far by `pid` (all its threads). */
export const cpuSeconds = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces: fields are counted after its closing paren.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK
}

/**
 * Seconds the main thread of `pid` has spent runnable but waiting for a CPU (second field of
 * /proc/<pid>/schedstat): how much other processes on these cores held it back.
 */
export const runQueueSeconds = (pid: number): number =>
  Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9

/** Peak resident set size of `pid` in MB (VmHWM). */
export const peakRssMb = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /VmHWM:\s+(\d+) kB/.exec(status)
  return match ? Number(match[1]) / 1024 : Number.NaN
}

/** Shared monotonic clock in ms (CLOCK_MONOTONIC): the same in every process of the machine. */
export const monoMs = (): number => Number(process.hrtime.bigint()) / 1e6

/** Busy and total CPU seconds of the whole machine so far (all cores, from /proc/stat). */
export const machineCpu = (): { busy: number; total: number } => {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? ''
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number)
  const total = ticks.reduce((a, b) => a + b, 0)
  // idle and iowait
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0)
  return { busy: (total - idle) / CLK_TCK, total: total / CLK_TCK }
}

/**
 * Sets the nice value of every thread of `pid` (threads it starts later inherit it from their
 * parent thread). Returns false if the system refused (lowering a nice value needs root or
 * CAP_SYS_NICE).
 */
export const setNice = (pid: number, nice: number): boolean => {
  try {
    for (const thread of readdirSync(`/proc/${pid}/task`)) setPriority(Number(thread), nice)
    return true
  } catch {
    return false
  }
}
