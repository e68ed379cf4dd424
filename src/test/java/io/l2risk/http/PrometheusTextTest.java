package io.l2risk.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.http.PrometheusText.Family;
import io.l2risk.http.PrometheusText.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void shouldWriteHelpTypeAndOneLinePerSampleWithEscapedLabelValues() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("code", "say \"hi\"\\now\nthen");
        labels.put("stage", "PROCESSING");

        String text = PrometheusText.write(List.of(
                new Family("l2risk_dead_letters_total", "counter", "Records sent to the DLQ.\nBy stage \\ code.",
                        List.of(new Sample(labels, 3), new Sample(Map.of("stage", "DESERIALIZATION"), 0))),
                new Family("l2risk_empty", "gauge", "No samples: left out.", List.of()),
                new Family("l2risk_up", "gauge", "", List.of(Sample.of(1)))));

        assertThat(text).isEqualTo("""
                # HELP l2risk_dead_letters_total Records sent to the DLQ.\\nBy stage \\\\ code.
                # TYPE l2risk_dead_letters_total counter
                l2risk_dead_letters_total{code="say \\"hi\\"\\\\now\\nthen",stage="PROCESSING"} 3
                l2risk_dead_letters_total{stage="DESERIALIZATION"} 0
                # HELP l2risk_up
                # TYPE l2risk_up gauge
                l2risk_up 1
                """);
    }

    @Test
    void shouldSanitizeMetricAndLabelNames() {
        assertThat(PrometheusText.name("kafka_stream-thread.process rate")).isEqualTo("kafka_stream_thread_process_rate");
        assertThat(PrometheusText.name("9lives:total")).isEqualTo("_9lives:total");
        assertThat(PrometheusText.name("")).isEqualTo("_");
        assertThat(PrometheusText.labelName("client-id")).isEqualTo("client_id");
        assertThat(PrometheusText.labelName("a:b")).isEqualTo("a_b");
        assertThat(PrometheusText.labelName("0x")).isEqualTo("_0x");
    }

    @Test
    void shouldFormatIntegersWithoutAFractionAndSpecialValuesAsPrometheusSpellsThem() {
        assertThat(PrometheusText.value(3.0)).isEqualTo("3");
        assertThat(PrometheusText.value(-42)).isEqualTo("-42");
        assertThat(PrometheusText.value(0.25)).isEqualTo("0.25");
        assertThat(PrometheusText.value(1e20)).isEqualTo("1.0E20");
        assertThat(PrometheusText.value(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusText.value(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.value(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void shouldDropASampleWhoseLabelsRepeatAndLabelsThatPrometheusReserves() {
        String text = PrometheusText.write(List.of(new Family("x", "gauge", "h", List.of(
                new Sample(Map.of("a", "1"), 1), new Sample(Map.of("a", "1"), 2),
                new Sample(Map.of("__name__", "evil", "b", "2"), 3)))));

        assertThat(text).isEqualTo("# HELP x h\n# TYPE x gauge\nx{a=\"1\"} 1\nx{b=\"2\"} 3\n");
    }

    @Test
    void shouldExportNumericKafkaMetricsSkipNonNumericOnesAndTypeTotalsAsCounters() {
        try (Metrics metrics = new Metrics()) {
            metrics.addMetric(metrics.metricName("process-total", "stream-thread-metrics", "Records processed.",
                    Map.of("thread-id", "app-StreamThread-1")), (Gauge<Double>) (config, now) -> 12.0);
            metrics.addMetric(metrics.metricName("records-lag", "consumer-fetch-manager-metrics", "Lag.",
                    Map.of("client-id", "c1", "topic", "l2risk.ingest.batches", "partition", "0")),
                    (Gauge<Long>) (config, now) -> 7L);
            metrics.addMetric(metrics.metricName("version", "app-info", "Version.", Map.of("client-id", "c1")),
                    (Gauge<String>) (config, now) -> "4.4.0");
            metrics.addMetric(metrics.metricName("connection-count", "producer-metrics", "Connections.",
                    Map.of("client-id", "p1", "sasl.jaas.config", "secret")), (Gauge<Integer>) (config, now) -> 2);

            String text = PrometheusText.write(MetricsScrape.kafka(metrics.metrics()).stream()
                    .filter(f -> !f.name().startsWith("kafka_kafka_metrics_count")).toList());

            assertThat(text).isEqualTo("""
                    # HELP kafka_consumer_fetch_manager_records_lag Lag.
                    # TYPE kafka_consumer_fetch_manager_records_lag gauge
                    kafka_consumer_fetch_manager_records_lag{client_id="c1",partition="0",topic="l2risk.ingest.batches"} 7
                    # HELP kafka_producer_connection_count Connections.
                    # TYPE kafka_producer_connection_count gauge
                    kafka_producer_connection_count{client_id="p1"} 2
                    # HELP kafka_stream_thread_process_total Records processed.
                    # TYPE kafka_stream_thread_process_total counter
                    kafka_stream_thread_process_total{thread_id="app-StreamThread-1"} 12
                    """);
        }
    }
}
