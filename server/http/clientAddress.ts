import { BlockList, isIP, SocketAddress } from 'node:net'

/**
 * The address of the person behind a request, for per-address limits. Behind reverse proxies
 * the socket's peer is the nearest proxy, and each proxy appends the address it got the
 * request from to `X-Forwarded-For`. Walking from the socket's peer leftwards, while the hop
 * is a trusted proxy, its left neighbour is what that proxy saw; the first hop that is not a
 * trusted proxy is the client. Anything left of it was written by the client and is ignored.
 *
 * `(remoteAddress, xForwardedFor) => address`: give it `req.socket.remoteAddress` and
 * `req.headers['x-forwarded-for']`. The address is canonical (IPv6 compressed and lower
 * case, IPv4-mapped IPv6 as plain IPv4), so one client is one key however it is written.
 */
export type ClientAddress = (
  remoteAddress: string | undefined,
  xForwardedFor: string | string[] | undefined,
) => string

const family = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 4 ? 'ipv4' : 'ipv6')

/** The canonical form of an IP address, or null when `text` is none. */
const canonical = (text: string): string | null => {
  if (isIP(text) === 0) return null
  const { address } = new SocketAddress({ address: text, family: family(text) })
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address
}

/** Adds one TRUSTED_PROXIES entry (an address or a CIDR range) to `list`; throws naming it. */
const addEntry = (list: BlockList, entry: string): void => {
  const [address = '', prefix, ...rest] = entry.split('/')
  const version = isIP(address)
  const bits = version === 4 ? 32 : 128
  if (
    version === 0 ||
    rest.length > 0 ||
    (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits))
  ) {
    throw new Error(
      `"${entry}" is not an IP address or a CIDR range (such as 10.0.0.1, 10.0.0.0/8 or fd00::/8)`,
    )
  }
  if (prefix === undefined) list.addAddress(address, family(address))
  else list.addSubnet(address, Number(prefix), family(address))
}

/**
 * The entries of a TRUSTED_PROXIES setting ("10.0.0.1, 172.16.0.0/12, ::1"), checked;
 * throws an Error naming the first one that is neither an address nor a CIDR range.
 */
export const parseTrustedProxies = (setting: string): string[] => {
  const entries = setting
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const list = new BlockList()
  for (const entry of entries) addEntry(list, entry)
  return entries
}

/** The client address of requests that reach the server through `trustedProxies`. */
export const clientAddressBehind = (trustedProxies: readonly string[]): ClientAddress => {
  const trusted = new BlockList()
  for (const entry of trustedProxies) addEntry(trusted, entry)
  const isTrusted = (address: string) => trusted.check(address, family(address))
  return (remoteAddress, xForwardedFor) => {
    let client = canonical(remoteAddress ?? '')
    if (client === null) return remoteAddress ?? ''
    const hops = [xForwardedFor ?? []].flat().join(',').split(',')
    while (isTrusted(client) && hops.length > 0) {
      // What a trusted proxy wrote is an address; if not, that proxy stands for the client.
      const hop = canonical(hops.pop()?.trim() ?? '')
      if (hop === null) return client
      client = hop
    }
    return client
  }
}
