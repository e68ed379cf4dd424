package io.l2risk.ingest.decode;

/** An ABI encoding that does not match its declared types: short data, offsets or lengths out of range. */
public final class AbiDecodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AbiDecodingException(String message) {
        super(message);
    }
}
