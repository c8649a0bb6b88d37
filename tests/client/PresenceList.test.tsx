import { screen, within } from '@solidjs/testing-library'
import { describe, expect, it } from 'vitest'
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import * as Y from 'yjs'
import { PresenceList } from '../../client/features/presence/PresenceList.tsx'
import { PRESENCE_FIELD, type PresenceUser } from '../../shared/presence.ts'
import { renderWithI18n } from './helpers.tsx'

const peer = (user: PresenceUser | Record<string, unknown>) => {
  const awareness = new Awareness(new Y.Doc())
  awareness.setLocalStateField(PRESENCE_FIELD, user)
  return awareness
}

const join = (into: Awareness, from: Awareness) =>
  applyAwarenessUpdate(into, encodeAwarenessUpdate(from, [from.clientID]), 'test')

describe('PresenceList', () => {
  it('lists names with the partner group as text and a swatch, marks you, and follows changes', () => {
    const local = peer({ id: 'me-000000001', name: 'Zoé', group: 'clinician', role: 'facilitator' })
    const amina = peer({ id: 'amina-000001', name: 'Amina', group: 'patient', role: 'participant' })
    const bad = peer({ id: '!', name: '', group: 'nobody', role: 'admin' })
    join(local, amina)
    join(local, bad)

    renderWithI18n(() => <PresenceList awareness={local} />, 'en')
    const list = screen.getByRole('list')
    const items = within(list).getAllByRole('listitem')
    expect(items).toHaveLength(2) // the malformed state is skipped
    expect(items[0]).toHaveTextContent('Zoé')
    expect(items[0]).toHaveTextContent('(you)')
    expect(items[0]).toHaveTextContent('Clinician partner')
    expect(items[0]).toHaveTextContent('Facilitator')
    expect(items[1]).toHaveTextContent('Amina')
    expect(items[1]).toHaveTextContent('Patient partner')
    expect(items[1]).not.toHaveTextContent('(you)')
    expect(items[1]?.querySelector('.swatch')).toHaveAttribute('aria-hidden', 'true')

    // An observer is listed unnamed, last: a name an older build sent is not shown.
    const sam = peer({ id: 'sam-00000001', name: 'Sam', group: 'citizen', role: 'observer' })
    join(local, sam)
    expect(within(list).getAllByRole('listitem')[2]).toHaveTextContent(/^Observer$/)
    expect(within(list).queryByText('Sam')).toBeNull()
    expect(within(list).queryByText('Citizen partner')).toBeNull()

    removeAwarenessStates(local, [amina.clientID], 'test')
    expect(within(list).queryByText('Amina')).toBeNull()
    expect(within(list).getAllByRole('listitem')).toHaveLength(2)
  })

  it('says when nobody else is online', () => {
    const local = peer({ id: 'me-000000001', name: 'Zoé', group: 'other', role: 'participant' })
    renderWithI18n(() => <PresenceList awareness={local} />)
    expect(screen.getByText('Personne d’autre n’est en ligne.')).toBeInTheDocument()
    expect(screen.getByText('(vous)')).toBeInTheDocument()
    expect(screen.getByText('Autre')).toBeInTheDocument()
  })
})
