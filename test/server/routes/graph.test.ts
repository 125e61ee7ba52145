/**
 * /graph and /api/graph: filters are checked at the edge with a message that says what is
 * allowed, a neighbourhood of a confidential record answers as if the record did not exist, and
 * the graph script is served from the app itself.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { appFor } from '../../helpers/server.js';

let app: Express;
beforeAll(async () => {
  app = await appFor('corpus-confidential');
});

describe('a filter the graph cannot take is a 400 that says what it can', () => {
  test.each([
    ['types=memo,secret', 'Record types are memo, source, statement, speaker, event, topic.'],
    ['type=person', 'Record types are memo, source, statement, speaker, event, topic.'],
    ['topic=Not%20a%20topic', 'Not a topic id.'],
    ['focus=public', 'focus is TYPE:ID.'],
    ['focus=person:public', 'focus is TYPE:ID.'],
    ['focus=memo:Bad%20Id', 'focus is TYPE:ID.'],
    ['focus=memo:public&depth=0', 'depth is 1, 2 or 3.'],
    ['focus=memo:public&depth=4', 'depth is 1, 2 or 3.'],
    ['focus=memo:public&depth=two', 'depth is 1, 2 or 3.'],
  ])('?%s', async (query, message) => {
    const api = await request(app).get(`/api/graph?${query}`);
    expect(api.status).toBe(400);
    expect(api.body).toEqual({ error: { status: 400, message } });
    const page = await request(app).get(`/graph?${query}`);
    expect(page.status).toBe(400);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain(message);
  });
});

describe('what an anonymous reader gets', () => {
  test.each([
    ['a record that does not exist', 'memo:no-such-memo'],
    ['an internal memo', 'memo:canaryquill-memo'],
    ['a memo internal by its folder', 'memo:folder-memo'],
    ['an internal source', 'source:canaryquill-source'],
    ['an internal speaker', 'speaker:canaryquill-speaker'],
  ])('the neighbourhood of %s is a 404 with the same words', async (_case, focus) => {
    const res = await request(app).get(`/api/graph?focus=${focus}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { status: 404, message: 'No such record.' } });
  });

  test('the whole graph holds no internal record, as node or edge', async () => {
    const res = await request(app).get('/api/graph').expect(200);
    const ids = res.body.nodes.map((node: { id: string }) => node.id);
    expect(ids).toEqual(expect.arrayContaining(['memo:public', 'source:public-source', 'topic:law']));
    expect(JSON.stringify(res.body)).not.toMatch(/canaryquill|folder-memo/i);
    for (const edge of res.body.edges as Array<{ source: string; target: string }>) {
      expect(ids).toContain(edge.source);
      expect(ids).toContain(edge.target);
    }
  });

  test('a neighbourhood of a public record, one step out', async () => {
    const res = await request(app).get('/api/graph?focus=memo:public&depth=1').expect(200);
    expect(res.body.nodes.map((node: { id: string }) => node.id).sort()).toEqual(['memo:public', 'source:public-source', 'statement:public-statement', 'topic:law']);
  });

  test('the graph page and its script, from this site', async () => {
    const page = await request(app).get('/graph?types=memo,source').expect(200);
    expect(page.text).toContain('<script src="/assets/vendor/cytoscape.min.js"');
    const script = await request(app).get('/assets/vendor/cytoscape.min.js').expect(200);
    expect(script.type).toBe('text/javascript');
    expect(script.text).toContain('cytoscape');
  });
});

describe('the citation graph of the basic fixture', () => {
  test('nodes and edges of every visible record, filterable by type and topic', async () => {
    const app = await appFor('corpus-basic');
    const all = (await request(app).get('/api/graph').expect(200)).body;
    expect(all.nodes.map((node: { id: string }) => node.id)).toEqual(expect.arrayContaining(['memo:genocide', 'source:akayesu', 'statement:david-try', 'speaker:david', 'topic:genocide', 'event:conference-2021']));
    expect(all.edges).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'memo:genocide', target: 'source:akayesu', kind: 'citation' })]));
    const memos = (await request(app).get('/api/graph?types=memo,source').expect(200)).body;
    expect(new Set(memos.nodes.map((node: { type: string }) => node.type))).toEqual(new Set(['memo', 'source']));
    const topic = (await request(app).get('/api/graph?topic=jurisdiction').expect(200)).body;
    expect(topic.nodes.map((node: { id: string }) => node.id).sort()).toEqual(['memo:jurisdiction', 'statement:david-try', 'topic:jurisdiction']);
  });

  test('a neighbourhood: the record and what is one reference away', async () => {
    const app = await appFor('corpus-basic');
    const near = (await request(app).get('/api/graph?focus=source:akayesu').expect(200)).body;
    expect(near.nodes.map((node: { id: string }) => node.id).sort()).toEqual(['memo:genocide', 'source:akayesu']);
    const memo = (await request(app).get('/api/graph?focus=memo:genocide').expect(200)).body;
    expect(memo.nodes.map((node: { id: string }) => node.id)).toEqual(expect.arrayContaining(['source:akayesu', 'statement:robertson-fatwa', 'memo:jurisdiction', 'topic:genocide']));
    expect(memo.nodes.map((node: { id: string }) => node.id)).not.toContain('speaker:david');
    await request(app).get('/api/graph?focus=memo:nothing').expect(404);
    await request(app).get('/api/graph?focus=bogus').expect(400);
    await request(app).get('/api/graph?types=planet').expect(400);
  });

  test('the graph page works without JavaScript: a filter form and the list of records', async () => {
    const app = await appFor('corpus-basic');
    const res = await request(app).get('/graph?type=memo&type=topic').expect(200);
    expect(res.text).toContain('<input type="checkbox" name="type" value="memo" checked>');
    expect(res.text).toContain('<input type="checkbox" name="type" value="source">');
    expect(res.text).toContain('data-graph-query="types=memo%2Ctopic"');
    expect(res.text).toContain('<a href="/memos/genocide">');
    const memo = await request(app).get('/memos/genocide').expect(200);
    expect(memo.text).toContain('data-graph-focus="memo:genocide"');
    await request(app).get('/assets/vendor/cytoscape.min.js').expect(200).expect('Content-Type', /javascript/);
  });
});
