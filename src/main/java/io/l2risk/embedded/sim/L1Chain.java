package io.l2risk.embedded.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * Ethereum mainnet as the simulator pretends it is: one block every 12-second slot since the Merge,
 * numbered from the Merge block, and deterministic hashes for blocks, transactions and addresses.
 * Real mainnet numbers run a little lower (about 1% of slots are missed); nothing here depends on
 * matching them, only on every record agreeing with every other about block ↔ time.
 */
final class L1Chain {

    /** Mainnet block 15 537 394 was the first proof-of-stake block, at 2022-09-15T06:42:59Z. */
    static final long MERGE_BLOCK = 15_537_394L;
    static final long MERGE_EPOCH_SECOND = 1_663_224_179L;
    static final long SLOT_SECONDS = 12;
    static final Duration SLOT = Duration.ofSeconds(SLOT_SECONDS);
    /** Slots per epoch: a block is final once the epoch after next is justified (12.8–19.2 min). */
    static final long SLOTS_PER_EPOCH = 32;

    private L1Chain() {
    }

    /** The number of the block whose slot holds {@code time} (the block at or before it). */
    static long block(Instant time) {
        return MERGE_BLOCK + Math.floorDiv(time.getEpochSecond() - MERGE_EPOCH_SECOND, SLOT_SECONDS);
    }

    /** The timestamp of {@code block}. */
    static Instant time(long block) {
        return Instant.ofEpochSecond(MERGE_EPOCH_SECOND + (block - MERGE_BLOCK) * SLOT_SECONDS);
    }

    /** The first slot time at or after {@code time}. */
    static Instant slotAtOrAfter(Instant time) {
        Instant slot = time(block(time));
        return slot.equals(time) ? slot : time(block(time) + 1);
    }

    /**
     * When {@code block} becomes final: Casper FFG finalizes an epoch's blocks once the epoch after the
     * next is justified, i.e. at the start of epoch E+3 for a block of epoch E (12.8 to 19.2 minutes).
     */
    static Instant finalizedAt(long block) {
        long slot = block - MERGE_BLOCK;
        long epoch = Math.floorDiv(slot, SLOTS_PER_EPOCH);
        return time(MERGE_BLOCK + (epoch + 3) * SLOTS_PER_EPOCH);
    }

    // --- deterministic identifiers -------------------------------------------------------------

    /** SplitMix64's finalizer: a well-mixed 64-bit value from any 64-bit input. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A stable 64-bit key for a string (String.hashCode is specified, so it is the same in every JVM). */
    static long key(String text) {
        return mix(text.hashCode() * 0x9e3779b97f4a7c15L + text.length());
    }

    /** 32 bytes of 0x-prefixed lower-case hex derived from two longs. */
    static String hash32(long a, long b) {
        StringBuilder hex = new StringBuilder(66).append("0x");
        long state = mix(a) ^ mix(b + 0x632be59bd9b4e019L);
        for (int i = 0; i < 4; i++) {
            state = mix(state + 0x9e3779b97f4a7c15L);
            appendHex(hex, state, 16);
        }
        return hex.toString();
    }

    /** A 20-byte 0x-prefixed lower-case address derived from two longs. */
    static String address(long a, long b) {
        return "0x" + hash32(a, b).substring(26);
    }

    /** The hash of {@code block} in the simulated chain of {@code seed}: every record of that block agrees. */
    static String blockHash(long seed, long block) {
        return hash32(seed ^ 0x626c6f636bL, block);
    }

    private static void appendHex(StringBuilder hex, long value, int digits) {
        String s = Long.toHexString(value);
        for (int i = s.length(); i < digits; i++) {
            hex.append('0');
        }
        hex.append(s);
    }
}
