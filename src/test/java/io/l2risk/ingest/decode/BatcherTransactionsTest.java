package io.l2risk.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.Source;
import io.l2risk.ingest.L1Block;
import io.l2risk.ingest.L1Transaction;
import io.l2risk.registry.DaKind;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import io.l2risk.registry.StackDefaults;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatcherTransactionsTest {

    // OP Mainnet's batch inbox and batcher (superchain-registry configs/mainnet/op.toml).
    private static final String INBOX = "0xff00000000000000000000000000000000000010";
    private static final String BATCHER = "0x6887246668a3b87f54deb3b94ba47a6f63f32985";
    private static final RollupConfig OP = new RollupConfig("op-mainnet", "OP Mainnet", Stack.OP_STACK, 1,
            DaKind.ETHEREUM, Map.of(), List.of(BATCHER), Optional.of(INBOX), StackDefaults.of(Stack.OP_STACK),
            Map.of(), List.of());
    private static final String TX = "0x" + "ba".repeat(32);
    private static final L1Block BLOCK = new L1Block(21_000_000, "0x" + "11".repeat(32), "0x" + "10".repeat(32),
            1_730_000_000L, List.of(TX), List.of());

    @Test
    void shouldReportABlobBatchWithItsVersionedHashesAndBlobSize() {
        List<String> hashes = List.of("0x01" + "aa".repeat(31), "0x01" + "bb".repeat(31));
        L1Transaction tx = new L1Transaction(TX, BLOCK.number(), BATCHER, INBOX, 3, "0x", hashes);

        List<BatchPosted> batches = BatcherTransactions.decode(OP, tx, BLOCK, 1);

        assertThat(batches).containsExactly(BatchPosted.newBuilder().setRollupId("op-mainnet")
                .setSource(new Source(1L, 21_000_000L, "0x" + "11".repeat(32), Instant.ofEpochSecond(1_730_000_000L),
                        TX, null, INBOX))
                .setDaMode(DaMode.BLOB).setDataBytes(2 * 131_072L).setBlobVersionedHashes(hashes)
                .setSubmitter(BATCHER).build());
    }

    @Test
    void shouldReportCalldataFramesForDerivationVersionZero() {
        L1Transaction tx = new L1Transaction(TX, BLOCK.number(), BATCHER, INBOX, 2, "0x00" + "ab".repeat(1_000), List.of());

        BatchPosted batch = BatcherTransactions.decode(OP, tx, BLOCK, 1).get(0);

        assertThat(batch.getDaMode()).isEqualTo(DaMode.CALLDATA);
        assertThat(batch.getDataBytes()).isEqualTo(1_001L);
        assertThat(batch.getBatchIndex()).isNull();
        assertThat(batch.getBlobVersionedHashes()).isEmpty();
        assertThat(batch.getSource().getLogIndex()).isNull();
        assertThat(batch.getSource().getContract()).isEqualTo(INBOX);
        assertThat(batch.getSubmitter()).isEqualTo(BATCHER);
    }

    @Test
    void shouldReportAnAltDaCommitmentForDerivationVersionOne() {
        // alt-DA keccak256 commitment: version 0x01, commitment type 0x00, 32-byte hash.
        L1Transaction tx = new L1Transaction(TX, BLOCK.number(), BATCHER, INBOX, 2, "0x0100" + "cd".repeat(32), List.of());

        BatchPosted batch = BatcherTransactions.decode(OP, tx, BLOCK, 1).get(0);

        assertThat(batch.getDaMode()).isEqualTo(DaMode.ALT_DA_COMMITMENT);
        assertThat(batch.getDataBytes()).isEqualTo(34L);
    }

    @Test
    void shouldReportNoneForEmptyInputAndUnknownForAnotherVersionByte() {
        L1Transaction empty = new L1Transaction(TX, BLOCK.number(), BATCHER, INBOX, 2, "0x", List.of());
        L1Transaction other = new L1Transaction(TX, BLOCK.number(), BATCHER, INBOX, 0, "0x7f0102", List.of());

        BatchPosted none = BatcherTransactions.decode(OP, empty, BLOCK, 1).get(0);
        BatchPosted unknown = BatcherTransactions.decode(OP, other, BLOCK, 1).get(0);

        assertThat(none.getDaMode()).isEqualTo(DaMode.NONE);
        assertThat(none.getDataBytes()).isZero();
        assertThat(unknown.getDaMode()).isEqualTo(DaMode.UNKNOWN);
        assertThat(unknown.getDataBytes()).isEqualTo(3L);
    }
}
