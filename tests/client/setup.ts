import '@testing-library/jest-dom/vitest'
import 'fake-indexeddb/auto'
import { cleanup } from '@solidjs/testing-library'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach } from 'vitest'

// jsdom does not scroll; the router calls scrollTo on navigation.
window.scrollTo = () => {}

beforeEach(() => {
  // A fresh, empty IndexedDB for every test: no document copy leaks from one test to the next.
  globalThis.indexedDB = new IDBFactory()
})

afterEach(() => {
  cleanup()
  localStorage.clear()
})
