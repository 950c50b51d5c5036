import { Histogram, Registry } from 'prom-client';

/**
 * The hub's metrics registry, one per hub (the core makes it and hands it to every part in its
 * context), so that parts plug their own figures in without the observability part knowing them:
 * `context.services.metrics.mqttClients = () => broker.connectedClients`.
 */
export class MetricHooks {
  /** Never prom-client's global registry: tests run several hubs in one process. */
  readonly registry = new Registry();
  /** Connected MQTT clients, when the broker part reports them. */
  mqttClients: (() => number) | undefined;
  private readonly inference = new Histogram({
    name: 'hearth_inference_seconds',
    help: 'Time of one model run, by model',
    labelNames: ['model'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  /** An inference part reports each model run here. */
  observeInference(model: string, seconds: number): void {
    this.inference.observe({ model }, seconds);
  }
}
