/**
 * The `healthquest` part: each person's goals, judged by the hub from what it stored for each
 * local day in the household's time zone (day-facts.ts, goal-templates.ts) every hour and soon
 * after a step count, a blood pressure or a weighing arrives; streaks, points, levels and badges from the
 * judged days (streaks.ts); all of it offered to the API through `services.goals`.
 */
import type { Logger } from 'pino';
import type { Reading } from '../../../core/reading.js';
import type { HubContext, HubPart, HubPartFactory } from '../../daemon/hub-part.js';
import type { RemovalParticipant } from '../../services/household-removal.js';
import type { ChallengeBoard, GoalsView, QuestSummary } from '../../services/goals-service.js';
import { challengeBoard, type MemberDay } from './challenge-board.js';
import { ChallengeStore, type Challenge } from './challenge-store.js';
import { CHALLENGE_TEMPLATES, type ChallengeTemplateId } from './challenge-templates.js';
import { migrate } from '../../store/index.js';
import { dayFacts } from './day-facts.js';
import { GoalStore, HEALTHQUEST_SCHEMA_PART, healthquestMigrations, type Goal } from './goal-store.js';
import { evaluateDay, GOAL_TEMPLATES, type GoalTemplateId } from './goal-templates.js';
import { datePlusDays, localDate, localMinuteOfDay, nextDate, previousDate } from '../../../core/local-day.js';
import { streakAtRisk } from './streak-at-risk.js';
import { badgesOf, BADGES, levelOf, POINTS_PER_DAY_MET, streakOf } from './streaks.js';

export const HEALTHQUEST_PART = 'healthquest';
const JUDGE_JOB = 'goal-days';
/** Yesterday's night ends this morning, and a late reading may land: the last days are judged again each hour. */
const DAYS_JUDGED_AGAIN = 3;
/** A new goal is judged this far back, so its calendar and streak start with the history there is. */
const DAYS_BACKFILLED = 28;
/** The calendar the API shows. */
const CALENDAR_DAYS = 84;
/** A burst of readings is judged once, this long after its first. */
const SETTLE_MS = 30_000;
/** The readings that can move a day's goal while it is going on. */
const LIVE_METRICS: ReadonlySet<string> = new Set(['steps', 'bp_systolic', 'body_weight', 'water_intake']);

export interface HealthQuestOptions {
  /** How long after a reading its person's goals are judged (tests shorten it). */
  readonly settleMs?: number;
}

export class HealthQuestPart implements HubPart {
  readonly name = HEALTHQUEST_PART;
  private readonly logger: Logger;
  private goals: GoalStore | undefined;
  private challengeStore: ChallengeStore | undefined;
  /** People with a judgement pending after a reading, and its timer. */
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly view: GoalsView = {
    quest: (personId) => this.quest(personId),
    face: (personId) => {
      const quest = this.quest(personId);
      if (quest.goals.length === 0) return undefined;
      return {
        personId,
        level: quest.level,
        streak: Math.max(0, ...quest.goals.map((g) => g.streak.current)),
        goals: quest.goals.length,
        metToday: quest.goals.filter((g) => g.today?.status === 'met').length,
        atRisk: quest.goals.filter((g) => g.atRisk).length,
      };
    },
    goal: (id) => this.store().get(id),
    goalOf: (personId, template) => this.store().ofTemplate(personId, template),
    add: (personId, template, target) => this.add(personId, template, target),
    setTarget: (id, target) => {
      this.store().setTarget(id, target);
      const goal = this.store().get(id);
      // From today: the days before keep the target they were judged on.
      if (goal !== undefined) this.judgeGoal(goal, 1);
    },
    remove: (id) => this.store().remove(id),
    declareMissed: (id, date, missed) => this.store().declareMissed(id, date, missed),
    today: () => localDate(this.context.clock.now(), this.timeZone()),
    challenges: () => this.challenges().all(),
    challenge: (id) => this.challenges().get(id),
    addChallenge: (template, target, personIds, firstDate) => this.addChallenge(template, target, personIds, firstDate),
    removeChallenge: (id) => this.challenges().remove(id),
    board: (challenge) => this.board(challenge),
  };
  private readonly challengeRemoval: RemovalParticipant = {
    name: 'challenges',
    count: (scope) => this.challenges().countOf(scope.personIds),
    remove: (scope) => this.challenges().removePeople(scope.personIds),
  };
  private readonly removal: RemovalParticipant = {
    name: 'goals',
    count: (scope) => this.store().countOf(scope.personIds),
    remove: (scope) => this.store().removePeople(scope.personIds),
  };

  private readonly settleMs: number;

  constructor(
    private readonly context: HubContext,
    options: HealthQuestOptions = {},
  ) {
    this.logger = context.logging.part(HEALTHQUEST_PART);
    this.settleMs = options.settleMs ?? SETTLE_MS;
  }

  start(): Promise<void> {
    const { store, services, bus } = this.context;
    migrate(store.db, HEALTHQUEST_SCHEMA_PART, healthquestMigrations);
    this.goals = new GoalStore(store.db);
    this.challengeStore = new ChallengeStore(store.db);
    this.context.addJob({ name: JUDGE_JOB, schedule: '12 * * * *', run: () => this.judgeAll() });
    bus.on('reading.accepted', HEALTHQUEST_PART, (reading) => this.onReading(reading));
    // A drink taken back may unmeet a day: judged again like a reading that arrived.
    bus.on('readings.removed', HEALTHQUEST_PART, (event) => {
      for (const metric of event.metrics) this.onReading({ personId: event.personId, metric });
    });
    services.goals.provide(this.view);
    services.removal.join(this.removal);
    services.removal.join(this.challengeRemoval);
    return Promise.resolve();
  }

  /** Days that passed while the hub was off are judged now. */
  ready(): void {
    this.judgeAll();
  }

  stop(): Promise<void> {
    const { services, bus } = this.context;
    services.goals.withdraw(this.view);
    services.removal.leave(this.removal);
    services.removal.leave(this.challengeRemoval);
    bus.removeOwner(HEALTHQUEST_PART);
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.goals = undefined;
    this.challengeStore = undefined;
    return Promise.resolve();
  }

  /** Every goal's last days, judged again; the hourly job calls it, and tests. */
  judgeAll(): void {
    if (this.goals === undefined) return;
    for (const goal of this.goals.all()) this.judgeGoal(goal, DAYS_JUDGED_AGAIN);
  }

  private onReading(reading: Pick<Reading, 'personId' | 'metric'>): void {
    const personId = reading.personId;
    if (personId === undefined || !LIVE_METRICS.has(reading.metric) || this.pending.has(personId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(personId);
      // Judged on what is stored: the readings that woke it are committed first.
      this.context.store.writer
        .flushed()
        .then(() => {
          if (this.goals === undefined) return;
          for (const goal of this.goals.of(personId)) this.judgeGoal(goal, 1);
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'goals could not be judged after new readings; the next hour tries again'));
    }, this.settleMs);
    timer.unref();
    this.pending.set(personId, timer);
  }

  private add(personId: string, template: GoalTemplateId, target: number): Goal {
    const goal = this.store().add(personId, template, target, this.context.clock.now());
    this.judgeGoal(goal, DAYS_BACKFILLED);
    return goal;
  }

  /**
   * Judges the goal's last `days` local days, today included: today on the goal's target, an
   * earlier day judged before on the target it had then, a day never judged on today's.
   */
  private judgeGoal(goal: Goal, days: number): void {
    const zone = this.timeZone();
    const template = GOAL_TEMPLATES[goal.template];
    const today = localDate(this.context.clock.now(), zone);
    let date = today;
    try {
      for (let i = 0; i < days; i++) {
        const facts = dayFacts(this.context.store.query, this.context.services.sleep.current(), goal.personId, date, zone);
        const target = date === today ? goal.target : (this.store().day(goal.id, date)?.target ?? goal.target);
        this.store().saveDay(goal.id, date, target, evaluateDay(template, target, facts));
        date = previousDate(date);
      }
    } catch (error) {
      this.logger.warn({ err: error, template: goal.template }, 'a goal could not be judged; the next hour tries again');
    }
  }

  private quest(personId: string): QuestSummary {
    const zone = this.timeZone();
    const today = localDate(this.context.clock.now(), zone);
    const minuteNow = localMinuteOfDay(this.context.clock.now(), zone);
    let from = today;
    for (let i = 1; i < CALENDAR_DAYS; i++) from = previousDate(from);
    let bestStreak = 0;
    const goals = this.store()
      .of(personId)
      .map((goal) => {
        // A streak runs back to the goal's first day: a goal's days are one a day since it was set, a few hundred a year.
        const all = this.store().days(goal.id, '0000-00-00', today);
        const streak = streakOf(all, today);
        bestStreak = Math.max(bestStreak, streak.best);
        const todays = all.find((d) => d.date === today);
        const atRisk = streakAtRisk(goal.template, todays?.status, streak.current, minuteNow);
        return { ...goal, label: GOAL_TEMPLATES[goal.template].label, today: todays, streak, days: all.filter((d) => d.date >= from), atRisk };
      });
    const daysMet = this.store().daysMet(personId);
    const points = daysMet * POINTS_PER_DAY_MET;
    const level = levelOf(points);
    return {
      personId,
      today,
      points,
      level: level.level,
      levelFloor: level.floor,
      nextLevelAt: level.next,
      badges: badgesOf(bestStreak, daysMet).map((id) => ({ id, label: BADGES[id] })),
      goals,
    };
  }

  private addChallenge(template: ChallengeTemplateId, target: number, personIds: readonly string[], firstDate: string | undefined): Challenge {
    const first = firstDate ?? localDate(this.context.clock.now(), this.timeZone());
    const lastDate = datePlusDays(first, CHALLENGE_TEMPLATES[template].days - 1);
    return this.challenges().add({ template, target, firstDate: first, lastDate, created: this.context.clock.now(), personIds });
  }

  /** Read from what is stored, each time it is asked for: a week of a few people is a few dozen queries. */
  private board(challenge: Challenge): ChallengeBoard {
    const zone = this.timeZone();
    const today = localDate(this.context.clock.now(), zone);
    const sleep = this.context.services.sleep.current();
    const members = challenge.personIds.map((personId) => {
      const days: MemberDay[] = [];
      for (let date = challenge.firstDate; date <= challenge.lastDate && date <= today; date = nextDate(date)) {
        const facts = dayFacts(this.context.store.query, sleep, personId, date, zone);
        days.push({ steps: facts.steps, bloodPressureMeasured: facts.bloodPressureMinutes.length > 0 });
      }
      return { personId, days };
    });
    return { ...challengeBoard({ template: challenge.template, target: challenge.target, firstDate: challenge.firstDate, lastDate: challenge.lastDate, today, members }), today };
  }

  private challenges(): ChallengeStore {
    if (this.challengeStore === undefined) throw new Error('the healthquest part is not started');
    return this.challengeStore;
  }

  /** The household's zone (its settings) when it chose one, else the sleep config's, else the box's. */
  private timeZone(): string {
    return this.context.services.timeZone.inForce(this.context.config.sleeporacle.timeZone);
  }

  private store(): GoalStore {
    if (this.goals === undefined) throw new Error('the healthquest part is not started');
    return this.goals;
  }
}

export const healthquestPart: HubPartFactory = (context) => (context.config.healthquest.enabled ? new HealthQuestPart(context) : undefined);
