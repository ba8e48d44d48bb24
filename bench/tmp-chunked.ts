import { request } from 'node:http';
import { sampleApp } from '../api/testing/sample-app.ts';
import { listen } from '../api/server.ts';
const a = await sampleApp();
const { server, url } = await listen({ app: a.app as never, port: 0 });
const u = new URL(url);
const big = JSON.stringify({ query: '{ skillGroupRoots { id } }', variables: { pad: 'x'.repeat(5_000_000) } });
const status = await new Promise((ok) => {
  const req = request({ host: u.hostname, port: u.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => ok(`${res.statusCode} ${b.slice(0, 150)}`)); });
  for (let i = 0; i < big.length; i += 65536) req.write(big.slice(i, i + 65536));
  req.end();
});
console.log('chunked 5 MB body:', status);
server.close(); await a.close();
