/**
 * The offline backtest: the risk engine over an event file with in-memory state, giving the same
 * alert transitions as the Kafka Streams topology for the same records.
 */
package io.l2risk.backtest;
