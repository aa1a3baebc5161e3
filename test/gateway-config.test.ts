import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@plantgraph/platform';
import { readGatewayConfig } from '../gateway/src/config.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));

describe('gateway configuration', () => {
  it('defaults to port 4000 and the committed supergraph, with no routing overrides', () => {
    const config = readGatewayConfig({}, '/srv');
    expect(config.port).toBe(4000);
    expect(config.supergraphPath).toBe(path.join(REPO, 'supergraph.graphql'));
    expect(config.subgraphUrls).toEqual({});
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('takes the port, the supergraph path and each subgraph URL from the environment', () => {
    const config = readGatewayConfig(
      {
        GATEWAY_PORT: '4100',
        SUPERGRAPH_PATH: 'deploy/supergraph.graphql',
        ERP_URL: 'http://erp.plant.local:4001/graphql',
        MES_URL: 'http://mes:4002/graphql',
        QUALITY_URL: '',
        GENEALOGY_URL: 'https://genealogy/graphql',
      },
      '/srv',
    );
    expect(config.port).toBe(4100);
    expect(config.supergraphPath).toBe('/srv/deploy/supergraph.graphql');
    expect(config.subgraphUrls).toEqual({
      erp: 'http://erp.plant.local:4001/graphql',
      mes: 'http://mes:4002/graphql',
      genealogy: 'https://genealogy/graphql',
    });
  });

  it('refuses to start on a malformed port or subgraph URL, naming the variable', () => {
    expect(() => readGatewayConfig({ GATEWAY_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readGatewayConfig({ GATEWAY_PORT: 'eighty' })).toThrow('GATEWAY_PORT');
    expect(() => readGatewayConfig({ MES_URL: 'mes:4002' })).toThrow('MES_URL');
    expect(() => readGatewayConfig({ ERP_URL: 'ftp://erp/graphql' })).toThrow('ERP_URL');
  });
});
