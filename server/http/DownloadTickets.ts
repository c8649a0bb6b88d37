import { randomBytes } from 'node:crypto'
import type { Download } from '../../shared/api.ts'
import { HttpError } from '../lib/HttpError.ts'

export interface TicketLimits {
  /** How long a ticket is valid (DOWNLOAD_TICKET_TTL_MS). */
  ttlMs: number
  /**
   * Tickets one link (a workshop's role token) may hold at once, used or not, until they
   * expire: a participant asking in a loop never holds up the facilitator's downloads.
   */
  perLink: number
  /** Tickets the server holds at once. */
  total: number
}

/** About 250 bytes each: the whole store stays under 3 MB. */
export const TICKET_LIMITS = { perLink: 100, total: 10_000 } as const

/** Which link a ticket counts against: its workshop and the token it was asked with. */
const linkKey = (workshopId: string, token: string) => `${workshopId}\n${token}`

interface Ticket {
  workshopId: string
  link: string
  purpose: Download
  /** The token it was asked with, until it is presented (then `null`: spent). */
  token: string | null
  /** On the store's clock. */
  deadline: number
}

/**
 * Short-lived, single-use tickets for one download, so that no link our client builds carries
 * a role token (a URL lands in the browser's history and in any proxy's log). A ticket stands
 * for the token it was asked with: the download is then made with that token, so it has its
 * rights and no more, and stops with it (a rotated link).
 *
 * Held in memory only. Every ticket lives until its deadline, even once used, and counts
 * against its link's cap and the total until then, so asking and spending tickets in a
 * loop is bounded too. With one TTL for all, tickets expire in the order they were issued: the
 * sweep (at each issue, and on an unref'd timer) drops them from the head of the maps until the
 * first one still valid. It only reads numbers and deletes map entries: it cannot throw.
 */
export class DownloadTickets {
  /** In the order they were issued, which is the order they expire. */
  private readonly tickets = new Map<string, Ticket>()
  /** Each link's deadlines, oldest first (by `linkKey`). */
  private readonly byLink = new Map<string, number[]>()
  readonly timer: NodeJS.Timeout

  constructor(
    private readonly limits: TicketLimits,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.timer = setInterval(() => this.sweep(), limits.ttlMs)
    this.timer.unref()
  }

  /** Tickets held, used or not. */
  get size(): number {
    return this.tickets.size
  }

  /** A new ticket for `purpose` in `workshopId`, standing for `token` (already checked). */
  issue(
    workshopId: string,
    token: string,
    purpose: Download,
  ): { ticket: string; expiresAt: number } {
    this.sweep()
    const now = this.now()
    const link = linkKey(workshopId, token)
    const held = this.byLink.get(link) ?? []
    if (held.length >= this.limits.perLink) {
      this.refuse(held[0] ?? now, now, 'for this link')
    }
    if (this.tickets.size >= this.limits.total) {
      this.refuse(this.tickets.values().next().value?.deadline ?? now, now, 'on this server')
    }
    const ticket = randomBytes(32).toString('base64url')
    const deadline = now + this.limits.ttlMs
    this.tickets.set(ticket, { workshopId, link, purpose, token, deadline })
    held.push(deadline)
    this.byLink.set(link, held)
    return { ticket, expiresAt: Date.now() + this.limits.ttlMs }
  }

  /**
   * The token a ticket stands for, if it is for `purpose` in `workshopId`; else a 401 that
   * says why. Presented anywhere, it is spent: whoever saw it cannot use it either.
   */
  redeem(ticket: string, workshopId: string, purpose: Download): string {
    const held = this.tickets.get(ticket)
    // Unknown or expired are one case: a ticket past its deadline may be swept already.
    if (!held || held.deadline <= this.now()) {
      throw new HttpError(401, 'unknown or expired download ticket; ask for a new one')
    }
    const token = held.token
    if (token === null) {
      throw new HttpError(401, 'this download ticket was already used; ask for a new one')
    }
    held.token = null
    if (held.workshopId !== workshopId) {
      throw new HttpError(401, 'this download ticket is for another workshop')
    }
    if (held.purpose !== purpose) {
      throw new HttpError(401, `this download ticket is for ${held.purpose}, not for ${purpose}`)
    }
    return token
  }

  /** Drops the tickets past their deadline. */
  sweep(): void {
    const now = this.now()
    for (const [ticket, held] of this.tickets) {
      if (held.deadline > now) return
      this.tickets.delete(ticket)
      const deadlines = this.byLink.get(held.link)
      deadlines?.shift()
      if (deadlines?.length === 0) this.byLink.delete(held.link)
    }
  }

  close(): void {
    clearInterval(this.timer)
  }

  private refuse(oldest: number, now: number, where: string): never {
    const wait = Math.max(1, Math.ceil((oldest - now) / 1000))
    throw new HttpError(429, `too many download tickets ${where}; try again in ${wait} s`, {
      'Retry-After': String(wait),
    })
  }
}
