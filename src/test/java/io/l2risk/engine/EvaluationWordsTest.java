package io.l2risk.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.l2risk.avro.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A lazy evaluation builds its summary on first read and its evidence only when the evidence is
 * read: a published snapshot carries the summary alone.
 */
class EvaluationWordsTest {

    @Test
    void shouldBuildTheEvidenceOnlyWhenItIsRead() {
        AtomicInteger words = new AtomicInteger();
        AtomicInteger evidence = new AtomicInteger();
        Evaluation evaluation = Evaluation.lazy(IndicatorKind.BATCH_LIVENESS, null, Level.WARNING, 900, 600, 7L, () -> {
            words.incrementAndGet();
            return new Evaluation.Words("No batch for 15m.", () -> {
                evidence.incrementAndGet();
                Map<String, String> map = new HashMap<>();
                map.put("z", "last");
                map.put("a", "first");
                return map;
            });
        });

        assertThat(evaluation.level()).isEqualTo(Level.WARNING);
        assertThat(words).hasValue(0);
        assertThat(evaluation.summary()).isEqualTo("No batch for 15m.");
        assertThat(evaluation.summary()).isEqualTo("No batch for 15m.");
        assertThat(words).hasValue(1);
        assertThat(evidence).hasValue(0);

        assertThat(evaluation.evidence()).containsExactly(Map.entry("a", "first"), Map.entry("z", "last"));
        assertThat(evaluation.evidence()).containsExactly(Map.entry("a", "first"), Map.entry("z", "last"));
        assertThat(words).hasValue(1);
        assertThat(evidence).hasValue(1);
    }

    @Test
    void shouldKeepEagerEvidenceAsGiven() {
        Evaluation evaluation = Evaluation.lazy(IndicatorKind.BATCH_LIVENESS, null, Level.OK, 60, 600, null,
                () -> new Evaluation.Words("A batch 1m ago.", Map.of("lastBatchTx", "0xab")));

        assertThat(evaluation.evidence()).containsExactly(Map.entry("lastBatchTx", "0xab"));
        assertThat(evaluation.summary()).isEqualTo("A batch 1m ago.");
    }
}
