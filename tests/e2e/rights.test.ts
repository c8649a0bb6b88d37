// One file (over 500 lines): one browser suite, every template's workshop made at once, and a
// tally across all steps of the controls used, checked at its end.
import { readdirSync } from 'node:fs'
import * as decoding from 'lib0/decoding'
import type { Locator, Page } from 'playwright-core'
import { afterAll, describe, type ExpectStatic, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { WorkshopLinks } from '../../shared/api.ts'
import { MessageType } from '../../shared/protocol.ts'
import { roomName } from '../../shared/rooms.ts'
import {
  addBox,
  type BoxItem,
  bringEveryoneTo,
  type CanvasItem,
  connect,
  documentBody,
  getParticipant,
  goToPhase,
  listCanvases,
  listCharters,
  listDocuments,
  POSITIONS,
  readCanvasContent,
  readFlow,
  readPlainText,
  upsertParticipant,
} from '../../shared/schema/index.ts'
import { PRIVATE_VOTES_ROOT } from '../../shared/schema/votes.ts'
import { hasChromium } from '../helpers/browser.ts'
import { board, openTab, saveState, useBrowserSuite } from '../helpers/e2e.ts'
import { connectClient, synced, type TestClient, waitFor } from '../helpers/yclient.ts'

/**
 * For every step of every shipped template, a participant's page uses each control it enables
 * on the canvas and in the artefacts (documents, charters), and the server keeps what it did:
 * no permission-denied message comes back and the change reaches the facilitator. The page and
 * the server must agree on who may change what (shared/schema/rights.ts); a control the page
 * offers and the server refuses, or one the step allows and the page withholds, fails here.
 */

const runBrowser = hasChromium()

const TEMPLATES = readdirSync('templates')
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
  .sort()

/**
 * Someone else, whose notes and link sit on every canvas: a participant registered with the
 * server, who writes them from his own connection (the server credits an item to whoever
 * writes it, the facilitator included).
 */
const BEN = { name: 'Ben', group: 'citizen' as const }
const ORIGIN = 'facilitator-test'
/** Where the test's items sit on each canvas: away from the template's own content. */
const CORNER = { x: -4000, y: -4000 }

/** The canvas items of `doc` (a shared or private document), or none while it has no such canvas. */
const itemsOf = (doc: Y.Doc, canvasId: string): CanvasItem[] => {
  try {
    return readCanvasContent(doc, canvasId).items
  } catch {
    return []
  }
}
const itemIn = (doc: Y.Doc, canvasId: string, id: string) =>
  itemsOf(doc, canvasId).find((item) => item.id === id)

/** The permission-denied reasons a page's sockets received (y-protocols auth messages). */
const watchRefusals = (page: Page): string[] => {
  const reasons: string[] = []
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string' || payload[0] !== MessageType.auth) return
      const decoder = decoding.createDecoder(new Uint8Array(payload))
      decoding.readVarUint(decoder)
      decoding.readVarUint(decoder)
      reasons.push(decoding.readVarString(decoder))
    }),
  )
  return reasons
}

/** Shown in the artefacts area during a step closed to writing (shared/i18n/documents.ts). */
const READ_ONLY_ARTEFACTS =
  'Pendant cette étape, les documents, les chartes et le plan se lisent sans se modifier.'

/** What a step's checks did with each control: used, or not offered by the page. */
type Outcome = 'used' | 'off'
const used = new Map<string, number>()
const note = (control: string, outcome: Outcome) => {
  if (outcome === 'used') used.set(control, (used.get(control) ?? 0) + 1)
  return outcome
}

describe.skipIf(!runBrowser)(
  'in Chromium: every control a participant has passes the policy',
  () => {
    // One workshop per template, created at once: more than the default burst of creations.
    const e2e = useBrowserSuite({ createBurst: TEMPLATES.length + 5 })
    const clients: TestClient[] = []
    afterAll(() => {
      for (const client of clients.splice(0)) client.destroy()
    })
    const client = async (room: string, token: string, identity?: Record<string, string>) => {
      const opened = connectClient(e2e.server.syncUrl, room, token, identity)
      clients.push(opened)
      await synced(opened)
      return opened
    }

    /** Joins as a participant, watching the page's sockets from the start. */
    const joinWatched = async (workshop: WorkshopLinks, expect: ExpectStatic) => {
      const page = await e2e.newPage({ width: 1280, height: 800 })
      const refusals = watchRefusals(page)
      await page.goto(workshop.links.participant)
      await page.getByRole('textbox', { name: 'Votre nom' }).fill('Amina')
      await page.getByRole('radio', { name: /Patient partenaire/ }).check()
      await page.getByRole('button', { name: 'Rejoindre' }).click()
      await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe('saved')
      const identity = (await page.evaluate(
        (id) => JSON.parse(localStorage.getItem(`fabrique:identity:${id}`) ?? '{}'),
        workshop.id,
      )) as { participantId: string; secret: string }
      return { page, refusals, identity }
    }

    // Concurrent: each template's own `expect` (the test context's), not the global one.
    // Eleven walks share one browser on two cores: each gets longer than a single test's minute.
    it.concurrent.for(TEMPLATES)('%s', { timeout: 150_000 }, async (template, { expect }) => {
      const workshop = await e2e.server.createWorkshop({ title: `Droits ${template}`, template })
      const facilitator = await client(workshop.id, workshop.tokens.facilitator)
      const shared = facilitator.doc

      // Ben joins through the participant link, and from his own connection writes his record
      // and, on every canvas, his note, a second note of his and his link between them. The
      // facilitator adds a frame nobody made (as a template's) next to them.
      const registered = await e2e.server.register(workshop.id, workshop.tokens.participant)
      const benId = registered.participantId
      const ben = await client(workshop.id, workshop.tokens.participant, registered.identity)
      upsertParticipant(ben.doc, { id: benId, ...BEN }, ORIGIN)
      const corners = new Map<string, { frame: string; ben: string; ben2: string; link: string }>()
      const benNote = (canvasId: string, x: number, text: string) =>
        addBox(
          ben.doc,
          canvasId,
          { kind: 'note', x, y: CORNER.y, text, group: BEN.group, createdBy: benId },
          ORIGIN,
        )
      const benLink = (canvasId: string, from: string, to: string) =>
        connect(ben.doc, canvasId, { from, to, createdBy: benId }, ORIGIN)
      /** Until the facilitator has what Ben wrote (the server refuses nothing of his). */
      const fromBen = (what: string, check: () => boolean) =>
        waitFor(`${what} from Ben's connection at the facilitator`, check, 5000)
      for (const canvas of listCanvases(shared)) {
        const frame = addBox(
          shared,
          canvas.id,
          { kind: 'frame', x: CORNER.x - 300, y: CORNER.y - 40, w: 220, h: 200, text: 'Cadre' },
          ORIGIN,
        )
        const ben = benNote(canvas.id, CORNER.x, 'Idée de Ben')
        const ben2 = benNote(canvas.id, CORNER.x + 400, 'Autre idée de Ben')
        corners.set(canvas.id, { frame, ben, ben2, link: benLink(canvas.id, ben, ben2) })
      }
      await fromBen(
        'his record and items',
        () =>
          getParticipant(shared, benId) !== null &&
          [...corners].every(([canvasId, corner]) =>
            [corner.frame, corner.ben, corner.ben2, corner.link].every(
              (id) => itemIn(shared, canvasId, id) !== undefined,
            ),
          ),
      )

      const { page, refusals, identity } = await joinWatched(workshop, expect)
      const { participantId } = identity
      // Her private document opens for her alone: watched as her second device.
      const mine = await client(
        roomName({ kind: 'private', workshopId: workshop.id, participantId }),
        workshop.tokens.participant,
        { participant: participantId, secret: identity.secret },
      )
      /** Until the watchers have the change; if it never comes, what the server refused. */
      const arrives = (what: string, check: () => boolean) =>
        waitFor(what, check, 5000).catch((error: Error) => {
          throw new Error(
            `${error.message}; the server refused: ${refusals.join(', ') || 'nothing'}`,
          )
        })
      const flow = readFlow(shared)
      const total = flow.phases.length
      /** The note this person wrote on the shared canvas first: theirs to edit at every step. */
      const own = new Map<string, string>()
      let viewAt = Date.now()
      /** What the artefacts were last checked for (write/vote): a step like it is not checked again. */
      let artefactsChecked = ''

      // Hidden too: the "More actions" menu's tools are in the page, enabled or not, while it is closed.
      const button = (name: string, within: Page | Locator = page) =>
        within.getByRole('button', { name, exact: true, includeHidden: true })
      const offered = async (name: string, within: Page | Locator = page) => {
        const found = button(name, within)
        return (await found.count()) > 0 && !(await found.first().isDisabled())
      }
      const item = (id: string) => page.locator(`.canvas-board [data-item-id="${id}"]`)
      /**
       * The item's element gets the focus; if the board has moved it out of the view (a step
       * change places the view on the new step), Tab through the board reaches it, as a person
       * would, and brings it into sight.
       */
      const focus = async (id: string) => {
        // It may also go between the count and the focus (the view moving on).
        const there = (await item(id).count()) > 0
        if (
          there &&
          (await item(id)
            .focus({ timeout: 3000 })
            .then(
              () => true,
              () => false,
            ))
        )
          return
        await page.locator('.canvas-board').focus()
        for (let i = 0; i < 200; i++) {
          await page.keyboard.press('Tab')
          const on = await page.evaluate(
            () => document.activeElement?.closest<HTMLElement>('[data-item-id]')?.dataset.itemId,
          )
          if (on === id) return
        }
        throw new Error(`Tab never reached the item ${id}`)
      }
      /** Until the server has acknowledged everything the page sent. */
      const settled = () => expect.poll(() => saveState(page), { timeout: 10_000 }).toBe('saved')
      const transform = (id: string) => item(id).evaluate((el) => (el as HTMLElement).style.cssText)
      const typeAtEnd = async (suffix: string) => {
        await page.keyboard.press('Enter')
        await page.keyboard.press('End')
        await page.keyboard.type(suffix)
        await page.keyboard.press('Escape')
      }

      for (let index = -1; index < total; index++) {
        const phase = index >= 0 ? flow.phases[index] : null
        const step = phase
          ? `${template} step ${index + 1} (${phase.id})`
          : `${template} before the start`
        if (phase) {
          goToPhase(shared, index, ORIGIN)
          await expect
            .poll(
              () =>
                page
                  .getByRole('region', { name: 'Étape en cours' })
                  .getByRole('heading')
                  .first()
                  .textContent(),
              { timeout: 10_000 },
            )
            .toMatch(new RegExp(`^Étape ${index + 1} sur ${total}`))
        }
        const focused = phase?.focus && 'canvas' in phase.focus ? phase.focus.canvas : null
        const canvas = focused ?? listCanvases(shared)[0]?.id
        if (!canvas) throw new Error(`${step}: no canvas`)
        const corner = corners.get(canvas)
        if (!corner) throw new Error(`${step}: no test items on ${canvas}`)
        // Everyone to the test's corner of that canvas, at 100 %.
        bringEveryoneTo(
          shared,
          { canvasId: canvas, x: CORNER.x, y: CORNER.y + 60, zoom: 1 },
          ORIGIN,
          ++viewAt,
        )
        await item(corner.ben).waitFor({ timeout: 10_000 })
        const privateWriting = !!phase?.allow.write && !phase.allow.seeOthers

        // ── Add a note (then delete it again, if the page offers that) ──────────────────────
        if (note('add note', (await offered('Note')) ? 'used' : 'off') === 'used') {
          const text = `Note ${index + 1}`
          const where = privateWriting ? mine.doc : shared
          const written = () =>
            itemsOf(where, canvas).find(
              (entry): entry is BoxItem =>
                entry.kind === 'note' && entry.text === text && entry.createdBy === participantId,
            )
          await board(page).focus()
          await page.keyboard.press('n')
          await page.keyboard.type(text)
          await page.keyboard.press('Escape')
          await arrives(`${step}: the new note at the facilitator`, () => written() !== undefined)
          const id = written()?.id ?? ''
          if (!privateWriting && !own.has(canvas)) own.set(canvas, id)
          else if (
            note('delete own note', (await offered('Supprimer')) ? 'used' : 'off') === 'used'
          ) {
            await focus(id)
            await page.keyboard.press('Delete')
            await arrives(`${step}: own note deleted`, () => !itemIn(where, canvas, id))
          }
        }

        // ── Edit one's own note ───────────────────────────────────────────────────────────────
        const ownId = own.get(canvas)
        if (ownId && (await item(ownId).count()) > 0) {
          await focus(ownId)
          if (
            note('edit own note', (await offered('Modifier le texte')) ? 'used' : 'off') === 'used'
          ) {
            const before = (itemIn(shared, canvas, ownId) as BoxItem).text
            await typeAtEnd('+')
            await arrives(
              `${step}: own note edited`,
              () => (itemIn(shared, canvas, ownId) as BoxItem | undefined)?.text === `${before}+`,
            )
          }
        }

        // ── Someone else's note: edit, duplicate, delete when offered; move ──────────────────
        await focus(corner.ben)
        if (
          note('edit other’s note', (await offered('Modifier le texte')) ? 'used' : 'off') ===
          'used'
        ) {
          const before = (itemIn(shared, canvas, corner.ben) as BoxItem).text
          await typeAtEnd('!')
          await arrives(
            `${step}: other's note edited`,
            () =>
              (itemIn(shared, canvas, corner.ben) as BoxItem | undefined)?.text === `${before}!`,
          )
        }
        if (
          note('duplicate other’s note', (await offered('Dupliquer')) ? 'used' : 'off') === 'used'
        ) {
          const count = () =>
            itemsOf(shared, canvas).filter(
              (entry) => entry.kind === 'note' && entry.createdBy === participantId,
            ).length
          const before = count()
          await page.keyboard.press('Control+d')
          await arrives(`${step}: the copy, credited to the copier`, () => count() === before + 1)
        }
        await focus(corner.ben)
        const beforeMove = await transform(corner.ben)
        const xBefore = (itemIn(shared, canvas, corner.ben) as BoxItem).x
        await page.keyboard.press('ArrowRight')
        if (
          note(
            'move other’s note',
            (await transform(corner.ben)) !== beforeMove ? 'used' : 'off',
          ) === 'used'
        ) {
          await arrives(
            `${step}: other's note moved`,
            () => (itemIn(shared, canvas, corner.ben) as BoxItem).x === xBefore + 20,
          )
        }
        if (note('delete other’s note', (await offered('Supprimer')) ? 'used' : 'off') === 'used') {
          await page.keyboard.press('Delete')
          await arrives(`${step}: other's note deleted`, () => !itemIn(shared, canvas, corner.ben))
          const again = benNote(canvas, CORNER.x, 'Idée de Ben')
          corner.ben = again
          corner.link = benLink(canvas, again, corner.ben2)
          const link = corner.link
          await fromBen(`${step}: his note again`, () =>
            [again, link].every((id) => itemIn(shared, canvas, id) !== undefined),
          )
          await item(corner.ben).waitFor()
        }

        // ── The template's frame (nobody's): resize when offered ─────────────────────────────
        await focus(corner.frame)
        const frameBefore = await transform(corner.frame)
        const wBefore = (itemIn(shared, canvas, corner.frame) as BoxItem).w
        await page.keyboard.press('Alt+ArrowRight')
        if (
          note(
            'resize template frame',
            (await transform(corner.frame)) !== frameBefore ? 'used' : 'off',
          ) === 'used'
        ) {
          await arrives(
            `${step}: frame resized`,
            () => (itemIn(shared, canvas, corner.frame) as BoxItem).w === wBefore + 20,
          )
        }

        // ── Someone else's link: delete when offered, edit its label when offered ────────────
        await focus(corner.link)
        if (
          note('edit other’s link', (await offered('Modifier le texte')) ? 'used' : 'off') ===
          'used'
        ) {
          await typeAtEnd('lien')
          await arrives(
            `${step}: link label`,
            () => itemIn(shared, canvas, corner.link)?.text === 'lien',
          )
        }
        if (note('delete other’s link', (await offered('Supprimer')) ? 'used' : 'off') === 'used') {
          await focus(corner.link)
          await page.keyboard.press('Delete')
          await arrives(`${step}: link deleted`, () => !itemIn(shared, canvas, corner.link))
          const link = benLink(canvas, corner.ben, corner.ben2)
          corner.link = link
          await fromBen(`${step}: his link again`, () => itemIn(shared, canvas, link) !== undefined)
          await item(corner.link).waitFor()
        }

        // ── Dots on someone else's idea, while a dot vote runs (+ on the focused idea) ────────
        const dot = page.getByRole('button', { name: 'Ajouter un point à « Idée de Ben »' }).first()
        if (
          note('add a dot', (await dot.count()) > 0 && (await dot.isEnabled()) ? 'used' : 'off') ===
          'used'
        ) {
          await focus(corner.ben)
          await page.keyboard.press('+')
          await arrives(`${step}: the ballot`, () =>
            Boolean(phase && mine.doc.getMap(PRIVATE_VOTES_ROOT).get(phase.id)),
          )
        }

        // ── Canvas management, if the page offers any ────────────────────────────────────────
        const manage = page.getByRole('group', { name: 'Gérer les canevas' })
        if (
          note('new canvas', (await offered('Nouveau canevas', manage)) ? 'used' : 'off') === 'used'
        ) {
          const count = listCanvases(shared).length
          await button('Nouveau canevas', manage).click()
          await page.getByRole('button', { name: 'Créer le canevas' }).click()
          await arrives(`${step}: new canvas`, () => listCanvases(shared).length === count + 1)
        }
        for (const name of ['Renommer', 'Supprimer le canevas', 'Verrouiller le canevas']) {
          note(name, (await offered(name, manage)) ? 'used' : 'off')
        }

        // ── Documents and charters, at each step that allows something else of them ─────────
        // A participant edits them while the step allows writing (or before the start), takes a
        // position on a charter item then or while it allows voting, and never creates, renames
        // or deletes a document (shared/schema/rights.ts `artefactRights`).
        const writes = !phase || phase.allow.write
        const positions = writes || phase.allow.vote
        if (`${writes}/${positions}` !== artefactsChecked) {
          artefactsChecked = `${writes}/${positions}`
          await openTab(page, 'Documents')
          const area = page.getByRole('region', { name: 'Ce que le groupe produit' })
          await area.waitFor()
          // Text, not a role: "Nouveau document" is the summary of a closed disclosure.
          for (const name of ['Nouveau document', 'Renommer', 'Supprimer le document']) {
            const shown = await area.getByText(name, { exact: true }).count()
            expect(shown, `${step}: a participant is offered “${name}”`).toBe(0)
          }
          await expect
            .poll(() => area.getByText(READ_ONLY_ARTEFACTS).count(), {
              message: `${step}: the notice that the artefacts are read only`,
            })
            .toBe(writes ? 0 : 1)
          const [document] = listDocuments(shared)
          if (document) {
            const editor = area.getByRole('textbox', { name: /^Texte de « / })
            await expect
              .poll(() => editor.getAttribute('contenteditable'), {
                timeout: 10_000,
                message: `${step}: the document editable exactly when the step allows writing`,
              })
              .toBe(String(writes))
            if (note('edit document', writes ? 'used' : 'off') === 'used') {
              const typed = `[${index + 2}]`
              await editor.click()
              await page.keyboard.press('Control+End')
              await page.keyboard.type(typed)
              const body = () => documentBody(shared, document.id)
              await arrives(`${step}: the document's text`, () => {
                const fragment = body()
                return fragment !== null && readPlainText(fragment).includes(typed)
              })
            }
          }
          // The charter the Charters tab shows first: the step's, else the first one.
          const focus = phase?.focus && 'charter' in phase.focus ? phase.focus.charter : null
          const charters = listCharters(shared)
          const charter = charters.find((entry) => entry.id === focus) ?? charters[0]
          const first = charter?.items[0]
          if (charter && first) {
            await openTab(page, 'Chartes des rôles')
            await area.locator('.charter-item').first().waitFor({ timeout: 10_000 })
            const current = () =>
              listCharters(shared)
                .find((entry) => entry.id === charter.id)
                ?.items.find((entry) => entry.id === first.id)
            // The first item of the first charter, as the page shows them.
            const text = area.getByRole('textbox', { name: /^Texte — / }).first()
            const position = area.getByRole('group', { name: /^Votre position — / }).first()
            const next =
              POSITIONS[
                (POSITIONS.indexOf(current()?.byParticipant[participantId] ?? 'object') + 1) %
                  POSITIONS.length
              ] ?? 'agree'
            const choice = position.locator(`input[value="${next}"]`)
            const chooses = (await choice.count()) > 0 && (await choice.isEnabled())
            expect(
              chooses,
              `${step}: a position offered exactly when the step allows writing or voting`,
            ).toBe(positions)
            if (note('take a position', chooses ? 'used' : 'off') === 'used') {
              await choice.check()
              await arrives(
                `${step}: the position on the charter item`,
                () => current()?.byParticipant[participantId] === next,
              )
            }
            const editable = (await text.count()) > 0 && (await text.isEditable())
            expect(
              editable,
              `${step}: a charter item editable exactly when the step allows writing`,
            ).toBe(writes)
            if (note('edit charter item', editable ? 'used' : 'off') === 'used') {
              const typed = ` [${index + 2}]`
              await text.click()
              // The end of the text, not of the line clicked: in the side panel it wraps.
              await page.keyboard.press('Control+End')
              await page.keyboard.type(typed)
              await arrives(`${step}: the charter item's text`, () =>
                Boolean(current()?.text.endsWith(typed)),
              )
            }
          }
          // Back to the whole board for the canvas's checks at the next steps.
          await page.getByRole('button', { name: 'Fermer le panneau' }).click()
        }

        await settled()
        expect(refusals, `${step}: what the server refused`).toEqual([])
        expect(await page.locator('.refusal-notice [role="alert"]').count(), step).toBe(0)
      }
    })

    it('used every kind of control a participant has somewhere, and none of the facilitator’s', () => {
      expect(Object.fromEntries(used)).toMatchObject({
        'add note': expect.any(Number),
        'delete own note': expect.any(Number),
        'edit own note': expect.any(Number),
        'duplicate other’s note': expect.any(Number),
        'move other’s note': expect.any(Number),
        'delete other’s link': expect.any(Number),
        'add a dot': expect.any(Number),
        'edit document': expect.any(Number),
        'take a position': expect.any(Number),
        'edit charter item': expect.any(Number),
      })
      for (const control of [
        'edit other’s note',
        'delete other’s note',
        'resize template frame',
        'edit other’s link',
        'new canvas',
        'Renommer',
        'Supprimer le canevas',
        'Verrouiller le canevas',
      ])
        expect(used.get(control), control).toBeUndefined()
    })
  },
)
