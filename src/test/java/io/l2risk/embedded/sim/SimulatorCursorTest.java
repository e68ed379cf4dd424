package io.l2risk.embedded.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.avro.IngestProgress;
import io.l2risk.eventfile.AvroJsonLinesReader;
import io.l2risk.eventfile.BadLineListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorCursorTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadBackTheCursorItWroteWithTheRunsLayout() throws IOException {
        SimulatorSettings settings = SimRuns.settings().withSeed(42).withHistory(Duration.ofHours(7));
        Instant t = Instant.parse("2026-03-01T11:00:11Z");
        SimulatorCursor cursor = SimulatorCursor.beginning(settings).advance(t).advance(t).advance(t.plusSeconds(12));

        cursor.write(dir);

        SimulatorCursor read = SimulatorCursor.read(dir).orElseThrow();
        assertThat(read).isEqualTo(cursor);
        assertThat(read.lastTime()).isEqualTo(t.plusSeconds(12));
        assertThat(read.atLastTime()).isEqualTo(1);
        assertThat(read.records()).isEqualTo(3);
        assertThat(read.applyTo(SimulatorSettings.defaults().withSpeed(10)))
                .isEqualTo(settings.withSpeed(10));
    }

    @Test
    void shouldSayHowToRecoverFromAFileThatIsNotACursor() throws IOException {
        Files.writeString(dir.resolve("cursor"), "version=1\nseed=banana\n");

        assertThatThrownBy(() -> SimulatorCursor.read(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a simulator cursor (delete it to start a new run)");
        assertThat(SimulatorCursor.read(dir.resolve("elsewhere"))).isEmpty();
    }

    @Test
    void shouldAppendToAnEventFileWhenResuming() throws IOException {
        Path file = dir.resolve("events.jsonl");
        IngestProgress first = progress(Instant.parse("2026-03-01T11:00:11Z"));
        IngestProgress second = progress(Instant.parse("2026-03-01T11:00:23Z"));
        try (FileEventSink sink = FileEventSink.create(file)) {
            sink.send(first);
        }
        try (FileEventSink sink = FileEventSink.append(file)) {
            sink.send(second);
            assertThat(sink.written()).isEqualTo(1);
        }

        List<SpecificRecord> read = new ArrayList<>();
        try (AvroJsonLinesReader<SpecificRecord> reader = AvroJsonLinesReader.openEvents(file,
                BadLineListener.failOnInvalid())) {
            SpecificRecord record;
            while ((record = reader.next()) != null) {
                read.add(record);
            }
        }
        assertThat(read).containsExactly(first, second);
    }

    private static IngestProgress progress(Instant time) {
        long block = L1Chain.block(time);
        return IngestProgress.newBuilder().setRollupId("base").setL1ChainId(1).setScannedThroughBlock(block)
                .setScannedThroughTime(time).setL1HeadBlock(block + 2).setIngesterId("test").build();
    }
}
