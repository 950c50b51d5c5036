import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canReadPerson } from '../../accounts/access.js';
import { csvExport } from '../../export/csv-export.js';
import { exportRows } from '../../export/export-rows.js';
import { streamText } from '../../export/export-stream.js';
import { fhirExport } from '../../export/fhir-export.js';
import { ApiError } from '../../http/api-error.js';
import type { ApiDeps } from '../api-deps.js';
import { ExportQuery } from '../contract/export.js';
import { principalOf } from '../../http/request-auth.js';
import { personNotFound } from './people-routes.js';

export const MAX_EXPORT_DAYS = 366;

function day(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

export function registerExportRoute(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/export', { schema: { querystring: ExportQuery } }, async (request, reply) => {
    const { personId, from, to, format, bom } = request.query;
    const principal = principalOf(request);
    const person = deps.household.person(personId);
    if (person === undefined || !canReadPerson(principal, personId)) throw personNotFound();
    if (to <= from) throw new ApiError(400, 'invalid_range', '"to" must be after "from"');
    if (to - from > MAX_EXPORT_DAYS * 86_400_000) throw new ApiError(400, 'range_too_long', `export at most ${MAX_EXPORT_DAYS} days at once`);
    // RFC 8259 §8.1: JSON text is UTF-8 without a byte-order mark.
    if (bom && format !== 'csv') throw new ApiError(400, 'bom_csv_only', 'the byte-order mark is offered for CSV only; JSON never carries one');
    deps.log.info({ userId: principal.user.id, personId, format, bom, days: Math.ceil((to - from) / 86_400_000) }, 'export');
    const rows = exportRows(deps.store.query, { personId, from, to });
    const filename = `hearth-${personId}-${day(from)}-to-${day(to - 1)}`;
    void reply.header('cache-control', 'no-store');
    if (format === 'fhir') {
      void reply.header('content-type', 'application/fhir+json; charset=utf-8');
      void reply.header('content-disposition', `attachment; filename="${filename}.json"`);
      return reply.send(streamText(fhirExport(person, rows, deps.clock.now())));
    }
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="${filename}.csv"`);
    return reply.send(streamText(csvExport(rows, { bom })));
  });
}
