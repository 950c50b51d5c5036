import { isMetricId } from '../../core/metrics.js';
import type { AlertLine } from '../services/alerts-service.js';
import type { AlertRuleSettings, AlertsConfig, RuleOverride } from './alerts-config.js';

export type ResolvedRule = AlertRuleSettings & { readonly id: string };

/** A rule in the config that cannot work, said so at start rather than never firing. */
export class AlertRuleError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid alert rules:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AlertRuleError';
  }
}

function problemsOf(id: string, rule: Partial<AlertRuleSettings>, where: string): string[] {
  const problems: string[] = [];
  const at = `${where}.${id}`;
  switch (rule.kind) {
    case 'threshold':
    case 'rate':
      if (rule.metric === undefined || !isMetricId(rule.metric)) problems.push(`${at}.metric: "${String(rule.metric)}" is not a metric id`);
      break;
    case 'no_data':
    case 'battery':
    case 'unavailable':
      break;
    default:
      problems.push(`${at}.kind: must be one of threshold, rate, no_data, battery, unavailable`);
  }
  if (rule.kind === 'threshold' && (rule.below === undefined) === (rule.above === undefined)) problems.push(`${at}: a threshold rule needs exactly one of "below" and "above"`);
  if (rule.kind === 'rate' && (rule.change === undefined || rule.withinHours === undefined)) problems.push(`${at}: a rate rule needs "change" and "withinHours"`);
  if (rule.kind === 'no_data' && rule.afterHours === undefined) problems.push(`${at}: a no_data rule needs "afterHours"`);
  if (rule.kind === 'battery' && rule.below === undefined) problems.push(`${at}: a battery rule needs "below"`);
  return problems;
}

/** Fills what a rule written by hand may leave out. */
function completed(id: string, rule: Partial<AlertRuleSettings>): ResolvedRule {
  const base = { enabled: true, severity: 'warning' as const, ...rule, id };
  switch (rule.kind) {
    case 'threshold':
      return { forSeconds: 0, hysteresis: 0, ...base } as ResolvedRule;
    case 'rate':
      return { direction: 'rise', ...base } as ResolvedRule;
    case 'battery':
      return { hysteresis: 0, ...base } as ResolvedRule;
    case 'unavailable':
      return { afterMinutes: 0, ...base } as ResolvedRule;
    default:
      return base as ResolvedRule;
  }
}

/**
 * The rules that apply to each person: the household's rules, each adjusted by that person's
 * overrides (from the config, then from the dashboard). Disabled rules are left out.
 */
export class RuleBook {
  private readonly household: ReadonlyMap<string, ResolvedRule>;
  private readonly perPerson = new Map<string, ResolvedRule[]>();
  private readonly configPeople: AlertsConfig['people'];

  constructor(
    config: Pick<AlertsConfig, 'rules' | 'people'>,
    private readonly overrides: () => Readonly<Record<string, Readonly<Record<string, RuleOverride>>>> = () => ({}),
  ) {
    const problems: string[] = [];
    const household = new Map<string, ResolvedRule>();
    for (const [id, rule] of Object.entries(config.rules)) {
      const found = problemsOf(id, rule, 'alerts.rules');
      problems.push(...found);
      if (found.length === 0) household.set(id, completed(id, rule));
    }
    for (const [personId, rules] of Object.entries(config.people)) {
      for (const [id, override] of Object.entries(rules)) {
        const base = household.get(id);
        if (base === undefined) problems.push(`alerts.people.${personId}.${id}: there is no household rule "${id}" to adjust`);
        else problems.push(...problemsOf(id, { ...base, ...override }, `alerts.people.${personId}`));
      }
    }
    if (problems.length > 0) throw new AlertRuleError(problems);
    this.household = household;
    this.configPeople = config.people;
  }

  /** Every household rule with its settings before personal overrides. */
  householdRules(): ResolvedRule[] {
    return [...this.household.values()];
  }

  /** The enabled rules for a person (undefined: a device nobody is assigned to). */
  forPerson(personId: string | undefined): readonly ResolvedRule[] {
    const cacheKey = personId ?? '';
    const cached = this.perPerson.get(cacheKey);
    if (cached !== undefined) return cached;
    const fromConfig = personId === undefined ? {} : (this.configPeople[personId] ?? {});
    const fromDashboard = personId === undefined ? {} : (this.overrides()[personId] ?? {});
    const rules = [...this.household.values()]
      .map((rule) => ({ ...rule, ...fromConfig[rule.id], ...fromDashboard[rule.id] }))
      .filter((rule) => rule.enabled && problemsOf(rule.id, rule, 'rule').length === 0);
    this.perPerson.set(cacheKey, rules);
    return rules;
  }

  /**
   * The lines the person's enabled threshold rules draw: where each would alert, and whether the
   * person's own override (config or dashboard) put the line there.
   */
  linesFor(personId: string): AlertLine[] {
    const fromConfig = this.configPeople[personId] ?? {};
    const fromDashboard = this.overrides()[personId] ?? {};
    return this.forPerson(personId).flatMap((rule): AlertLine[] => {
      if (rule.kind !== 'threshold') return [];
      const side = rule.below !== undefined ? 'below' : 'above';
      const value = rule[side];
      if (value === undefined) return [];
      const personal = fromConfig[rule.id]?.[side] !== undefined || fromDashboard[rule.id]?.[side] !== undefined;
      return [{ metric: rule.metric, side, value, ruleId: rule.id, personal }];
    });
  }

  /** Forget cached per-person rules after an override changed. */
  invalidate(): void {
    this.perPerson.clear();
  }

  /** Checks an override before it is stored; returns the problems, none when it is fine. */
  checkOverride(ruleId: string, override: RuleOverride): string[] {
    const base = this.household.get(ruleId);
    if (base === undefined) return [`there is no rule "${ruleId}"`];
    return problemsOf(ruleId, { ...base, ...override }, 'rule');
  }
}
