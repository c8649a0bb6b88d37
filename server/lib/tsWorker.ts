import { Worker } from 'node:worker_threads'

const tsxApi = import.meta.resolve('tsx/esm/api')

/**
 * Starts a worker thread from a TypeScript module. Node 20 does not pass module loaders to
 * workers, so the worker registers tsx itself before importing the module.
 */
export const startTsWorker = (moduleUrl: URL, workerData: unknown): Worker =>
  new Worker(
    `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}) })`,
    { eval: true, workerData },
  )
