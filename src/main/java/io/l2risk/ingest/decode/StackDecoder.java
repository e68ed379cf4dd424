package io.l2risk.ingest.decode;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns the decoded logs of one rollup stack into ingest records ({@code BatchPosted}, {@code ProofEvent},
 * {@code BridgeEvent}). {@link LogDecoders} has already matched the log's (role, topic0) to
 * {@code event.event()} and decoded its parameters; a stack decoder decides what the event means.
 */
public interface StackDecoder {

    /**
     * The records {@code event} stands for, in the order they happened; empty for an event that is
     * understood but carries nothing the engine uses (an empty list is counted, not lost).
     *
     * @throws AbiDecodingException when a payload inside the event (batch data, keyset bytes) is malformed
     */
    List<SpecificRecord> decode(DecodedEvent event, RoutedLog log, DecodeContext context);
}
