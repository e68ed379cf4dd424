package io.l2risk.http;

import io.l2risk.avro.AlertCategory;
import io.l2risk.avro.Level;
import io.l2risk.config.Secrets;
import io.l2risk.engine.RiskEngine;
import io.l2risk.engine.RollupEngine;
import io.l2risk.http.PrometheusText.Family;
import io.l2risk.http.PrometheusText.Sample;
import io.l2risk.http.RollupStore.LocalStates;
import io.l2risk.records.IngestRecords;
import io.l2risk.streams.EngineCounts;
import io.l2risk.streams.ErrorCounts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the Kafka Streams client metrics (its threads, tasks, stores and embedded
 * consumers and producers, consumer lag included) plus the application's own:
 * <pre>
 * l2risk_events_total{type}                      counter  valid ingest records processed, by record type
 * l2risk_alerts_total{indicator,severity,status} counter  alert transitions emitted
 * l2risk_dead_letters_total{stage,code}          counter  records sent to the DLQ
 * l2risk_stale_check_failures_total              counter  rollups whose stale check failed
 * l2risk_streams_state{state}                    gauge    1 for the current Kafka Streams state, else 0
 * l2risk_engine_lag_seconds{rollup}              gauge    wall clock minus the rollup's L1 clock
 * l2risk_rollup_level{rollup,category}           gauge    0 OK, 1 WARNING, 2 CRITICAL (category OVERALL = worst)
 * l2risk_open_alerts{rollup}                     gauge    open alerts
 * l2risk_timeline_records_total{result}          counter  records the timeline read or skipped
 * </pre>
 * The per-rollup gauges cover the rollups of the store partitions this instance owns as active, so
 * summing over instances counts each rollup once; while the store is not queryable they are left out.
 * Kafka metrics with non-numeric values are skipped; Kafka metric {@code foo-bar} of group
 * {@code consumer-fetch-manager-metrics} becomes {@code kafka_consumer_fetch_manager_foo_bar}, a
 * counter when its name ends in {@code -total}, else a gauge; its tags become labels (any tag named
 * like a secret is dropped — no client setting is ever a metric).
 */
final class MetricsScrape {

    private static final Logger log = LoggerFactory.getLogger(MetricsScrape.class);

    private final MonitoredEngine app;
    private final RollupStore store;
    private final Timeline timeline;
    private final Clock clock;

    MetricsScrape(MonitoredEngine app, RollupStore store, Timeline timeline, Clock clock) {
        this.app = app;
        this.store = store;
        this.timeline = timeline;
        this.clock = clock;
    }

    String scrape() {
        List<Family> families = new ArrayList<>(own());
        app.kafkaStreams().ifPresent(streams -> families.addAll(kafka(streams.metrics())));
        return PrometheusText.write(families);
    }

    List<Family> own() {
        List<Family> families = new ArrayList<>();
        EngineCounts counts = app.engineCounts();
        Map<String, Long> events = new TreeMap<>();
        IngestRecords.TYPES.forEach(type -> events.put(type.getSimpleName(), 0L));
        events.putAll(counts.events());
        families.add(new Family("l2risk_events_total", "counter",
                "Valid ingest records processed by the risk engine, by record type.",
                events.entrySet().stream().map(e -> new Sample(Map.of("type", e.getKey()), e.getValue())).toList()));
        families.add(new Family("l2risk_alerts_total", "counter",
                "Alert transitions emitted to risk.alerts, by indicator, severity and status.",
                counts.alerts().entrySet().stream().map(e -> new Sample(labels("indicator", e.getKey().indicator(),
                        "severity", e.getKey().severity().name(), "status", e.getKey().status().name()),
                        e.getValue())).toList()));
        ErrorCounts errors = app.errorCounts();
        families.add(new Family("l2risk_dead_letters_total", "counter",
                "Records sent to the dead-letter topic, by stage and code (reject code or exception class).",
                errors.deadLetters().entrySet().stream().map(e -> {
                    int slash = e.getKey().indexOf('/');
                    return new Sample(labels("stage", e.getKey().substring(0, slash), "code",
                            e.getKey().substring(slash + 1)), e.getValue());
                }).toList()));
        families.add(new Family("l2risk_stale_check_failures_total", "counter",
                "Rollups whose wall-clock stale check failed (their state could not be restored).",
                List.of(Sample.of(errors.staleCheckFailures()))));
        KafkaStreams.State current = app.state();
        List<Sample> states = new ArrayList<>();
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            states.add(new Sample(Map.of("state", state.name()), state == current ? 1 : 0));
        }
        families.add(new Family("l2risk_streams_state", "gauge", "1 for the current Kafka Streams state, else 0.",
                states));
        families.addAll(rollups());
        families.add(new Family("l2risk_timeline_records_total", "counter",
                "Records of risk.alerts and risk.indicators read into the status page timeline, or skipped (unreadable).",
                List.of(new Sample(Map.of("result", "read"), timeline.recordsRead()),
                        new Sample(Map.of("result", "skipped"), timeline.recordsSkipped()))));
        return families;
    }

    private List<Family> rollups() {
        Optional<LocalStates> local;
        try {
            local = Optional.of(store.localAll());
        } catch (Unavailable e) {
            log.debug("no per-rollup metrics in this scrape: {}", e.getMessage());
            local = Optional.empty();
        }
        List<Sample> lag = new ArrayList<>();
        List<Sample> levels = new ArrayList<>();
        List<Sample> open = new ArrayList<>();
        long now = clock.millis();
        RiskEngine engine = app.engine();
        local.ifPresent(states -> states.states().forEach((rollupId, bytes) -> {
            RollupEngine rollup;
            try {
                rollup = engine.restore(rollupId, bytes);
            } catch (RuntimeException e) {
                log.warn("cannot read the state of rollup {} for the metrics: {}", rollupId, e.getMessage());
                return;
            }
            if (rollup.clock() != null) {
                lag.add(new Sample(Map.of("rollup", rollupId), (now - rollup.clock().toEpochMilli()) / 1000.0));
            }
            var status = rollup.currentStatus();
            levels.add(new Sample(labels("rollup", rollupId, "category", "OVERALL"), status.getLevel().ordinal()));
            RollupViews.categories(status.getCategoryLevels()).forEach((AlertCategory category, Level level) ->
                    levels.add(new Sample(labels("rollup", rollupId, "category", category.name()), level.ordinal())));
            open.add(new Sample(Map.of("rollup", rollupId), status.getOpenAlerts().size()));
        }));
        return List.of(
                new Family("l2risk_engine_lag_seconds", "gauge",
                        "Wall clock minus the rollup's L1 clock (the L1 time of its latest record), in seconds.", lag),
                new Family("l2risk_rollup_level", "gauge",
                        "Risk level of the rollup per category: 0 OK, 1 WARNING, 2 CRITICAL; OVERALL is the worst.", levels),
                new Family("l2risk_open_alerts", "gauge", "Open (FIRING or ESCALATED) alerts of the rollup.", open));
    }

    /** The Kafka client metrics as families, grouped by sanitized name in first-seen order. */
    static List<Family> kafka(Map<MetricName, ? extends Metric> metrics) {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        List<MetricName> names = new ArrayList<>(metrics.keySet());
        names.sort(Comparator.comparing(MetricName::group).thenComparing(MetricName::name)
                .thenComparing(n -> new TreeMap<>(n.tags()).toString()));
        for (MetricName metric : names) {
            Object value;
            try {
                value = metrics.get(metric).metricValue();
            } catch (RuntimeException e) {
                continue;
            }
            if (!(value instanceof Number number)) {
                continue;
            }
            String name = kafkaName(metric);
            Map<String, String> labels = new TreeMap<>();
            metric.tags().forEach((tag, tagValue) -> {
                if (!Secrets.isSecret(tag)) {
                    labels.put(tag, tagValue);
                }
            });
            samples.computeIfAbsent(name, k -> new ArrayList<>()).add(new Sample(labels, number.doubleValue()));
            help.putIfAbsent(name, metric.description());
        }
        List<Family> families = new ArrayList<>(samples.size());
        samples.forEach((name, list) -> families.add(new Family(name, name.endsWith("_total") ? "counter" : "gauge",
                help.get(name), list)));
        return families;
    }

    /** {@code kafka_<group without -metrics>_<name>}, sanitized. */
    static String kafkaName(MetricName metric) {
        String group = metric.group().endsWith("-metrics")
                ? metric.group().substring(0, metric.group().length() - "-metrics".length()) : metric.group();
        return PrometheusText.name("kafka_" + group + "_" + metric.name());
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }
}
