import { METRIC_IDS } from '../../core/metrics.js';

/** JSON-schema pieces shared by the routes: every input is checked before a handler sees it. */
export const idSchema = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$' } as const;
export const deviceIdSchema = { type: 'string', minLength: 1, maxLength: 128 } as const;
export const metricSchema = { type: 'string', enum: METRIC_IDS } as const;
export const timeSchema = { type: 'integer', minimum: 0, maximum: 8_640_000_000_000 } as const;
export const nameSchema = { type: 'string', minLength: 1, maxLength: 100 } as const;
export const usernameSchema = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.@-]*$' } as const;
export const passwordSchema = { type: 'string', minLength: 1, maxLength: 1024 } as const;
export const roleSchema = { type: 'string', enum: ['owner', 'member', 'caregiver', 'viewer'] } as const;
export const personIdListSchema = { type: 'array', items: idSchema, maxItems: 100, uniqueItems: true } as const;

export const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', minLength: 1, maxLength: 128 } } } as const;
