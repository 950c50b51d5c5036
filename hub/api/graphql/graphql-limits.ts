import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { GraphqlLimits } from '../api-config.js';

/** graphql-armor words its refusals as syntax errors; the hub says what was too much, with a code to switch on. */
function refuseWith(code: string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code } }));
  };
}

/**
 * How deep fields nest, fragments followed. Introspection meta-fields (`__schema`, `__type`) do not
 * count: the standard introspection query nests `ofType` a dozen levels, and graphql-js's own
 * MaxIntrospectionDepthRule (one of the specified rules) bounds what introspection may ask for.
 */
function depthOf(selectionSet: SelectionSetNode, context: ValidationContext, visiting: Set<string>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const below = selection.selectionSet === undefined ? 0 : depthOf(selection.selectionSet, context, visiting);
      deepest = Math.max(deepest, 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, context, visiting));
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      // A cycle is refused by NoFragmentCyclesRule; here it only must not loop.
      if (fragment === null || fragment === undefined || visiting.has(name)) continue;
      visiting.add(name);
      deepest = Math.max(deepest, depthOf(fragment.selectionSet, context, visiting));
      visiting.delete(name);
    }
  }
  return deepest;
}

export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const depth = depthOf(operation.selectionSet, context, new Set());
      if (depth > maxDepth) {
        context.reportError(
          new GraphQLError(`Depth limit of ${maxDepth} exceeded, found ${depth}.`, { nodes: [operation], extensions: { code: 'too_deep' } }),
        );
      }
    },
  });
}

/** The rules every GraphQL document passes besides graphql-js's specified ones, over HTTP and over the socket alike. */
export function limitRules(limits: GraphqlLimits): ValidationRule[] {
  return [
    maxAliasesRule({ n: limits.maxAliases, propagateOnRejection: false, onReject: [refuseWith('too_many_aliases')] }),
    costLimitRule({ maxCost: limits.maxCost, propagateOnRejection: false, onReject: [refuseWith('too_costly')] }),
    depthLimitRule(limits.maxDepth),
  ];
}

/** graphql-js aborts parsing past `maxTokens` with a sentence of its own; said like the other limits. */
export function tokenLimitError(error: GraphQLError, maxTokens: number): GraphQLError | undefined {
  if (!/^Syntax Error: Document contains more th(?:at|an) \d+ tokens/.test(error.message)) return undefined;
  return new GraphQLError(`Token limit of ${maxTokens} exceeded.`, { extensions: { code: 'too_many_tokens' } });
}
