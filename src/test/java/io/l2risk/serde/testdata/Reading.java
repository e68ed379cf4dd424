package io.l2risk.serde.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.Conversion;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A hand-written SpecificRecord shaped like the classes avro-maven-plugin generates (static
 * {@code SCHEMA$} and {@code MODEL$}, a timestamp-millis field as {@link Instant}), so the serde tests
 * do not depend on schemas/ while those are being written. Its schema is {@code serde/reading-v2.avsc}.
 */
public class Reading extends SpecificRecordBase {

    public static final Schema SCHEMA$ = load("/serde/reading-v2.avsc");
    private static final SpecificData MODEL$ = new SpecificData();
    private static final Conversion<?>[] CONVERSIONS = {null, null, new TimeConversions.TimestampMillisConversion(), null};

    static {
        MODEL$.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    private String sensor;
    private long value;
    private Instant observedAt;
    private String unit;

    /** For Avro's reflective instantiation. */
    public Reading() {
    }

    public Reading(String sensor, long value, Instant observedAt, String unit) {
        this.sensor = sensor;
        this.value = value;
        this.observedAt = observedAt;
        this.unit = unit;
    }

    public static Schema getClassSchema() {
        return SCHEMA$;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public SpecificData getSpecificData() {
        return MODEL$;
    }

    @Override
    public Conversion<?> getConversion(int field) {
        return CONVERSIONS[field];
    }

    @Override
    public Object get(int field) {
        switch (field) {
            case 0: return sensor;
            case 1: return value;
            case 2: return observedAt;
            case 3: return unit;
            default: throw new IndexOutOfBoundsException("Invalid index: " + field);
        }
    }

    @Override
    public void put(int field, Object v) {
        switch (field) {
            case 0: sensor = v == null ? null : v.toString(); break;
            case 1: value = (Long) v; break;
            case 2: observedAt = (Instant) v; break;
            case 3: unit = v == null ? null : v.toString(); break;
            default: throw new IndexOutOfBoundsException("Invalid index: " + field);
        }
    }

    public String getSensor() {
        return sensor;
    }

    public long getValue() {
        return value;
    }

    public Instant getObservedAt() {
        return observedAt;
    }

    public String getUnit() {
        return unit;
    }

    private static Schema load(String resource) {
        try (InputStream in = Objects.requireNonNull(Reading.class.getResourceAsStream(resource), resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
