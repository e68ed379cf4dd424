package io.l2risk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.AbiTypes;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.StaticArray;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Blob;
import org.web3j.crypto.BlobUtils;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Drives L1 scenarios on an {@link AnvilNode}: the emitter contracts of {@code src/test/resources/solidity}
 * (every event of {@code io.l2risk.ingest.EventCatalog}, declared exactly as upstream declares it, one
 * {@code emit<Event>} function per event) placed at chosen addresses, called with plain Java arguments,
 * plus batcher transactions with calldata or blobs.
 *
 * <pre>{@code
 * L1Emitters l1 = L1Emitters.on(anvil);
 * l1.place(INBOX, "SequencerInboxEmitter");
 * String tx = l1.emitFrom(batcher, INBOX, "SequencerInboxEmitter", "addSequencerL2BatchFromOrigin",
 *         7, dasCertificate, 3, ZERO_ADDRESS, 100, 120);
 * anvil.mine(GENESIS + 12);   // transactions stay pending until a block is mined
 * }</pre>
 *
 * <p>Arguments follow the solc ABI of the function: {@code uintN}/{@code intN} take any {@link Number}
 * or a decimal or {@code 0x} string; {@code address} a hex string; {@code bytesN} and {@code bytes} a hex
 * string or {@code byte[]}; {@code bool} a {@link Boolean}; {@code string} a {@link String}; arrays a
 * {@link List} or Java array; tuples (structs) a {@link List} in component order or a {@link Map} by
 * component name. Enums are {@code uint8}.
 *
 * <p>The sources are compiled once per JVM. Topic hashes come from the solc ABI, so comparing them with
 * the catalog checks the catalog against the compiler rather than against itself.
 */
public final class L1Emitters {

    /** The emitter sources, on the test classpath under {@code solidity/}. */
    public static final List<String> SOURCES = List.of("Common.sol", "Arbitrum.sol", "OpStack.sol", "ZkSync.sol",
            "Scroll.sol", "Linea.sol", "Starknet.sol", "Polygon.sol");

    /** Bytes in one EIP-4844 blob: 4096 field elements of 32 bytes. */
    public static final int BLOB_SIZE = 131_072;
    private static final int FIELD_ELEMENTS = 4096;
    // Gas per calldata byte (non-zero, EIP-2028) on top of a generous base, so large batches fit.
    private static final long GAS_PER_CALLDATA_BYTE = 16;
    private static final long MAX_GAS = 15_000_000;
    // Fees generous enough for any anvil base fee a test reaches; dev accounts hold 10000 ether.
    private static final BigInteger MAX_PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MAX_FEE = BigInteger.valueOf(100_000_000_000L);
    private static final BigInteger MAX_FEE_PER_BLOB_GAS = BigInteger.valueOf(100_000_000_000L);
    private static final BigInteger BLOB_TX_GAS = BigInteger.valueOf(100_000);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private static Map<String, Contract> compiled;

    private final AnvilNode anvil;
    private String defaultSender;

    /** One compiled emitter with its parsed ABI. */
    private record Contract(String name, Solc.Compiled compiled, List<JsonNode> functions, List<JsonNode> events) {
    }

    private L1Emitters(AnvilNode anvil) {
        this.anvil = anvil;
    }

    /** Emitters on {@code anvil}; compiles the sources on first use in this JVM. */
    public static L1Emitters on(AnvilNode anvil) {
        contracts();
        return new L1Emitters(anvil);
    }

    // ---- compiled contracts (static: no node needed) ----

    /** The names of the deployable emitter contracts, sorted. */
    public static Set<String> contracts() {
        Set<String> names = new TreeSet<>();
        compiledContracts().forEach((name, contract) -> {
            if (contract.compiled().runtimeBytecode().length() > 2) {
                names.add(name);
            }
        });
        return names;
    }

    /** The solc output of {@code contract}. */
    public static Solc.Compiled compiled(String contract) {
        return contract(contract).compiled();
    }

    /**
     * The canonical signatures ({@code Name(type,...)}, structs as tuples) of the events {@code contract}
     * declares or inherits, from its solc ABI, in ABI order.
     */
    public static List<String> events(String contract) {
        return contract(contract).events().stream().map(L1Emitters::canonical).toList();
    }

    /**
     * Keccak-256 of the solc-reported signature of one event of {@code contract}.
     *
     * @param event the event name if {@code contract} has one event of that name, else its canonical signature
     */
    public static String topic0(String contract, String event) {
        return Hash.sha3String(canonical(pick(contract(contract).events(), contract, event, -1, "event")));
    }

    /** The transaction input for a call of {@code function} (a name, or a signature for overloads). */
    public static String calldata(String contract, String function, Object... args) {
        Contract c = contract(contract);
        JsonNode abi = pick(c.functions(), contract, function, args.length, "function");
        String signature = canonical(abi);
        String selector = c.compiled().methodIdentifiers().get(signature);
        if (selector == null) {
            throw new IllegalStateException("solc lists no selector for " + signature + " of " + contract);
        }
        JsonNode inputs = abi.path("inputs");
        if (inputs.size() != args.length) {
            throw new IllegalArgumentException(signature + " takes " + inputs.size() + " arguments, got " + args.length);
        }
        List<Type> params = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            params.add(toType(inputs.get(i), args[i], signature + " argument " + i));
        }
        String encoded = FunctionEncoder.encode("0x" + selector, params);
        return encoded.startsWith("0x") ? encoded : "0x" + encoded;
    }

    // ---- node interaction ----

    /** Puts the runtime code of {@code contract} at {@code address} (no constructor runs: storage starts empty). */
    public void place(String address, String contract) {
        anvil.setCode(address, compiled(contract).runtimeBytecode());
    }

    /** The sender of {@link #emit}: anvil's first dev account. */
    public String defaultSender() {
        if (defaultSender == null) {
            defaultSender = anvil.accounts().get(0);
        }
        return defaultSender;
    }

    /**
     * Calls {@code function} of the {@code contract} placed at {@code address} from {@link #defaultSender()};
     * returns the transaction hash. The transaction stays pending until the test mines a block.
     */
    public String emit(String address, String contract, String function, Object... args) {
        return emitFrom(defaultSender(), address, contract, function, args);
    }

    /** As {@link #emit} from {@code from}, impersonated when it is not a dev account (e.g. a registry batcher). */
    public String emitFrom(String from, String address, String contract, String function, Object... args) {
        return sendTransaction(from, address, calldata(contract, function, args));
    }

    /**
     * A plain transaction with {@code data} as input (e.g. an OP batcher's calldata batch to the batch
     * inbox), from {@code from}, impersonated when it is not a dev account; returns its hash.
     */
    public String sendTransaction(String from, String to, String data) {
        if (!anvil.accounts().contains(from.toLowerCase(Locale.ROOT))) {
            anvil.impersonate(from);
        }
        long bytes = (data.length() - (data.startsWith("0x") ? 2 : 0)) / 2;
        long gas = Math.min(MAX_GAS, AnvilNode.DEFAULT_GAS + GAS_PER_CALLDATA_BYTE * bytes);
        return anvil.sendTransaction(from, to, data, gas);
    }

    /**
     * Signs with {@code privateKey} and submits a type-3 (EIP-4844) transaction to {@code to} carrying
     * {@code blobs} in its sidecar, with empty calldata; returns its hash. The mined transaction reports
     * {@link #versionedHash(byte[])} of each blob in {@code blobVersionedHashes}.
     *
     * @param privateKey e.g. one of {@link AnvilNode#DEV_PRIVATE_KEYS}; the sender is its address
     * @param blobs each at most {@link #BLOB_SIZE} bytes (zero-padded), every 32-byte field element below
     *     the BLS12-381 modulus (see {@link #blobOf(byte[])})
     */
    public String sendBlobTransaction(String privateKey, String to, List<byte[]> blobs) {
        Credentials credentials = Credentials.create(privateKey);
        RawTransaction tx = RawTransaction.createTransaction(blobs.stream().map(b -> new Blob(padBlob(b))).toList(),
                AnvilNode.CHAIN_ID, BigInteger.valueOf(anvil.pendingNonce(credentials.getAddress())), MAX_PRIORITY_FEE,
                MAX_FEE, BLOB_TX_GAS, to, BigInteger.ZERO, "0x", MAX_FEE_PER_BLOB_GAS);
        return anvil.sendRawTransaction(Numeric.toHexString(TransactionEncoder.signMessage(tx, credentials)));
    }

    /**
     * {@code eth_call} of a view function of the {@code contract} at {@code address} on the latest block;
     * returns the raw ABI-encoded result ({@code 0x} hex).
     */
    public String call(String address, String contract, String function, Object... args) {
        ObjectNode tx = JSON.createObjectNode().put("to", address).put("data", calldata(contract, function, args));
        return anvil.call("eth_call", tx, "latest").asText();
    }

    // ---- blobs ----

    /**
     * A blob holding {@code payload} 31 bytes per field element, each element's first byte zero, so any
     * payload is a valid blob. This is not OP's or any rollup's blob encoding, only a carrier.
     */
    public static byte[] blobOf(byte[] payload) {
        if (payload.length > FIELD_ELEMENTS * 31) {
            throw new IllegalArgumentException("at most " + FIELD_ELEMENTS * 31 + " bytes fit, got " + payload.length);
        }
        byte[] blob = new byte[BLOB_SIZE];
        for (int i = 0; i * 31 < payload.length; i++) {
            System.arraycopy(payload, i * 31, blob, i * 32 + 1, Math.min(31, payload.length - i * 31));
        }
        return blob;
    }

    /** The EIP-4844 versioned hash of {@code blob}: {@code 0x01} then the tail of sha256 of its KZG commitment. */
    public static String versionedHash(byte[] blob) {
        return Numeric.toHexString(BlobUtils.kzgToVersionedHash(BlobUtils.getCommitment(new Blob(padBlob(blob))))
                .toArray());
    }

    private static byte[] padBlob(byte[] blob) {
        if (blob.length > BLOB_SIZE) {
            throw new IllegalArgumentException("a blob has at most " + BLOB_SIZE + " bytes, got " + blob.length);
        }
        return Arrays.copyOf(blob, BLOB_SIZE);
    }

    // ---- compilation and ABI ----

    private static synchronized Map<String, Contract> compiledContracts() {
        if (compiled == null) {
            Map<String, String> sources = new LinkedHashMap<>();
            for (String file : SOURCES) {
                sources.put(file, resource("solidity/" + file));
            }
            Map<String, Contract> contracts = new LinkedHashMap<>();
            Solc.compileAll(sources).forEach((name, output) -> {
                List<JsonNode> functions = new ArrayList<>();
                List<JsonNode> events = new ArrayList<>();
                try {
                    JSON.readTree(output.abi()).forEach(entry -> {
                        switch (entry.path("type").asText()) {
                            case "function" -> functions.add(entry);
                            case "event" -> events.add(entry);
                            default -> { }
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException("solc ABI of " + name + " is no JSON", e);
                }
                contracts.put(name, new Contract(name, output, List.copyOf(functions), List.copyOf(events)));
            });
            compiled = Map.copyOf(contracts);
        }
        return compiled;
    }

    private static Contract contract(String name) {
        Contract contract = compiledContracts().get(name);
        if (contract == null) {
            throw new IllegalArgumentException("no emitter contract " + name + "; known: " + contracts());
        }
        return contract;
    }

    private static String resource(String path) {
        try (InputStream in = L1Emitters.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    /** The ABI entry named {@code nameOrSignature}: by signature, or by name (and arity when {@code arity >= 0}). */
    private static JsonNode pick(List<JsonNode> entries, String contract, String nameOrSignature, int arity,
            String kind) {
        List<JsonNode> matches = entries.stream()
                .filter(e -> nameOrSignature.contains("(")
                        ? canonical(e).equals(nameOrSignature)
                        : e.path("name").asText().equals(nameOrSignature)
                                && (arity < 0 || e.path("inputs").size() == arity))
                .toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.size() + " " + kind + "s match " + nameOrSignature + " in "
                    + contract + (matches.isEmpty() ? "" : ": " + matches.stream().map(L1Emitters::canonical).toList()
                    + "; give the signature"));
        }
        return matches.get(0);
    }

    /** {@code name(type,...)} of an ABI function or event, tuples written out. */
    private static String canonical(JsonNode entry) {
        List<String> types = new ArrayList<>();
        entry.path("inputs").forEach(input -> types.add(canonicalType(input)));
        return entry.path("name").asText() + "(" + String.join(",", types) + ")";
    }

    private static String canonicalType(JsonNode param) {
        String type = param.path("type").asText();
        if (!type.startsWith("tuple")) {
            return type;
        }
        List<String> components = new ArrayList<>();
        param.path("components").forEach(c -> components.add(canonicalType(c)));
        return "(" + String.join(",", components) + ")" + type.substring("tuple".length());
    }

    private static boolean isDynamic(JsonNode param) {
        String type = param.path("type").asText();
        if (type.endsWith("[]") || type.equals("bytes") || type.equals("string")) {
            return true;
        }
        if (type.endsWith("]")) {
            return isDynamic(element(param));
        }
        if (type.equals("tuple")) {
            for (JsonNode component : param.path("components")) {
                if (isDynamic(component)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The ABI parameter of one element of the array parameter {@code param}. */
    private static JsonNode element(JsonNode param) {
        String type = param.path("type").asText();
        ObjectNode element = param.deepCopy();
        element.put("type", type.substring(0, type.lastIndexOf('[')));
        return element;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Type<?> toType(JsonNode param, Object value, String where) {
        String type = param.path("type").asText();
        try {
            if (type.endsWith("]")) {
                JsonNode element = element(param);
                List<Type> items = new ArrayList<>();
                List<Object> values = asList(value, where);
                for (int i = 0; i < values.size(); i++) {
                    items.add(toType(element, values.get(i), where + "[" + i + "]"));
                }
                // web3j needs the element class only to name the type of an empty array.
                Class elementClass = items.isEmpty() ? typeClass(element) : items.get(0).getClass();
                String length = type.substring(type.lastIndexOf('[') + 1, type.length() - 1);
                if (length.isEmpty()) {
                    return new DynamicArray(elementClass, items);
                }
                if (items.size() != Integer.parseInt(length)) {
                    throw new IllegalArgumentException(where + ": " + type + " needs " + length + " items, got "
                            + items.size());
                }
                return (Type<?>) Class.forName("org.web3j.abi.datatypes.generated.StaticArray" + length)
                        .getConstructor(Class.class, List.class).newInstance(elementClass, items);
            }
            if (type.equals("tuple")) {
                JsonNode components = param.path("components");
                List<Object> values = value instanceof Map<?, ?> byName ? byName(components, byName, where)
                        : asList(value, where);
                if (values.size() != components.size()) {
                    throw new IllegalArgumentException(where + ": tuple " + canonicalType(param) + " needs "
                            + components.size() + " components, got " + values.size());
                }
                List<Type> fields = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    JsonNode component = components.get(i);
                    fields.add(toType(component, values.get(i), where + "." + component.path("name").asText()));
                }
                return isDynamic(param) ? new DynamicStruct(fields) : new StaticStruct(fields);
            }
            if (type.equals("address")) {
                return new Address((String) value);
            }
            if (type.equals("bool")) {
                return new Bool((Boolean) value);
            }
            if (type.equals("string")) {
                return new Utf8String((String) value);
            }
            if (type.equals("bytes")) {
                return new DynamicBytes(bytes(value));
            }
            if (type.startsWith("bytes")) {
                byte[] bytes = bytes(value);
                int size = Integer.parseInt(type.substring("bytes".length()));
                if (bytes.length != size) {
                    throw new IllegalArgumentException(where + ": " + type + " needs " + size + " bytes, got "
                            + bytes.length);
                }
                return AbiTypes.getType(type).getConstructor(byte[].class).newInstance((Object) bytes);
            }
            if (type.startsWith("uint") || type.startsWith("int")) {
                return AbiTypes.getType(type).getConstructor(BigInteger.class).newInstance(integer(value, where));
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(where + ": " + type + " cannot take a " + value.getClass().getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(where + ": " + value + " is no " + type + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(where + ": no web3j type for " + type, e);
        }
        throw new IllegalArgumentException(where + ": unsupported ABI type " + type);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Type<?>> typeClass(JsonNode param) {
        String type = param.path("type").asText();
        if (type.endsWith("]")) {
            return (Class<? extends Type<?>>) (Class<?>) (type.endsWith("[]") ? DynamicArray.class : StaticArray.class);
        }
        if (type.equals("tuple")) {
            return (Class<? extends Type<?>>) (Class<?>) (isDynamic(param) ? DynamicStruct.class : StaticStruct.class);
        }
        return (Class<? extends Type<?>>) (Class<?>) AbiTypes.getType(type);
    }

    private static List<Object> byName(JsonNode components, Map<?, ?> values, String where) {
        List<Object> ordered = new ArrayList<>();
        for (JsonNode component : components) {
            String name = component.path("name").asText();
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(where + ": no value for component " + name);
            }
            ordered.add(values.get(name));
        }
        if (values.size() != components.size()) {
            throw new IllegalArgumentException(where + ": unknown components in " + values.keySet());
        }
        return ordered;
    }

    private static List<Object> asList(Object value, String where) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value != null && value.getClass().isArray() && !(value instanceof byte[])) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(Array.get(value, i));
            }
            return list;
        }
        throw new IllegalArgumentException(where + ": an array or tuple needs a List or array, got " + value);
    }

    private static BigInteger integer(Object value, String where) {
        if (value instanceof BigInteger big) {
            return big;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof Enum<?> constant) {
            return BigInteger.valueOf(constant.ordinal());
        }
        if (value instanceof String text) {
            return text.startsWith("0x") ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
        }
        throw new IllegalArgumentException(where + ": not an integer: " + value);
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        String hex = (String) value;
        return HEX.parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
    }
}
