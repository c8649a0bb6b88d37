import { describe, expect, it } from 'vitest'
import { clientAddressBehind, parseTrustedProxies } from '../../server/http/clientAddress.ts'

describe('client address behind proxies', () => {
  const cases: Array<{
    what: string
    trusted: string[]
    peer: string | undefined
    forwarded?: string | string[]
    client: string
  }> = [
    {
      what: 'no trusted proxy: the peer, whatever X-Forwarded-For says',
      trusted: [],
      peer: '192.168.1.23',
      forwarded: '203.0.113.7',
      client: '192.168.1.23',
    },
    {
      what: 'an untrusted peer: its X-Forwarded-For is ignored',
      trusted: ['10.0.0.1'],
      peer: '192.168.1.23',
      forwarded: '203.0.113.7',
      client: '192.168.1.23',
    },
    {
      what: 'a trusted peer: the hop it appended',
      trusted: ['127.0.0.1'],
      peer: '127.0.0.1',
      forwarded: '203.0.113.7',
      client: '203.0.113.7',
    },
    {
      what: 'a trusted peer without X-Forwarded-For: the peer',
      trusted: ['127.0.0.1'],
      peer: '127.0.0.1',
      client: '127.0.0.1',
    },
    {
      what: 'the rightmost untrusted hop; what the client wrote left of it is ignored',
      trusted: ['127.0.0.1', '10.0.0.0/8'],
      peer: '127.0.0.1',
      forwarded: '198.51.100.66, 203.0.113.7, 10.1.2.3',
      client: '203.0.113.7',
    },
    {
      what: 'several X-Forwarded-For headers, read as one list',
      trusted: ['127.0.0.1', '10.0.0.0/8'],
      peer: '127.0.0.1',
      forwarded: ['198.51.100.66', '203.0.113.7, 10.1.2.3'],
      client: '203.0.113.7',
    },
    {
      what: 'every hop trusted: the leftmost',
      trusted: ['10.0.0.0/8'],
      peer: '10.0.0.1',
      forwarded: '10.0.0.3, 10.0.0.2',
      client: '10.0.0.3',
    },
    {
      what: 'a hop that is not an address: the trusted proxy that wrote it',
      trusted: ['127.0.0.1', '10.0.0.0/8'],
      peer: '127.0.0.1',
      forwarded: '203.0.113.7, unknown, 10.1.2.3',
      client: '10.1.2.3',
    },
    {
      what: 'an address with a port is not an address',
      trusted: ['127.0.0.1'],
      peer: '127.0.0.1',
      forwarded: '203.0.113.7:51234',
      client: '127.0.0.1',
    },
    {
      what: 'IPv6 proxies and clients, in canonical form',
      trusted: ['::1', 'fd00::/8'],
      peer: '::1',
      forwarded: '2001:DB8:0:0::7, fd12:3456::1',
      client: '2001:db8::7',
    },
    {
      what: 'an IPv4-mapped peer matches an IPv4 entry; the client comes out as IPv4',
      trusted: ['127.0.0.1'],
      peer: '::ffff:127.0.0.1',
      forwarded: '::ffff:203.0.113.7',
      client: '203.0.113.7',
    },
    {
      what: 'an IPv4-mapped entry matches an IPv4 peer',
      trusted: ['::ffff:127.0.0.1'],
      peer: '127.0.0.1',
      forwarded: '203.0.113.7',
      client: '203.0.113.7',
    },
    {
      what: 'an IPv4 range matches IPv4-mapped peers',
      trusted: ['172.16.0.0/12'],
      peer: '::ffff:172.17.0.2',
      forwarded: '203.0.113.7',
      client: '203.0.113.7',
    },
    {
      what: 'outside the range: untrusted',
      trusted: ['172.16.0.0/12'],
      peer: '172.32.0.1',
      forwarded: '203.0.113.7',
      client: '172.32.0.1',
    },
    {
      what: 'a socket already closed has no peer',
      trusted: ['127.0.0.1'],
      peer: undefined,
      forwarded: '203.0.113.7',
      client: '',
    },
  ]
  for (const { what, trusted, peer, forwarded, client } of cases) {
    it(what, () => {
      expect(clientAddressBehind(trusted)(peer, forwarded)).toBe(client)
    })
  }
})

describe('TRUSTED_PROXIES', () => {
  it('reads addresses and CIDR ranges, IPv4 and IPv6, separated by commas', () => {
    expect(
      parseTrustedProxies(' 10.0.0.1, 172.16.0.0/12,::1 , fd00::/8, ::ffff:127.0.0.1,'),
    ).toEqual(['10.0.0.1', '172.16.0.0/12', '::1', 'fd00::/8', '::ffff:127.0.0.1'])
    expect(parseTrustedProxies('')).toEqual([])
  })

  for (const entry of [
    '10.0.0.300',
    'proxy.example.org',
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0.0/',
    '10.0.0.0/8/8',
    '10.0.0.0/-1',
    '10.0.0.0/eight',
    '10.0.0.1:8080',
  ]) {
    it(`refuses "${entry}", naming it`, () => {
      expect(() => parseTrustedProxies(`127.0.0.1, ${entry}`)).toThrow(
        `"${entry}" is not an IP address or a CIDR range`,
      )
    })
  }
})
