import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApiError } from '../../http/api-error.js';
import { tokenLimitError } from './graphql-limits.js';

/**
 * One error as a client receives it, over HTTP and over the socket alike: access refusals keep
 * their code so a client can tell "log in" from "not yours", and the limits name what was too much.
 */
export function formatGraphqlError(error: GraphQLError, maxTokens: number): GraphQLFormattedError {
  const original = error.originalError;
  if (original instanceof ApiError) {
    return { message: original.message, ...(error.path !== undefined ? { path: error.path } : {}), extensions: { code: original.code } };
  }
  return (tokenLimitError(error, maxTokens) ?? error).toJSON();
}

export function asGraphqlError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  return new GraphQLError(cause.message, { originalError: cause });
}
