import { fireEvent, screen, waitFor, within } from '@solidjs/testing-library'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SharePanel } from '../../client/features/role-links/SharePanel.tsx'
import { fakeLinks } from '../helpers/fakeWorkshop.ts'
import { renderWithI18n } from './helpers.tsx'

const before = fakeLinks('open-plan')
const after = {
  ...before,
  tokens: { ...before.tokens, participant: 'par2' },
  links: { ...before.links, participant: 'http://localhost/w/ws-1#token=par2' },
}

describe('SharePanel', () => {
  afterEach(() => vi.unstubAllGlobals())

  const serve = (rotate: () => Response) => {
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'POST' ? rotate() : Response.json(before),
    )
    vi.stubGlobal('fetch', fetchMock)
    const rotations = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')
    return rotations
  }

  it('replaces the participant link after saying that the old one stops working', async () => {
    const rotations = serve(() => Response.json(after))
    renderWithI18n(() => <SharePanel workshopId="ws-1" token="fac" />)
    expect(await screen.findByDisplayValue(before.links.participant)).toBeInTheDocument()
    // The facilitator's own link is not replaced from the page that holds it.
    expect(screen.queryByRole('button', { name: 'Remplacer le lien d’animation' })).toBeNull()

    const open = screen.getByRole('button', { name: 'Remplacer le lien de participation' })
    fireEvent.click(open)
    let dialog = await screen.findByRole('alertdialog', {
      name: 'Remplacer le lien de participation\u202f?',
    })
    expect(dialog).toHaveAccessibleDescription(
      /L’ancien lien de participation et son code QR cesseront de fonctionner tout de suite\u00a0: les personnes connectées avec lui seront déconnectées\./,
    )
    expect(within(dialog).getByRole('button', { name: 'Annuler' })).toHaveFocus()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(rotations()).toHaveLength(0)

    fireEvent.click(open)
    dialog = await screen.findByRole('alertdialog')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Oui, remplacer le lien' }))
    expect(await screen.findByDisplayValue(after.links.participant)).toBeInTheDocument()
    expect(screen.queryByDisplayValue(before.links.participant)).toBeNull()
    expect(screen.getByRole('img', { name: 'Code QR du lien de participation' })).toBeVisible()
    expect(
      screen.getByText('Le lien de participation a été remplacé : l’ancien ne fonctionne plus.'),
    ).toBeInTheDocument()
    const [url, init] = rotations()[0] ?? []
    expect(url).toBe('/api/workshops/ws-1/links/participant/rotate')
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer fac')
  })

  it('says so when the link could not be replaced, and keeps the old one', async () => {
    serve(() => Response.json({ error: 'only the facilitator can do this' }, { status: 403 }))
    renderWithI18n(() => <SharePanel workshopId="ws-1" token="fac" />)
    fireEvent.click(await screen.findByRole('button', { name: 'Remplacer le lien d’observation' }))
    const dialog = await screen.findByRole('alertdialog')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Oui, remplacer le lien' }))
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'Le lien n’a pas pu être remplacé : only the facilitator can do this. L’ancien fonctionne toujours.',
      ),
    )
    expect(screen.getByDisplayValue(before.links.observer)).toBeInTheDocument()
  })
})
