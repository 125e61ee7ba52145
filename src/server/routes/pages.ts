/** The HTML pages: home, a list and a page for each record type, and the problems page. */
import type { Request, Response, Router } from 'express';
import type { RecordRef } from '../../model/records.js';
import type { PageBuilder } from '../../render/pages.js';
import { anchoredDiagnostics } from '../../render/pages.js';
import { layoutData, pageBuilder, servedFor, type ServerDeps } from '../context.js';
import { recordFromParams } from './params.js';

interface RecordPage {
  readonly type: RecordRef['type'];
  readonly segment: string;
  readonly plural: string;
  build(builder: PageBuilder, req: Request): { title: string; page: object };
}

const RECORD_PAGES: readonly RecordPage[] = [
  {
    type: 'memo',
    segment: 'memos',
    plural: 'Memos',
    build: (b, req) => {
      const memo = recordFromParams(req, b.view, 'memo');
      return { title: memo.title, page: b.memo(memo) };
    },
  },
  {
    type: 'source',
    segment: 'sources',
    plural: 'Sources',
    build: (b, req) => {
      const source = recordFromParams(req, b.view, 'source');
      return { title: String(source.csl.title ?? source.key), page: b.source(source) };
    },
  },
  {
    type: 'statement',
    segment: 'statements',
    plural: 'Statements',
    build: (b, req) => {
      const statement = recordFromParams(req, b.view, 'statement');
      return { title: b.view.titleOf(statement), page: b.statement(statement) };
    },
  },
  {
    type: 'speaker',
    segment: 'speakers',
    plural: 'Speakers',
    build: (b, req) => {
      const speaker = recordFromParams(req, b.view, 'speaker');
      return { title: speaker.name, page: b.speaker(speaker) };
    },
  },
  {
    type: 'event',
    segment: 'events',
    plural: 'Events',
    build: (b, req) => {
      const event = recordFromParams(req, b.view, 'event');
      return { title: event.title, page: b.event(event) };
    },
  },
  {
    type: 'topic',
    segment: 'topics',
    plural: 'Topics',
    build: (b, req) => {
      const topic = recordFromParams(req, b.view, 'topic');
      return { title: topic.label, page: b.topic(topic) };
    },
  },
];

/** Registers the page routes on a router. */
export function pageRoutes(router: Router, deps: ServerDeps): void {
  const send = (req: Request, res: Response, builder: PageBuilder, template: string, title: string, page: object): void => {
    res.type('html').send(
      deps.templates.render(template, { title, page, ...layoutData(deps, req, res, builder) }),
    );
  };

  router.get('/', (req, res) => {
    const builder = pageBuilder(res);
    send(req, res, builder, 'home', 'dossier', builder.home());
  });

  for (const recordPage of RECORD_PAGES) {
    router.get(`/${recordPage.segment}`, (req, res) => {
      const builder = pageBuilder(res);
      const exports = recordPage.type === 'source' ? builder.exportLinks('all', { include: 'all' }) : null;
      send(req, res, builder, 'list', recordPage.plural, { type: recordPage.type, items: builder.list(recordPage.type), exports });
    });
    router.get(`/${recordPage.segment}/:id`, (req, res) => {
      const builder = pageBuilder(res);
      const { title, page } = recordPage.build(builder, req);
      send(req, res, builder, recordPage.type, title, page);
    });
  }

  // Readiness: 200 once the search index is ready, 503 while it is being built.
  router.get('/healthz', (_req, res) => {
    const served = servedFor(res);
    const ready = served.search.current() !== null;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'starting', version: served.version, search: ready ? 'ready' : (served.search.failure() ?? 'building') });
  });

  router.get('/problems', (req, res) => {
    const builder = pageBuilder(res);
    send(req, res, builder, 'problems', 'Problems', { diagnostics: anchoredDiagnostics(builder.problems()) });
  });
}
