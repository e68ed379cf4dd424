package io.l2risk.ingest.decode;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.DaMode;
import io.l2risk.ingest.EventSignature;
import io.l2risk.ingest.L1Log;
import io.l2risk.ingest.L1Transaction;
import io.l2risk.registry.RollupConfig;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.web3j.crypto.Hash;

/**
 * What the decoders of the validity stacks (zkSync Era, Scroll, Linea, Starknet, Polygon zkEVM) share:
 * the data-availability mode of a posting transaction, the sender of the transaction that emitted a log,
 * the other logs of that transaction, and the few ABI encodings needed to recompute message hashes.
 */
final class ValidityDecoding {

    private static final int WORD = 32;

    private ValidityDecoding() {
    }

    /** The transaction that emitted {@code log}, when the node knows it. */
    static Optional<L1Transaction> transaction(RoutedLog log, DecodeContext context) {
        return context.transaction(log.log().transactionHash());
    }

    /** The sender of {@code tx}, lower case; null when the transaction is unknown. */
    static String sender(Optional<L1Transaction> tx) {
        return tx.map(t -> t.from().toLowerCase(Locale.ROOT)).orElse(null);
    }

    /**
     * A {@code BatchPosted} whose DA mode, blob hashes, data size and submitter come from the posting
     * transaction: a type-3 transaction carries its batch in blobs (the schema lists the posting
     * transaction's blob hashes); any other carries it as calldata, unless the rollup's registry entry
     * says its data lives off Ethereum ({@link #offBlobMode}). Without the transaction the mode is UNKNOWN.
     * {@code dataBytes} is the calldata size for CALLDATA batches and unset otherwise: a blob's payload size
     * needs the blob itself, and a certificate's size says nothing about the batch.
     */
    static BatchPosted.Builder posted(RoutedLog log, Optional<L1Transaction> tx) {
        BatchPosted.Builder batch = Records.batch(log).setDaMode(DaMode.UNKNOWN);
        if (tx.isEmpty()) {
            return batch;
        }
        L1Transaction t = tx.get();
        batch.setSubmitter(t.from().toLowerCase(Locale.ROOT));
        if (t.type() == 3 && !t.blobVersionedHashes().isEmpty()) {
            return batch.setDaMode(DaMode.BLOB).setBlobVersionedHashes(t.blobVersionedHashes());
        }
        DaMode mode = offBlobMode(log.rollup());
        batch.setDaMode(mode);
        if (mode == DaMode.CALLDATA) {
            batch.setDataBytes((long) t.inputSize());
        }
        return batch;
    }

    /**
     * The DA mode of a rollup's batch posted without blobs, from its registry entry: calldata on Ethereum,
     * a committee's certificate for a validium ({@code DAC}), a commitment to another DA layer
     * ({@code EXTERNAL}); AnyTrust belongs to Arbitrum and is not expected here.
     */
    static DaMode offBlobMode(RollupConfig rollup) {
        return switch (rollup.da()) {
            case ETHEREUM -> DaMode.CALLDATA;
            case DAC -> DaMode.DAC_CERTIFICATE;
            case EXTERNAL -> DaMode.ALT_DA_COMMITMENT;
            case ANYTRUST -> DaMode.UNKNOWN;
        };
    }

    /**
     * The logs of {@code log}'s transaction that are {@code event}, emitted by this rollup's contract of one
     * of the event's roles, decoded; logs that do not decode are left out (they become UNKNOWN_EVENT on
     * their own).
     */
    static List<DecodedEvent> siblings(RoutedLog log, DecodeContext context, EventSignature event) {
        Set<String> emitters = new HashSet<>();
        for (String role : event.roles()) {
            log.rollup().contract(role).ifPresent(emitters::add);
        }
        List<DecodedEvent> found = new ArrayList<>();
        for (L1Log other : context.logsOfTransaction(log.log().transactionHash())) {
            if (other.topic0().equalsIgnoreCase(event.topic0())
                    && emitters.contains(other.address().toLowerCase(Locale.ROOT))) {
                try {
                    found.add(AbiDecoder.decode(event, other));
                } catch (AbiDecodingException e) {
                    // Reported as UNKNOWN_EVENT when that log itself is decoded.
                }
            }
        }
        return found;
    }

    /** Position of {@code log} among the logs of its transaction that {@code siblings} found (by log index). */
    static int positionAmong(RoutedLog log, DecodeContext context, EventSignature event) {
        int position = 0;
        for (L1Log other : context.logsOfTransaction(log.log().transactionHash())) {
            if (other.logIndex() == log.log().logIndex()) {
                return position;
            }
            if (other.topic0().equalsIgnoreCase(event.topic0())
                    && other.address().equalsIgnoreCase(log.log().address())) {
                position++;
            }
        }
        return -1;
    }

    /** Seconds since the epoch as an instant; null for 0 (no deadline) or a value past the year 10000. */
    static Instant epochSeconds(BigInteger seconds) {
        if (seconds.signum() <= 0 || seconds.compareTo(BigInteger.valueOf(253_402_300_799L)) > 0) {
            return null;
        }
        return Instant.ofEpochSecond(seconds.longValueExact());
    }

    /** A long, or null when the value does not fit (or is negative). */
    static Long longOrNull(BigInteger value) {
        return value.signum() >= 0 && value.bitLength() <= 63 ? value.longValue() : null;
    }

    /** The 4-byte selector of a canonical function signature. */
    static byte[] selector(String signature) {
        return AbiDecoder.bytes(Calls.selector(signature));
    }

    /** Keccak-256 as {@code 0x} hex. */
    static String keccak(byte[] data) {
        return AbiDecoder.hex(Hash.sha3(data));
    }

    /** One ABI word holding an unsigned integer (two's complement for negatives). */
    static byte[] word(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] word = new byte[WORD];
        if (value.signum() < 0) {
            Arrays.fill(word, (byte) 0xff);
        }
        int length = Math.min(raw.length, WORD);
        System.arraycopy(raw, raw.length - length, word, WORD - length, length);
        return word;
    }

    /** One ABI word holding an address ({@code 0x} hex), left-padded. */
    static byte[] addressWord(String address) {
        return word(new BigInteger(1, AbiDecoder.bytes(address)));
    }

    /**
     * {@code abi.encode} of static words followed by one {@code bytes} value: the head holds the words and
     * the offset of the bytes, the tail their length and zero-padded content.
     */
    static byte[] encodeWithTrailingBytes(List<byte[]> words, byte[] dynamic) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        words.forEach(out::writeBytes);
        out.writeBytes(word(BigInteger.valueOf((words.size() + 1L) * WORD)));
        out.writeBytes(word(BigInteger.valueOf(dynamic.length)));
        out.writeBytes(dynamic);
        out.writeBytes(new byte[(WORD - dynamic.length % WORD) % WORD]);
        return out.toByteArray();
    }

    /** Concatenation, for {@code abi.encodePacked} of words. */
    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
