package io.l2risk.engine.indicators;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.Source;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Builders of bridge records for the bridge indicators' tests. Block numbers follow L1's 12 s slots
 * from {@link #T0}; transaction hashes are derived from a caller-chosen number so tests can name them.
 */
final class BridgeEvents {

    /** 2022-08-01T00:00:11Z, block {@link #B0} (the Nomad exploit block 15,259,101 is at 21:32:31 that day). */
    static final Instant T0 = Instant.parse("2022-08-01T00:00:11Z");
    static final long B0 = 15_252_660L;

    static final String WBTC = "0x2260fac5e5542a773aa44fbcfedf7c193bc2c599";
    static final String WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
    static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
    static final String DAI = "0x6b175474e89094c44da98b954eedeac495271d0f";
    static final String USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";

    static final String PORTAL = "0xbeb5fc579115071764c7423a4f12edde41f106ed";
    static final String L1_BRIDGE = "0x99c9fc46f92e8a1c0dec1b1747d010903e884be1";

    private BridgeEvents() {
    }

    static long block(Instant time) {
        return B0 + Math.floorDiv(time.getEpochSecond() - T0.getEpochSecond(), 12);
    }

    static String tx(long n) {
        return String.format("0x%064x", n);
    }

    static Source source(Instant time, String txHash, String contract) {
        long block = block(time);
        return Source.newBuilder().setL1ChainId(1L).setBlockNumber(block)
                .setBlockHash(String.format("0x%064x", block)).setBlockTime(time)
                .setTxHash(txHash).setContract(contract).build();
    }

    static BridgeEvent.Builder event(String rollup, BridgeEventKind kind, Instant time, String txHash) {
        return BridgeEvent.newBuilder().setRollupId(rollup).setSource(source(time, txHash, PORTAL)).setKind(kind)
                .setDetails(Map.of());
    }

    /** A finalized withdrawal of {@code amount} base units of {@code token} (null = ETH). */
    static BridgeEvent withdrawal(String rollup, Instant time, String token, BigInteger amount, String txHash) {
        return event(rollup, BridgeEventKind.WITHDRAWAL_FINALIZED, time, txHash).setToken(token)
                .setAmount(amount.toString()).setDetails(tokenDetails(token)).build();
    }

    /** An event of {@code contract} (pause, upgrade, ...) in tx {@link #tx}({@code tx}). */
    static BridgeEvent contractEvent(String rollup, BridgeEventKind kind, Instant time, String contract, String subject,
                                     long tx, Map<String, String> details) {
        return BridgeEvent.newBuilder().setRollupId(rollup).setSource(source(time, tx(tx), contract)).setKind(kind)
                .setSubject(subject).setDetails(details).build();
    }

    static BridgeEvent escrow(String rollup, Instant time, String token, BigInteger balance) {
        return event(rollup, BridgeEventKind.ESCROW_BALANCE, time, null).setToken(token)
                .setAmount(balance.toString()).setDetails(tokenDetails(token)).build();
    }

    static IngestProgress progress(String rollup, Instant time) {
        long block = block(time);
        return IngestProgress.newBuilder().setRollupId(rollup).setL1ChainId(1L).setScannedThroughBlock(block)
                .setScannedThroughTime(time).setL1HeadBlock(block + 2).setIngesterId("test").build();
    }

    /** {@code units} whole tokens (e.g. 100 WBTC) in base units. */
    static BigInteger units(String token, String units) {
        return new BigDecimal(units).movePointRight(decimals(token)).toBigIntegerExact();
    }

    static int decimals(String token) {
        if (token == null) {
            return 18;
        }
        return switch (token) {
            case WBTC -> 8;
            case USDC, USDT -> 6;
            default -> 18;
        };
    }

    static String symbol(String token) {
        if (token == null) {
            return "ETH";
        }
        return switch (token) {
            case WBTC -> "WBTC";
            case WETH -> "WETH";
            case USDC -> "USDC";
            case DAI -> "DAI";
            case USDT -> "USDT";
            default -> "TKN" + token.substring(token.length() - 4);
        };
    }

    private static Map<String, String> tokenDetails(String token) {
        Map<String, String> details = new HashMap<>();
        if (token != null) {
            details.put("symbol", symbol(token));
            details.put("decimals", Integer.toString(decimals(token)));
        }
        return details;
    }
}
