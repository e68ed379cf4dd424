package io.l2risk.eventfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.l2risk.avro.RiskAlert;
import io.l2risk.records.IngestRecords;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Streams the records of a JSON Lines file whose lines are the Avro JSON encoding of one schema
 * (design.md §3): event files (the ingest union) and alert files ({@link RiskAlert}).
 *
 * <p>Memory is bounded by one line plus one timestamp per rollup, so files of any length can be read.
 * Blank lines are skipped. An invalid line is reported to the {@link BadLineListener} with its
 * number, counted and skipped; reading goes on. A line earlier in L1 time than the previous line of
 * the same rollup is reported as {@link BadLine.Kind#OUT_OF_ORDER}, counted and still returned, so
 * that the consumer (the engine) decides how to treat it. Not thread-safe.
 *
 * @param <T> the record type the lines decode to
 */
public final class AvroJsonLinesReader<T> implements Closeable {

    private static final ObjectReader JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .reader();

    private final BufferedReader in;
    private final String source;
    private final Schema schema;
    private final Class<T> type;
    private final Function<T, String> orderKey;
    private final Function<T, Instant> orderTime;
    private final BadLineListener listener;
    private final Map<String, Instant> lastTimeByKey = new HashMap<>();

    private long lineNumber;
    private long records;
    private long invalidLines;
    private long outOfOrderLines;

    private AvroJsonLinesReader(BufferedReader in, String source, Schema schema, Class<T> type,
                                Function<T, String> orderKey, Function<T, Instant> orderTime,
                                BadLineListener listener) {
        this.in = Objects.requireNonNull(in, "in");
        this.source = Objects.requireNonNull(source, "source");
        this.schema = schema;
        this.type = type;
        this.orderKey = orderKey;
        this.orderTime = orderTime;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Reads an event file: each line one of BatchPosted, ProofEvent, BridgeEvent, DaObservation, IngestProgress. */
    public static AvroJsonLinesReader<SpecificRecord> events(BufferedReader in, String source, BadLineListener listener) {
        return new AvroJsonLinesReader<>(in, source, IngestRecords.UNION, SpecificRecord.class,
                IngestRecords::rollupId, IngestRecords::eventTime, listener);
    }

    /** Opens an event file (UTF-8). */
    public static AvroJsonLinesReader<SpecificRecord> openEvents(Path file, BadLineListener listener) throws IOException {
        return events(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString(), listener);
    }

    /** Reads an alert file: each line a {@link RiskAlert}. */
    public static AvroJsonLinesReader<RiskAlert> alerts(BufferedReader in, String source, BadLineListener listener) {
        return new AvroJsonLinesReader<>(in, source, RiskAlert.getClassSchema(), RiskAlert.class,
                RiskAlert::getRollupId, RiskAlert::getEventTime, listener);
    }

    /** Opens an alert file (UTF-8). */
    public static AvroJsonLinesReader<RiskAlert> openAlerts(Path file, BadLineListener listener) throws IOException {
        return alerts(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString(), listener);
    }

    /**
     * The next record, or {@code null} at the end of the file. Invalid lines in between are
     * reported and skipped.
     *
     * @throws IOException if the file cannot be read
     * @throws EventFileException if the listener chose to stop at a bad line
     */
    public T next() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            T record = parse(line);
            if (record != null) {
                records++;
                checkOrder(record);
                return record;
            }
        }
        return null;
    }

    private T parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            invalid("not valid JSON: " + e.getOriginalMessage());
            return null;
        }
        try {
            Object value = AvroJson.read(node, schema, "");
            if (!type.isInstance(value)) {
                // Only when the generated class is missing from the classpath: a build problem, not a data problem.
                throw new IllegalStateException("decoded " + (value == null ? "null" : value.getClass().getName())
                        + " where " + type.getName() + " was expected; are the generated Avro classes on the classpath?");
            }
            return type.cast(value);
        } catch (AvroJsonException e) {
            invalid(e.getMessage());
            return null;
        }
    }

    private void checkOrder(T record) {
        String key = orderKey.apply(record);
        Instant time = orderTime.apply(record);
        Instant last = lastTimeByKey.get(key);
        if (last != null && time.isBefore(last)) {
            outOfOrderLines++;
            listener.onBadLine(new BadLine(source, lineNumber, BadLine.Kind.OUT_OF_ORDER,
                    "L1 time " + time + " of rollup " + key + " is earlier than the previous line's " + last));
        } else {
            lastTimeByKey.put(key, time);
        }
    }

    private void invalid(String message) {
        invalidLines++;
        listener.onBadLine(new BadLine(source, lineNumber, BadLine.Kind.INVALID, message));
    }

    /** Lines read so far, blank and bad ones included. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Records returned so far. */
    public long records() {
        return records;
    }

    /** Invalid lines skipped so far. */
    public long invalidLines() {
        return invalidLines;
    }

    /** Lines read so far whose L1 time went backwards for their rollup (they were still returned). */
    public long outOfOrderLines() {
        return outOfOrderLines;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
