import {
  type Component,
  createMemo,
  createSignal,
  createUniqueId,
  For,
  Index,
  Show,
} from 'solid-js'
import { isPartnerGroup, type PartnerGroup } from '../../../shared/groups.ts'
import {
  addCharterItem,
  type Charter,
  type CharterItem,
  type CharterItemKind,
  createCharter,
  deleteCharterItem,
  ITEM_KINDS,
  ITEM_STATUSES,
  numbersWithinKind,
  POSITIONS,
  type Position,
  positionsToShow,
  setCharterItemStatus,
  setCharterItemText,
  setPosition,
} from '../../../shared/schema/index.ts'
import { useI18n } from '../../app/i18n.tsx'
import { createCharters } from '../../state/createArtefacts.ts'
import { Button } from '../../ui/Button.tsx'
import { GroupBadge } from '../../ui/GroupBadge.tsx'
import { LiveText } from '../../ui/LiveText.tsx'
import { ConfirmAction } from '../artefacts/ConfirmAction.tsx'
import { ARTEFACT_ORIGIN, attempt, useArtefacts } from '../artefacts/context.tsx'
import { createChoice, PickLayout } from '../artefacts/PickLayout.tsx'
import { TitleForm } from '../artefacts/TitleForm.tsx'

/** The partner roles that get a charter of their own (plus any custom role). */
const PARTNER_ROLES: PartnerGroup[] = ['clinician', 'patient', 'citizen']

/** A role id for a custom role name: lowercase letters, digits and dashes. */
export const roleSlug = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'role'

/** Role charters: one per role, each with its items, statuses and everyone's positions. */
const ChartersPanel: Component = () => {
  const { t, locale } = useI18n()
  const ctx = useArtefacts()
  const charters = createCharters(ctx.doc, locale)
  const { selected, choose } = createChoice(charters, ctx.preferred)
  const missingRoles = () =>
    PARTNER_ROLES.filter((role) => !charters().some((charter) => charter.role === role))
  const roleLabel = (role: string) => (isPartnerGroup(role) ? t(`group.${role}`) : role)

  const create = (role: string, title: string): boolean =>
    attempt(ctx, () => {
      choose(createCharter(ctx.doc, { role, title }, ARTEFACT_ORIGIN))
      ctx.announce(t('charters.created', { title }))
    })

  return (
    <div class="artefact charters">
      <h3 class={ctx.snapshot ? undefined : 'visually-hidden'}>{t('charters.title')}</h3>
      <p class="muted">{t('charters.intro')}</p>
      <PickLayout
        label={t('charters.list')}
        entries={charters()}
        selected={selected()}
        empty={t('charters.empty')}
        onPick={choose}
        tools={
          <Show when={ctx.manages()}>
            <div class="stack">
              <For each={missingRoles()}>
                {(role) => (
                  <Button
                    variant="secondary"
                    small
                    onClick={() =>
                      create(role, t('charters.defaultTitle', { role: t(`group.${role}`) }))
                    }
                  >
                    {t('charters.createFor', { role: t(`group.${role}`) })}
                  </Button>
                )}
              </For>
              <details class="disclosure">
                <summary>{t('charters.custom')}</summary>
                <TitleForm
                  label={t('charters.custom.label')}
                  hint={t('charters.custom.hint')}
                  submit={t('charters.custom.submit')}
                  required={t('charters.custom.required')}
                  maxLength={100}
                  onSubmit={(name) =>
                    create(roleSlug(name), t('charters.defaultTitle', { role: name }))
                  }
                />
              </details>
            </div>
          </Show>
        }
      >
        <Show when={selected()?.id} keyed>
          {(id) => {
            const charter = () => charters().find((c) => c.id === id)
            return (
              <Show when={charter()}>
                {(current) => <CharterView charter={current()} roleLabel={roleLabel} />}
              </Show>
            )
          }}
        </Show>
      </PickLayout>
    </div>
  )
}

const CharterView: Component<{ charter: Charter; roleLabel: (role: string) => string }> = (
  props,
) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const headingId = createUniqueId()
  /** Number of each item within its kind ("Responsibility 2"), for names that stay unique. */
  const numbers = createMemo(() => numbersWithinKind(props.charter.items))
  return (
    <section class="charter" aria-labelledby={headingId}>
      <div class="artefact__head">
        <h3 id={headingId}>{props.charter.title}</h3>
        <p class="muted">{t('charters.role', { role: props.roleLabel(props.charter.role) })}</p>
      </div>
      <h4 class="visually-hidden">{t('charters.items')}</h4>
      <Show
        when={props.charter.items.length > 0}
        fallback={<p class="muted">{t('charters.noItems')}</p>}
      >
        <ol class="charter__items">
          <For each={props.charter.items}>
            {(item) => (
              <CharterItemView
                charterId={props.charter.id}
                item={item}
                number={numbers().get(item.id) ?? 1}
              />
            )}
          </For>
        </ol>
      </Show>
      <Show when={ctx.writable()}>
        <AddItemForm charterId={props.charter.id} />
      </Show>
    </section>
  )
}

const CharterItemView: Component<{ charterId: string; item: CharterItem; number: number }> = (
  props,
) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const statusId = createUniqueId()
  const kind = () => t(`charters.kind.${props.item.kind}`)
  const names = () => ({ kind: kind(), number: String(props.number) })
  const mine = () => props.item.byParticipant[ctx.identity.participantId] ?? null
  const canTakePosition = () => ctx.positions()
  const counts = createMemo(() => positionsToShow(props.item))
  const countsText = (of: Record<Position, number>) =>
    t('charters.counts.group', {
      agree: String(of.agree),
      discuss: String(of.discuss),
      object: String(of.object),
    })
  /** Only the facilitator sets what the group settled, and deletes what they did not add. */
  const mayDelete = () =>
    ctx.writable() &&
    (ctx.manages() ||
      (props.item.createdBy !== undefined && props.item.createdBy === ctx.identity.participantId))

  const choose = (position: Position | null) =>
    attempt(ctx, () => {
      setPosition(
        ctx.doc,
        props.charterId,
        props.item.id,
        ctx.identity.participantId,
        position,
        ARTEFACT_ORIGIN,
      )
      ctx.announce(
        position
          ? t('charters.position.saved', { position: t(`charters.position.${position}`) })
          : t('charters.position.none'),
      )
    })

  return (
    <li class="card charter-item" data-kind={props.item.kind} data-status={props.item.status}>
      <div class="charter-item__head">
        <span class="badge" data-kind={props.item.kind}>
          {t('charters.itemHeading', names())}
        </span>
        <span class="badge badge--status" data-status={props.item.status}>
          {t('charters.statusShort', { status: t(`charters.status.${props.item.status}`) })}
        </span>
      </div>
      <LiveText
        label={t('charters.itemText', names())}
        labelHidden
        value={props.item.text}
        readOnly={!ctx.writable()}
        maxLength={2000}
        onInput={(value) =>
          attempt(ctx, () =>
            setCharterItemText(ctx.doc, props.charterId, props.item.id, value, ARTEFACT_ORIGIN),
          )
        }
      />
      <div class="charter-item__controls">
        <Show when={ctx.writable() && ctx.manages()}>
          <div class="field field--inline">
            <label for={statusId}>{t('charters.status', names())}</label>
            <select
              id={statusId}
              value={props.item.status}
              onChange={(event) =>
                attempt(ctx, () =>
                  setCharterItemStatus(
                    ctx.doc,
                    props.charterId,
                    props.item.id,
                    event.currentTarget.value as CharterItem['status'],
                    ARTEFACT_ORIGIN,
                  ),
                )
              }
            >
              <For each={ITEM_STATUSES}>
                {(status) => <option value={status}>{t(`charters.status.${status}`)}</option>}
              </For>
            </select>
          </div>
        </Show>
        <Show when={canTakePosition()}>
          <fieldset class="positions">
            <legend>{t('charters.position', names())}</legend>
            <div class="positions__choices">
              <For each={POSITIONS}>
                {(position) => (
                  <label class="positions__choice">
                    <input
                      type="radio"
                      name={`position-${props.item.id}`}
                      value={position}
                      checked={mine() === position}
                      onChange={() => choose(position)}
                    />
                    {t(`charters.position.${position}`)}
                  </label>
                )}
              </For>
              <Show when={mine()}>
                <Button variant="secondary" small onClick={() => choose(null)}>
                  {t('charters.position.clear')}
                </Button>
              </Show>
            </div>
          </fieldset>
        </Show>
      </div>
      <div class="positions__counts">
        <h5 class="positions__title">{t('charters.counts')}</h5>
        <Show
          when={counts().shown.length > 0 || counts().folded}
          fallback={
            <p class="muted">
              {counts().withheld ? t('charters.counts.few') : t('charters.counts.none')}
            </p>
          }
        >
          <ul class="counts">
            <Index each={counts().shown}>
              {(row) => (
                <li class="counts__row" data-group={row().group}>
                  <GroupBadge group={row().group} label={t(`group.${row().group}`)} />
                  <span>{countsText(row().counts)}</span>
                </li>
              )}
            </Index>
            <Show when={counts().folded}>
              {(folded) => (
                <li class="counts__row">
                  <span class="counts__folded">
                    {counts().shown.length > 0
                      ? t('charters.counts.others')
                      : t('charters.counts.everyone')}
                  </span>
                  <span>{countsText(folded())}</span>
                </li>
              )}
            </Show>
          </ul>
          <Show when={counts().folded}>
            <p class="muted counts__note">{t('charters.counts.foldedNote')}</p>
          </Show>
        </Show>
      </div>
      <Show when={mayDelete()}>
        <ConfirmAction
          label={t('charters.deleteItem', names())}
          text={t('artefacts.delete')}
          question={t('charters.deleteItem.confirm')}
          onConfirm={() => {
            attempt(ctx, () => {
              deleteCharterItem(ctx.doc, props.charterId, props.item.id, ARTEFACT_ORIGIN)
              ctx.announce(t('charters.itemDeleted'))
            })
          }}
        />
      </Show>
    </li>
  )
}

const AddItemForm: Component<{ charterId: string }> = (props) => {
  const { t } = useI18n()
  const ctx = useArtefacts()
  const kindId = createUniqueId()
  const [kind, setKind] = createSignal<CharterItemKind>('responsibility')
  return (
    <details class="disclosure">
      <summary>{t('charters.addItem')}</summary>
      <div class="field">
        <label for={kindId}>{t('charters.addItem.kind')}</label>
        <select
          id={kindId}
          value={kind()}
          onChange={(event) => setKind(event.currentTarget.value as CharterItemKind)}
        >
          <For each={ITEM_KINDS}>
            {(entry) => <option value={entry}>{t(`charters.kind.${entry}`)}</option>}
          </For>
        </select>
      </div>
      <TitleForm
        label={t('charters.addItem.text')}
        hint={t('charters.addItem.hint')}
        submit={t('charters.addItem.submit')}
        required={t('charters.addItem.required')}
        maxLength={2000}
        multiline
        onSubmit={(text) =>
          attempt(ctx, () => {
            addCharterItem(
              ctx.doc,
              props.charterId,
              { text, kind: kind(), createdBy: ctx.identity.participantId },
              ARTEFACT_ORIGIN,
            )
            ctx.announce(t('charters.itemAdded'))
          })
        }
      />
    </details>
  )
}

export default ChartersPanel
