package io.l2risk.eventfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMode;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.RiskAlert;
import io.l2risk.testing.SampleRecords;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AvroJsonLinesTest {

    private final List<BadLine> badLines = new ArrayList<>();

    @Test
    void shouldReadBackEveryIngestRecordTypeWrittenToAnEventFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.jsonl");
        try (AvroJsonLinesWriter<SpecificRecord> writer = AvroJsonLinesWriter.createEvents(file)) {
            for (SpecificRecord record : SampleRecords.ingest()) {
                writer.write(record);
            }
            assertThat(writer.written()).isEqualTo(5);
        }

        List<SpecificRecord> read = new ArrayList<>();
        try (AvroJsonLinesReader<SpecificRecord> reader = AvroJsonLinesReader.openEvents(file, badLines::add)) {
            SpecificRecord record;
            while ((record = reader.next()) != null) {
                read.add(record);
            }
            assertThat(reader.records()).isEqualTo(5);
            assertThat(reader.lineNumber()).isEqualTo(5);
        }
        assertThat(read).containsExactlyElementsOf(SampleRecords.ingest());
        assertThat(badLines).isEmpty();
    }

    @Test
    void shouldWriteEveryFieldInAvroJsonEncodingOneRecordPerLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AvroJsonLinesWriter<SpecificRecord> writer = AvroJsonLinesWriter.events(out)) {
            writer.write(SampleRecords.batch());
            writer.write(SampleRecords.progress());
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);

        assertThat(lines).hasSize(3);
        assertThat(lines[2]).isEmpty();
        assertThat(lines[0])
                .startsWith("{\"io.l2risk.avro.BatchPosted\":{\"rollupId\":\"arbitrum-one\",")
                .contains("\"batchIndex\":{\"long\":640123}")
                .contains("\"blockTime\":1718884811000")
                .contains("\"dacSigners\":null")
                .contains("\"daMode\":\"BLOB\"")
                .contains("\"feeWei\":{\"string\":\"1234567890123456\"}");
        assertThat(lines[1]).isEqualTo("{\"io.l2risk.avro.IngestProgress\":{\"rollupId\":\"arbitrum-one\","
                + "\"l1ChainId\":1,\"scannedThroughBlock\":20134520,\"scannedThroughTime\":1718884907000,"
                + "\"l1HeadBlock\":20134523,\"ingesterId\":\"ingester-1\"}}");
    }

    @Test
    void shouldFillDefaultsForFieldsLeftOutOfAHandWrittenLine() throws IOException {
        String line = "{\"io.l2risk.avro.BatchPosted\": {\"rollupId\": \"base\", "
                + "\"source\": {\"l1ChainId\": 1, \"blockTime\": 1718884811000, \"txHash\": {\"string\": \"0xabc\"}}, "
                + "\"daMode\": \"BLOB\"}}";

        List<SpecificRecord> records = readEvents(line);

        BatchPosted batch = (BatchPosted) records.get(0);
        assertThat(batch.getRollupId()).isEqualTo("base");
        assertThat(batch.getDaMode()).isEqualTo(DaMode.BLOB);
        assertThat(batch.getSource().getBlockTime()).isEqualTo(Instant.parse("2024-06-20T12:00:11Z"));
        assertThat(batch.getSource().getTxHash()).isEqualTo("0xabc");
        assertThat(batch.getSource().getBlockNumber()).isNull();
        assertThat(batch.getBatchIndex()).isNull();
        assertThat(batch.getBlobVersionedHashes()).isEmpty();
        assertThat(badLines).isEmpty();
    }

    @Test
    void shouldReportEachBadLineWithItsNumberSkipItAndKeepReading() throws IOException {
        String progress = "{\"io.l2risk.avro.IngestProgress\":{\"rollupId\":\"base\",\"l1ChainId\":1,"
                + "\"scannedThroughBlock\":%d,\"scannedThroughTime\":%d,\"l1HeadBlock\":%d,\"ingesterId\":\"i\"}}";
        String file = String.join("\n",
                progress.formatted(100, 1_000_000, 103),
                "{not json",
                "{\"io.l2risk.avro.BatchPosted\":{\"rollupId\":\"base\",\"source\":{\"l1ChainId\":1,\"blockTime\":\"yesterday\"},\"daMode\":\"BLOB\"}}",
                "",
                "{\"io.l2risk.avro.Nope\":{}}",
                "{\"io.l2risk.avro.BatchPosted\":{\"rollupId\":\"base\",\"source\":{\"l1ChainId\":1,\"blockTime\":5},\"daMode\":\"PIGEON\"}}",
                "{\"io.l2risk.avro.BatchPosted\":{\"rollupId\":\"base\",\"source\":{\"l1ChainId\":1,\"blockTime\":5},\"daMode\":\"BLOB\",\"batchIndex\":7}}",
                "{\"io.l2risk.avro.BatchPosted\":{\"rollupId\":\"base\",\"source\":{\"l1ChainId\":1,\"blockTime\":5},\"daMode\":\"BLOB\",\"colour\":\"red\"}}",
                "{\"io.l2risk.avro.IngestProgress\":{\"rollupId\":\"base\"}}",
                progress.formatted(101, 1_012_000, 104));

        AvroJsonLinesReader<SpecificRecord> reader =
                AvroJsonLinesReader.events(new BufferedReader(new StringReader(file)), "events.jsonl", badLines::add);
        List<SpecificRecord> records = drain(reader);

        assertThat(records).extracting(r -> ((IngestProgress) r).getScannedThroughBlock()).containsExactly(100L, 101L);
        assertThat(reader.invalidLines()).isEqualTo(7);
        assertThat(reader.lineNumber()).isEqualTo(10);
        assertThat(badLines).extracting(BadLine::lineNumber).containsExactly(2L, 3L, 5L, 6L, 7L, 8L, 9L);
        assertThat(badLines).extracting(BadLine::kind).containsOnly(BadLine.Kind.INVALID);
        assertThat(badLines.get(0).toString()).startsWith("events.jsonl:2: not valid JSON: ");
        assertThat(badLines.get(1).toString())
                .isEqualTo("events.jsonl:3: source.blockTime: expected a long, got string \"yesterday\"");
        assertThat(badLines.get(2).message()).isEqualTo("unknown union branch \"io.l2risk.avro.Nope\"; expected one of "
                + "[io.l2risk.avro.BatchPosted, io.l2risk.avro.ProofEvent, io.l2risk.avro.BridgeEvent, "
                + "io.l2risk.avro.DaObservation, io.l2risk.avro.IngestProgress]");
        assertThat(badLines.get(3).message()).isEqualTo("daMode: \"PIGEON\" is not a DaMode; expected one of "
                + "[CALLDATA, BLOB, DAC_CERTIFICATE, ALT_DA_COMMITMENT, NONE, UNKNOWN]");
        assertThat(badLines.get(4).message()).startsWith("batchIndex: expected null or a one-key object naming the union branch, "
                + "one of [null, long], e.g. {\"long\": ...}; got number 7");
        assertThat(badLines.get(5).message()).isEqualTo("colour: unknown field of BatchPosted");
        assertThat(badLines.get(6).message()).isEqualTo("l1ChainId: missing required field");
    }

    @Test
    void shouldStopAtTheFirstInvalidLineWhenAskedToFail() {
        String file = "{\"io.l2risk.avro.IngestProgress\":{\"rollupId\":\"base\"}}";
        AvroJsonLinesReader<SpecificRecord> reader = AvroJsonLinesReader.events(
                new BufferedReader(new StringReader(file)), "fixture.jsonl", BadLineListener.failOnInvalid());

        assertThatThrownBy(reader::next)
                .isInstanceOf(EventFileException.class)
                .hasMessage("fixture.jsonl:1: l1ChainId: missing required field");
    }

    @Test
    void shouldReportButStillReturnALineWhoseL1TimeGoesBackwardsForItsRollup() throws IOException {
        String template = "{\"io.l2risk.avro.IngestProgress\":{\"rollupId\":\"%s\",\"l1ChainId\":1,"
                + "\"scannedThroughBlock\":1,\"scannedThroughTime\":%d,\"l1HeadBlock\":1,\"ingesterId\":\"i\"}}";
        List<SpecificRecord> records = readEvents(
                template.formatted("base", 2000),
                template.formatted("op-mainnet", 1000),
                template.formatted("base", 1500),
                template.formatted("base", 2500));

        assertThat(records).hasSize(4);
        assertThat(badLines).containsExactly(new BadLine("test", 3, BadLine.Kind.OUT_OF_ORDER,
                "L1 time 1970-01-01T00:00:01.500Z of rollup base is earlier than the previous line's 1970-01-01T00:00:02Z"));
    }

    @Test
    void shouldRoundTripAnAlertFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("alerts.jsonl");
        try (AvroJsonLinesWriter<RiskAlert> writer = AvroJsonLinesWriter.createAlerts(file)) {
            writer.write(SampleRecords.alert());
        }
        assertThat(Files.readString(file)).contains("\"evidence\":{").contains("\"status\":\"ESCALATED\"");

        try (AvroJsonLinesReader<RiskAlert> reader = AvroJsonLinesReader.openAlerts(file, badLines::add)) {
            assertThat(reader.next()).isEqualTo(SampleRecords.alert());
            assertThat(reader.next()).isNull();
        }
    }

    private List<SpecificRecord> readEvents(String... lines) throws IOException {
        return drain(AvroJsonLinesReader.events(
                new BufferedReader(new StringReader(String.join("\n", lines))), "test", badLines::add));
    }

    private static <T> List<T> drain(AvroJsonLinesReader<T> reader) throws IOException {
        List<T> records = new ArrayList<>();
        T record;
        while ((record = reader.next()) != null) {
            records.add(record);
        }
        return records;
    }
}
