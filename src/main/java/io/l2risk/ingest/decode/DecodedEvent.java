package io.l2risk.ingest.decode;

import io.l2risk.ingest.EventSignature;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter values of one decoded log, by name and by position (see {@link AbiDecoder} for the Java
 * type of each ABI type). Typed getters fail with {@link AbiDecodingException} on a missing name or a
 * value of another type, so a decoder bug reads as a decoding error with the event's name.
 */
public final class DecodedEvent {

    private final EventSignature event;
    private final Map<String, Object> values;
    private final List<Object> ordered;

    DecodedEvent(EventSignature event, Map<String, Object> values, List<Object> ordered) {
        this.event = event;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.ordered = List.copyOf(ordered);
    }

    /** The event the log was decoded as. */
    public EventSignature event() {
        return event;
    }

    /** Every named value in declaration order. */
    public Map<String, Object> values() {
        return values;
    }

    /** The value of the {@code index}-th parameter (0-based, indexed and non-indexed alike). */
    public Object get(int index) {
        return ordered.get(index);
    }

    /** An unsigned or signed integer parameter. */
    public BigInteger integer(String name) {
        return as(name, BigInteger.class);
    }

    /**
     * An integer parameter that fits a {@code long}.
     *
     * @throws AbiDecodingException when it does not (a batch number beyond 2^63 is not a real batch number)
     */
    public long longValue(String name) {
        BigInteger value = integer(name);
        if (value.bitLength() > 63) {
            throw new AbiDecodingException(event.name() + "." + name + " = " + value + " does not fit a long");
        }
        return value.longValue();
    }

    /** An {@code address} parameter, lower case. */
    public String address(String name) {
        return as(name, String.class);
    }

    /** A {@code bytesN} parameter (or the hash of an indexed dynamic one) as {@code 0x} hex. */
    public String fixedBytes(String name) {
        return as(name, String.class);
    }

    /** A {@code bool} parameter. */
    public boolean bool(String name) {
        return as(name, Boolean.class);
    }

    /** A {@code bytes} parameter. */
    public byte[] bytes(String name) {
        return as(name, byte[].class);
    }

    /** A tuple or array parameter. */
    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        return as(name, List.class);
    }

    private <T> T as(String name, Class<T> type) {
        Object value = values.get(name);
        if (value == null) {
            throw new AbiDecodingException(event.name() + " has no parameter " + name);
        }
        if (!type.isInstance(value)) {
            throw new AbiDecodingException(event.name() + "." + name + " is a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return event.name() + values;
    }
}
