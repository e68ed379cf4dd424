package io.l2risk.ingest.decode;

import io.l2risk.avro.Source;
import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Log;
import io.l2risk.ingest.L1Transaction;
import io.l2risk.registry.DaKind;
import io.l2risk.registry.ProtocolParams;
import io.l2risk.registry.RollupConfig;
import io.l2risk.registry.Stack;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;

/**
 * Logs, transactions and a fake {@link DecodeContext} for the stack decoder tests: one L1 block
 * ({@link #BLOCK} at {@link #TIME}), logs put in transactions in the order they are added, transactions and
 * {@code eth_call} results given by the test.
 */
final class DecoderFixture {

    static final long BLOCK = 20_000_000;
    static final long TIME_MILLIS = 1_717_000_000_000L;
    static final Instant TIME = Instant.ofEpochMilli(TIME_MILLIS);
    static final String BLOCK_HASH = "0x" + "b1".repeat(32);
    static final String TX = "0x" + "a1".repeat(32);
    static final String SENDER = "0x00000000000000000000000000000000000000e1";

    private final RollupConfig rollup;
    private final FakeDecodeContext context = new FakeDecodeContext();
    private int nextLogIndex = 10;

    DecoderFixture(RollupConfig rollup) {
        this.rollup = rollup;
    }

    /** A rollup of {@code stack} with these contracts (role, address, role, address, ...). */
    static RollupConfig rollup(String id, Stack stack, DaKind da, String... rolesAndAddresses) {
        Map<String, String> contracts = new LinkedHashMap<>();
        for (int i = 0; i < rolesAndAddresses.length; i += 2) {
            contracts.put(rolesAndAddresses[i], rolesAndAddresses[i + 1]);
        }
        return new RollupConfig(id, id, stack, 1, da, contracts, List.of(), Optional.empty(), ProtocolParams.NONE,
                Map.of(), List.of());
    }

    /** A log of {@code event} from the rollup's {@code role} contract in transaction {@code tx}. */
    L1Log log(String tx, String role, EventSignature event, List<String> indexed, List<Type> data) {
        return logAt(tx, rollup.contract(role).orElseThrow(), event, indexed, data);
    }

    /** A log of {@code event} from {@code address} (a contract the registry cannot list) in transaction {@code tx}. */
    L1Log logAt(String tx, String address, EventSignature event, List<String> indexed, List<Type> data) {
        List<String> topics = new ArrayList<>();
        topics.add(event.topic0());
        topics.addAll(indexed);
        String encoded = data.isEmpty() ? "0x" : "0x" + FunctionEncoder.encodeConstructor(data);
        L1Log log = new L1Log(address, topics, encoded, BLOCK, BLOCK_HASH, tx, 7,
                nextLogIndex++, false);
        context.logs(log);
        return log;
    }

    /** Registers a transaction the node knows. */
    L1Transaction transaction(String hash, int type, String input, List<String> blobHashes) {
        return transaction(hash, "0x00000000000000000000000000000000000000f0", type, input, blobHashes);
    }

    /** Registers a transaction to {@code to} the node knows. */
    L1Transaction transaction(String hash, String to, int type, String input, List<String> blobHashes) {
        L1Transaction tx = new L1Transaction(hash, BLOCK, SENDER, to, type, input, blobHashes);
        context.transaction(tx);
        return tx;
    }

    /** The answer of {@code eth_call} to {@code to} with {@code data}. */
    void answer(String to, String data, String result) {
        context.callResult(to, data, BLOCK, result);
    }

    /** The lookups decoders get: the logs, transactions and call answers registered here. */
    DecodeContext context() {
        return context;
    }

    /** The eth_calls the decoder made, as {@code to/data}. */
    List<String> callsMade() {
        return context.calls.stream().map(call -> call.replace(" @" + BLOCK, "").replace(' ', '/')).toList();
    }

    /** Decodes {@code log} as the ingester does: routed by role and topic0 through the standard decoders. */
    List<SpecificRecord> decode(L1Log log, String role) {
        return LogDecoders.standard().decode(new RoutedLog(rollup, role, log, 1, TIME_MILLIS), context);
    }

    /** The provenance records decoded from {@code log} carry. */
    static Source source(L1Log log) {
        return Source.newBuilder().setL1ChainId(1).setBlockNumber(BLOCK).setBlockHash(BLOCK_HASH).setBlockTime(TIME)
                .setTxHash(log.transactionHash()).setLogIndex(log.logIndex()).setContract(log.address()).build();
    }

    static String word(long value) {
        return "0x" + String.format("%064x", value);
    }

    static String word(BigInteger value) {
        return "0x" + String.format("%064x", value);
    }

    static String addressTopic(String address) {
        return "0x" + "0".repeat(24) + address.substring(2);
    }

    static byte[] filled(int value) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    static String filledHex(int value) {
        return "0x" + String.format("%02x", value).repeat(32);
    }
}
