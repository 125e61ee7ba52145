/** /live: a server-sent event with the version of each new generation, only when serving with --watch. */
import { expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { buildCorpus } from '../../../src/corpus/pipeline.js';
import { createApp } from '../../../src/server/app.js';
import { CorpusHolder, serve } from '../../../src/server/holder.js';
import { appFor, fixture } from '../../helpers/server.js';

test('/live sends the version of every new generation', async () => {
  const holder = new CorpusHolder(serve(await buildCorpus(fixture('corpus-basic'))));
  const server = createApp({ holder, live: true }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const events = await new Promise<string>((resolve, reject) => {
      let text = '';
      const req = http.get({ host: '127.0.0.1', port, path: '/live' }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('data: 1') && !text.includes('data: 2')) holder.replace(serve(holder.current().corpus));
          if (text.includes('data: 2')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
    });
    expect(events).toBe('event: version\ndata: 1\n\nevent: version\ndata: 2\n\n');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('/live is not there without --watch', async () => {
  await request(await appFor('corpus-basic')).get('/live').expect(404);
});
