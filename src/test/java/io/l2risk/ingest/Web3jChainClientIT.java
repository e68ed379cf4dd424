package io.l2risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.testing.AnvilNode;
import io.l2risk.testing.Solc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Web3jChainClient} against a real node: anvil with an emitter of Arbitrum's exact
 * {@code SequencerBatchDelivered} event placed at the Arbitrum One SequencerInbox address.
 */
class Web3jChainClientIT {

    private static final long GENESIS = 1_700_000_000L;
    // Arbitrum One SequencerInbox, as in the rollup registry.
    private static final String INBOX = "0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6";
    private static final String SIGNATURE = "SequencerBatchDelivered(uint256,bytes32,bytes32,bytes32,uint256,"
            + "(uint64,uint64,uint64,uint64),uint8)";
    // /work/shared/l1-events.md C1; recomputed by the node below rather than trusted.
    private static final String TOPIC0 = "0x7394f4a19a13c7b92b5bb71033245305946ef78452f7b4986ac1390b5df4ebd7";
    private static final String DELIVER = "deliver(uint256,bytes32,bytes32,bytes32,uint256,uint64,uint64,uint64,uint64,uint8)";

    // The event is declared exactly as in nitro-contracts (ISequencerInbox.sol, IBridge.sol).
    private static final String EMITTER = """
            // SPDX-License-Identifier: MIT
            pragma solidity ^0.8.20;
            contract SequencerInboxEmitter {
                struct TimeBounds { uint64 minTimestamp; uint64 maxTimestamp; uint64 minBlockNumber; uint64 maxBlockNumber; }
                enum BatchDataLocation { TxInput, SeparateBatchEvent, NoData, Blob }
                event SequencerBatchDelivered(uint256 indexed batchSequenceNumber, bytes32 indexed beforeAcc,
                    bytes32 indexed afterAcc, bytes32 delayedAcc, uint256 afterDelayedMessagesRead,
                    TimeBounds timeBounds, BatchDataLocation dataLocation);
                function deliver(uint256 seq, bytes32 beforeAcc, bytes32 afterAcc, bytes32 delayedAcc,
                        uint256 afterDelayed, uint64 minTs, uint64 maxTs, uint64 minBn, uint64 maxBn, uint8 loc)
                        external {
                    emit SequencerBatchDelivered(seq, beforeAcc, afterAcc, delayedAcc, afterDelayed,
                        TimeBounds(minTs, maxTs, minBn, maxBn), BatchDataLocation(loc));
                }
            }
            """;

    private static Solc.Compiled emitter;

    private AnvilNode anvil;
    private Web3jChainClient client;

    @BeforeAll
    static void compileEmitter() {
        emitter = Solc.compile("SequencerInboxEmitter", EMITTER);
    }

    @BeforeEach
    void startNode() {
        anvil = AnvilNode.start(GENESIS, Path.of("target", "anvil"));
        anvil.setCode(INBOX, emitter.runtimeBytecode());
        client = new Web3jChainClient(anvil.rpcUrl(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stopNode() {
        if (client != null) {
            client.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void shouldReturnTheExactBatchDeliveredLogWithItsBlock() {
        anvil.mine(GENESIS + 12);
        String sender = anvil.accounts().get(0);
        String calldata = deliverCalldata(42);
        String txHash = anvil.sendTransaction(sender, INBOX, calldata);
        assertThat(anvil.mine(GENESIS + 24)).isEqualTo(2);

        assertThat(anvil.keccak(hex(SIGNATURE))).isEqualTo(TOPIC0);
        assertThat(client.chainId()).isEqualTo(AnvilNode.CHAIN_ID);
        assertThat(client.latestBlockNumber()).isEqualTo(2);

        L1Block one = client.block(1, false).orElseThrow();
        L1Block two = client.block(2, false).orElseThrow();
        assertThat(one.timestamp()).isEqualTo(GENESIS + 12);
        assertThat(two.timestamp()).isEqualTo(GENESIS + 24);
        assertThat(two.parentHash()).isEqualTo(one.hash());
        assertThat(one.parentHash()).isEqualTo(client.block(0, false).orElseThrow().hash());
        assertThat(two.transactionHashes()).containsExactly(txHash);
        assertThat(two.transactions()).isEmpty();

        List<L1Log> logs = client.logs(List.of(INBOX), List.of(TOPIC0), 0, 2);

        assertThat(logs).containsExactly(new L1Log(INBOX,
                List.of(TOPIC0, word(42), ACC_BEFORE, ACC_AFTER),
                "0x" + strip(ACC_DELAYED) + strip(word(7)) + strip(word(GENESIS)) + strip(word(GENESIS + 3600))
                        + strip(word(100)) + strip(word(200)) + strip(word(3)),
                2, two.hash(), txHash, 0, 0, false));
    }

    @Test
    void shouldFilterLogsByAddressTopicAndRange() {
        anvil.mine(GENESIS + 12);
        String sender = anvil.accounts().get(0);
        anvil.sendTransaction(sender, INBOX, deliverCalldata(1));
        anvil.mine(GENESIS + 24);
        anvil.sendTransaction(sender, INBOX, deliverCalldata(2));
        anvil.mine(GENESIS + 36);

        assertThat(client.logs(List.of(INBOX), List.of(), 0, 3)).extracting(L1Log::blockNumber)
                .containsExactly(2L, 3L);
        assertThat(client.logs(List.of(INBOX), List.of(TOPIC0), 3, 3)).extracting(l -> l.topics().get(1))
                .containsExactly(word(2));
        assertThat(client.logs(List.of(INBOX), List.of(word(0)), 0, 3)).isEmpty();
        assertThat(client.logs(List.of("0x00000000000000000000000000000000000000aa"), List.of(TOPIC0), 0, 3))
                .isEmpty();
    }

    @Test
    void shouldListLightTransactionsOfABlockAndByHash() {
        String sender = anvil.accounts().get(0);
        String calldata = deliverCalldata(5);
        String txHash = anvil.sendTransaction(sender, INBOX, calldata);
        anvil.mine(GENESIS + 12);

        L1Transaction expected = new L1Transaction(txHash, 1, sender, INBOX, 2, calldata, List.of());
        assertThat(client.block(1, true).orElseThrow().transactions()).containsExactly(expected);
        assertThat(client.transaction(txHash)).contains(expected);
        assertThat(expected.inputSize()).isEqualTo(4 + 10 * 32);
    }

    @Test
    void shouldReturnEmptyForUnknownBlockAndTransaction() {
        assertThat(client.block(5, false)).isEmpty();
        assertThat(client.transaction("0x" + "ab".repeat(32))).isEmpty();
    }

    @Test
    void shouldSeeADifferentHashAtTheSameHeightAfterAReorg() {
        anvil.mine(GENESIS + 12);
        String fork = anvil.snapshot();
        anvil.sendTransaction(anvil.accounts().get(0), INBOX, deliverCalldata(1));
        anvil.mine(GENESIS + 24);
        L1Block before = client.block(2, false).orElseThrow();
        assertThat(client.logs(List.of(INBOX), List.of(TOPIC0), 2, 2)).hasSize(1);

        anvil.revert(fork);
        anvil.mine(GENESIS + 25);

        L1Block after = client.block(2, false).orElseThrow();
        assertThat(after.hash()).isNotEqualTo(before.hash());
        assertThat(after.parentHash()).isEqualTo(before.parentHash()).isEqualTo(client.block(1, false).orElseThrow().hash());
        assertThat(after.timestamp()).isEqualTo(GENESIS + 25);
        assertThat(client.logs(List.of(INBOX), List.of(TOPIC0), 2, 2)).isEmpty();
    }

    @Test
    void shouldStopOnInvalidParams() {
        assertThatThrownBy(() -> client.transaction("0x1234"))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RpcException.Kind.PERMANENT);
                    assertThat(e.rpcCode()).hasValue(RpcErrors.INVALID_PARAMS);
                    assertThat(e).hasMessageStartingWith("eth_getTransactionByHash on " + anvil.rpcUrl() + " failed");
                });
    }

    @Test
    void shouldRetryWhenTheNodeIsUnreachableWithoutShowingTheKey() {
        String key = "0123456789abcdef0123456789abcdef";
        String url = anvil.rpcUrl() + "/v3/" + key;
        anvil.close();
        try (Web3jChainClient down = new Web3jChainClient(url, Duration.ofSeconds(2))) {
            assertThatThrownBy(down::latestBlockNumber)
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RpcException.Kind.RETRIABLE);
                        assertThat(RpcErrors.isRetriable(e)).isTrue();
                        assertThat(e.getMessage()).contains("/v3/***").doesNotContain(key);
                    });
        }
    }

    private static final String ACC_BEFORE = "0x" + "11".repeat(32);
    private static final String ACC_AFTER = "0x" + "22".repeat(32);
    private static final String ACC_DELAYED = "0x" + "33".repeat(32);

    /** Calldata of {@code deliver(seq, ...)} with fixed accumulators, time bounds and data location Blob (3). */
    private static String deliverCalldata(long seq) {
        return "0x" + emitter.methodIdentifiers().get(DELIVER) + strip(word(seq)) + strip(ACC_BEFORE)
                + strip(ACC_AFTER) + strip(ACC_DELAYED) + strip(word(7)) + strip(word(GENESIS))
                + strip(word(GENESIS + 3600)) + strip(word(100)) + strip(word(200)) + strip(word(3));
    }

    private static String word(long value) {
        return "0x" + "0".repeat(48) + String.format("%016x", value);
    }

    private static String strip(String hex) {
        return hex.substring(2);
    }

    private static String hex(String text) {
        return "0x" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
