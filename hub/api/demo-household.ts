import type { Logger } from 'pino';
import type { Accounts } from '../accounts/accounts.js';
import type { Clock } from '../../core/clock.js';
import { isHubDeviceId, makeDeviceId } from '../../core/device-id.js';
import type { HouseholdRegistry } from '../household/household-registry.js';
import { ApiError } from '../http/api-error.js';
import type { RemovalParticipants, RemovalScope } from '../services/household-removal.js';
import type { ServiceSlot } from '../services/service-slot.js';
import type { SimulationControl } from '../services/simulation-control.js';
import type { SourceStatus } from '../services/source-status.js';
import type { Store } from '../store/index.js';
import type { DemoHousehold, DemoRemoval } from './contract/demo.js';

export interface DemoHouseholdDeps {
  readonly registry: HouseholdRegistry;
  readonly store: Store;
  readonly accounts: Accounts;
  readonly participants: RemovalParticipants;
  readonly simulation: ServiceSlot<SimulationControl>;
  readonly sources: SourceStatus;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * The simulated household as the owner decides about it: what it holds, and its removal. Removing
 * it stops the simulation, then deletes in one transaction its people and devices, everything the
 * store holds of them (readings, rollups, waveforms, the devices' connection history), their alerts, insights and nights, grants to them,
 * and notes that it was removed, so a restart (or a process killed halfway) leaves either all of
 * it or none of it, and never brings it back.
 */
export class DemoHouseholdRemoval {
  private running: Promise<DemoRemoval> | undefined;

  constructor(private readonly deps: DemoHouseholdDeps) {}

  /**
   * Everyone and everything the simulation noted as its own (still here or forgotten since), and
   * the hub's own devices of each of its people (the models' derived data, their journal).
   */
  scope(): RemovalScope {
    const noted = this.deps.registry.simulated.all();
    return { personIds: noted.personIds, deviceIds: [...noted.deviceIds, ...noted.personIds.flatMap((id) => [makeDeviceId('inference', id), makeDeviceId('journal', id)])] };
  }

  describe(): DemoHousehold {
    const { registry, store, participants } = this.deps;
    const scope = this.scope();
    const people = registry.listPeople().filter((p) => scope.personIds.includes(p.id));
    const devices = registry.listDevices().filter((d) => scope.deviceIds.includes(d.id) && !isHubDeviceId(d.id));
    const held = store.query.holdingsOf(scope);
    const counted = (name: string): number => participants.list().find((p) => p.name === name)?.count(scope) ?? 0;
    return {
      running: this.deps.sources.simulated,
      removedAt: registry.simulated.removedAt() ?? null,
      people: people.map((p) => ({ id: p.id, name: p.name })),
      devices: devices.map((d) => ({ id: d.id, name: d.name ?? d.id })),
      readings: held.readings,
      waveformBlocks: held.waveformBlocks,
      alerts: counted('alerts'),
      insights: counted('insights'),
      sleepSessions: counted('sleepSessions'),
    };
  }

  /** One removal at a time: a second request while one runs gets its answer. */
  remove(): Promise<DemoRemoval> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<DemoRemoval> {
    const { registry, store, accounts, participants, clock, log } = this.deps;
    const scope = this.scope();
    const accountsOfThem = accounts.users.list().filter((u) => u.personId !== undefined && scope.personIds.includes(u.personId));
    if (accountsOfThem.length > 0) {
      const names = accountsOfThem.map((u) => u.username).join(', ');
      throw new ApiError(409, 'demo_in_use', `an account belongs to a person of the demo household (${names}); remove that account in Settings first`);
    }
    const simulation = this.deps.simulation.current();
    await simulation?.pause();
    const joined = participants.list();
    try {
      for (const participant of joined) await participant.settle?.(scope);
      // What the simulated devices sent until now is committed first, and so goes with the rest.
      if (!store.writer.flush()) throw new ApiError(503, 'not_stored', 'the hub cannot write its database just now, so nothing was removed; try again in a minute');
      const removedAt = clock.now();
      const outcome = store.db
        .transaction(() => {
          const held = store.writer.removeSeriesOf(scope);
          const household = registry.removeRows(scope);
          const grants = accounts.users.removeGrantsTo(scope.personIds);
          const counts = new Map(joined.map((p) => [p.name, p.remove(scope)]));
          registry.simulated.noteRemoved(removedAt);
          return { held, household, grants, counts };
        })
        .immediate();
      registry.reload();
      for (const participant of joined) participant.forget?.(scope);
      accounts.users.announceChanged(outcome.grants.userIds);
      const removal: DemoRemoval = {
        removedAt: registry.simulated.removedAt() ?? removedAt,
        people: outcome.household.people,
        devices: outcome.household.devices,
        devicesUnassigned: outcome.household.devicesUnassigned,
        series: outcome.held.series,
        readings: outcome.held.readings,
        rollups: outcome.held.rollups,
        waveformBlocks: outcome.held.waveformBlocks,
        deviceEvents: outcome.held.deviceEvents,
        alerts: outcome.counts.get('alerts') ?? 0,
        insights: outcome.counts.get('insights') ?? 0,
        sleepSessions: outcome.counts.get('sleepSessions') ?? 0,
        grants: outcome.grants.grants,
      };
      log.info({ ...removal }, 'demo household removed');
      return removal;
    } catch (error) {
      // Nothing was removed: the household is as it was, simulation included.
      registry.reload();
      await simulation?.resume();
      throw error;
    }
  }
}
