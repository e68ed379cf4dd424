package io.l2risk.engine.indicators;

import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.BridgeEventKind;
import io.l2risk.avro.Source;
import io.l2risk.engine.Events;
import io.l2risk.engine.RollupProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Builders of the bridge and governance records the BRIDGE_PAUSED, GOVERNANCE_CHANGE and FORGED_WITHDRAWAL tests need. */
final class GovRecords {

    private GovRecords() {
    }

    static RollupProfile profile(String rollupId, Map<String, Map<String, String>> thresholds) {
        return DaRecords.profile(rollupId, "OP_STACK", false, Duration.ofDays(7), null, null, thresholds);
    }

    /** A bridge event from {@code contract}, its tx hash derived from the time (one per L1 block) or {@code txLabel}. */
    static BridgeEvent.Builder event(String rollupId, Instant at, BridgeEventKind kind, String contract, String txLabel) {
        Source source = Source.newBuilder(DaRecords.source(at, txLabel)).setContract(contract).build();
        return BridgeEvent.newBuilder().setRollupId(rollupId).setSource(source).setKind(kind).setDetails(Map.of());
    }

    static BridgeEvent event(String rollupId, Instant at, BridgeEventKind kind, String contract) {
        return event(rollupId, at, kind, contract, null).build();
    }

    static String tx(Instant at) {
        return Events.source(at).getTxHash();
    }
}
