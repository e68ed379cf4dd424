package io.l2risk.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.Source;
import io.l2risk.testing.AnvilNode;
import io.l2risk.testing.L1Emitters;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blob availability check against anvil's beacon API (anvil serves {@code /eth/v1/beacon/genesis}
 * and {@code /eth/v1/beacon/blobs/{block_id}}; blocks 12 s apart from genesis make the slot the block
 * number, as on a real beacon chain).
 */
class BeaconBlobCheckerIT {

    private static final long GENESIS = 1_700_000_000L;
    private static final String INBOX = "0xff00000000000000000000000000000000000010";
    private static final Duration RETENTION = Duration.ofDays(18);

    @TempDir
    static Path dir;
    private static AnvilNode anvil;
    private static String blobHash;
    private static long blockTime;

    @BeforeAll
    static void blobOnChain() {
        anvil = AnvilNode.start(GENESIS, dir);
        L1Emitters l1 = L1Emitters.on(anvil);
        byte[] blob = L1Emitters.blobOf("a batch of L2 transactions".getBytes(StandardCharsets.US_ASCII));
        l1.sendBlobTransaction(AnvilNode.DEV_PRIVATE_KEYS.get(1), INBOX, List.of(blob));
        blockTime = GENESIS + 12;
        anvil.mine(blockTime);
        blobHash = L1Emitters.versionedHash(blob);
    }

    @AfterAll
    static void stop() {
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void shouldReportABlobTheBeaconNodeServesAsAvailableAfterCheckingItsCommitment() {
        try (BeaconBlobChecker checker = new BeaconBlobChecker(anvil.rpcUrl(), Duration.ofSeconds(10), RETENTION)) {
            List<DaObservation> observations = checker.check(batch(List.of(blobHash), blockTime), millis(blockTime + 24));

            assertThat(observations).hasSize(1);
            DaObservation seen = observations.get(0);
            assertThat(seen.getReference()).isEqualTo(blobHash);
            assertThat(seen.getAvailable()).isTrue();
            assertThat(seen.getMethod()).isEqualTo(DaMethod.BLOB_SIDECAR);
            assertThat(seen.getError()).isNull();
            assertThat(seen.getObservedAt()).isEqualTo(Instant.ofEpochSecond(blockTime + 24));
            assertThat(seen.getBatchIndex()).isEqualTo(7L);
            assertThat(seen.getSource().getBlockNumber()).isEqualTo(1L);
            assertThat(seen.getLatencyMillis()).isNotNull().isNotNegative();
        }
    }

    @Test
    void shouldReportABlobMissingFromItsSlotAsUnavailableWithTheReason() {
        String missing = "0x01" + "ab".repeat(31);
        try (BeaconBlobChecker checker = new BeaconBlobChecker(anvil.rpcUrl(), Duration.ofSeconds(10), RETENTION)) {
            List<DaObservation> observations = checker.check(batch(List.of(blobHash, missing), blockTime),
                    millis(blockTime + 24));

            assertThat(observations).extracting(DaObservation::getReference).containsExactly(blobHash, missing);
            assertThat(observations).extracting(DaObservation::getAvailable).containsExactly(true, false);
            assertThat(observations.get(1).getError()).isEqualTo("blob " + missing
                    + " is not among those the beacon node returned for slot 1");
        }
    }

    @Test
    void shouldReportNothingWhenTheBeaconNodeItselfIsDownOrTheBlobIsPastRetention() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String down = "http://127.0.0.1:" + closedPort;
        try (BeaconBlobChecker unreachable = new BeaconBlobChecker(down, Duration.ofSeconds(2), RETENTION);
             BeaconBlobChecker checker = new BeaconBlobChecker(anvil.rpcUrl(), Duration.ofSeconds(10), RETENTION)) {
            assertThat(unreachable.check(batch(List.of(blobHash), blockTime), millis(blockTime + 24))).isEmpty();
            assertThat(checker.check(batch(List.of(blobHash), blockTime),
                    millis(blockTime + RETENTION.toSeconds() + 1))).isEmpty();
        }
    }

    private static BatchPosted batch(List<String> hashes, long time) {
        return BatchPosted.newBuilder().setRollupId("op-test").setBatchIndex(7L).setDaMode(DaMode.BLOB)
                .setBlobVersionedHashes(hashes)
                .setSource(Source.newBuilder().setL1ChainId(AnvilNode.CHAIN_ID).setBlockNumber(1L)
                        .setBlockTime(Instant.ofEpochSecond(time)).setContract(INBOX).build())
                .build();
    }

    private static long millis(long seconds) {
        return seconds * 1000;
    }
}
