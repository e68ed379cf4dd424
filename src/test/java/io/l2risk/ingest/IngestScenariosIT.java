package io.l2risk.ingest;

import static io.l2risk.ingest.AnvilScenario.ARBITRUM;
import static io.l2risk.ingest.AnvilScenario.ARB_BATCHER;
import static io.l2risk.ingest.AnvilScenario.ARB_INBOX;
import static io.l2risk.ingest.AnvilScenario.ARB_ROLLUP;
import static io.l2risk.ingest.AnvilScenario.ARB_SEQUENCER_INBOX;
import static io.l2risk.ingest.AnvilScenario.LINEA;
import static io.l2risk.ingest.AnvilScenario.LINEA_ROLLUP;
import static io.l2risk.ingest.AnvilScenario.OP;
import static io.l2risk.ingest.AnvilScenario.OP_BATCHER;
import static io.l2risk.ingest.AnvilScenario.OP_BATCHER_KEY;
import static io.l2risk.ingest.AnvilScenario.OP_BATCH_INBOX;
import static io.l2risk.ingest.AnvilScenario.OP_GAME;
import static io.l2risk.ingest.AnvilScenario.OP_GAME_FACTORY;
import static io.l2risk.ingest.AnvilScenario.OP_OUTPUT_ORACLE;
import static io.l2risk.ingest.AnvilScenario.OP_PORTAL;
import static io.l2risk.ingest.AnvilScenario.OP_SYSTEM_CONFIG;
import static io.l2risk.ingest.AnvilScenario.OP_WATCHED;
import static io.l2risk.ingest.AnvilScenario.POLYGON;
import static io.l2risk.ingest.AnvilScenario.POLYGON_MANAGER;
import static io.l2risk.ingest.AnvilScenario.POLYGON_ZKEVM;
import static io.l2risk.ingest.AnvilScenario.SCROLL;
import static io.l2risk.ingest.AnvilScenario.SCROLL_CHAIN;
import static io.l2risk.ingest.AnvilScenario.SCROLL_QUEUE;
import static io.l2risk.ingest.AnvilScenario.STARKNET;
import static io.l2risk.ingest.AnvilScenario.STARKNET_CORE;
import static io.l2risk.ingest.AnvilScenario.ZERO_ADDRESS;
import static io.l2risk.ingest.AnvilScenario.ZKSYNC;
import static io.l2risk.ingest.AnvilScenario.ZKSYNC_DIAMOND;
import static io.l2risk.ingest.AnvilScenario.bytes32;
import static io.l2risk.ingest.AnvilScenario.instant;
import static io.l2risk.ingest.AnvilScenario.strip;
import static io.l2risk.ingest.AnvilScenario.word;
import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.app.Main;
import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.DaMethod;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.DisputeOutcome;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import io.l2risk.avro.Source;
import io.l2risk.testing.L1Emitters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import picocli.CommandLine;

/**
 * The {@code ingest} command against a real node: every stack's emitters on anvil drive a scenario of
 * batches, proofs, bridge events and governance, one transaction per block at known timestamps, and the
 * event file must hold exactly the records the decoders' contracts promise, with their provenance.
 */
class IngestScenariosIT {

    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

    @TempDir
    Path dir;

    private AnvilScenario chain;
    private L1Emitters l1;
    private String sender;
    private final List<SpecificRecord> expected = new ArrayList<>();
    private BlobBatch blobBatch;

    /** The OP blob batch: where its DaObservation goes among the expected records, and what it names. */
    private record BlobBatch(int position, Source source, String versionedHash) {
    }

    @BeforeEach
    void startChain() {
        chain = AnvilScenario.start();
        l1 = chain.l1;
        sender = l1.defaultSender();
    }

    @AfterEach
    void stopChain() {
        if (chain != null) {
            chain.close();
        }
    }

    @Test
    void shouldWriteTheExactRecordsOfEveryStackWithProvenanceBlobAvailabilityAndProgress() throws Exception {
        arbitrum();
        opStack();
        zkSync();
        scroll();
        linea();
        starknet();
        polygon();
        long last = chain.head();
        // The DaObservation follows its batch; observedAt is the L1 time of the scanned range's last block.
        expected.add(blobBatch.position(), DaObservation.newBuilder().setRollupId(OP).setSource(blobBatch.source())
                .setBatchIndex(null).setReference(blobBatch.versionedHash()).setMethod(DaMethod.BLOB_SIDECAR)
                .setAvailable(true).setLatencyMillis(null).setObservedAt(instant(last)).setError(null).build());
        Path out = dir.resolve("events.jsonl");

        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine command = Main.commandLine(Map.of());
        command.setOut(new PrintWriter(stdout));
        command.setErr(new PrintWriter(stderr));
        int exit = command.execute("ingest", "--rpc-url", chain.anvil.rpcUrl(),
                "--rollups", AnvilScenario.registryFile().toString(), "--from-block", "1", "--to-block",
                Long.toString(last), "--confirmations", "0", "--out", out.toString(),
                "--beacon-url", chain.anvil.rpcUrl());

        assertThat(exit).as("exit code; stderr: %s", stderr).isZero();
        assertThat(stdout.toString()).contains("Ingesting 7 rollups").contains(last + " blocks");
        List<SpecificRecord> written = AnvilScenario.readEvents(out);
        List<SpecificRecord> comparable = new ArrayList<>();
        for (SpecificRecord record : written) {
            if (record instanceof DaObservation observation) {
                // Wall-clock time of the beacon request: any non-negative value.
                assertThat(observation.getLatencyMillis()).isNotNull().isNotNegative();
                comparable.add(DaObservation.newBuilder(observation).setLatencyMillis(null).build());
            } else {
                comparable.add(record);
            }
        }
        expected.addAll(AnvilScenario.progress(last, last, "default"));
        assertThat(comparable).containsExactlyElementsOf(expected);
    }

    // --- Arbitrum (AnyTrust) ------------------------------------------------------------------------------

    private void arbitrum() {
        // A DataAvailabilityKeyset (nitro DeserializeKeyset): assumedHonest 2, 4 keys of 96 bytes → threshold 3.
        StringBuilder keyset = new StringBuilder("0000000000000002" + "0000000000000004");
        for (int i = 0; i < 4; i++) {
            keyset.append("0060").append(String.format("%02x", i + 1).repeat(96));
        }
        String keysetBytes = "0x" + keyset;
        String keysetHash = Hash.sha3(keysetBytes);
        String setKeyset = l1.emit(ARB_SEQUENCER_INBOX, "SequencerInboxEmitter", "emitSetValidKeyset", keysetHash,
                keysetBytes);
        chain.mine();
        expected.add(bridge(ARBITRUM, chain.source(setKeyset, ARB_SEQUENCER_INBOX), BridgeEventKind.OPERATOR_CHANGED,
                keysetHash, "sequencerInbox", "role", "dacKeyset", "keysetHash", keysetHash, "active", "true",
                "members", "4", "assumedHonest", "2", "threshold", "3"));

        // A tree DAS certificate (0x88) signed by members 0, 1 and 3 of that keyset.
        byte[] certificate = certificate(keysetHash, 0b1011);
        String certified = l1.emitFrom(ARB_BATCHER, ARB_SEQUENCER_INBOX, "SequencerInboxEmitter",
                "addSequencerL2BatchFromOrigin", 7, certificate, 3, ZERO_ADDRESS, 100, 120);
        chain.mine();
        expected.add(BatchPosted.newBuilder().setRollupId(ARBITRUM)
                .setSource(chain.source(certified, ARB_SEQUENCER_INBOX)).setBatchIndex(7L)
                .setDaMode(DaMode.DAC_CERTIFICATE).setDataBytes((long) certificate.length)
                .setBlobVersionedHashes(List.of()).setDacSigners(3).setDacMembers(4).setDacThreshold(3)
                .setKeysetHash(keysetHash).setL1MessagesProcessed(3L).setSubmitter(ARB_BATCHER).build());

        // The committee did not sign: the poster falls back to the brotli data itself on L1 (header 0x00).
        byte[] fallback = HEX.parseHex("00" + "5b".repeat(300));
        String onL1 = l1.emitFrom(ARB_BATCHER, ARB_SEQUENCER_INBOX, "SequencerInboxEmitter",
                "addSequencerL2BatchFromOrigin", 8, fallback, 4, ZERO_ADDRESS, 120, 150);
        chain.mine();
        expected.add(BatchPosted.newBuilder().setRollupId(ARBITRUM).setSource(chain.source(onL1, ARB_SEQUENCER_INBOX))
                .setBatchIndex(8L).setDaMode(DaMode.CALLDATA).setDataBytes((long) fallback.length)
                .setBlobVersionedHashes(List.of()).setL1MessagesProcessed(4L).setSubmitter(ARB_BATCHER).build());

        // A certificate of a keyset set before the scanned range: the registry's committee stands in.
        String oldKeyset = bytes32("4e");
        byte[] oldCertificate = certificate(oldKeyset, 0b11111);
        String oldCertified = l1.emitFrom(ARB_BATCHER, ARB_SEQUENCER_INBOX, "SequencerInboxEmitter",
                "addSequencerL2BatchFromOrigin", 9, oldCertificate, 4, ZERO_ADDRESS, 150, 170);
        chain.mine();
        expected.add(BatchPosted.newBuilder().setRollupId(ARBITRUM)
                .setSource(chain.source(oldCertified, ARB_SEQUENCER_INBOX)).setBatchIndex(9L)
                .setDaMode(DaMode.DAC_CERTIFICATE).setDataBytes((long) oldCertificate.length)
                .setBlobVersionedHashes(List.of()).setDacSigners(5).setDacMembers(6).setDacThreshold(5)
                .setKeysetHash(oldKeyset).setL1MessagesProcessed(4L).setSubmitter(ARB_BATCHER).build());

        // A delayed message seen by the inbox alone (the Bridge's MessageDelivered is not in the transaction).
        String delayed = l1.emit(ARB_INBOX, "InboxEmitter", "emitInboxMessageDelivered", 5, "0xc0ffee");
        long delayedBlock = chain.mine();
        BridgeEvent queued = bridge(ARBITRUM, chain.source(delayed, ARB_INBOX), BridgeEventKind.L1_MESSAGE_QUEUED,
                null, "inbox");
        queued.setQueueIndex(5L);
        // Arbitrum's default force-inclusion window (StackDefaults): 24 h.
        queued.setDeadline(instant(delayedBlock).plus(Duration.ofHours(24)));
        expected.add(queued);

        // A BoLD assertion (after-state: block hash 0x01.., batch 3 → batches through 2) and its confirmation.
        Map<String, Object> config = Map.of("wasmModuleRoot", bytes32("aa"), "requiredStake", 1_000,
                "challengeManager", "0x00000000000000000000000000000000000000cc", "confirmPeriodBlocks", 45_818,
                "nextInboxPosition", 9);
        List<Object> state = List.of(List.of(List.of(bytes32("01"), bytes32("02")), List.of(3, 4)), 1, bytes32("05"));
        List<Object> assertion = List.of(List.of(bytes32("06"), bytes32("07"), config), state, state);
        String created = l1.emit(ARB_ROLLUP, "RollupEmitter", "emitAssertionCreated", bytes32("0a"), bytes32("0b"),
                assertion, bytes32("0c"), 120, bytes32("aa"), 1_000, "0x00000000000000000000000000000000000000cc",
                45_818);
        long createdBlock = chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(ARBITRUM).setSource(chain.source(created, ARB_ROLLUP))
                .setKind(ProofKind.STATE_PROPOSED).setDisputeId(bytes32("0a")).setStateRoot(bytes32("01"))
                .setBatchIndexEnd(2L).setActor(sender)
                .setChallengePeriodEnd(instant(createdBlock).plus(Duration.ofSeconds(12L * 45_818))).build());
        String confirmed = l1.emit(ARB_ROLLUP, "RollupEmitter", "emitAssertionConfirmed", bytes32("0a"),
                bytes32("1b"), bytes32("1c"));
        chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(ARBITRUM).setSource(chain.source(confirmed, ARB_ROLLUP))
                .setKind(ProofKind.STATE_FINALIZED).setDisputeId(bytes32("0a")).setStateRoot(bytes32("1b"))
                .setActor(sender).build());
    }

    /**
     * A DataAvailabilityCertificate with the tree flag (nitro DeserializeDASCertFrom): 0x88, keyset hash, data
     * hash, timeout, version, signers mask, BLS signature.
     */
    private static byte[] certificate(String keysetHash, long signers) {
        return HEX.parseHex("88" + strip(keysetHash) + "da".repeat(32) + "0000000065000000" + "01"
                + String.format("%016x", signers) + "5c".repeat(96));
    }

    // --- OP Stack ------------------------------------------------------------------------------------------

    private void opStack() {
        String frames = "0x00" + "a5".repeat(500);
        String calldataBatch = l1.sendTransaction(OP_BATCHER, OP_BATCH_INBOX, frames);
        long calldataBlock = chain.mine();
        expected.add(BatchPosted.newBuilder().setRollupId(OP)
                .setSource(chain.source(calldataBlock, calldataBatch, null, OP_BATCH_INBOX)).setDaMode(DaMode.CALLDATA)
                .setDataBytes(501L).setBlobVersionedHashes(List.of()).setSubmitter(OP_BATCHER).build());

        byte[] blob = L1Emitters.blobOf("op frames in a blob".getBytes(StandardCharsets.UTF_8));
        String versionedHash = L1Emitters.versionedHash(blob);
        String blobTx = l1.sendBlobTransaction(OP_BATCHER_KEY, OP_BATCH_INBOX, List.of(blob));
        long blobBlock = chain.mine();
        Source blobSource = chain.source(blobBlock, blobTx, null, OP_BATCH_INBOX);
        expected.add(BatchPosted.newBuilder().setRollupId(OP).setSource(blobSource).setDaMode(DaMode.BLOB)
                .setDataBytes(131_072L).setBlobVersionedHashes(List.of(versionedHash)).setSubmitter(OP_BATCHER)
                .build());
        int daObservation = expected.size();

        // Not the batcher: derivation ignores it, and so must the ingester.
        l1.sendTransaction(chain.anvil.accounts().get(2), OP_BATCH_INBOX, "0x00" + "66".repeat(40));
        chain.mine();

        String proposed = l1.emit(OP_OUTPUT_ORACLE, "L2OutputOracleEmitter", "emitOutputProposed", bytes32("0e"), 4,
                7_200, AnvilScenario.time(chain.head()));
        long proposedBlock = chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(OP).setSource(chain.source(proposed, OP_OUTPUT_ORACLE))
                .setKind(ProofKind.STATE_PROPOSED).setL2BlockNumber(7_200L).setStateRoot(bytes32("0e"))
                .setChallengePeriodEnd(instant(proposedBlock).plus(Duration.ofDays(7))).setActor(sender).build());

        // A dispute game: created by the factory, challenged by its first move, resolved for the defender.
        String rootClaim = bytes32("c1");
        l1.emit(OP_GAME, "FaultDisputeGameEmitter", "setGame", 0, rootClaim, 123_456L);
        chain.mine();
        String created = l1.emit(OP_GAME_FACTORY, "DisputeGameFactoryEmitter", "emitDisputeGameCreated", OP_GAME, 0,
                rootClaim);
        chain.mine();
        // The emitter game has no createdAt()/maxClockDuration(): no clock, so no challenge period end.
        expected.add(ProofEvent.newBuilder().setRollupId(OP).setSource(chain.source(created, OP_GAME_FACTORY))
                .setKind(ProofKind.STATE_PROPOSED).setStateRoot(rootClaim).setDisputeId(OP_GAME)
                .setL2BlockNumber(123_456L).setActor(sender).build());
        String challenger = "0x00000000000000000000000000000000000c4a11";
        String move = l1.emit(OP_GAME, "FaultDisputeGameEmitter", "emitMove", 0, bytes32("c2"), challenger);
        chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(OP).setSource(chain.source(move, OP_GAME))
                .setKind(ProofKind.DISPUTE_OPENED).setDisputeId(OP_GAME).setDisputeOutcome(DisputeOutcome.IN_PROGRESS)
                .setActor(challenger).setL2BlockNumber(123_456L).setStateRoot(rootClaim).build());
        String resolved = l1.emit(OP_GAME, "FaultDisputeGameEmitter", "emitResolved", 2);
        chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(OP).setSource(chain.source(resolved, OP_GAME))
                .setKind(ProofKind.DISPUTE_RESOLVED).setDisputeId(OP_GAME)
                .setDisputeOutcome(DisputeOutcome.DEFENDER_WINS).setActor(OP_GAME).setL2BlockNumber(123_456L)
                .setStateRoot(rootClaim).build());

        // A deposit minting 1 ETH: opaqueData = mint, value, gasLimit (uint64), isCreation, data.
        String depositor = "0x00000000000000000000000000000000000de905";
        String opaque = "0x" + strip(word(ONE_ETHER)) + strip(word(ONE_ETHER)) + "00000000000186a0" + "00";
        String deposit = l1.emit(OP_PORTAL, "OptimismPortalEmitter", "emitTransactionDeposited", depositor, depositor,
                0, opaque);
        chain.mine();
        BridgeEvent deposited = bridge(OP, chain.source(deposit, OP_PORTAL), BridgeEventKind.DEPOSIT_INITIATED, null,
                "optimismPortal", "from", depositor, "to", depositor, "value", ONE_ETHER.toString(), "gasLimit",
                "100000", "isCreation", "false");
        deposited.setAmount(ONE_ETHER.toString());
        expected.add(deposited);

        // A withdrawal proven, then finalized (emitted directly: no portal call to read an amount from).
        String withdrawal = bytes32("3d");
        String proven = l1.emit(OP_PORTAL, "OptimismPortalEmitter", "emitWithdrawalProven", withdrawal, depositor,
                depositor);
        chain.mine();
        BridgeEvent provenEvent = bridge(OP, chain.source(proven, OP_PORTAL), BridgeEventKind.WITHDRAWAL_PROVEN, null,
                "optimismPortal", "from", depositor, "to", depositor);
        provenEvent.setMessageId(withdrawal);
        expected.add(provenEvent);
        String finalized = l1.emit(OP_PORTAL, "OptimismPortalEmitter", "emitWithdrawalFinalized", withdrawal, true);
        chain.mine();
        BridgeEvent finalizedEvent = bridge(OP, chain.source(finalized, OP_PORTAL),
                BridgeEventKind.WITHDRAWAL_FINALIZED, null, "optimismPortal", "success", "true");
        finalizedEvent.setMessageId(withdrawal);
        expected.add(finalizedEvent);

        // Governance: an upgrade of a watched proxy, and an event no catalog knows from a registry contract.
        String implementation = "0x00000000000000000000000000000000000001e2";
        String upgraded = l1.emit(OP_WATCHED, "WatchedEmitter", "emitUpgraded", implementation);
        chain.mine();
        expected.add(bridge(OP, chain.source(upgraded, OP_WATCHED), BridgeEventKind.CONTRACT_UPGRADED, OP_WATCHED,
                "watched", "implementation", implementation));
        String unknown = l1.emit(OP_SYSTEM_CONFIG, "SystemConfigEmitter", "emitUnlistedEvent", 5, "0xc0ffee");
        chain.mine();
        expected.add(bridge(OP, chain.source(unknown, OP_SYSTEM_CONFIG), BridgeEventKind.UNKNOWN_EVENT,
                OP_SYSTEM_CONFIG, "systemConfig", "topic0", L1Emitters.topic0("SystemConfigEmitter", "UnlistedEvent")));

        blobBatch = new BlobBatch(daObservation, blobSource, versionedHash);
    }

    // --- validity stacks ----------------------------------------------------------------------------------

    private void zkSync() {
        String commit = l1.emit(ZKSYNC_DIAMOND, "ZkSyncDiamondEmitter", "emitBlockCommit", 5, bytes32("5a"),
                bytes32("5c"));
        chain.mine();
        Source commitSource = chain.source(commit, ZKSYNC_DIAMOND);
        expected.add(BatchPosted.newBuilder().setRollupId(ZKSYNC).setSource(commitSource).setBatchIndex(5L)
                .setDaMode(DaMode.CALLDATA).setDataBytes(4L + 3 * 32).setBlobVersionedHashes(List.of())
                .setSubmitter(sender).build());
        expected.add(ProofEvent.newBuilder().setRollupId(ZKSYNC).setSource(commitSource)
                .setKind(ProofKind.STATE_PROPOSED).setBatchIndexStart(5L).setBatchIndexEnd(5L)
                .setStateRoot(bytes32("5a")).setActor(sender).build());
        String verified = l1.emit(ZKSYNC_DIAMOND, "ZkSyncDiamondEmitter", "emitBlocksVerification", 4, 5);
        chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(ZKSYNC).setSource(chain.source(verified, ZKSYNC_DIAMOND))
                .setKind(ProofKind.PROOF_VERIFIED).setBatchIndexStart(5L).setBatchIndexEnd(5L).setActor(sender)
                .build());
        String executed = l1.emit(ZKSYNC_DIAMOND, "ZkSyncDiamondEmitter", "emitBlockExecution", 5, bytes32("5a"),
                bytes32("5c"));
        chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(ZKSYNC).setSource(chain.source(executed, ZKSYNC_DIAMOND))
                .setKind(ProofKind.STATE_FINALIZED).setBatchIndexStart(5L).setBatchIndexEnd(5L)
                .setStateRoot(bytes32("5a")).setActor(sender).build());

        // An L1→L2 transaction with value 5 wei (L2CanonicalTransaction.value): an ETH deposit.
        List<Object> transaction = List.of(254, 11, 12, 300_000, 800, 1_000_000_000L, 0, 0, 17, 5,
                List.of(0, 0, 0, 0), "0xdeadbeef", new byte[0], List.of(1, 2), "0x", "0x");
        long expiration = AnvilScenario.GENESIS + 86_400;
        String request = l1.emit(ZKSYNC_DIAMOND, "ZkSyncDiamondEmitter", "emitNewPriorityRequest", 42, bytes32("12"),
                expiration, transaction, List.of("0x01", new byte[] {2, 3}));
        chain.mine();
        BridgeEvent priority = bridge(ZKSYNC, chain.source(request, ZKSYNC_DIAMOND), BridgeEventKind.DEPOSIT_INITIATED,
                null, "diamondProxy");
        priority.setQueueIndex(42L);
        priority.setMessageId(bytes32("12"));
        priority.setDeadline(Instant.ofEpochSecond(expiration));
        priority.setAmount("5");
        expected.add(priority);
    }

    private void scroll() {
        String commit = l1.emit(SCROLL_CHAIN, "ScrollChainEmitter", "emitCommitBatch", 10, bytes32("ba"));
        chain.mine();
        Source commitSource = chain.source(commit, SCROLL_CHAIN);
        expected.add(BatchPosted.newBuilder().setRollupId(SCROLL).setSource(commitSource).setBatchIndex(10L)
                .setDaMode(DaMode.CALLDATA).setDataBytes(4L + 2 * 32).setBlobVersionedHashes(List.of())
                .setSubmitter(sender).build());
        expected.add(ProofEvent.newBuilder().setRollupId(SCROLL).setSource(commitSource)
                .setKind(ProofKind.STATE_PROPOSED).setBatchIndexStart(10L).setBatchIndexEnd(10L).setActor(sender)
                .build());
        String finalized = l1.emit(SCROLL_CHAIN, "ScrollChainEmitter", "emitFinalizeBatch", 10, bytes32("ba"),
                bytes32("5e"), bytes32("3e"));
        chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(SCROLL).setSource(chain.source(finalized, SCROLL_CHAIN))
                .setKind(ProofKind.STATE_FINALIZED).setBatchIndexEnd(10L).setStateRoot(bytes32("5e")).setActor(sender)
                .build());
        // Batch 11 reverted: the chain keeps batch 10.
        String reverted = l1.emit(SCROLL_CHAIN, "ScrollChainEmitter", "emitRevertBatch", 11, bytes32("bb"));
        chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(SCROLL).setSource(chain.source(reverted, SCROLL_CHAIN))
                .setKind(ProofKind.STATE_REVERTED).setBatchIndexEnd(10L).setActor(sender).build());
        String dequeued = l1.emit(SCROLL_QUEUE, "L1MessageQueueEmitter", "emitFinalizedDequeuedTransaction", 7);
        chain.mine();
        BridgeEvent consumed = bridge(SCROLL, chain.source(dequeued, SCROLL_QUEUE),
                BridgeEventKind.L1_MESSAGE_CONSUMED, null, "l1MessageQueueV2");
        consumed.setQueueIndex(7L);
        expected.add(consumed);
    }

    private void linea() {
        String submitted = l1.emit(LINEA_ROLLUP, "LineaRollupEmitter", "emitDataSubmittedV3", bytes32("70"),
                bytes32("71"), bytes32("72"));
        chain.mine();
        Source submittedSource = chain.source(submitted, LINEA_ROLLUP);
        expected.add(BatchPosted.newBuilder().setRollupId(LINEA).setSource(submittedSource).setDaMode(DaMode.CALLDATA)
                .setDataBytes(4L + 3 * 32).setBlobVersionedHashes(List.of()).setSubmitter(sender).build());
        expected.add(ProofEvent.newBuilder().setRollupId(LINEA).setSource(submittedSource)
                .setKind(ProofKind.STATE_PROPOSED).setStateRoot(bytes32("72")).setActor(sender).build());
        String finalized = l1.emit(LINEA_ROLLUP, "LineaRollupEmitter", "emitDataFinalizedV3", 100, 200, bytes32("71"),
                bytes32("70"), bytes32("72"));
        chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(LINEA).setSource(chain.source(finalized, LINEA_ROLLUP))
                .setKind(ProofKind.STATE_FINALIZED).setL2BlockNumber(200L).setStateRoot(bytes32("72"))
                .setActor(sender).build());
        String from = "0x00000000000000000000000000000000000f0001";
        String sent = l1.emit(LINEA_ROLLUP, "LineaRollupEmitter", "emitMessageSent", from, from, 10, 2_000, 33, "0x",
                bytes32("73"));
        chain.mine();
        BridgeEvent message = bridge(LINEA, chain.source(sent, LINEA_ROLLUP), BridgeEventKind.DEPOSIT_INITIATED, null,
                "lineaRollup");
        message.setQueueIndex(33L);
        message.setMessageId(bytes32("73"));
        message.setAmount("2000");
        expected.add(message);
    }

    private void starknet() {
        String update = l1.emit(STARKNET_CORE, "StarknetCoreEmitter", "emitLogStateUpdate", new BigInteger("777"),
                650_000, 888);
        chain.mine();
        Source updateSource = chain.source(update, STARKNET_CORE);
        expected.add(BatchPosted.newBuilder().setRollupId(STARKNET).setSource(updateSource).setDaMode(DaMode.CALLDATA)
                .setDataBytes(4L + 3 * 32).setBlobVersionedHashes(List.of()).setL2BlockEnd(650_000L)
                .setSubmitter(sender).build());
        expected.add(ProofEvent.newBuilder().setRollupId(STARKNET).setSource(updateSource)
                .setKind(ProofKind.STATE_FINALIZED).setL2BlockNumber(650_000L).setStateRoot(word(777)).setActor(sender)
                .build());
        String from = "0x00000000000000000000000000000000000f0002";
        String sent = l1.emit(STARKNET_CORE, "StarknetCoreEmitter", "emitLogMessageToL2", from, 0x5757, 0x5e1,
                List.of(1, 2, 3), 19, 1_000);
        chain.mine();
        // StarknetMessaging.getL1ToL2MsgHash: keccak256(abi.encodePacked(from, to, nonce, selector, len, payload)).
        String hash = Hash.sha3("0x" + strip(word(new BigInteger(strip(from), 16))) + strip(word(0x5757))
                + strip(word(19)) + strip(word(0x5e1)) + strip(word(3)) + strip(word(1)) + strip(word(2))
                + strip(word(3)));
        BridgeEvent queued = bridge(STARKNET, chain.source(sent, STARKNET_CORE), BridgeEventKind.L1_MESSAGE_QUEUED,
                null, "starknetCore");
        queued.setQueueIndex(19L);
        queued.setMessageId(hash);
        expected.add(queued);
    }

    private void polygon() {
        String sequenced = l1.emit(POLYGON_ZKEVM, "PolygonZkEvmEmitter", "emitSequenceBatches", 20, bytes32("11"));
        chain.mine();
        Source sequencedSource = chain.source(sequenced, POLYGON_ZKEVM);
        // The emitter has no lastForceBatchSequenced(): l1MessagesProcessed stays unset.
        expected.add(BatchPosted.newBuilder().setRollupId(POLYGON).setSource(sequencedSource).setBatchIndex(20L)
                .setDaMode(DaMode.CALLDATA).setDataBytes(4L + 2 * 32).setBlobVersionedHashes(List.of())
                .setSubmitter(sender).build());
        expected.add(ProofEvent.newBuilder().setRollupId(POLYGON).setSource(sequencedSource)
                .setKind(ProofKind.STATE_PROPOSED).setBatchIndexStart(20L).setBatchIndexEnd(20L).setActor(sender)
                .build());
        // The manager cannot name the rollup's ID (no rollupAddressToID), so its events are kept.
        String aggregator = "0x00000000000000000000000000000000000a99a0";
        String verified = l1.emit(POLYGON_MANAGER, "PolygonRollupManagerEmitter", "emitVerifyBatchesTrustedAggregator",
                1, 20, bytes32("51"), bytes32("e1"), aggregator);
        chain.mine();
        expected.add(ProofEvent.newBuilder().setRollupId(POLYGON).setSource(chain.source(verified, POLYGON_MANAGER))
                .setKind(ProofKind.PROOF_VERIFIED).setBatchIndexEnd(20L).setStateRoot(bytes32("51"))
                .setActor(aggregator).build());
        String forcer = "0x00000000000000000000000000000000000f0003";
        String forced = l1.emit(POLYGON_ZKEVM, "PolygonZkEvmEmitter", "emitForceBatch", 3, bytes32("6e"), forcer,
                "0xabcdef");
        chain.mine();
        BridgeEvent force = bridge(POLYGON, chain.source(forced, POLYGON_ZKEVM), BridgeEventKind.L1_MESSAGE_QUEUED,
                null, "polygonZkEvm", "sender", forcer);
        force.setQueueIndex(3L);
        expected.add(force);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** A bridge record with {@code contractRole} and the other details as key/value pairs. */
    private static BridgeEvent bridge(String rollup, Source source, BridgeEventKind kind, String subject, String role,
                                      String... details) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("contractRole", role);
        for (int i = 0; i < details.length; i += 2) {
            map.put(details[i], details[i + 1]);
        }
        return BridgeEvent.newBuilder().setRollupId(rollup).setSource(source).setKind(kind).setSubject(subject)
                .setDetails(map).build();
    }
}
