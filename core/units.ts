/** Unit conversions the wire formats need, exact where the definition is exact. */
export const KG_PER_LB = 0.45359237;
export const KG_PER_JIN = 0.5;
export const M_PER_IN = 0.0254;
/** mg/dL per mmol/L of glucose (molar mass 180.156 g/mol). */
export const MG_DL_PER_MMOL_L = 18.0156;

export function poundsToKg(lb: number): number {
  return lb * KG_PER_LB;
}
