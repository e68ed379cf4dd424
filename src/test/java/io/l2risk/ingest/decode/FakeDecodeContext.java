package io.l2risk.ingest.decode;

import io.l2risk.ingest.L1Log;
import io.l2risk.ingest.L1Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A {@link DecodeContext} of fixed transactions, logs and call results, recording the calls made. */
final class FakeDecodeContext implements DecodeContext {

    private final Map<String, L1Transaction> transactions = new HashMap<>();
    private final Map<String, List<L1Log>> logs = new HashMap<>();
    private final Map<String, String> results = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    private final DecoderState state = new DecoderState();

    FakeDecodeContext transaction(L1Transaction tx) {
        transactions.put(tx.hash(), tx);
        return this;
    }

    /** Logs of their transactions, in the order given. */
    FakeDecodeContext logs(L1Log... added) {
        for (L1Log log : added) {
            logs.computeIfAbsent(log.transactionHash(), h -> new ArrayList<>()).add(log);
        }
        return this;
    }

    FakeDecodeContext callResult(String to, String data, long block, String result) {
        results.put(key(to, data, block), result);
        return this;
    }

    @Override
    public long l1ChainId() {
        return 1;
    }

    @Override
    public Optional<L1Transaction> transaction(String hash) {
        return Optional.ofNullable(transactions.get(hash));
    }

    @Override
    public List<L1Log> logsOfTransaction(String txHash) {
        return logs.getOrDefault(txHash, List.of());
    }

    @Override
    public Optional<String> call(String to, String data, long blockNumber) {
        calls.add(key(to, data, blockNumber));
        return Optional.ofNullable(results.get(key(to, data, blockNumber)));
    }

    @Override
    public DecoderState state() {
        return state;
    }

    private static String key(String to, String data, long block) {
        return to.toLowerCase(Locale.ROOT) + " " + data.toLowerCase(Locale.ROOT) + " @" + block;
    }
}
