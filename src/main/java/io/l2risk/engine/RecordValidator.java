package io.l2risk.engine;

import io.l2risk.avro.BatchPosted;
import io.l2risk.avro.BridgeEvent;
import io.l2risk.avro.DaObservation;
import io.l2risk.avro.IngestProgress;
import io.l2risk.avro.ProofEvent;
import io.l2risk.records.IngestRecords;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Domain validation of ingest records, before they reach any indicator. An invalid record is a
 * {@link Reject} (dead-letter data), never an exception, and never changes state.
 */
final class RecordValidator {

    /** Ethereum mainnet genesis, 2015-07-30T15:26:13Z: no L1 record can be older. */
    static final Instant L1_GENESIS = Instant.parse("2015-07-30T15:26:13Z");

    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    /** 2^256 − 1 has 78 decimal digits. */
    private static final int UINT256_MAX_DIGITS = 78;

    private final Duration maxFutureSkew;

    RecordValidator(Duration maxFutureSkew) {
        this.maxFutureSkew = maxFutureSkew;
    }

    Optional<Reject> validate(SpecificRecord record, long wallMillis) {
        if (!IngestRecords.TYPES.contains(record.getClass())) {
            return reject("NOT_AN_INGEST_RECORD", record.getSchema().getFullName() + " is not an ingest record");
        }
        String rollupId = IngestRecords.rollupId(record);
        if (rollupId == null || rollupId.isBlank()) {
            return reject("MISSING_ROLLUP_ID", "rollupId is empty");
        }
        Instant time = IngestRecords.eventTime(record);
        if (time.isBefore(L1_GENESIS)) {
            return reject("TIME_TOO_OLD", "L1 time " + time + " is before Ethereum's genesis (" + L1_GENESIS + ")");
        }
        Instant limit = Instant.ofEpochMilli(wallMillis).plus(maxFutureSkew);
        if (time.isAfter(limit)) {
            return reject("TIME_IN_FUTURE", "L1 time " + time + " is more than " + Text.duration(maxFutureSkew)
                    + " ahead of the wall clock");
        }
        if (record instanceof BridgeEvent bridge) {
            return amount("amount", bridge.getAmount());
        } else if (record instanceof BatchPosted batch) {
            Optional<Reject> fee = amount("feeWei", batch.getFeeWei());
            if (fee.isPresent()) {
                return fee;
            }
            return counts(batch);
        } else if (record instanceof IngestProgress progress) {
            if (progress.getScannedThroughBlock() < 0 || progress.getScannedThroughBlock() > progress.getL1HeadBlock()) {
                return reject("INVALID_FIELD", "scannedThroughBlock " + progress.getScannedThroughBlock()
                        + " must be between 0 and l1HeadBlock " + progress.getL1HeadBlock());
            }
        } else if (record instanceof ProofEvent proof) {
            Long start = proof.getBatchIndexStart();
            Long end = proof.getBatchIndexEnd();
            if (start != null && end != null && start > end) {
                return reject("INVALID_FIELD", "batchIndexStart " + start + " is after batchIndexEnd " + end);
            }
        } else if (record instanceof DaObservation da && da.getLatencyMillis() != null && da.getLatencyMillis() < 0) {
            return reject("INVALID_FIELD", "latencyMillis " + da.getLatencyMillis() + " is negative");
        }
        return Optional.empty();
    }

    private static Optional<Reject> counts(BatchPosted batch) {
        Integer signers = batch.getDacSigners();
        Integer members = batch.getDacMembers();
        Integer threshold = batch.getDacThreshold();
        if ((signers != null && signers < 0) || (members != null && members < 0) || (threshold != null && threshold < 0)) {
            return reject("INVALID_FIELD", "DAC counts must not be negative");
        }
        if (signers != null && members != null && signers > members) {
            return reject("INVALID_FIELD", "dacSigners " + signers + " exceeds dacMembers " + members);
        }
        if (batch.getDataBytes() != null && batch.getDataBytes() < 0) {
            return reject("INVALID_FIELD", "dataBytes " + batch.getDataBytes() + " is negative");
        }
        return Optional.empty();
    }

    private static Optional<Reject> amount(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!isUint256(value)) {
            String shown = value.length() > 40 ? value.substring(0, 37) + "..." : value;
            return reject("INVALID_AMOUNT", field + " \"" + shown
                    + "\" is not an unsigned base-10 integer (wei) within uint256");
        }
        return Optional.empty();
    }

    /**
     * 1 to 78 ASCII digits within uint256, as {@code [0-9]{1,78}} and a {@link BigInteger} comparison
     * would say, without either for the common case: fewer than 78 digits are always below 2^256.
     */
    static boolean isUint256(String value) {
        int length = value.length();
        if (length == 0 || length > UINT256_MAX_DIGITS) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return length < UINT256_MAX_DIGITS || new BigInteger(value).compareTo(UINT256_MAX) <= 0;
    }

    private static Optional<Reject> reject(String code, String message) {
        return Optional.of(new Reject(code, message));
    }
}
