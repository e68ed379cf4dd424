package io.l2risk.ingest.decode;

import io.l2risk.ingest.EventCatalog;
import io.l2risk.ingest.EventSignature;
import io.l2risk.registry.Stack;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a log to its decoder by emitter role and topic0 ({@link EventCatalog#find}), never by event
 * name, decodes its parameters and lets the event's stack decoder turn it into records.
 *
 * <p>Nothing is dropped silently: a topic0 the catalog does not know for the role, or a payload that does
 * not decode as declared, becomes an {@code UNKNOWN_EVENT} bridge record with the topic0 and the reason,
 * so that an operator sees that the decoder may be stale (a contract upgrade that added events is itself
 * a risk signal).
 */
public final class LogDecoders {

    private static final Logger LOG = LoggerFactory.getLogger(LogDecoders.class);

    private final Map<Stack, StackDecoder> byStack;
    private final StackDecoder common;

    LogDecoders(Map<Stack, StackDecoder> byStack, StackDecoder common) {
        this.byStack = new EnumMap<>(byStack);
        this.common = common;
    }

    /** The decoders of every stack the catalog covers. */
    public static LogDecoders standard() {
        Map<Stack, StackDecoder> byStack = new EnumMap<>(Stack.class);
        byStack.put(Stack.ARBITRUM_NITRO, new ArbitrumDecoder());
        byStack.put(Stack.OP_STACK, new OpStackDecoder());
        byStack.put(Stack.ZKSYNC_ERA, new ZkSyncDecoder());
        byStack.put(Stack.SCROLL, new ScrollDecoder());
        byStack.put(Stack.LINEA, new LineaDecoder());
        byStack.put(Stack.STARKNET, new StarknetDecoder());
        byStack.put(Stack.POLYGON_ZKEVM, new PolygonDecoder());
        return new LogDecoders(byStack, new CommonDecoder());
    }

    /** The records {@code log} stands for (possibly none), or one {@code UNKNOWN_EVENT}. */
    public List<SpecificRecord> decode(RoutedLog log, DecodeContext context) {
        Optional<EventSignature> match = EventCatalog.find(log.role(), log.log().topic0());
        if (match.isEmpty()) {
            return List.of(Records.unknown(log, null, null));
        }
        EventSignature event = match.get();
        StackDecoder decoder = event.stack().map(byStack::get).orElse(common);
        try {
            return decoder.decode(AbiDecoder.decode(event, log.log()), log, context);
        } catch (AbiDecodingException e) {
            LOG.warn("{} log {}#{} from {} ({}) does not decode as {}: {}", log.rollupId(), log.log().transactionHash(),
                    log.log().logIndex(), log.log().address(), log.role(), event.canonical(), e.getMessage());
            return List.of(Records.unknown(log, event.canonical(), e.getMessage()));
        }
    }
}
