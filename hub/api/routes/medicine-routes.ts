import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { canReadJournalOf } from '../../accounts/access.js';
import { ApiError } from '../../http/api-error.js';
import { principalOf } from '../../http/request-auth.js';
import type { MedicinesView } from '../../services/medicines-service.js';
import type { ApiDeps } from '../api-deps.js';
import { DoseAnswer, DoseParams, DoseRecordBody, MedicineAnswer, MedicineChange, MedicineParams, MedicinesDayAnswer, MedicinesParams, MedicinesQuery, NewMedicine, RemindersAnswer } from '../contract/medicines.js';
import { answered, calendarDate, journalAccess, readingsCommitted } from './personal-journal-access.js';

function medicinesOf(deps: ApiDeps): MedicinesView {
  const view = deps.medicines.current();
  if (view === undefined) throw new ApiError(503, 'medicines_unavailable', 'medicines are turned off on this hub (nutriverse.enabled)');
  return view;
}

/**
 * A person's medicines and doses. Names of medicines are personal text, like the food journal's:
 * the person and the owner read and keep them; a caregiver hears of a missed important dose
 * through the alert, never which medicine it was.
 */
export function registerMedicineRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const { readable, writable } = journalAccess(deps, 'medicines are');
  const committed = readingsCommitted(server, deps);

  app.get('/api/v1/people/:id/medicines', { schema: { params: MedicinesParams, querystring: MedicinesQuery, response: { 200: MedicinesDayAnswer } } }, async (request) => {
    readable(principalOf(request), request.params.id);
    return medicinesOf(deps).day(request.params.id, request.query.date === undefined ? undefined : calendarDate(request.query.date));
  });

  app.post('/api/v1/people/:id/medicines', { schema: { params: MedicinesParams, body: NewMedicine, response: { 201: MedicineAnswer } } }, async (request, reply) => {
    writable(principalOf(request), request.params.id);
    const { name, dose, times, important } = request.body;
    const medicine = answered(() => medicinesOf(deps).add(request.params.id, { name, dose: dose ?? '', times, important: important ?? false }));
    return reply.code(201).send(medicine);
  });

  app.patch('/api/v1/people/:id/medicines/:medicineId', { schema: { params: MedicineParams, body: MedicineChange, response: { 200: MedicineAnswer } } }, async (request) => {
    writable(principalOf(request), request.params.id);
    return answered(() => medicinesOf(deps).change(request.params.id, request.params.medicineId, request.body));
  });

  app.delete('/api/v1/people/:id/medicines/:medicineId', { schema: { params: MedicineParams } }, async (request, reply) => {
    writable(principalOf(request), request.params.id);
    if (!medicinesOf(deps).stop(request.params.id, request.params.medicineId)) throw new ApiError(404, 'medicine_not_found', 'no such medicine');
    return reply.code(204).send();
  });

  app.put('/api/v1/people/:id/medicines/:medicineId/doses/:date/:time', { schema: { params: DoseParams, body: DoseRecordBody, response: { 200: DoseAnswer } } }, async (request) => {
    const { id, medicineId, date, time } = request.params;
    writable(principalOf(request), id);
    const dose = answered(() => medicinesOf(deps).record(id, medicineId, calendarDate(date), time, request.body.status, request.body.at));
    await committed();
    return dose;
  });

  app.get('/api/v1/medicine-reminders', { schema: { response: { 200: RemindersAnswer } } }, async (request) => {
    const principal = principalOf(request);
    const people = deps.household.visiblePeople(principal).filter((p) => canReadJournalOf(principal, p.id));
    const due = medicinesOf(deps).reminders(people.map((p) => p.id));
    return people.flatMap((p) => {
      const doses = due.filter((d) => d.personId === p.id);
      return doses.length === 0 ? [] : [{ personId: p.id, doses }];
    });
  });
}
