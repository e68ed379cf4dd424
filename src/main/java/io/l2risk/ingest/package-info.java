/**
 * L1 ingestion (issue 5, in progress): what the ingester reads from Ethereum L1 and how.
 *
 * <p>Today: {@link io.l2risk.ingest.EventCatalog}, the real events of each rollup stack with their
 * canonical signatures and topic0 hashes computed in code (checked in tests against the catalog of
 * {@code l1-events.md}), routed by the emitting contract's role and topic0, never by event name.
 *
 * <p>This is the only package allowed to use web3j (see {@code PackageBoundariesTest}).
 */
package io.l2risk.ingest;
