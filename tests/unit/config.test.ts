import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config.ts'

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      adminToken: undefined,
      maxMessageBytes: 8 * 1024 * 1024,
      durability: 'full',
      maxArchiveVersions: 1000,
      trustedProxies: [],
      maxHeavyReadsPerIp: 4,
      maxHeavyReadsPerWorkshop: 4,
    })
  })

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      DATA_DIR: '/srv/f',
      ADMIN_TOKEN: 's3cret',
      PUBLIC_URL: 'https://f.example.org/',
      TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8',
      MAX_HEAVY_READS_PER_IP: '2',
      MAX_HEAVY_READS_PER_WORKSHOP: '8',
    })
    expect(config).toMatchObject({
      maxHeavyReadsPerIp: 2,
      maxHeavyReadsPerWorkshop: 8,
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/srv/f',
      adminToken: 's3cret',
      publicUrl: 'https://f.example.org',
      trustedProxies: ['127.0.0.1', '10.0.0.0/8'],
    })
  })

  it('says which setting is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ MAX_HEAVY_READS_PER_IP: '0' })).toThrow(/MAX_HEAVY_READS_PER_IP/)
    expect(() => loadConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/)
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.1, proxy.local' })).toThrow(
      /TRUSTED_PROXIES: "proxy.local" is not an IP address or a CIDR range/,
    )
  })
})
