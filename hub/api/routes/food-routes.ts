import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../../http/api-error.js';
import type { FoodsView } from '../../services/foods-service.js';
import type { ApiDeps } from '../api-deps.js';
import { FoodAnswer, FoodIdParams, FoodsAnswer, FoodsQuery } from '../contract/foods.js';

function foodsOf(deps: ApiDeps): FoodsView {
  const view = deps.foods.current();
  if (view === undefined) throw new ApiError(503, 'foods_unavailable', 'food search is unavailable on this hub: it is turned off (nutriverse.enabled), or its food table could not be read (the hub’s log says why)');
  return view;
}

/** The food composition table: reference data, the same for everyone signed in, nothing of anybody's. */
export function registerFoodRoutes(server: FastifyInstance, deps: ApiDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/api/v1/foods', { schema: { querystring: FoodsQuery, response: { 200: FoodsAnswer } } }, async (request) => foodsOf(deps).search(request.query.q, request.query.limit ?? 20));

  app.get('/api/v1/foods/:id', { schema: { params: FoodIdParams, response: { 200: FoodAnswer } } }, async (request) => {
    const food = foodsOf(deps).food(request.params.id);
    if (food === undefined) throw new ApiError(404, 'food_not_found', `no food ${request.params.id} in the food table`);
    return food;
  });
}
