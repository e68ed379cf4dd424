package io.l2risk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.l2risk.registry.Stack;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventSignatureTest {

    @Test
    void shouldDeriveTheCanonicalSignatureByDroppingNamesAndIndexed() {
        EventSignature event = EventSignature.of(Stack.ARBITRUM_NITRO,
                "SequencerBatchDelivered(uint256 indexed batchSequenceNumber, bytes32 indexed beforeAcc, "
                        + "bytes32 indexed afterAcc, bytes32 delayedAcc, uint256 afterDelayedMessagesRead, "
                        + "(uint64,uint64,uint64,uint64) timeBounds, uint8 dataLocation)", "sequencerInbox");
        assertEquals(
                "SequencerBatchDelivered(uint256,bytes32,bytes32,bytes32,uint256,(uint64,uint64,uint64,uint64),uint8)",
                event.canonical());
        assertEquals("SequencerBatchDelivered", event.name());
        assertEquals(new EventSignature.Param("(uint64,uint64,uint64,uint64)", false, "timeBounds"),
                event.params().get(5));
        assertEquals(List.of(true, true, true, false, false, false, false),
                event.params().stream().map(EventSignature.Param::indexed).toList());
        assertEquals(Optional.of(Stack.ARBITRUM_NITRO), event.stack());
        assertEquals(Set.of("sequencerInbox"), event.roles());
    }

    @Test
    void shouldKeepArraysOfTuplesAndNestedTuplesInTheCanonicalForm() {
        EventSignature event = EventSignature.common(
                "X((bytes32[2],uint64[2])[] states, uint256[] payload, bytes[] deps)", "watched");
        assertEquals("X((bytes32[2],uint64[2])[],uint256[],bytes[])", event.canonical());
        assertEquals(List.of("states", "payload", "deps"),
                event.params().stream().map(EventSignature.Param::name).toList());
    }

    @Test
    void shouldAcceptAnEventWithoutParameters() {
        EventSignature freeze = EventSignature.of(Stack.ZKSYNC_ERA, "Freeze()", "diamondProxy");
        assertEquals("Freeze()", freeze.canonical());
        assertEquals(List.of(), freeze.params());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Bad(uint x)",                                   // uint is not canonical: uint256
        "Bad(bytes33 x)",
        "Bad(GameType indexed gameType)",                // a UDT must be written as its base type
        "Bad(uint8 indexed a, uint8 indexed b, uint8 indexed c, uint8 indexed d)",
        "Bad((uint8, bool) x)",                          // tuple components are bare types
        "Bad(uint8 x",
        "Bad(uint8 a b c)",
        "1Bad(uint8 x)"
    })
    void shouldRejectADeclarationThatIsNotCanonical(String declaration) {
        assertThrows(IllegalArgumentException.class, () -> EventSignature.of(Stack.GENERIC, declaration, "rollup"));
    }

    @Test
    void shouldRejectAnEventWithoutRoles() {
        assertThrows(IllegalArgumentException.class,
                () -> EventSignature.common("Upgraded(address indexed implementation)"));
    }
}
