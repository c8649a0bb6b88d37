// Preloaded into a server process (NODE_OPTIONS=--import) by tests/integration/processes.test.ts:
// on SIGUSR2 it throws an error nothing catches, as a bug would.
process.on('SIGUSR2', () => {
  throw new Error('a bug nobody caught')
})
