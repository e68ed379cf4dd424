/**
 * L1 ingestion (issue 5, in progress): what the ingester reads from Ethereum L1 and how.
 *
 * <p>Today, the foundations:
 * <ul>
 *   <li>{@link io.l2risk.ingest.EventCatalog}: the real events of each rollup stack with their
 *       canonical signatures and topic0 hashes computed in code (checked in tests against the catalog
 *       of {@code l1-events.md}), routed by the emitting contract's role and topic0, never by name;</li>
 *   <li>{@link io.l2risk.ingest.ChainClient}: what the ingester needs from an L1 node, without web3j
 *       types; {@link io.l2risk.ingest.Web3jChainClient} implements it over JSON-RPC;</li>
 *   <li>{@link io.l2risk.ingest.RpcErrors}: failures classified RETRIABLE, RANGE_TOO_LARGE or PERMANENT
 *       by walking the cause chain; {@link io.l2risk.ingest.LogRangeReader} shrinks an
 *       {@code eth_getLogs} range the provider refuses; {@link io.l2risk.ingest.RpcUrls} hides API keys.</li>
 * </ul>
 *
 * <p>This is the only package allowed to use web3j (see {@code PackageBoundariesTest}).
 */
package io.l2risk.ingest;
