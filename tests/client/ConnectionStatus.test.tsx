import { screen } from '@solidjs/testing-library'
import { createSignal } from 'solid-js'
import { describe, expect, it } from 'vitest'
import { ConnectionStatus } from '../../client/features/workspace/ConnectionStatus.tsx'
import type { SaveState } from '../../client/sync/saveState.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { renderWithI18n } from './helpers.tsx'

describe('ConnectionStatus', () => {
  it('is a polite live region whose text and data-state follow the save state', () => {
    const [state, setState] = createSignal<SaveState>('connecting')
    const [code, setCode] = createSignal<number | null>(null)
    renderWithI18n(
      () => <ConnectionStatus state={state()} closeCode={code()} readOnly={false} />,
      'en',
    )
    const status = screen.getByRole('status')
    expect(status).toHaveAttribute('aria-live', 'polite')
    const expectations: Array<[SaveState, number | null, string]> = [
      ['connecting', null, 'Connecting…'],
      ['saving', null, 'Saving…'],
      ['saved', null, 'Saved'],
      ['offline', null, 'Offline — your changes are kept'],
      ['error', CloseCode.unauthorized, 'This link is no longer valid'],
      ['error', CloseCode.roomFull, 'The workshop reached its maximum size'],
      ['error', 4999, 'code 4999'],
    ]
    for (const [next, closeCode, text] of expectations) {
      setState(next)
      setCode(closeCode)
      expect(status).toHaveAttribute('data-state', next)
      expect(status).toHaveTextContent(text)
    }
  })

  it('does not tell an observer their changes are saved', () => {
    renderWithI18n(() => <ConnectionStatus state="saved" closeCode={null} readOnly />)
    expect(screen.getByRole('status')).toHaveTextContent('À jour')
  })
})
