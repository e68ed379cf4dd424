/**
 * The built-in L1 simulator of the {@code run} command's embedded default (and of {@code simulate}):
 * realistic ingest traffic for the rollups of the registry, with scripted incidents modelled on
 * incidents.md, so that a newcomer sees alerts within a minute of starting.
 * <ul>
 *   <li>{@link io.l2risk.embedded.sim.L1Simulator} — the pure, deterministic generator (same seed and
 *       start, same records), lazily in global L1 time order;</li>
 *   <li>{@link io.l2risk.embedded.sim.Scenario} / {@link io.l2risk.embedded.sim.Incident} — what goes
 *       wrong, where and when ({@link io.l2risk.embedded.sim.Scenario#defaultIncidents()});</li>
 *   <li>{@link io.l2risk.embedded.sim.SimulatorRunner} — paces the generator in wall-clock time into an
 *       {@link io.l2risk.embedded.sim.EventSink} (Kafka or a file), resumable from a cursor;</li>
 *   <li>{@link io.l2risk.embedded.sim.SimulatorSettings} — seed, speed, history, window, start.</li>
 * </ul>
 */
package io.l2risk.embedded.sim;
