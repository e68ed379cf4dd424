/**
 * The rollup registry: which rollups the monitor watches, their L1 contracts, batchers, protocol
 * parameters and threshold overrides. Plain Java with no Kafka or web3j types.
 * {@link io.l2risk.registry.RollupRegistryLoader} reads the bundled presets ({@code rollups/mainnet.yaml})
 * and the operator's file and fails at start with {@code file:line: path: reason} for anything invalid;
 * {@link io.l2risk.registry.RollupRegistry} answers by id and by L1 address.
 */
package io.l2risk.registry;
