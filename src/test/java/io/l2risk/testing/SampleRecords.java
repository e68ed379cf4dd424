package io.l2risk.testing;

import io.l2risk.avro.AlertCategory;
import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.CategoryLevels;
import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.DeadLetter;
import io.l2risk.avro.DeadLetterStage;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.IndicatorSnapshot;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.Level;
import io.l2risk.avro.OpenAlert;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.RollupRiskStatus;
import io.l2risk.avro.Severity;
import io.l2risk.avro.Source;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One fully populated example of every record type, for serde and file round trips. Addresses and
 * topics are Arbitrum One's mainnet contracts (SequencerInbox 0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6,
 * Bridge 0x8315177ab297ba92a06054ce80a67ed4dbd7ed3a, per Arbitrum's docs "Contract addresses");
 * the hashes are made up.
 */
public final class SampleRecords {

    public static final Instant T0 = Instant.parse("2024-06-20T12:00:11Z");
    private static final String SEQUENCER_INBOX = "0x1c479675ad559dc151f6ec7ed3fbf8cee79582b6";
    private static final String BRIDGE = "0x8315177ab297ba92a06054ce80a67ed4dbd7ed3a";

    private SampleRecords() {
    }

    public static Source source(long block, Instant time, String contract) {
        return Source.newBuilder()
                .setL1ChainId(1L)
                .setBlockNumber(block)
                .setBlockHash("0x" + "ab".repeat(31) + String.format("%02x", block % 256))
                .setBlockTime(time)
                .setTxHash("0x" + "cd".repeat(31) + String.format("%02x", block % 256))
                .setLogIndex(7)
                .setContract(contract)
                .build();
    }

    public static BatchPosted batch() {
        return BatchPosted.newBuilder()
                .setRollupId("arbitrum-one")
                .setSource(source(20_134_512L, T0, SEQUENCER_INBOX))
                .setBatchIndex(640_123L)
                .setDaMode(DaMode.BLOB)
                .setDataBytes(262_144L)
                .setBlobVersionedHashes(List.of("0x01" + "11".repeat(31), "0x01" + "22".repeat(31)))
                .setDacSigners(null)
                .setDacMembers(null)
                .setDacThreshold(null)
                .setKeysetHash(null)
                .setL2BlockStart(223_000_001L)
                .setL2BlockEnd(223_001_500L)
                .setL1MessagesProcessed(1_702_118L)
                .setSubmitter("0xc1b634853cb333d3ad8663715b08f41a3aec47cc")
                .setFeeWei("1234567890123456")
                .build();
    }

    public static ProofEvent proof() {
        return ProofEvent.newBuilder()
                .setRollupId("arbitrum-one")
                .setSource(source(20_134_600L, T0.plusSeconds(1056), "0x4dceb440657f21083db8add07665f8ddbe1dcfc0"))
                .setKind(ProofKind.DISPUTE_RESOLVED)
                .setBatchIndexStart(640_000L)
                .setBatchIndexEnd(640_123L)
                .setL2BlockNumber(223_001_500L)
                .setStateRoot("0x" + "ef".repeat(32))
                .setDisputeId("0x" + "42".repeat(32))
                .setDisputeOutcome(DisputeOutcome.DEFENDER_WINS)
                .setActor("0x0ff5a8451a839f5f0bb3562689d9a44089738d11")
                .setChallengePeriodEnd(T0.plusSeconds(6 * 24 * 3600 + 8 * 3600))
                .build();
    }

    public static BridgeEvent bridge() {
        return BridgeEvent.newBuilder()
                .setRollupId("arbitrum-one")
                .setSource(source(20_134_513L, T0.plusSeconds(12), BRIDGE))
                .setKind(BridgeEventKind.WITHDRAWAL_FINALIZED)
                .setMessageId("0x" + "9a".repeat(32))
                .setQueueIndex(1_702_119L)
                .setToken("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48")
                .setAmount("997681383000000000000")
                .setDeadline(T0.plusSeconds(24 * 3600))
                .setSubject("0x5ff137d4b0fdcd49dca30c7cf57e578a026d2789")
                .setDetails(Map.of("to", "0x1111111111111111111111111111111111111111", "transactionIndex", "151234"))
                .build();
    }

    public static DaObservation daObservation() {
        return DaObservation.newBuilder()
                .setRollupId("arbitrum-one")
                .setSource(source(20_134_512L, T0, SEQUENCER_INBOX))
                .setBatchIndex(640_123L)
                .setReference("0x01" + "11".repeat(31))
                .setMethod(DaMethod.BLOB_SIDECAR)
                .setAvailable(false)
                .setLatencyMillis(2_500L)
                .setObservedAt(T0.plusSeconds(24))
                .setError("beacon node answered 404 for the sidecar of slot 9345678")
                .build();
    }

    public static IngestProgress progress() {
        return IngestProgress.newBuilder()
                .setRollupId("arbitrum-one")
                .setL1ChainId(1L)
                .setScannedThroughBlock(20_134_520L)
                .setScannedThroughTime(T0.plusSeconds(96))
                .setL1HeadBlock(20_134_523L)
                .setIngesterId("ingester-1")
                .build();
    }

    public static RiskAlert alert() {
        return RiskAlert.newBuilder()
                .setAlertId("arbitrum-one/BATCH_LIVENESS/-/20134600")
                .setRollupId("arbitrum-one")
                .setIndicator("BATCH_LIVENESS")
                .setCategory(AlertCategory.LIVENESS)
                .setSeverity(Severity.CRITICAL)
                .setStatus(AlertStatus.ESCALATED)
                .setSubject(null)
                .setValue(1872.0)
                .setThreshold(1200.0)
                .setUnit("seconds")
                .setSummary("No batch posted for 31m 12s (threshold 20m 0s, typical interval 1m 4s).")
                .setOpenedAt(T0.plusSeconds(1200))
                .setEventTime(T0.plusSeconds(1872))
                .setL1BlockNumber(20_134_668L)
                .setEvidence(Map.of("lastBatchTx", "0x" + "cd".repeat(32), "lastBatchIndex", "640123"))
                .build();
    }

    public static IndicatorSnapshot indicator() {
        return IndicatorSnapshot.newBuilder()
                .setRollupId("arbitrum-one")
                .setIndicator("DAC_QUORUM")
                .setLevel(Level.WARNING)
                .setValue(5.0)
                .setThreshold(5.0)
                .setUnit("signers")
                .setUpdatedAt(T0)
                .setSummary("5 of 6 DAC members signed; the keyset needs 5.")
                .setDetails(Map.of("keysetHash", "0x" + "55".repeat(32)))
                .build();
    }

    public static RollupRiskStatus status() {
        return RollupRiskStatus.newBuilder()
                .setRollupId("arbitrum-one")
                .setLevel(Level.CRITICAL)
                .setCategoryLevels(CategoryLevels.newBuilder()
                        .setLiveness(Level.CRITICAL)
                        .setDataAvailability(Level.WARNING)
                        .build())
                .setOpenAlerts(List.of(OpenAlert.newBuilder()
                        .setAlertId("arbitrum-one/BATCH_LIVENESS/-/20134600")
                        .setIndicator("BATCH_LIVENESS")
                        .setSubject(null)
                        .setSeverity(Severity.CRITICAL)
                        .setSince(T0.plusSeconds(1200))
                        .setSummary("No batch posted for 31m 12s (threshold 20m 0s, typical interval 1m 4s).")
                        .build()))
                .setLastBatchAt(T0)
                .setLastStateAt(T0.minusSeconds(3600))
                .setLastProofAt(null)
                .setUpdatedAt(T0.plusSeconds(1872))
                .build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setTopic("l2risk.ingest.batches")
                .setPartition(3)
                .setOffset(42L)
                .setKey(ByteBuffer.wrap("arbitrum-one".getBytes(StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap(new byte[] {0x7b, 0x00, (byte) 0xff, 0x10}))
                .setStage(DeadLetterStage.DESERIALIZATION)
                .setErrorClass("org.apache.kafka.common.errors.SerializationException")
                .setErrorMessage("Unknown magic byte 0x7b (expected 0x00)")
                .setApplicationId("l2-risk-monitor")
                .setFailedAt(T0)
                .setHeaders(Map.of("trace", "abc"))
                .build();
    }

    /** The five ingest records, in L1 time order. */
    public static List<SpecificRecord> ingest() {
        return List.of(batch(), bridge(), daObservation(), progress(), proof());
    }

    /** One record of every type of design.md §3 (Source only embedded). */
    public static List<SpecificRecord> all() {
        return List.of(batch(), proof(), bridge(), daObservation(), progress(),
                alert(), indicator(), status(), deadLetter());
    }
}
