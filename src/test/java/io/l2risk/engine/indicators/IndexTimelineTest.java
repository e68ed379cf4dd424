package io.l2risk.engine.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexTimelineTest {

    private static final long MINUTE = 60_000;

    @Test
    void shouldKeepEveryCheckpointWithinCapacityAndSettleInOrder() {
        IndexTimeline timeline = new IndexTimeline(8);
        for (long i = 10; i < 15; i++) {
            timeline.add(i, i * MINUTE, 1000 + i);
        }
        timeline.settleBelow(12);

        assertThat(timeline.estimate(12)).isEqualTo(new IndexTimeline.Estimate(12, 12 * MINUTE, 1012, true));
        assertThat(timeline.weight()).isEqualTo(3);
        assertThat(timeline.add(11, 99, 0)).as("settled").isFalse();
        assertThat(timeline.add(13, 99, 0)).as("already held").isFalse();
        assertThat(timeline.highest()).isEqualTo(14);
        assertThat(timeline.estimate(15)).isNull();
    }

    @Test
    void shouldStayWithinCapacityAndInterpolateTheTimesOfDroppedEntries() {
        IndexTimeline timeline = new IndexTimeline(8);
        for (long i = 0; i < 100; i++) {
            timeline.add(i, i * MINUTE, IndexTimeline.NO_TAG);
        }

        assertThat(timeline.size()).isEqualTo(8);
        assertThat(timeline.weight()).isEqualTo(100);
        // The oldest and the newest stay exact; the even spacing makes interpolation exact here too.
        assertThat(timeline.estimate(0).exact()).isTrue();
        assertThat(timeline.estimate(99).exact()).isTrue();
        List<Long> held = new ArrayList<>();
        timeline.forEachBetween(0, 100, e -> held.add(e.index()));
        assertThat(held).containsExactly(0L, 16L, 28L, 49L, 65L, 86L, 98L, 99L);
        assertThat(timeline.estimate(41)).isEqualTo(new IndexTimeline.Estimate(41, 41 * MINUTE, IndexTimeline.NO_TAG, false));

        timeline.settleBelow(30);
        assertThat(timeline.estimate(30)).isEqualTo(new IndexTimeline.Estimate(30, 30 * MINUTE, IndexTimeline.NO_TAG, false));
    }

    /** With sparse keys, the oldest entry's time comes from the weight of the first checkpoint and the anchor. */
    @Test
    void shouldEstimateTheOldestOfSparseKeysFromWeights() {
        IndexTimeline timeline = new IndexTimeline(4);
        for (long i = 0; i < 10; i++) {
            timeline.add(1800 * i, i * 60 * MINUTE, i * 60 * MINUTE + 1000);
        }
        // Finalized through key 3600: the first checkpoint left is key 14400, standing for 5400 … 14400.
        timeline.settleBelow(3600 + 1);

        IndexTimeline.Estimate oldest = timeline.oldest();
        assertThat(oldest.exact()).isFalse();
        assertThat(timeline.weight()).isEqualTo(7);
        assertThat(oldest.index()).isEqualTo(5400);
        assertThat(oldest.timeMillis()).isEqualTo(3 * 60 * MINUTE);
        assertThat(oldest.tag()).isEqualTo(3 * 60 * MINUTE + 1000);

        timeline.settleOldest();
        assertThat(timeline.weight()).isEqualTo(6);
    }

    @Test
    void shouldForgetRevertedEntries() {
        IndexTimeline timeline = new IndexTimeline(8);
        for (long i = 1; i <= 6; i++) {
            timeline.add(i, i, IndexTimeline.NO_TAG);
        }
        timeline.revertAfter(3);

        assertThat(timeline.highest()).isEqualTo(3);
        assertThat(timeline.weight()).isEqualTo(3);
        assertThat(timeline.add(4, 40, IndexTimeline.NO_TAG)).isTrue();
    }

    @Test
    void shouldRoundTripCompactly() throws IOException {
        IndexTimeline timeline = new IndexTimeline(64);
        for (long i = 0; i < 500; i++) {
            timeline.add(20_000_000 + i, 1_700_000_000_000L + i * 12_000, i % 3 == 0 ? IndexTimeline.NO_TAG : 19_000_000 + i);
        }
        timeline.settleBelow(20_000_100);

        byte[] bytes = write(timeline);
        IndexTimeline copy = new IndexTimeline(64);
        copy.read(new DataInputStream(new ByteArrayInputStream(bytes)));

        assertThat(write(copy)).isEqualTo(bytes);
        assertThat(copy.estimate(20_000_100)).isEqualTo(timeline.estimate(20_000_100));
        assertThat(copy.oldest()).isEqualTo(timeline.oldest());
        assertThat(copy.weight()).isEqualTo(timeline.weight());
        // 64 checkpoints of (index, time, tag, weight) deltas plus three longs and the anchor.
        assertThat(bytes.length).isLessThan(64 * 12 + 60);
    }

    private static byte[] write(IndexTimeline timeline) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            timeline.write(out);
        }
        return bytes.toByteArray();
    }
}
