package io.l2risk.serde;

import io.l2risk.serde.testdata.Reading;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The Reading test schemas (src/test/resources/serde) and records of them. */
final class TestSchemas {

    static final Schema V1 = load("reading-v1.avsc");
    /** The schema of the {@link Reading} class. */
    static final Schema V2 = Reading.SCHEMA$;
    static final Schema V3 = load("reading-v3.avsc");
    /** Lacks the required field {@code value}: a Reading reader cannot read it. */
    static final Schema INCOMPATIBLE = load("reading-incompatible.avsc");

    /** 2024-03-01T00:00:00Z, an arbitrary fixed instant. */
    static final long OBSERVED_AT_MILLIS = 1_709_251_200_000L;

    private TestSchemas() {
    }

    static GenericRecord v1(String sensor, long value) {
        GenericRecord r = new GenericData.Record(V1);
        r.put("sensor", sensor);
        r.put("value", value);
        r.put("observedAt", OBSERVED_AT_MILLIS);
        return r;
    }

    static GenericRecord v3(String sensor, long value, String unit, String note) {
        GenericRecord r = new GenericData.Record(V3);
        r.put("sensor", sensor);
        r.put("value", value);
        r.put("observedAt", OBSERVED_AT_MILLIS);
        r.put("unit", unit);
        r.put("note", note);
        return r;
    }

    static GenericRecord incompatible(String sensor) {
        GenericRecord r = new GenericData.Record(INCOMPATIBLE);
        r.put("sensor", sensor);
        return r;
    }

    static Schema load(String name) {
        try (InputStream in = Objects.requireNonNull(TestSchemas.class.getResourceAsStream("/serde/" + name), name)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
