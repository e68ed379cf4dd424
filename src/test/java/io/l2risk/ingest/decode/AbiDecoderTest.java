package io.l2risk.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.l2risk.ingest.EventCatalog;
import io.l2risk.ingest.L1Log;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/** Decoding checked against web3j's independent ABI encoder. */
class AbiDecoderTest {

    private static final String B1 = "0x" + "11".repeat(32);
    private static final String B2 = "0x" + "22".repeat(32);

    @Test
    void shouldDecodeIndexedTopicsAndAStaticTupleOfSequencerBatchDelivered() {
        String data = "0x" + FunctionEncoder.encodeConstructor(List.<Type>of(
                new Bytes32(bytes(0x33)), new Uint256(41), new StaticStruct(new Uint64(1), new Uint64(2),
                        new Uint64(3), new Uint64(4)), new Uint8(3)));
        L1Log log = log(List.of(EventCatalog.Arbitrum.SEQUENCER_BATCH_DELIVERED.topic0(), word(7), B1, B2), data);

        DecodedEvent event = AbiDecoder.decode(EventCatalog.Arbitrum.SEQUENCER_BATCH_DELIVERED, log);

        assertThat(event.longValue("batchSequenceNumber")).isEqualTo(7);
        assertThat(event.fixedBytes("beforeAcc")).isEqualTo(B1);
        assertThat(event.fixedBytes("afterAcc")).isEqualTo(B2);
        assertThat(event.fixedBytes("delayedAcc")).isEqualTo("0x" + "33".repeat(32));
        assertThat(event.longValue("afterDelayedMessagesRead")).isEqualTo(41);
        assertThat(event.list("timeBounds")).containsExactly(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3),
                BigInteger.valueOf(4));
        assertThat(event.longValue("dataLocation")).isEqualTo(3);
    }

    @Test
    void shouldDecodeDynamicBytesArraysAndStringsBehindOffsets() {
        String data = "0x" + FunctionEncoder.encodeConstructor(List.<Type>of(
                new DynamicArray<>(Uint256.class, new Uint256(5), new Uint256(6)), new Uint256(9),
                new DynamicBytes(new byte[] {(byte) 0x88, 1, 2}), new Utf8String("paused by guardian"),
                new Address("0x00000000000000000000000000000000000000aa")));
        List<Object> values = AbiDecoder.decodeArguments(List.of("uint256[]", "uint256", "bytes", "string", "address"),
                AbiDecoder.bytes(data));

        assertThat(values.get(0)).isEqualTo(List.of(BigInteger.valueOf(5), BigInteger.valueOf(6)));
        assertThat(values.get(1)).isEqualTo(BigInteger.valueOf(9));
        assertThat((byte[]) values.get(2)).containsExactly((byte) 0x88, 1, 2);
        assertThat(values.get(3)).isEqualTo("paused by guardian");
        assertThat(values.get(4)).isEqualTo("0x00000000000000000000000000000000000000aa");
    }

    @Test
    void shouldDecodeSignedIntegersAndKeepIndexedDynamicValuesAsTheirHash() {
        // LogStateUpdate(uint256 globalRoot, int256 blockNumber, uint256 blockHash) with blockNumber -1
        String data = "0x" + word(1).substring(2) + "ff".repeat(32) + word(3).substring(2);
        DecodedEvent event = AbiDecoder.decode(EventCatalog.Starknet.LOG_STATE_UPDATE,
                log(List.of(EventCatalog.Starknet.LOG_STATE_UPDATE.topic0()), data));
        assertThat(event.integer("blockNumber")).isEqualTo(BigInteger.valueOf(-1));
        assertThat(event.get(2)).isEqualTo(BigInteger.valueOf(3));
    }

    @Test
    void shouldRejectShortDataAndOffsetsOutsideTheDataWithADecodingError() {
        L1Log shortData = log(List.of(EventCatalog.Arbitrum.SEQUENCER_BATCH_DELIVERED.topic0(), word(7), B1, B2),
                "0x" + "00".repeat(100));
        assertThatThrownBy(() -> AbiDecoder.decode(EventCatalog.Arbitrum.SEQUENCER_BATCH_DELIVERED, shortData))
                .isInstanceOf(AbiDecodingException.class).hasMessageContaining("but the data has 100");

        byte[] hugeOffset = AbiDecoder.bytes("ff".repeat(32));
        assertThatThrownBy(() -> AbiDecoder.decodeArguments(List.of("bytes"), hugeOffset))
                .isInstanceOf(AbiDecodingException.class).hasMessageContaining("out of range");

        byte[] hugeLength = AbiDecoder.bytes(word(32).substring(2) + word(1_000_000).substring(2));
        assertThatThrownBy(() -> AbiDecoder.decodeArguments(List.of("uint256[]"), hugeLength))
                .isInstanceOf(AbiDecodingException.class).hasMessageContaining("exceeds the data");
    }

    @Test
    void shouldRejectALogWithTheWrongNumberOfTopics() {
        L1Log log = log(List.of(EventCatalog.Arbitrum.SEQUENCER_BATCH_DELIVERED.topic0(), word(7)), "0x");
        assertThatThrownBy(() -> AbiDecoder.decode(EventCatalog.Arbitrum.SEQUENCER_BATCH_DELIVERED, log))
                .isInstanceOf(AbiDecodingException.class).hasMessageContaining("3 indexed parameters");
    }

    @Test
    void shouldNameTheEventWhenAGetterAsksForAMissingOrMistypedValue() {
        DecodedEvent event = AbiDecoder.decode(EventCatalog.Common.UPGRADED,
                log(List.of(EventCatalog.Common.UPGRADED.topic0(), word(0xaa)), "0x"));
        assertThat(event.address("implementation")).isEqualTo("0x00000000000000000000000000000000000000aa");
        assertThatThrownBy(() -> event.integer("implementation")).hasMessageContaining("Upgraded.implementation");
        assertThatThrownBy(() -> event.address("admin")).hasMessageContaining("Upgraded has no parameter admin");
    }

    static L1Log log(List<String> topics, String data) {
        return new L1Log("0x00000000000000000000000000000000000000c0", topics, data, 100, B1, B2, 0, 3, false);
    }

    static String word(long value) {
        return "0x" + String.format("%064x", value);
    }

    private static byte[] bytes(int value) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
