package io.l2risk.ingest.decode;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Placeholder until this stack's decoder lands (issue 5, in progress). */
final class CommonDecoder implements StackDecoder {

    @Override
    public List<SpecificRecord> decode(DecodedEvent event, RoutedLog log, DecodeContext context) {
        throw new UnsupportedOperationException("Common decoder not yet written");
    }
}
