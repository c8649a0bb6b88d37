import { Route, Router } from '@solidjs/router'
import { fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library'
import * as encoding from 'lib0/encoding'
import { describe, expect, it, vi } from 'vitest'
import * as authProtocol from 'y-protocols/auth'
import { createI18n, I18nProvider } from '../../client/app/i18n.tsx'
import { WorkshopPage } from '../../client/features/workspace/WorkshopPage.tsx'
import { CATALOGUES } from '../../shared/i18n/catalogues.ts'
import type { Locale, MessageKey } from '../../shared/i18n/index.ts'
import { MessageType } from '../../shared/protocol.ts'
import { REFUSALS } from '../../shared/schema/rights.ts'
import { FakeSocket, fakeLinks, useFakeWorkshop } from '../helpers/fakeWorkshop.ts'

const links = fakeLinks('open-plan')

/** y-protocols' permission-denied message, as the server sends it after reverting a change. */
const permissionDenied = (reason: string): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.auth)
  authProtocol.writePermissionDenied(encoder, reason)
  return encoding.toUint8Array(encoder)
}

/** Amina's workshop page (a participant who joined earlier), both sockets open and synced. */
const openAsAmina = async (locale: Locale = 'en') => {
  localStorage.setItem(
    'fabrique:identity:ws-1',
    JSON.stringify({
      participantId: 'participant-0001',
      name: 'Amina',
      group: 'patient',
      secret: 'secret-of-participant',
    }),
  )
  history.replaceState(null, '', '/w/ws-1#token=par')
  render(() => (
    <I18nProvider value={createI18n(locale)}>
      <Router>
        <Route path="/w/:id" component={WorkshopPage} />
      </Router>
    </I18nProvider>
  ))
  await waitFor(() => expect(FakeSocket.instances).toHaveLength(2))
  const [shared, mine] = FakeSocket.instances
  if (!shared || !mine) throw new Error('the page opened no sockets')
  shared.open()
  mine.open()
  shared.ack()
  return { shared, mine }
}

const refusalNotice = () => screen.findByRole('alert')

describe('what the server refused', () => {
  useFakeWorkshop(links)

  it('says plainly what was refused when the workshop connection is denied a change', async () => {
    const warn = vi.spyOn(console, 'warn')
    const { shared } = await openAsAmina()
    expect(screen.queryByRole('alert')).toBeNull()
    shared.deliver(permissionDenied('item.notYours'))
    const notice = await refusalNotice()
    expect(within(notice).getByRole('heading', { name: 'Your change was not kept' })).toBeVisible()
    expect(notice).toHaveTextContent('You can change or delete only your own items.')
    // y-websocket's own handler (a console warning) no longer gets the message.
    expect(warn.mock.calls.flat().join(' ')).not.toContain('Permission denied')

    // The next refusal replaces it; closing it removes it, the page goes on.
    shared.deliver(permissionDenied('canvas.manage'))
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Only the facilitator creates, renames, orders, locks or deletes canvases.',
      ),
    )
    expect(screen.getAllByRole('alert')).toHaveLength(1)
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(document.querySelector('.connection-status')).not.toHaveAttribute('data-state', 'error')
  })

  it('says so for the private connection too, in French by default', async () => {
    const { mine } = await openAsAmina('fr')
    mine.deliver(permissionDenied('vote.invalid'))
    const notice = await refusalNotice()
    expect(notice).toHaveTextContent('Votre changement n’a pas été gardé')
    expect(notice).toHaveTextContent('Ce vote ne respecte pas ses règles')
  })

  it('falls back to a general sentence for a code it does not know', async () => {
    const { shared } = await openAsAmina()
    shared.deliver(permissionDenied('something.new'))
    const notice = await refusalNotice()
    expect(notice).toHaveTextContent('The server refused your last change and undid it.')
    expect(notice).not.toHaveTextContent('something.new')
  })
})

describe('refusal messages', () => {
  it.each(Object.keys(REFUSALS))('%s has a message in every language', (code) => {
    const key = `refusal.${code}` as MessageKey
    const { fr, en } = CATALOGUES
    expect(fr[key]?.trim(), `fr ${key}`).toBeTruthy()
    expect(en[key]?.trim(), `en ${key}`).toBeTruthy()
    expect(en[key]).not.toBe(fr[key])
  })
})
