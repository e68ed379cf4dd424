package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.AlertStatus;
import io.l2risk.avro.RiskAlert;
import io.l2risk.avro.Severity;
import io.l2risk.engine.EngineSettings;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.engine.RollupProfile;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Runs records through the real engine lifecycle (validation, clock, alert tracker) for the bridge tests. */
final class BridgeTestRun {

    static final long WALL = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    final RiskEngine engine;
    final String rollup;
    RollupEngine state;

    BridgeTestRun(String rollup, Map<String, Map<String, String>> thresholds) {
        this(new RollupProfile(rollup, "GENERIC", true, false, null, null, null, null, null, null, null, null,
                thresholds));
    }

    BridgeTestRun(RollupProfile profile) {
        this.rollup = profile.rollupId();
        this.engine = new RiskEngine(id -> id.equals(rollup) ? Optional.of(profile) : Optional.empty(),
                EngineSettings.defaults());
        this.state = engine.newRollup(rollup);
    }

    /** All alerts the records cause, in order. */
    List<RiskAlert> run(List<? extends SpecificRecord> records) {
        List<RiskAlert> alerts = new ArrayList<>();
        for (SpecificRecord record : records) {
            assertThat(engine.validate(record, WALL)).isEmpty();
            alerts.addAll(engine.process(state, record).alerts());
        }
        return alerts;
    }

    /** As {@link #run}, but saving and restoring the whole rollup state every {@code every} records. */
    List<RiskAlert> runRestoring(List<? extends SpecificRecord> records, int every) {
        List<RiskAlert> alerts = new ArrayList<>();
        int i = 0;
        for (SpecificRecord record : records) {
            if (i++ % every == 0) {
                state = engine.restore(rollup, engine.save(state));
            }
            alerts.addAll(engine.process(state, record).alerts());
        }
        return alerts;
    }

    static List<RiskAlert> of(List<RiskAlert> alerts, String indicator) {
        return alerts.stream().filter(a -> a.getIndicator().equals(indicator)).toList();
    }

    static long count(List<RiskAlert> alerts, AlertStatus status, Severity severity) {
        return alerts.stream().filter(a -> a.getStatus() == status && a.getSeverity() == severity).count();
    }

    /** One withdrawal of {@code amount} of {@code token} every {@code every} from {@code from} (inclusive) to {@code to}. */
    static List<SpecificRecord> regular(String rollup, String token, BigInteger amount, Duration every, Instant from,
                                        Instant to, long firstTx) {
        List<SpecificRecord> out = new ArrayList<>();
        long tx = firstTx;
        for (Instant t = from; t.isBefore(to); t = t.plus(every)) {
            out.add(BridgeEvents.withdrawal(rollup, t, token, amount, BridgeEvents.tx(tx++)));
        }
        return out;
    }

    @SafeVarargs
    static List<SpecificRecord> merge(List<? extends SpecificRecord>... streams) {
        List<SpecificRecord> all = new ArrayList<>();
        for (List<? extends SpecificRecord> s : streams) {
            all.addAll(s);
        }
        all.sort(Comparator.comparing(io.l2risk.records.IngestRecords::eventTime));
        return all;
    }
}
