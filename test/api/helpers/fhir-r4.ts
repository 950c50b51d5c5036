import { Fhir } from 'fhir';

const fhir = new Fhir();

// Severity names as strings: the package's index declares its Severities enum but does not export it.
const FAILING: ReadonlySet<string> = new Set(['error', 'fatal']);

/** The FHIR R4 `id` datatype: what a resource id and the uuid of a `urn:uuid:` fullUrl must be. */
export const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/**
 * Errors the FHIR.js R4 validator finds in a resource (a Bundle is checked with every resource in
 * it): missing required elements, unknown elements, wrong datatypes and formats, codes outside
 * required value sets. Warnings are left out: LOINC codes are outside the example value sets of the
 * base Observation, which is how FHIR means them.
 */
export function fhirR4Errors(resource: unknown): string[] {
  const result = fhir.validate(structuredClone(resource) as object, { errorOnUnexpected: true });
  return result.messages.filter((m) => FAILING.has(m.severity ?? '')).map((m) => `${m.location ?? ''}: ${m.message ?? ''}`);
}
