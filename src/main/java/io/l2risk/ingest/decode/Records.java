package io.l2risk.ingest.decode;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.ProofEvent;
import io.l2risk.avro.ProofKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Record builders pre-filled with a routed log's rollup id and provenance, so that every decoder sets
 * them the same way.
 */
public final class Records {

    /** Details key: topic0 of the log an {@code UNKNOWN_EVENT} stands for. */
    public static final String TOPIC0 = "topic0";
    /** Details key: the emitter's role for the rollup. */
    public static final String CONTRACT_ROLE = "contractRole";
    /** Details key: why a log of a known event could not be decoded. */
    public static final String DECODE_ERROR = "decodeError";
    /** Details key: the catalog's canonical signature of the event a log was matched to. */
    public static final String EVENT = "event";

    private Records() {
    }

    /** A {@code BatchPosted} of the log's rollup, sourced from the log. */
    public static BatchPosted.Builder batch(RoutedLog log) {
        return BatchPosted.newBuilder().setRollupId(log.rollupId()).setSource(log.source());
    }

    /** A {@code ProofEvent} of {@code kind}, sourced from the log. */
    public static ProofEvent.Builder proof(RoutedLog log, ProofKind kind) {
        return ProofEvent.newBuilder().setRollupId(log.rollupId()).setSource(log.source()).setKind(kind);
    }

    /** A {@code BridgeEvent} of {@code kind}, sourced from the log, with the emitter's role in the details. */
    public static BridgeEvent.Builder bridge(RoutedLog log, BridgeEventKind kind) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put(CONTRACT_ROLE, log.role());
        return BridgeEvent.newBuilder().setRollupId(log.rollupId()).setSource(log.source()).setKind(kind)
                .setDetails(details);
    }

    /**
     * An {@code OPERATOR_CHANGED} for {@code operator} in {@code role} (batch poster, sequencer, prover,
     * validator, ...), with details {@code role}, {@code operator} and {@code active}: whether the account
     * gained or lost the role.
     */
    public static BridgeEvent.Builder operatorChanged(RoutedLog log, String role, String operator, boolean active) {
        BridgeEvent.Builder change = bridge(log, BridgeEventKind.OPERATOR_CHANGED).setSubject(operator);
        change.getDetails().put("role", role);
        change.getDetails().put("operator", operator);
        change.getDetails().put("active", Boolean.toString(active));
        return change;
    }

    /**
     * An {@code UNKNOWN_EVENT} for a log of a watched contract that the decoders do not understand: its
     * topic0 is not in the catalog for the emitter's role (the decoder may be stale: a contract upgrade
     * added events), or its payload does not decode as declared ({@code error} says how).
     *
     * @param error why a known event failed to decode; null for an unknown topic0
     */
    public static BridgeEvent unknown(RoutedLog log, String event, String error) {
        BridgeEvent.Builder builder = bridge(log, BridgeEventKind.UNKNOWN_EVENT).setSubject(log.log().address());
        builder.getDetails().put(TOPIC0, log.log().topic0());
        if (event != null) {
            builder.getDetails().put(EVENT, event);
        }
        if (error != null) {
            builder.getDetails().put(DECODE_ERROR, error);
        }
        return builder.build();
    }
}
