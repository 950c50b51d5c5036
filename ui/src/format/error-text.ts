import { ApiError } from '../api/client.js';

/** The message a person should read for a failed call: the hub's own words when it gave them. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
